// Where a postcode, and a participant, live: the one module the rest of the app asks. It reads the
// postcode directory and deprivation file in use and the "local" setting, resolves a postcode for
// the form and imports, keeps each participant's stored resolution (with the versions it came
// from), and says which participant column holds each geography level, so counting rules, the
// dashboard and contracts filter and group the same way.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import {
  DEFAULT_LOCAL_AUTHORITIES,
  formatYearMonth,
  normaliseLocalAuthorities,
  postcodeWarning,
  type AreaFilter,
  type GeographyLevel,
  type GeoStatus,
} from '../../../shared/domain/geography';
import type { AreaFacts } from '../../../shared/domain/eligibility';
import { normalisePostcode } from '../../../shared/domain/identifiers';
import type { LookupVersionRow } from '../../store/tables/geography.tables';
import {
  areaNames,
  currentVersions,
  decilesOf,
  deprivationRow,
  findVersion,
  postcodeRow,
  postcodeRowsOf,
  postcodeStates,
  readLocalAreasSetting,
  writeParticipantGeography,
  type ResolutionSources,
} from './geography.repository';

/** The participant column each geography level reads (`local` is the stored 0/1 flag). */
export const participantAreaColumns: Record<GeographyLevel, string> = {
  local: 'is_local',
  local_authority: 'geo_la_code',
  ward: 'geo_ward_code',
  lsoa: 'geo_lsoa_code',
  imd_decile: 'geo_imd_decile',
  postcode_district: 'postcode_district',
};

/** "The person (participants as `alias`) lives in the filter's area", for counting rules and other
 * queries over participants. */
export function participantAreaCondition(filter: AreaFilter, alias = 'p'): RawBuilder<SqlBool> {
  const column = sql.ref(`${alias}.${participantAreaColumns[filter.level]}`);
  if (filter.level === 'local') return sql<SqlBool>`${column} = 1`;
  const codes = filter.level === 'imd_decile' ? filter.codes.map(Number) : filter.codes;
  if (!codes.length) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${column} in (${sql.join(codes)})`;
}

/** Names of the areas rules name (for their sentences), from the names files in use. */
export async function areaLabelsFor(db: Db, filters: ReadonlyArray<AreaFilter | undefined>) {
  const names = await areaNames(
    db,
    filters.flatMap((f) => (f && f.level !== 'imd_decile' && f.level !== 'postcode_district' ? f.codes : [])),
  );
  return (_level: GeographyLevel, code: string) => names.get(code) ?? code;
}

export interface GeographyContext extends ResolutionSources {
  postcodes: LookupVersionRow | null;
  deprivation: LookupVersionRow | null;
  localAuthorities: string[];
  /** The local authorities in words ("Stevenage"), from the names files when loaded. */
  localLabel: string;
}

export async function loadLocalAuthorities(db: Db): Promise<string[]> {
  const json = await readLocalAreasSetting(db);
  if (json === null) return [...DEFAULT_LOCAL_AUTHORITIES];
  try {
    const value: unknown = JSON.parse(json);
    return normaliseLocalAuthorities(
      Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [],
    );
  } catch {
    return [...DEFAULT_LOCAL_AUTHORITIES];
  }
}

/** "NSPL, February 2025" */
export function lookupLabel(v: Pick<LookupVersionRow, 'format' | 'file_date'>): string {
  return `${v.format}, ${formatYearMonth(v.file_date.slice(0, 7))}`;
}

export async function loadGeographyContext(db: Db): Promise<GeographyContext> {
  const current = await currentVersions(db);
  const postcodes = current.find((v) => v.kind === 'postcodes') ?? null;
  const deprivation = current.find((v) => v.kind === 'deprivation') ?? null;
  const localAuthorities = await loadLocalAuthorities(db);
  const names = await areaNames(db, localAuthorities);
  return {
    postcodes,
    deprivation,
    postcodesVersionId: postcodes?.id ?? null,
    deprivationVersionId: deprivation?.id ?? null,
    vintage: deprivation?.lsoa_vintage === '2011' ? '2011' : '2021',
    localAuthorities,
    localLabel: localAuthorities.map((c) => names.get(c) ?? c).join(', '),
  };
}

/** Stores where each of `ids` lives (set-based: fine for one person or a batch of thousands). */
export async function resolveParticipants(tx: Tx, ids: number[], ctx: GeographyContext): Promise<void> {
  await writeParticipantGeography(tx, ids, ctx);
}

/** The geography columns of a participant, as writeParticipantGeography stores them. */
export interface GeographyColumns {
  geo_status: string;
  geo_la_code: string | null;
  geo_ward_code: string | null;
  geo_lsoa_code: string | null;
  geo_terminated: string | null;
  geo_version_id: number | null;
  geo_imd_decile: number | null;
  geo_deprivation_version_id: number | null;
}

/**
 * Where each of many people not yet written lives (an import's new people, with a fixed abode, by
 * their stored postcode or none), so they are inserted with it rather than inserted and then
 * updated (50,000 wide rows and their index entries written twice). The same columns
 * writeParticipantGeography's statement works out from the same directory and deprivation file
 * (a test holds the two equal); the lookups are a statement per 5,000 distinct postcodes.
 */
export async function geographyOfNew(
  db: Db,
  postcodes: ReadonlyArray<string | null>,
  src: ResolutionSources,
): Promise<GeographyColumns[]> {
  const pv = src.postcodesVersionId;
  const dv = src.deprivationVersionId;
  const rows =
    pv === null
      ? new Map<string, never>()
      : await postcodeRowsOf(db, pv, [...new Set(postcodes.filter((p): p is string => p !== null))]);
  const lsoaOf = (postcode: string | null): string | null => {
    const row = postcode === null ? undefined : rows.get(postcode);
    if (!row) return null;
    return src.vintage === '2011' ? (row.lsoa11 ?? row.lsoa21) : (row.lsoa21 ?? row.lsoa11);
  };
  const lsoas = [...new Set(postcodes.map(lsoaOf).filter((l): l is string => l !== null))];
  const deciles = dv === null ? new Map<string, number>() : await decilesOf(db, dv, lsoas);
  return postcodes.map((postcode) => {
    const row = postcode === null ? undefined : rows.get(postcode);
    const lsoa = lsoaOf(postcode);
    const status =
      postcode === null
        ? 'no_postcode'
        : pv === null
          ? 'no_lookup'
          : !row
            ? 'not_found'
            : row.terminated !== null
              ? 'terminated'
              : 'resolved';
    return {
      geo_status: status,
      geo_la_code: row?.la_code ?? null,
      geo_ward_code: row?.ward_code ?? null,
      geo_lsoa_code: lsoa,
      geo_terminated: row?.terminated ?? null,
      geo_version_id: pv,
      geo_imd_decile: lsoa === null ? null : (deciles.get(lsoa) ?? null),
      geo_deprivation_version_id: dv,
    };
  });
}

export interface StoredGeography {
  postcode: string | null;
  no_fixed_abode: number;
  geo_status: string | null;
  geo_la_code: string | null;
  geo_ward_code: string | null;
  geo_terminated: string | null;
}

/** What the eligibility rules need to know about where a stored participant lives. */
export function areaFactsOf(
  row: StoredGeography,
  ctx: Pick<GeographyContext, 'localAuthorities'>,
  names: Map<string, string>,
): AreaFacts {
  if ((row.geo_status === 'resolved' || row.geo_status === 'terminated') && row.geo_la_code)
    return {
      kind: 'resolved',
      laCode: row.geo_la_code,
      laName: names.get(row.geo_la_code) ?? null,
      wardName: row.geo_ward_code ? (names.get(row.geo_ward_code) ?? null) : null,
      isLocal: ctx.localAuthorities.includes(row.geo_la_code),
      terminatedOn: row.geo_terminated,
    };
  if (row.geo_status === 'not_found' || (row.geo_status === 'resolved' && !row.geo_la_code))
    return { kind: 'not_found' };
  // Resolved before any directory was loaded (or never, like records from before geography): the
  // postcode districts stand in until the next resolution.
  return { kind: 'no_lookup' };
}

export interface PostcodeResolution {
  postcode: string | null;
  status: GeoStatus;
  laCode: string | null;
  laName: string | null;
  wardCode: string | null;
  wardName: string | null;
  lsoaCode: string | null;
  lsoaName: string | null;
  imdDecile: number | null;
  imdRank: number | null;
  terminatedOn: string | null;
  isLocal: boolean | null;
  lookup: string | null;
  deprivation: string | null;
  warning: string | null;
}

/** A postcode as the form and imports see it: where it is, and a warning when it is terminated or
 * not in the directory. */
export async function resolvePostcode(db: Db, raw: string, ctx?: GeographyContext): Promise<PostcodeResolution> {
  const c = ctx ?? (await loadGeographyContext(db));
  const postcode = normalisePostcode(raw);
  const base: PostcodeResolution = {
    postcode,
    status: postcode ? 'no_lookup' : 'no_postcode',
    laCode: null,
    laName: null,
    wardCode: null,
    wardName: null,
    lsoaCode: null,
    lsoaName: null,
    imdDecile: null,
    imdRank: null,
    terminatedOn: null,
    isLocal: null,
    lookup: c.postcodes ? lookupLabel(c.postcodes) : null,
    deprivation: c.deprivation ? lookupLabel(c.deprivation) : null,
    warning: null,
  };
  if (!postcode || !c.postcodes) return base;
  const row = await postcodeRow(db, c.postcodes.id, postcode);
  if (!row)
    return {
      ...base,
      status: 'not_found',
      warning: postcodeWarning({ status: 'not_found', postcode, lookupLabel: base.lookup }),
    };
  const lsoa = c.vintage === '2011' ? (row.lsoa11 ?? row.lsoa21) : (row.lsoa21 ?? row.lsoa11);
  const dep = c.deprivation && lsoa ? await deprivationRow(db, c.deprivation.id, lsoa) : undefined;
  const names = await areaNames(db, [row.la_code, row.ward_code, lsoa]);
  const status: GeoStatus = row.terminated ? 'terminated' : 'resolved';
  return {
    ...base,
    status,
    laCode: row.la_code,
    laName: row.la_code ? (names.get(row.la_code) ?? null) : null,
    wardCode: row.ward_code,
    wardName: row.ward_code ? (names.get(row.ward_code) ?? null) : null,
    lsoaCode: lsoa,
    lsoaName: lsoa ? (names.get(lsoa) ?? null) : null,
    imdDecile: dep?.imd_decile ?? null,
    imdRank: dep?.imd_rank ?? null,
    terminatedOn: row.terminated,
    isLocal: row.la_code ? c.localAuthorities.includes(row.la_code) : false,
    warning: postcodeWarning({ status, postcode, terminatedOn: row.terminated }),
  };
}

export interface ParticipantGeographyRow extends StoredGeography {
  geo_lsoa_code: string | null;
  geo_imd_decile: number | null;
  geo_version_id: number | null;
  geo_deprivation_version_id: number | null;
  is_local: number;
}

/** Where a stored participant lives, as their page shows it: the names of the areas, the decile,
 * the files it came from, and whether a newer file has been loaded since. */
export async function participantGeography(db: Db, row: ParticipantGeographyRow, ctx?: GeographyContext) {
  const c = ctx ?? (await loadGeographyContext(db));
  const names = await areaNames(db, [row.geo_la_code, row.geo_ward_code, row.geo_lsoa_code]);
  const status = (row.geo_status ?? 'no_lookup') as GeoStatus;
  const from = async (id: number | null) => {
    if (id === null) return null;
    const v = [c.postcodes, c.deprivation].find((x) => x?.id === id) ?? (await findVersion(db, id));
    return v ? lookupLabel(v) : null;
  };
  return {
    status,
    laCode: row.geo_la_code,
    laName: row.geo_la_code ? (names.get(row.geo_la_code) ?? null) : null,
    wardCode: row.geo_ward_code,
    wardName: row.geo_ward_code ? (names.get(row.geo_ward_code) ?? null) : null,
    lsoaCode: row.geo_lsoa_code,
    lsoaName: row.geo_lsoa_code ? (names.get(row.geo_lsoa_code) ?? null) : null,
    imdDecile: row.geo_imd_decile,
    terminatedOn: row.geo_terminated,
    isLocal: row.is_local === 1,
    lookup: await from(row.geo_version_id),
    deprivation: await from(row.geo_deprivation_version_id),
    /** A newer postcode directory or deprivation file is loaded than the one this came from. */
    stale:
      row.geo_version_id !== c.postcodesVersionId ||
      (c.deprivationVersionId !== null && row.geo_deprivation_version_id !== c.deprivationVersionId),
    warning: postcodeWarning({
      status,
      postcode: row.postcode,
      terminatedOn: row.geo_terminated,
      lookupLabel: c.postcodes ? lookupLabel(c.postcodes) : null,
    }),
  };
}

/** The warning for each of many postcodes (an import's): terminated or not in the directory.
 * Empty when no directory is loaded (nothing to check against). */
export async function postcodeWarnings(db: Db, postcodes: Iterable<string>): Promise<Map<string, string>> {
  const ctx = await loadGeographyContext(db);
  const out = new Map<string, string>();
  if (!ctx.postcodes) return out;
  const wanted = [...new Set([...postcodes].map((p) => normalisePostcode(p)).filter((p): p is string => !!p))];
  const states = await postcodeStates(db, ctx.postcodes.id, wanted);
  const label = lookupLabel(ctx.postcodes);
  for (const pc of wanted) {
    const known = states.has(pc);
    const warning = postcodeWarning({
      status: !known ? 'not_found' : states.get(pc) ? 'terminated' : 'resolved',
      postcode: pc,
      terminatedOn: states.get(pc) ?? null,
      lookupLabel: label,
    });
    if (warning) out.set(pc, warning);
  }
  return out;
}
