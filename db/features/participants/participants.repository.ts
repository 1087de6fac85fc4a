// Queries on participants: the grid (quick search, column filters, presets, sort) and the record
// itself. Functions take the transaction (or store) first.
import { sql, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { ParticipantGridRow } from '../../../shared/contract/participants.contract';
import type { Database, Db, Tx } from '../../store/schema';
import type { Insertable } from 'kysely';
import type {
  NewParticipant,
  ParticipantMergesTable,
  ParticipantRow,
  ParticipantUpdate,
} from '../../store/tables/participants.tables';
import { withheldColumns } from '../../store/tables/personal-data';
import { roleReads, rowAs, textAs } from '../../store/tables/readable-columns';
import type { Role } from '../../../shared/contract/define';
import { participantSearchCondition, participantSearchPage } from '../../store/dialect';
import {
  applyGridFilters,
  applyGridPage,
  applyGridSort,
  countGridRows,
  gridColumns,
  textMatches,
} from '../grid/grid-query';

const text = (column: string) => ({ sql: column, filter: 'text' as const });
const date = (column: string) => ({ sql: column, filter: 'date' as const });

type NewParticipantMerge = Insertable<ParticipantMergesTable>;

/** Grid columns a caller may sort or filter by, mapped to SQL columns (never raw input). */
export const participantGridColumns = gridColumns<ParticipantGridRow>({
  reference: text('p.reference'),
  firstName: text('p.first_name'),
  lastName: text('p.last_name'),
  preferredName: text('p.preferred_name'),
  dateOfBirth: date('p.date_of_birth'),
  niNumber: text('p.ni_number'),
  postcode: text('p.postcode'),
  phone: text('p.phone'),
  email: text('p.email'),
  town: text('p.town'),
  status: text('p.status'),
  eligibilityStatus: text('p.eligibility_status'),
  startDate: date('p.start_date'),
  leaveDate: date('p.leave_date'),
  referralSource: text('p.referral_source'),
  labourMarketStatus: text('p.labour_market_status'),
  sex: text('p.sex'),
  ethnicity: text('p.ethnicity'),
  disability: text('p.disability'),
  keyWorker: text('s.display_name'),
  fundingStream: text('f.name'),
});

/** Grid columns showing data the personal-data registry withholds from viewers: never shown to,
 * filtered or sorted on by a viewer (filtering would reveal them). */
const withheld = new Set(withheldColumns('participants').map((c) => `p.${c}`));
export const specialCategoryColumns = new Set(
  Object.entries(participantGridColumns).flatMap(([colId, { sql: column }]) =>
    typeof column === 'string' && withheld.has(column) ? [colId] : [],
  ),
);

/** A grid row as a viewer gets it. */
export function withoutSpecialColumns(row: ParticipantGridRow): ParticipantGridRow {
  const out = { ...row };
  for (const colId of specialCategoryColumns) Object.assign(out, { [colId]: null });
  return out;
}

export interface GridScope {
  staffId: number | null;
  /** Viewers may not filter on special-category columns (filtering would reveal them). */
  canSeeSpecial: boolean;
}

/** A viewer's filter or sort on a special-category column is dropped (refusing it would say why). */
const gridOptions = (scope: GridScope) => (scope.canSeeSpecial ? {} : { ignore: specialCategoryColumns });

type Base = SelectQueryBuilder<
  Database & { p: Database['participants']; s: Database['staff']; f: Database['funding_streams'] },
  'p' | 's' | 'f',
  object
>;

/** The participants the grid shows for a query: search, filters and preset, before sorting. */
export function gridBase(
  tx: Db,
  query: Pick<GridQuery, 'search' | 'filters' | 'preset'>,
  scope: GridScope,
  options: { joins?: boolean } = {},
): Base {
  // Counting needs the joined tables only when a filter is on one of their columns: leaving
  // them out saves two lookups per row, which is most of the cost of counting 100,000 people.
  const joins = options.joins ?? true;
  const needsJoins = joins || Object.keys(query.filters).some((c) => c === 'keyWorker' || c === 'fundingStream');
  let base = (needsJoins
    ? tx
        .selectFrom('participants as p')
        .leftJoin('staff as s', 's.id', 'p.key_worker_id')
        .leftJoin('funding_streams as f', 'f.id', 'p.funding_stream_id')
    : tx.selectFrom('participants as p')
  ).where('p.status', '!=', 'merged') as unknown as Base;

  const search = query.search.trim();
  if (search) base = base.where(participantQuickSearch(tx, search));

  base = applyGridFilters(base, participantGridColumns, query.filters, gridOptions(scope));

  if (query.preset === 'my-caseload') base = base.where('p.key_worker_id', '=', scope.staffId ?? -1);
  else if (query.preset === 'pending-evidence')
    base = base.where('p.eligibility_status', '=', 'pending').where('p.status', '=', 'active');
  else if (query.preset === 'not-eligible') base = base.where('p.eligibility_status', '=', 'not_eligible');
  else if (query.preset === 'active') base = base.where('p.status', '=', 'active');
  return base;
}

/**
 * The quick search's condition on `participants as p`: the store's search index for three
 * characters or more, index lookups below that. Other grids that search by person (outcomes,
 * placements) use it in a subquery so that every grid finds people the same way, by index.
 */
export function participantQuickSearch(db: Db, search: string): RawBuilder<SqlBool> {
  const indexed = participantSearchCondition(db, search, 'p.id');
  if (!indexed) return shortLookup(search);
  const words = search.split(/\s+/);
  // "Li Wu": every word too short for trigrams, so also try first-name and surname prefixes.
  return onlyShortWords(search)
    ? sql<SqlBool>`(${indexed} or (${shortLookup(words.at(-1)!)} and ${textMatches('p.first_name', words[0]!, 'startsWith')}))`
    : indexed;
}

/** Two or more words, none long enough for trigrams ("Li Wu"). */
const onlyShortWords = (search: string) => {
  const words = search.split(/\s+/);
  return words.length > 1 && words.every((w) => [...w].length < 3);
};

/**
 * The same search as a condition on a column holding a person's id (`o.participant_id`), for the
 * grids that search by person. When the search index is the whole condition, the ids come from
 * the index alone, without reading each person's row (a thousand "Smith"s cost about a
 * millisecond to read at 100,000 people); otherwise through participants.
 */
export function personQuickSearch(db: Db, search: string, idColumn: string): RawBuilder<SqlBool> {
  const indexed = participantSearchCondition(db, search, idColumn);
  if (indexed && !onlyShortWords(search)) return indexed;
  return sql<SqlBool>`${sql.ref(idColumn)} in (select p.id from participants as p where ${participantQuickSearch(db, search)})`;
}

/** One or two characters: an exact reference number ("12" → SW-000012) or a surname prefix, by index. */
function shortLookup(text: string): RawBuilder<SqlBool> {
  if (/^\d+$/.test(text)) return sql<SqlBool>`p.reference = ${`SW-${text.padStart(6, '0')}`}`;
  const lower = text.toLowerCase();
  const cap = lower.charAt(0).toUpperCase() + lower.slice(1);
  const next = (s: string) => s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1);
  // Two index ranges (capitalised and as typed) rather than LIKE, which cannot use a BINARY index.
  return sql<SqlBool>`((p.last_name >= ${cap} and p.last_name < ${next(cap)}) or (p.last_name >= ${text.toUpperCase()}
    and p.last_name < ${next(text.toUpperCase())}))`;
}

export const gridSelection = [
  'p.id',
  'p.reference',
  'p.first_name as firstName',
  'p.last_name as lastName',
  'p.preferred_name as preferredName',
  'p.date_of_birth as dateOfBirth',
  'p.ni_number as niNumber',
  'p.postcode',
  'p.phone',
  'p.email',
  'p.town',
  'p.status',
  'p.eligibility_status as eligibilityStatus',
  'p.start_date as startDate',
  'p.leave_date as leaveDate',
  'p.referral_source as referralSource',
  'p.labour_market_status as labourMarketStatus',
  'p.sex',
  'p.ethnicity',
  'p.disability',
  's.display_name as keyWorker',
  'f.name as fundingStream',
] as const;

/** The grid's columns as the caller reads them: a column a viewer does not read (readable-columns.ts)
 * is selected as NULL under its name, so a viewer's query never names it. */
function gridSelectionFor(scope: GridScope) {
  const reader = readerOf(scope);
  return gridSelection.map((entry) => {
    const [ref, alias] = entry.split(' as ') as [string, string | undefined];
    const [table, column] = ref.split('.') as [string, string];
    return table === 'p' && !roleReads(reader, 'participants', column)
      ? sql`null`.as(alias ?? column)
      : sql.ref(ref).as(alias ?? column);
  });
}

/** The role whose columns a grid query reads. */
const readerOf = (scope: GridScope): Role => (scope.canSeeSpecial ? 'officer' : 'viewer');

export function sortedGridRows(base: Base, query: Pick<GridQuery, 'sort' | 'search'>, scope: GridScope) {
  return applyGridSort(
    base.select(gridSelectionFor(scope)),
    participantGridColumns,
    query.sort,
    viewOrder(query),
    gridOptions(scope),
  );
}

/** The ids of the view in its order, each with the number of rows in the view. */
function sortedGridIds(base: Base, query: Pick<GridQuery, 'sort' | 'search'>, scope: GridScope) {
  return applyGridSort(
    base.select(['p.id', sql<number | string>`count(*) over ()`.as('matches')]),
    participantGridColumns,
    query.sort,
    viewOrder(query),
    gridOptions(scope),
  );
}

/** After the user's sort: search results read best alphabetically; the whole list reads best
 * newest-registered last; then by id, so paging never skips or repeats a row. */
function viewOrder(query: Pick<GridQuery, 'search'>) {
  return <DB, TB extends keyof DB, O>(rows: SelectQueryBuilder<DB, TB, O>, sorted: boolean) =>
    (!sorted && query.search.trim() ? rows.orderBy(sql`p.last_name`).orderBy(sql`p.first_name`) : rows).orderBy(
      sql`p.id`,
      'asc',
    );
}

export async function pageParticipants(
  tx: Db,
  query: GridQuery,
  scope: GridScope,
): Promise<{ rows: ParticipantGridRow[]; total: number; totalCapped: boolean }> {
  if (query.search.trim()) return pageSearched(tx, query, scope);
  const counted = await countGridRows(tx, gridBase(tx, query, scope, { joins: false }), query);
  const rows = await applyGridPage(sortedGridRows(gridBase(tx, query, scope), query, scope), query).execute();
  return { rows: rows as ParticipantGridRow[], ...counted };
}

/**
 * A quick search's page. The search alone (the common case) goes the store's own way when it has
 * one: on SQLite the search index's ids placed by everyone's search order held in memory (no
 * match's sort keys read or sorted), then the page's rows. Otherwise the page's ids in the view's order with the number of matches,
 * counted in the same pass (a window count: the search index is read once and each match's sort
 * keys once, where counting and then sorting read both twice), then those rows. Sorting already
 * reads every match, so the count is exact at no further cost ("1,000+" is never needed here).
 * Joins only when a sort or filter is on a joined column.
 */
async function pageSearched(
  tx: Db,
  query: GridQuery,
  scope: GridScope,
): Promise<{ rows: ParticipantGridRow[]; total: number; totalCapped: boolean }> {
  const page = (await searchOnlyPage(tx, query, scope)) ?? (await generalSearchPage(tx, query, scope));
  // A page past the last match has no row to carry the count.
  if (page.total === null)
    return {
      rows: [],
      ...(await countGridRows(tx, gridBase(tx, query, scope, { joins: false }), { ...query, countAll: true })),
    };
  return { rows: page.rows, total: page.total, totalCapped: false };
}

/** A page's rows, and the number of matches (null when the page is past the last match). */
interface SearchedPage {
  rows: ParticipantGridRow[];
  total: number | null;
}

/** The search alone (no filter, preset or sort of the user's, and a word long enough for the
 * index): the store's own way to the page's ids in the search order and the number of matches, if
 * it has one (dialect.ts), then those rows. */
async function searchOnlyPage(tx: Db, query: GridQuery, scope: GridScope): Promise<SearchedPage | null> {
  const search = query.search.trim();
  const alone = !query.sort.length && !query.preset && !Object.keys(query.filters).length && !onlyShortWords(search);
  const page = alone ? await participantSearchPage(tx, search, query) : null;
  if (!page) return null;
  return { rows: await rowsInOrder(tx, page.ids, scope), total: page.total };
}

/** Any search, filters, preset and sort: the page's ids and the number of matches by the grid's
 * query, then those rows. */
async function generalSearchPage(tx: Db, query: GridQuery, scope: GridScope): Promise<SearchedPage> {
  const joined = query.sort.some((s) => s.colId === 'keyWorker' || s.colId === 'fundingStream');
  const page = await applyGridPage(
    sortedGridIds(gridBase(tx, query, scope, { joins: joined }), query, scope),
    query,
  ).execute();
  if (!page.length) return { rows: [], total: null };
  return {
    rows: await rowsInOrder(
      tx,
      page.map((r) => r.id),
      scope,
    ),
    total: Number(page[0]!.matches),
  };
}

/** The grid's rows of the people `ids`, in that order. */
async function rowsInOrder(tx: Db, ids: number[], scope: GridScope): Promise<ParticipantGridRow[]> {
  if (!ids.length) return [];
  const rows = (await gridBase(tx, { search: '', filters: {}, preset: undefined }, scope)
    .select(gridSelectionFor(scope))
    .where('p.id', 'in', ids)
    .execute()) as ParticipantGridRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/**
 * People who may be what a search was meant to find (close matches): those whose first name or
 * surname sounds like one of `sounds`, or whose surname begins with one of `prefixes` (any case),
 * by index (participants_last_name_sound, participants_first_name_sound, participants_last_first).
 * Merged and anonymised records are left out; at most `limit` rows.
 */
export function closeMatchQuery(
  db: Db,
  keys: { sounds: string[]; prefixes: Array<{ prefix: string; minLength: number; maxLength: number }> },
  limit: number,
) {
  const next = (s: string) => s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) + 1);
  const conditions = [
    ...(keys.sounds.length
      ? [
          sql<boolean>`p.last_name_sound in (${sql.join(keys.sounds)})`,
          sql<boolean>`p.first_name_sound in (${sql.join(keys.sounds)})`,
        ]
      : []),
    // The length is read from the index entry, so other names are passed over without reading rows.
    ...keys.prefixes.flatMap(({ prefix, minLength, maxLength }) =>
      [prefix.charAt(0).toUpperCase() + prefix.slice(1), prefix.toUpperCase()].map(
        (from) =>
          sql<boolean>`(p.last_name >= ${from} and p.last_name < ${next(from)} and length(p.last_name) between ${minLength} and ${maxLength})`,
      ),
    ),
  ];
  return db
    .selectFrom('participants as p')
    .select([
      'p.id',
      'p.reference',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'p.preferred_name as preferredName',
      'p.date_of_birth as dateOfBirth',
      'p.postcode',
    ])
    .where('p.status', 'not in', ['merged', 'anonymised'])
    .where(conditions.length ? sql<boolean>`(${sql.join(conditions, sql` or `)})` : sql<boolean>`1 = 0`)
    .limit(limit);
}

// ---- the record ----

/** A person's notes; a viewer's reading has no note text (free text is withheld from viewers). */
export async function notesOf(db: Db, participantId: number, reader: Role) {
  const body = roleReads(reader, 'participant_notes', 'body') ? sql<string>`n.body` : sql<string>`null`;
  return db
    .selectFrom('participant_notes as n')
    .leftJoin('staff as s', 's.id', 'n.created_by')
    .select(['n.id', body.as('body'), 'n.created_at as createdAt', 's.display_name as createdBy'])
    .where('n.participant_id', '=', participantId)
    .orderBy('n.id', 'desc')
    .execute();
}

export async function insertNote(
  tx: Tx,
  values: { participant_id: number; body: string; created_at: string; created_by: number | null },
): Promise<{ id: number }> {
  return tx.insertInto('participant_notes').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Staff who can be a key worker (active, not viewers). */
export async function listKeyWorkers(db: Db) {
  return db
    .selectFrom('staff')
    .select(['id', 'display_name as name'])
    .where('is_active', '=', 1)
    .where('role', '!=', 'viewer')
    .orderBy('display_name')
    .execute();
}

export async function listActiveFundingStreams(db: Db) {
  return db.selectFrom('funding_streams').select(['id', 'name']).where('is_active', '=', 1).orderBy('name').execute();
}

export async function listBarrierItems(db: Db) {
  return listItems(db, 'barrier');
}

export async function listBenefitItems(db: Db) {
  return listItems(db, 'benefit');
}

async function listItems(db: Db, list: string) {
  return db
    .selectFrom('reference_items')
    .select(['code', 'label'])
    .where('list', '=', list)
    .where('is_active', '=', 1)
    .orderBy('sort_order')
    .execute();
}

/** How many people the store holds (merged records are not people of their own). */
export async function countParticipants(db: Db, options: { includeMerged?: boolean } = {}): Promise<number> {
  let q = db.selectFrom('participants').select((eb) => eb.fn.countAll<number>().as('n'));
  if (!options.includeMerged) q = q.where('status', '!=', 'merged');
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** A record as `reader` reads it: the columns a viewer does not read come back null. */
export async function findParticipant(
  db: Db,
  id: number,
  reader: Role = 'administrator',
): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('participants')
    .select(rowAs(reader, 'participants'))
    .$castTo<ParticipantRow>()
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findByReference(db: Db, reference: string): Promise<ParticipantRow | undefined> {
  return db
    .selectFrom('participants')
    .selectAll()
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
}

/** SW-000123: one more than the highest reference issued so far (the unique index answers it). */
/** The next free reference (read in the transaction that inserts it, so no other write takes it). */
export async function nextReference(db: Db): Promise<string> {
  const top = await db
    .selectFrom('participants')
    .select('reference')
    .where('reference', '>=', 'SW-000000')
    .where('reference', '<=', 'SW-999999')
    .orderBy('reference', 'desc')
    .limit(1)
    .executeTakeFirst();
  const n = top ? Number(top.reference.slice(3)) + 1 : 1;
  return `SW-${String(n).padStart(6, '0')}`;
}

export async function insertParticipant(tx: Tx, values: NewParticipant): Promise<number> {
  const row = await tx.insertInto('participants').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Everyone with both a labour-market status and a time out of work (the review list checks them). */
export async function labourMarketFacts(db: Db) {
  return db
    .selectFrom('participants')
    .select([
      'id',
      'reference',
      'first_name',
      'last_name',
      'labour_market_status',
      'time_out_of_work',
      'date_of_birth',
      'start_date',
      'referral_date',
    ])
    .where('status', 'not in', ['merged', 'anonymised'])
    .where('labour_market_status', 'is not', null)
    .where('time_out_of_work', 'is not', null)
    .orderBy('reference')
    .execute();
}

/** The record's fields kept as sets: barriers and benefits. */
export async function setsOf(db: Db, id: number): Promise<{ barriers: string[]; benefits: string[] }> {
  const benefits = await db
    .selectFrom('participant_benefits')
    .select('benefit_code')
    .where('participant_id', '=', id)
    .orderBy('benefit_code')
    .execute();
  return { barriers: await barriersOf(db, id), benefits: benefits.map((b) => b.benefit_code) };
}

export async function setBenefits(tx: Tx, id: number, codes: string[]): Promise<void> {
  await tx.deleteFrom('participant_benefits').where('participant_id', '=', id).execute();
  const unique = [...new Set(codes)];
  if (unique.length)
    await tx
      .insertInto('participant_benefits')
      .values(unique.map((benefit_code) => ({ participant_id: id, benefit_code })))
      .execute();
}

async function barriersOf(db: Db, id: number): Promise<string[]> {
  const rows = await db
    .selectFrom('participant_barriers')
    .select('barrier_code')
    .where('participant_id', '=', id)
    .orderBy('barrier_code')
    .execute();
  return rows.map((r) => r.barrier_code);
}

export async function setBarriers(tx: Tx, id: number, codes: string[]): Promise<void> {
  await tx.deleteFrom('participant_barriers').where('participant_id', '=', id).execute();
  const unique = [...new Set(codes)];
  if (unique.length)
    await tx
      .insertInto('participant_barriers')
      .values(unique.map((barrier_code) => ({ participant_id: id, barrier_code })))
      .execute();
}

export async function checksOf(db: Db, id: number, reader: Role) {
  return db
    .selectFrom('eligibility_checks as c')
    .leftJoin('staff as s', 's.id', 'c.seen_by')
    .select([
      'c.id',
      'c.check_code as checkCode',
      'c.outcome',
      'c.evidence_type as evidenceType',
      's.display_name as seenBy',
      'c.seen_on as seenOn',
      textAs(reader, 'eligibility_checks', 'c.notes', 'notes'),
      'c.recorded_at as recordedAt',
    ])
    .where('c.participant_id', '=', id)
    .orderBy('c.recorded_at', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export async function staffName(db: Db, id: number | null): Promise<string | null> {
  if (id == null) return null;
  const row = await db.selectFrom('staff').select('display_name').where('id', '=', id).executeTakeFirst();
  return row?.display_name ?? null;
}

export async function staffExists(db: Db, id: number): Promise<boolean> {
  return !!(await db.selectFrom('staff').select('id').where('id', '=', id).executeTakeFirst());
}

export async function fundingStreamName(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('funding_streams').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

/** Writes a participant's columns; with `version`, only if the stored version is still that one
 * (optimistic locking). Says whether a row was written. */
export async function updateParticipantRow(
  tx: Tx,
  id: number,
  values: ParticipantUpdate,
  version?: number,
): Promise<boolean> {
  let q = tx.updateTable('participants').set(values).where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many of `ids` exist. */
export async function countExisting(db: Db, ids: number[]): Promise<number> {
  return (await db.selectFrom('participants').select('id').where('id', 'in', ids).execute()).length;
}

/** Remembers that two records are not the same person; says whether it was new. */
export async function insertNotDuplicatePair(
  tx: Tx,
  values: { participant_a: number; participant_b: number; decided_by: number | null; decided_at: string },
): Promise<boolean> {
  const res = await tx
    .insertInto('not_duplicate_pairs')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) > 0;
}

// ---- merges ----

export async function latestUndoableMerge(db: Db, survivorId: number) {
  const m = await db
    .selectFrom('participant_merges as m')
    .innerJoin('participants as p', 'p.id', 'm.merged_id')
    .select(['m.id as mergeId', 'm.merged_id as mergedId', 'p.reference as mergedReference', 'm.merged_at as at'])
    .where('m.survivor_id', '=', survivorId)
    .where('m.undone_at', 'is', null)
    .orderBy('m.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return m ?? null;
}

export async function insertMerge(tx: Tx, values: NewParticipantMerge): Promise<number> {
  const row = await tx.insertInto('participant_merges').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findMerge(db: Db, id: number) {
  return db.selectFrom('participant_merges').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markMergeUndone(tx: Tx, id: number, at: string, staffId: number | null): Promise<void> {
  await tx.updateTable('participant_merges').set({ undone_at: at, undone_by: staffId }).where('id', '=', id).execute();
}
