// The grouped query behind the breakdowns by ward and by deprivation decile of any set of people
// (those counted in a return), by the participant's stored geography (geography.repository.ts
// keeps it). The dashboard's starts and outcomes by area come from its one-pass counts
// (returns/dashboard.repository.ts).
import { sql } from 'kysely';
import type { Db } from '../../store/schema';

export type AreaColumn = 'geo_ward_code' | 'geo_imd_decile';

export interface AreaCount {
  code: string | null;
  la: string | null;
  n: number;
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
