// Queries on the geography reference data: the loaded files (versions) and their rows, the
// "local" setting, and the participant columns worked out from them. Reads take the store or a
// transaction; writes take the transaction. Portable SQL only (set-based updates with correlated
// subqueries, batched deletes through a key subquery).
import { sql } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { GeoLookupVersionsTable, LookupStatus, LookupVersionRow } from '../../store/tables/geography.tables';
import type { Insertable } from 'kysely';
import type { LookupKind } from '../../../shared/domain/geography';
import { LOCAL_AREAS_SETTING_KEY } from '../../../shared/domain/geography';

export interface PostcodeRow {
  postcode: string;
  la_code: string | null;
  ward_code: string | null;
  lsoa11: string | null;
  lsoa21: string | null;
  terminated: string | null;
}

// ---- versions ----

export async function insertVersion(tx: Tx, values: Insertable<GeoLookupVersionsTable>): Promise<number> {
  const row = await tx.insertInto('geo_lookup_versions').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findVersion(db: Db, id: number): Promise<LookupVersionRow | undefined> {
  return db.selectFrom('geo_lookup_versions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateVersion(
  tx: Tx,
  id: number,
  values: { status?: LookupStatus; row_count?: number; message?: string | null },
): Promise<void> {
  await tx.updateTable('geo_lookup_versions').set(values).where('id', '=', id).execute();
}

/** The versions in use: one postcode directory, one deprivation file, one names file per geography. */
export async function currentVersions(db: Db): Promise<LookupVersionRow[]> {
  return db.selectFrom('geo_lookup_versions').selectAll().where('status', '=', 'current').orderBy('id').execute();
}

export async function recentVersions(
  db: Db,
  limit = 20,
): Promise<Array<LookupVersionRow & { loadedBy: string | null }>> {
  return db
    .selectFrom('geo_lookup_versions as v')
    .leftJoin('staff as s', 's.id', 'v.loaded_by')
    .selectAll('v')
    .select('s.display_name as loadedBy')
    .orderBy('v.id', 'desc')
    .limit(limit)
    .execute();
}

/** Versions of a kind (and names format) in use now, which a new one replaces. */
export async function currentOf(db: Db, kind: LookupKind, format: string | null): Promise<LookupVersionRow[]> {
  let q = db.selectFrom('geo_lookup_versions').selectAll().where('kind', '=', kind).where('status', '=', 'current');
  // Names files are per geography (ward names, local authority names): a ward file replaces a ward file.
  if (kind === 'names' && format) q = q.where('format', 'like', `${format.replace(/\d+$/, '')}%`);
  return q.execute();
}

// ---- rows of a version ----

const CHUNK = 400;

export async function insertPostcodes(tx: Tx, versionId: number, rows: PostcodeRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx
      .insertInto('geo_postcodes')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ version_id: versionId, ...r })))
      // A file listing a postcode twice keeps its first row.
      .onConflict((oc) => oc.columns(['version_id', 'postcode']).doNothing())
      .execute();
}

export async function insertDeprivation(
  tx: Tx,
  versionId: number,
  rows: Array<{ lsoa_code: string; imd_rank: number; imd_decile: number }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx
      .insertInto('geo_deprivation')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ version_id: versionId, ...r })))
      .onConflict((oc) => oc.columns(['version_id', 'lsoa_code']).doNothing())
      .execute();
}

export async function insertNames(
  tx: Tx,
  versionId: number,
  rows: Array<{ code: string; name: string }>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK)
    await tx
      .insertInto('geo_area_names')
      .values(rows.slice(i, i + CHUNK).map((r) => ({ version_id: versionId, ...r })))
      .onConflict((oc) => oc.columns(['version_id', 'code']).doNothing())
      .execute();
}

const rowTables = { postcodes: 'geo_postcodes', deprivation: 'geo_deprivation', names: 'geo_area_names' } as const;
const rowKeys = { postcodes: 'postcode', deprivation: 'lsoa_code', names: 'code' } as const;

/** Deletes up to `limit` rows of a version (a replaced or failed one); returns how many went. */
export async function deleteVersionRows(tx: Tx, kind: LookupKind, versionId: number, limit: number): Promise<number> {
  const table = rowTables[kind];
  const keyColumn = rowKeys[kind];
  const result = await sql`delete from ${sql.table(table)} where version_id = ${versionId} and ${sql.ref(keyColumn)} in
    (select ${sql.ref(keyColumn)} from ${sql.table(table)} where version_id = ${versionId} limit ${limit})`.execute(tx);
  return Number(result.numAffectedRows ?? 0);
}

// ---- lookups ----

export async function postcodeRow(db: Db, versionId: number, postcode: string): Promise<PostcodeRow | undefined> {
  return db
    .selectFrom('geo_postcodes')
    .select(['postcode', 'la_code', 'ward_code', 'lsoa11', 'lsoa21', 'terminated'])
    .where('version_id', '=', versionId)
    .where('postcode', '=', postcode)
    .executeTakeFirst();
}

export async function deprivationRow(db: Db, versionId: number, lsoa: string) {
  return db
    .selectFrom('geo_deprivation')
    .select(['imd_rank', 'imd_decile'])
    .where('version_id', '=', versionId)
    .where('lsoa_code', '=', lsoa)
    .executeTakeFirst();
}

/** Lookups bound per statement: well under SQLite's 32,766 bound values and PostgreSQL's 65,535. */
const LOOKUPS_PER_STATEMENT = 5_000;

/** The directory rows of many postcodes (an import's new people), a statement per 5,000. */
export async function postcodeRowsOf(
  db: Db,
  versionId: number,
  postcodes: readonly string[],
): Promise<Map<string, PostcodeRow>> {
  const out = new Map<string, PostcodeRow>();
  for (let i = 0; i < postcodes.length; i += LOOKUPS_PER_STATEMENT) {
    const rows = await db
      .selectFrom('geo_postcodes')
      .select(['postcode', 'la_code', 'ward_code', 'lsoa11', 'lsoa21', 'terminated'])
      .where('version_id', '=', versionId)
      .where('postcode', 'in', postcodes.slice(i, i + LOOKUPS_PER_STATEMENT))
      .execute();
    for (const r of rows) out.set(r.postcode, r);
  }
  return out;
}

/** The deprivation decile of many LSOAs, a statement per 5,000. */
export async function decilesOf(db: Db, versionId: number, lsoas: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < lsoas.length; i += LOOKUPS_PER_STATEMENT) {
    const rows = await db
      .selectFrom('geo_deprivation')
      .select(['lsoa_code', 'imd_decile'])
      .where('version_id', '=', versionId)
      .where('lsoa_code', 'in', lsoas.slice(i, i + LOOKUPS_PER_STATEMENT))
      .execute();
    for (const r of rows) out.set(r.lsoa_code, r.imd_decile);
  }
  return out;
}

/** Names of areas by code, from the names files in use. */
export async function areaNames(db: Db, codes: ReadonlyArray<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(codes.filter((c): c is string => !!c))];
  if (!wanted.length) return new Map();
  const rows = await db
    .selectFrom('geo_area_names as n')
    .innerJoin('geo_lookup_versions as v', 'v.id', 'n.version_id')
    .select(['n.code', 'n.name'])
    .where('v.status', '=', 'current')
    .where('n.code', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** Local authorities of the current postcode directory with how many postcodes each has (for
 * choosing the local ones). */
export async function localAuthoritiesIn(db: Db, versionId: number, limit = 500) {
  const rows = await db
    .selectFrom('geo_postcodes')
    .select(['la_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('version_id', '=', versionId)
    .where('la_code', 'is not', null)
    .groupBy('la_code')
    .orderBy('la_code')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ code: r.la_code!, postcodes: Number(r.n) }));
}

// ---- the "local" setting ----

export async function readLocalAreasSetting(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('settings')
    .select('value_json')
    .where('key', '=', LOCAL_AREAS_SETTING_KEY)
    .executeTakeFirst();
  return row?.value_json ?? null;
}

export async function writeLocalAreasSetting(tx: Tx, valueJson: string, at: string): Promise<void> {
  await tx
    .insertInto('settings')
    .values({ key: LOCAL_AREAS_SETTING_KEY, value_json: valueJson, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: valueJson, updated_at: at }))
    .execute();
}

// ---- participants ----

export interface ResolutionSources {
  postcodesVersionId: number | null;
  deprivationVersionId: number | null;
  /** Which LSOA codes the deprivation file uses; the directory's other column is the fallback. */
  vintage: '2011' | '2021';
}

/**
 * Works out where each of `ids` lives from the postcode directory and deprivation file in use, in
 * one statement a chunk of 2,000: status, local authority, ward, LSOA, termination and decile. Records
 * anonymised keep what anonymising left (their postcode is gone).
 */
export async function writeParticipantGeography(tx: Tx, ids: number[], src: ResolutionSources): Promise<void> {
  if (!ids.length) return;
  const pv = src.postcodesVersionId;
  const [first, second] = src.vintage === '2011' ? (['lsoa11', 'lsoa21'] as const) : (['lsoa21', 'lsoa11'] as const);
  const located = sql<boolean>`participants.no_fixed_abode = 0 and participants.postcode is not null`;
  const from = (column: string) =>
    pv === null
      ? sql<string | null>`null`
      : sql<string | null>`case when ${located} then (select ${sql.ref(`g.${column}`)} from geo_postcodes g
          where g.version_id = ${pv} and g.postcode = participants.postcode) end`;
  const lsoa =
    pv === null
      ? sql<string | null>`null`
      : sql<
          string | null
        >`case when ${located} then (select coalesce(${sql.ref(`g.${first}`)}, ${sql.ref(`g.${second}`)})
          from geo_postcodes g where g.version_id = ${pv} and g.postcode = participants.postcode) end`;
  const status =
    pv === null
      ? sql<string>`case when participants.no_fixed_abode = 1 then 'no_fixed_abode'
          when participants.postcode is null then 'no_postcode' else 'no_lookup' end`
      : sql<string>`case when participants.no_fixed_abode = 1 then 'no_fixed_abode'
          when participants.postcode is null then 'no_postcode'
          when not exists (select 1 from geo_postcodes g where g.version_id = ${pv} and g.postcode = participants.postcode)
            then 'not_found'
          when (select g.terminated from geo_postcodes g where g.version_id = ${pv} and g.postcode = participants.postcode)
            is not null then 'terminated'
          else 'resolved' end`;
  // One statement sets every column (a second pass for the decile rewrote each row again): the
  // decile reads the new LSOA through the same expression, as a SET sees only the old row.
  const dv = src.deprivationVersionId;
  const decile =
    dv === null
      ? sql<number | null>`null`
      : sql<number | null>`(select d.imd_decile from geo_deprivation d
          where d.version_id = ${dv} and d.lsoa_code = (${lsoa}))`;
  for (let i = 0; i < ids.length; i += 2000) {
    const chunk = ids.slice(i, i + 2000);
    await tx
      .updateTable('participants')
      .set({
        geo_status: status,
        geo_la_code: from('la_code'),
        geo_ward_code: from('ward_code'),
        geo_lsoa_code: lsoa,
        geo_terminated: from('terminated'),
        geo_version_id: pv,
        geo_imd_decile: decile,
        geo_deprivation_version_id: dv,
      })
      .where('id', 'in', chunk)
      .where('status', '!=', 'anonymised')
      .execute();
  }
}

/** Ids of participants (not merged or anonymised) after `afterId`, in order: the recompute job's
 * next batch. */
export async function participantIdsAfter(db: Db, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('participants')
    .select('id')
    .where('id', '>', afterId)
    .where('status', 'not in', ['merged', 'anonymised'])
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function countParticipantsToResolve(db: Db): Promise<number> {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'not in', ['merged', 'anonymised'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countLocal(db: Db): Promise<number> {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'not in', ['merged', 'anonymised'])
    .where('is_local', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many people each resolution status covers (Settings shows it). */
export async function geoStatusCounts(db: Db): Promise<Array<{ status: string | null; n: number }>> {
  const rows = await db
    .selectFrom('participants')
    .select(['geo_status as status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'not in', ['merged', 'anonymised'])
    .groupBy('geo_status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

/** People still resolved against an older postcode directory or deprivation file. */
export async function countStale(db: Db, postcodesVersionId: number | null, deprivationVersionId: number | null) {
  const row = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'not in', ['merged', 'anonymised'])
    .where((eb) =>
      eb.or([
        postcodesVersionId === null
          ? eb('geo_version_id', 'is not', null)
          : eb.or([eb('geo_version_id', 'is', null), eb('geo_version_id', '!=', postcodesVersionId)]),
        deprivationVersionId === null
          ? eb('geo_deprivation_version_id', 'is not', null)
          : eb.or([
              eb('geo_deprivation_version_id', 'is', null),
              eb('geo_deprivation_version_id', '!=', deprivationVersionId),
            ]),
        eb('geo_status', 'is', null),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Of `postcodes`, those in a version, with when each stopped being used (null: still in use). */
export async function postcodeStates(
  db: Db,
  versionId: number,
  postcodes: string[],
): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  for (let i = 0; i < postcodes.length; i += 1000) {
    const rows = await db
      .selectFrom('geo_postcodes')
      .select(['postcode', 'terminated'])
      .where('version_id', '=', versionId)
      .where('postcode', 'in', postcodes.slice(i, i + 1000))
      .execute();
    for (const r of rows) out.set(r.postcode, r.terminated);
  }
  return out;
}
