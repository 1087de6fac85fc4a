// Demo geography: the synthetic postcode directory, IoD 2025 deciles and names
// (geography.synthetic.ts) loaded as the versions in use, as an administrator would load the ONS
// files in Settings, so the demo's participants resolve to wards and deciles.
import { DEFAULT_LOCAL_AUTHORITIES } from '../../shared/domain/geography';
import {
  insertDeprivation,
  insertNames,
  insertPostcodes,
  insertVersion,
} from '../features/geography/geography.repository';
import type { DemoContext, DemoStep } from './demo-context';
import {
  rankOf,
  syntheticAuthorities,
  syntheticLsoas,
  syntheticPostcodes,
  syntheticWards,
  type SyntheticPostcode,
} from './geography.synthetic';

export interface DemoGeography {
  postcodesVersionId: number;
  deprivationVersionId: number;
  postcodes: Map<string, SyntheticPostcode>;
  decileByLsoa: Map<string, number>;
  names: Map<string, string>;
  localAuthorities: readonly string[];
}

export async function loadDemoGeography(ctx: Pick<DemoContext, 'tx' | 'nowIso' | 'staffIds'>): Promise<DemoGeography> {
  const version = async (
    kind: 'postcodes' | 'deprivation' | 'names',
    format: string,
    fileName: string,
    fileDate: string,
    rows: number,
    vintage: string | null = null,
  ) =>
    insertVersion(ctx.tx, {
      kind,
      format,
      file_name: fileName,
      file_date: fileDate,
      file_sha256: null,
      lsoa_vintage: vintage,
      row_count: rows,
      status: 'current',
      loaded_at: ctx.nowIso,
      loaded_by: ctx.staffIds[0] ?? null,
      message: 'Synthetic demo data',
    });
  const postcodes = syntheticPostcodes();
  const pv = await version('postcodes', 'NSPL', 'NSPL21_FEB_2025_UK_synthetic.csv', '2025-02-01', postcodes.length);
  await insertPostcodes(
    ctx.tx,
    pv,
    postcodes.map((p) => ({
      postcode: p.postcode,
      la_code: p.la,
      ward_code: p.ward,
      lsoa11: null,
      lsoa21: p.lsoa21,
      terminated: p.doterm ? `${p.doterm.slice(0, 4)}-${p.doterm.slice(4)}` : null,
    })),
  );
  const dv = await version(
    'deprivation',
    'IoD2025',
    'IoD2025_File_1_IMD_synthetic.csv',
    '2025-10-30',
    syntheticLsoas.length,
    '2021',
  );
  await insertDeprivation(
    ctx.tx,
    dv,
    syntheticLsoas.map((l) => ({ lsoa_code: l.lsoa21, imd_rank: rankOf(l, 'IoD2025'), imd_decile: l.decile2025 })),
  );
  const wv = await version('names', 'WD24', 'WD24_names_MAY_2024_synthetic.csv', '2024-05-01', syntheticWards.length);
  await insertNames(
    ctx.tx,
    wv,
    syntheticWards.map((w) => ({ code: w.code, name: w.name })),
  );
  const lv = await version(
    'names',
    'LAD24',
    'LAD24_names_MAY_2024_synthetic.csv',
    '2024-05-01',
    syntheticAuthorities.length,
  );
  await insertNames(
    ctx.tx,
    lv,
    syntheticAuthorities.map((a) => ({ code: a.code, name: a.name })),
  );
  return {
    postcodesVersionId: pv,
    deprivationVersionId: dv,
    postcodes: new Map(postcodes.map((p) => [p.postcode, p])),
    decileByLsoa: new Map(syntheticLsoas.map((l) => [l.lsoa21, l.decile2025])),
    names: new Map([
      ...syntheticWards.map((w) => [w.code, w.name] as const),
      ...syntheticAuthorities.map((a) => [a.code, a.name] as const),
    ]),
    localAuthorities: DEFAULT_LOCAL_AUTHORITIES,
  };
}

export const geographyStep: DemoStep = {
  name: 'geography',
  async run(ctx) {
    ctx.geography = await loadDemoGeography(ctx);
    await ctx.progress(1, 1, 'Loaded the synthetic postcode directory');
  },
};
