// Queries of retention: the worklist of people whose retention period is over, and the streams'
// dates. A person is due when their retention date has passed and they have left: the latest date
// over every funding stream that paid for or was claimed for them (funding/retention-date.ts).
// Where no stream of theirs sets a date (none recorded, as for many imported people, or streams
// without one) and none they have keeps them longer, the programme's default period applies (a
// retention setting): due when nothing has happened with them since the cut-off date (no
// referral, start, leave, registration, outcome, placement, course, note or check).
import { sql, type Expression, type SqlBool } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { RetentionRow } from '../../../shared/contract/trust.contract';
import { addYearsIso, formatUkDate } from '../../../shared/domain/dates';
import type { Db, Tx } from '../../store/schema';
import { checkGridQuery, gridColumnRules } from '../grid/grid-query';
import { personLatestStreamDate, personRetainUntil } from '../funding/retention-date';
import { readRetentionSettings } from './retention-settings';

/** The worklist keeps its own order (the stream dates longest past first, then the default rule's
 * people): nothing to sort or filter by. */
const retentionGridColumns = gridColumnRules<RetentionRow>({});

/** The day the rules are applied on and the default rule's cut-off (today less the default period). */
export interface RetentionRule {
  today: string;
  years: number;
  cutoff: string;
}

export async function retentionRule(db: Db, today: string): Promise<RetentionRule> {
  const years = (await readRetentionSettings(db)).defaultRetentionYears;
  return { today, years, cutoff: addYearsIso(today, -years) };
}

/** The person's own dates that count as activity, and the rows about them that do (with their dates). */
const ownActivity = [
  ['p.referral_date', 'referred'],
  ['p.start_date', 'started'],
  ['p.leave_date', 'left'],
  ['p.created_at', 'registered'],
] as const;
const rowActivity = [
  { table: 'outcomes', columns: ['outcome_date'], what: 'an outcome' },
  { table: 'placements', columns: ['starts_on', 'ends_on'], what: 'a placement' },
  { table: 'enrolments', columns: ['enrolled_on', 'completed_on', 'withdrawn_on'], what: 'a course' },
  { table: 'participant_notes', columns: ['created_at'], what: 'a note' },
  { table: 'eligibility_checks', columns: ['recorded_at'], what: 'an eligibility check' },
  { table: 'sustainment_checks', columns: ['checked_on'], what: 'a sustainment check' },
] as const;

/** Nothing has happened with person `p` on or after `cutoff` (ISO dates and moments compare as text). */
function inactiveSince(cutoff: string): Expression<SqlBool> {
  const own = ownActivity.map(([c]) => sql<SqlBool>`(${sql.ref(c)} is null or ${sql.ref(c)} < ${cutoff})`);
  const rows = rowActivity.map(
    ({ table, columns }) =>
      sql<SqlBool>`not exists (select 1 from ${sql.table(table)} a where a.participant_id = p.id and (${sql.join(
        columns.map((c) => sql`${sql.ref(`a.${c}`)} >= ${cutoff}`),
        sql` or `,
      )}))`,
  );
  return sql<SqlBool>`(${sql.join([...own, ...rows], sql` and `)})`;
}

export function worklistQuery(db: Db, rule: RetentionRule) {
  return db
    .selectFrom('participants as p')
    .leftJoin('funding_streams as f', 'f.id', 'p.funding_stream_id')
    .where('p.status', 'not in', ['anonymised', 'merged'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb(personRetainUntil(), 'is not', null),
          eb(personRetainUntil(), '<', rule.today),
          eb.or([eb('p.status', '=', 'left'), eb('p.leave_date', 'is not', null)]),
        ]),
        // No date over all their streams: the default rule, unless a stream that does set one
        // keeps them longer.
        eb.and([
          eb(personRetainUntil(), 'is', null),
          eb.or([eb(personLatestStreamDate(), 'is', null), eb(personLatestStreamDate(), '<', rule.today)]),
          inactiveSince(rule.cutoff),
        ]),
      ]),
    );
}

/** Each person's latest activity and what it was. */
async function lastActivityOf(db: Db, ids: number[]): Promise<Map<number, { on: string; what: string }>> {
  const latest = new Map<number, { on: string; what: string }>();
  const consider = (id: number, on: string | null, what: string) => {
    const day = on?.slice(0, 10);
    if (day && day > (latest.get(id)?.on ?? '')) latest.set(id, { on: day, what });
  };
  if (!ids.length) return latest;
  const own = await db
    .selectFrom('participants as p')
    .select(['p.id', 'p.referral_date', 'p.start_date', 'p.leave_date', 'p.created_at'])
    .where('p.id', 'in', ids)
    .execute();
  for (const r of own)
    for (const [column, what] of ownActivity)
      consider(r.id, r[column.slice(2) as keyof typeof r] as string | null, what);
  for (const { table, columns, what } of rowActivity)
    for (const column of columns) {
      const rows = await sql<{
        id: number;
        last_on: string | null;
      }>`select participant_id as id, max(${sql.ref(column)}) as last_on
        from ${sql.table(table)} where participant_id in (${sql.join(ids)}) group by participant_id`.execute(db);
      for (const r of rows.rows) consider(r.id, r.last_on, what);
    }
  return latest;
}

export async function retentionWorklist(
  db: Db,
  rule: RetentionRule,
  query: GridQuery,
): Promise<{ rows: RetentionRow[]; total: number }> {
  checkGridQuery(query, retentionGridColumns);
  const rows = await worklistQuery(db, rule)
    .select([
      'p.id',
      'p.reference',
      'p.status',
      'f.name as fundingStream',
      personRetainUntil().as('retainUntil'),
      'p.leave_date as leaveDate',
    ])
    .orderBy(sql`case when ${personRetainUntil()} is null then 1 else 0 end`)
    .orderBy(personRetainUntil())
    .orderBy('p.id')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  const total = await worklistQuery(db, rule)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const activity = await lastActivityOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    rows: rows.map(({ status, ...r }) => {
      const last = activity.get(r.id) ?? null;
      if (r.retainUntil)
        return {
          ...r,
          rule: 'stream' as const,
          lastActivity: last?.on ?? null,
          why:
            `${r.leaveDate ? `Left on ${formatUkDate(r.leaveDate)}` : status === 'left' ? 'Left' : 'Has a leave date'}; ` +
            `records are kept until ${formatUkDate(r.retainUntil)}, the latest date of the funding streams that paid ` +
            'for them or were claimed for them.',
        };
      const stream = r.fundingStream
        ? `A funding stream of theirs (${r.fundingStream} on their record) sets no retention date`
        : 'No funding stream recorded';
      const since = last ? `last activity ${formatUkDate(last.on)} (${last.what})` : 'no activity recorded';
      return {
        ...r,
        rule: 'default' as const,
        lastActivity: last?.on ?? null,
        why: `${stream}; ${since}. The programme keeps such records ${rule.years} years after the last activity.`,
      };
    }),
    total: Number(total.n),
  };
}

export async function retentionStreams(db: Db, rule: RetentionRule) {
  const streams = await db
    .selectFrom('funding_streams')
    .select(['id', 'code', 'name', 'retain_until'])
    .orderBy('name')
    .execute();
  const counts = await worklistQuery(db, rule)
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

/** The submitted returns a person (or records merged into them) is counted in. */
export async function submittedReturnsCounting(db: Db, ids: readonly number[]) {
  return db
    .selectFrom('returns as r')
    .innerJoin('indicator_sets as s', 's.id', 'r.set_id')
    .select(['r.id', 's.name as setName', 'r.period_label as periodLabel'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('return_lines as l')
          .select('l.id')
          .whereRef('l.return_id', '=', 'r.id')
          .where((w) => w.or([w('l.person_id', 'in', ids), w('l.participant_id', 'in', ids)])),
      ),
    )
    .orderBy('r.id')
    .execute();
}

/** When the latest anonymisation or erasure on or before `limit` happened (audit entries), if any. */
export async function latestErasureBefore(db: Db, limit: string): Promise<string | null> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('at').as('at'))
    .where('action', 'in', ['anonymise', 'erase'])
    .where('at', '<=', limit)
    .executeTakeFirst();
  return row?.at ?? null;
}
