// Queries of retention: the worklist of people past their retention date (the latest over every
// funder that paid for or was claimed for them: funding/retention-date.ts), and the streams' dates.
import type { GridQuery } from '../../../shared/contract/common';
import type { RetentionRow } from '../../../shared/contract/trust.contract';
import type { Db, Tx } from '../../store/schema';
import { checkGridQuery, gridColumnRules } from '../grid/grid-query';
import { personRetainUntil } from '../funding/retention-date';

/** The worklist keeps its own order (soonest past its date first): nothing to sort or filter by. */
const retentionGridColumns = gridColumnRules<RetentionRow>({});

export function worklistQuery(db: Db, today: string) {
  return db
    .selectFrom('participants as p')
    .leftJoin('funding_streams as f', 'f.id', 'p.funding_stream_id')
    .where(personRetainUntil(), 'is not', null)
    .where(personRetainUntil(), '<', today)
    .where('p.status', 'not in', ['anonymised', 'merged'])
    .where((eb) => eb.or([eb('p.status', '=', 'left'), eb('p.leave_date', 'is not', null)]));
}

export async function retentionWorklist(
  db: Db,
  today: string,
  query: GridQuery,
): Promise<{ rows: RetentionRow[]; total: number }> {
  checkGridQuery(query, retentionGridColumns);
  const rows = await worklistQuery(db, today)
    .select([
      'p.id',
      'p.reference',
      'f.name as fundingStream',
      personRetainUntil().as('retainUntil'),
      'p.leave_date as leaveDate',
    ])
    .orderBy(personRetainUntil())
    .orderBy('p.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const total = await worklistQuery(db, today)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { rows, total: Number(total.n) };
}

export async function retentionStreams(db: Db, today: string) {
  const streams = await db
    .selectFrom('funding_streams')
    .select(['id', 'code', 'name', 'retain_until'])
    .orderBy('name')
    .execute();
  const counts = await worklistQuery(db, today)
    .select(['f.id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('f.id')
    .execute();
  const byStream = new Map(counts.map((c) => [c.id, Number(c.n)]));
  return streams.map((s) => ({
    id: s.id,
    code: s.code,
    name: s.name,
    retainUntil: s.retain_until,
    pastRetention: byStream.get(s.id) ?? 0,
  }));
}

export async function findStreamRetention(db: Db, id: number) {
  return db.selectFrom('funding_streams').select(['name', 'retain_until']).where('id', '=', id).executeTakeFirst();
}

export async function updateStreamRetention(tx: Tx, id: number, retainUntil: string | null): Promise<void> {
  await tx.updateTable('funding_streams').set({ retain_until: retainUntil }).where('id', '=', id).execute();
}
