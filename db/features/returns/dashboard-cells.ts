// Folds the dashboard's one-pass counts (dashboard.repository.ts: startCells, outcomeCells) into
// its breakdowns. Each cell counts people or outcomes for one combination of month, district,
// ward, decile or type; a breakdown adds up the cells of each of its keys. The outcomes of merged
// records and their survivors are counted here, distinct by person, type and date within each key.
import type { AreaCount } from '../geography/area-breakdown.repository';
import type { MergedOutcome, OutcomeAreaCell, OutcomeTypeCount, StartCell } from './dashboard.repository';

/** SQL's max() over text: nulls ignored, compared by code unit as SQLite compares text. */
const maxText = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

class AreaTally {
  private readonly byCode = new Map<string | null, AreaCount>();
  add(code: string | null, la: string | null, n: number) {
    const known = this.byCode.get(code);
    if (known) {
      known.la = maxText(known.la, la);
      known.n += n;
    } else this.byCode.set(code, { code, la, n });
  }
  rows(): AreaCount[] {
    return [...this.byCode.values()];
  }
}

const addTo = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

export function foldStarts(cells: readonly StartCell[]) {
  const byMonth = new Map<string, number>();
  const districts = new Map<string, number>();
  const ward = new AreaTally();
  const decile = new AreaTally();
  for (const c of cells) {
    addTo(byMonth, c.month, c.n);
    addTo(districts, c.district, c.n);
    ward.add(c.ward, c.la, c.n);
    decile.add(c.decile, c.la, c.n);
  }
  // Most first, then by district as the store orders text.
  const byDistrict = [...districts]
    .map(([district, count]) => ({ district, count }))
    .sort((a, b) => b.count - a.count || (a.district < b.district ? -1 : a.district > b.district ? 1 : 0));
  return { byMonth, byDistrict, byWard: ward.rows(), byDecile: decile.rows() };
}

export function foldOutcomes(counted: {
  byType: readonly OutcomeTypeCount[];
  areas: readonly OutcomeAreaCell[];
  merged: readonly MergedOutcome[];
}) {
  const byType = new Map<string, number>();
  const ward = new AreaTally();
  const decile = new AreaTally();
  for (const t of counted.byType) addTo(byType, t.type, t.n);
  for (const c of counted.areas) {
    ward.add(c.ward, c.la, c.n);
    decile.add(c.decile, c.la, c.n);
  }
  // Each merged person's outcome of one type and date once per key it falls under (as SQL's
  // count(distinct person:type:date) grouped by that key counted it).
  const seen = new Set<string>();
  const once = (key: string) => !seen.has(key) && !!seen.add(key);
  for (const m of counted.merged) {
    const outcome = `${m.person}:${m.type}:${m.date}`;
    if (once(`type|${outcome}`)) addTo(byType, m.type, 1);
    ward.add(m.ward, m.la, once(`ward|${m.ward ?? ''}|${outcome}`) ? 1 : 0);
    decile.add(m.decile, m.la, once(`decile|${m.decile ?? ''}|${outcome}`) ? 1 : 0);
  }
  return { byType, byWard: ward.rows(), byDecile: decile.rows() };
}
