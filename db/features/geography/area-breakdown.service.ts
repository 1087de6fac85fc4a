// Breakdowns by ward and by deprivation decile (IMD, 1 = most deprived), for the dashboard (starts
// and outcomes in a period) and a return (the people it counts, each once): rows labelled from the
// names files, wards of the local area first, every decile listed even when nobody lives in it.
import type { Db } from '../../store/schema';
import { decileLabel } from '../../../shared/domain/geography';
import { areaNames } from './geography.repository';
import { loadLocalAuthorities } from './resolution';
import { peopleByArea, type AreaCount } from './area-breakdown.repository';

export interface AreaRow {
  key: string;
  label: string;
  counts: number[];
}

const NOT_KNOWN = 'Not known (no postcode, not in the directory, or no directory loaded)';

/** Rows for one dimension from one or more sets of counts (starts and outcomes, or people). */
async function shape(db: Db, column: 'geo_ward_code' | 'geo_imd_decile', sets: AreaCount[][]): Promise<AreaRow[]> {
  const keys = new Map<string, { la: string | null }>();
  for (const set of sets) for (const c of set) if (!keys.has(c.code ?? '')) keys.set(c.code ?? '', { la: c.la });
  const count = (set: AreaCount[], key: string) => set.find((c) => (c.code ?? '') === key)?.n ?? 0;
  const row = (key: string, label: string): AreaRow => ({
    key: key || 'unknown',
    label,
    counts: sets.map((s) => count(s, key)),
  });
  if (column === 'geo_imd_decile') {
    const rows = Array.from({ length: 10 }, (_, i) => row(String(i + 1), decileLabel(i + 1)));
    if (keys.has('')) rows.push(row('', NOT_KNOWN));
    return rows;
  }
  const local = new Set(await loadLocalAuthorities(db));
  const codes = [...keys.keys()].filter(Boolean);
  const names = await areaNames(db, [...codes, ...[...keys.values()].map((k) => k.la)]);
  const wards = codes.map((code) => {
    const la = keys.get(code)!.la;
    const name = names.get(code) ?? code;
    const isLocal = la !== null && local.has(la);
    return { code, isLocal, label: isLocal || !la ? name : `${name} (${names.get(la) ?? la})` };
  });
  wards.sort((a, b) => Number(b.isLocal) - Number(a.isLocal) || a.label.localeCompare(b.label));
  const rows = wards.map((w) => row(w.code, w.label));
  if (keys.has('')) rows.push(row('', NOT_KNOWN));
  return rows;
}

/** Starts and outcomes in a period by ward and by decile (counts: [starts, outcomes]), from the
 * dashboard's one-pass counts (returns/dashboard-cells.ts). */
export async function dashboardAreas(
  db: Db,
  starts: { byWard: AreaCount[]; byDecile: AreaCount[] },
  outcomes: { byWard: AreaCount[]; byDecile: AreaCount[] },
) {
  const ward = await shape(db, 'geo_ward_code', [starts.byWard, outcomes.byWard]);
  const decile = await shape(db, 'geo_imd_decile', [starts.byDecile, outcomes.byDecile]);
  const toRow = (r: AreaRow) => ({ key: r.key, label: r.label, starts: r.counts[0]!, outcomes: r.counts[1]! });
  return { byWard: ward.map(toRow), byDecile: decile.map(toRow) };
}

/** The people counted (each once) by ward and by decile. */
export async function peopleAreas(db: Db, personIds: Iterable<number | null>) {
  const ids = [...new Set([...personIds].filter((p): p is number => p !== null))];
  const toRow = (r: AreaRow) => ({ key: r.key, label: r.label, people: r.counts[0]! });
  return {
    people: ids.length,
    byWard: (await shape(db, 'geo_ward_code', [await peopleByArea(db, 'geo_ward_code', ids)])).map(toRow),
    byDecile: (await shape(db, 'geo_imd_decile', [await peopleByArea(db, 'geo_imd_decile', ids)])).map(toRow),
  };
}
