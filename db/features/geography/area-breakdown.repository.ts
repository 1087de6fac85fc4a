// The grouped queries behind the breakdowns by ward and by deprivation decile: the people who
// started in a period, the outcomes dated in it (rejected ones left out, a person's outcome of one
// type and date once), and any set of people (those counted in a return). Grouped by the
// participant's stored geography (geography.repository.ts keeps it).
import { sql } from 'kysely';
import type { Db } from '../../store/schema';

export type AreaColumn = 'geo_ward_code' | 'geo_imd_decile';

export interface AreaCount {
  code: string | null;
  la: string | null;
  n: number;
}

const notMerged = sql<boolean>`p.status != 'merged'`;

export async function startsByArea(db: Db, column: AreaColumn, from: string, to: string): Promise<AreaCount[]> {
  const rows = await db
    .selectFrom('participants as p')
    .select([
      sql<string | null>`cast(${sql.ref(`p.${column}`)} as text)`.as('code'),
      sql<string | null>`max(p.geo_la_code)`.as('la'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('p.start_date', '>=', from)
    .where('p.start_date', '<=', to)
    .where(notMerged)
    .groupBy(sql.ref(`p.${column}`))
    .execute();
  return rows.map((r) => ({ code: r.code, la: r.la, n: Number(r.n) }));
}

export async function outcomesByArea(db: Db, column: AreaColumn, from: string, to: string): Promise<AreaCount[]> {
  const rows = await db
    .selectFrom('outcomes as o')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .select([
      sql<string | null>`cast(${sql.ref(`p.${column}`)} as text)`.as('code'),
      sql<string | null>`max(p.geo_la_code)`.as('la'),
      sql<number>`count(distinct coalesce(p.merged_into_id, p.id) || ':' || o.outcome_type || ':' || o.outcome_date)`.as(
        'n',
      ),
    ])
    .where('o.outcome_date', '>=', from)
    .where('o.outcome_date', '<=', to)
    .where('o.verification_status', '!=', 'rejected')
    .groupBy(sql.ref(`p.${column}`))
    .execute();
  return rows.map((r) => ({ code: r.code, la: r.la, n: Number(r.n) }));
}

/** Each of `ids` once, grouped by where they live. */
export async function peopleByArea(db: Db, column: AreaColumn, ids: readonly number[]): Promise<AreaCount[]> {
  const totals = new Map<string, AreaCount>();
  for (let i = 0; i < ids.length; i += 2000) {
    const rows = await db
      .selectFrom('participants as p')
      .select([
        sql<string | null>`cast(${sql.ref(`p.${column}`)} as text)`.as('code'),
        sql<string | null>`max(p.geo_la_code)`.as('la'),
        (eb) => eb.fn.countAll<number>().as('n'),
      ])
      .where('p.id', 'in', ids.slice(i, i + 2000))
      .groupBy(sql.ref(`p.${column}`))
      .execute();
    for (const r of rows) {
      const key = r.code ?? '';
      const known = totals.get(key);
      totals.set(key, { code: r.code, la: known?.la ?? r.la, n: (known?.n ?? 0) + Number(r.n) });
    }
  }
  return [...totals.values()];
}
