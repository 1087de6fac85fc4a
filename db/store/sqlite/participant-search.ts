// SQLite-only: the participant quick-search index. An FTS5 table with the trigram tokenizer
// (any substring of 3+ characters, case- and accent-insensitive), one row per participant
// (rowid = participants.id), kept in step with the participants table by triggers. A PostgreSQL
// dialect would use pg_trgm over the same two expressions instead.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { SearchPage } from '../dialect';
import { quickSearchTerms, searchesIdentifiers } from '../../../shared/domain/quick-search-words';

/** Names as typed and with the preferred name, so "Jo Smith" and "Joanne Smith" both match. */
const NAME_EXPR = (p: string) =>
  sql.raw(
    `coalesce(${p}.first_name,'') || ' ' || coalesce(${p}.preferred_name,'') || ' ' || coalesce(${p}.last_name,'')`,
  );
/** Identifiers in compact form: reference with and without its dash, NI, postcode without space, phone digits. */
const IDENT_EXPR = (p: string) =>
  sql.raw(
    `${p}.reference || ' ' || replace(${p}.reference,'-','') || ' ' || coalesce(${p}.ni_number,'') ` +
      `|| ' ' || coalesce(replace(${p}.postcode,' ',''),'') || ' ' || coalesce(${p}.phone_digits,'')`,
  );

/** Raw SQL only, so it takes any schema's handle: a migration's or today's transaction. */
export async function createParticipantSearch<DB>(db: Kysely<DB>): Promise<void> {
  await sql`create virtual table participant_search using fts5(name, ident, tokenize = 'trigram remove_diacritics 1')`.execute(
    db,
  );
  await sql`insert into participant_search(rowid, name, ident) select p.id, ${NAME_EXPR('p')}, ${IDENT_EXPR('p')} from participants p`.execute(
    db,
  );
  await sql`create trigger participant_search_insert after insert on participants begin
    insert into participant_search(rowid, name, ident) values (new.id, ${NAME_EXPR('new')}, ${IDENT_EXPR('new')});
  end`.execute(db);
  const indexed = sql.raw('first_name, preferred_name, last_name, reference, ni_number, postcode, phone_digits');
  await sql`create trigger participant_search_update after update of ${indexed} on participants begin
    delete from participant_search where rowid = old.id;
    insert into participant_search(rowid, name, ident) values (new.id, ${NAME_EXPR('new')}, ${IDENT_EXPR('new')});
  end`.execute(db);
  await sql`create trigger participant_search_delete after delete on participants begin
    delete from participant_search where rowid = old.id;
  end`.execute(db);
}

/**
 * Leaves no trace of erased names and identifiers in the search index. FTS5 keeps a changed
 * row's old tokens in its segments (a delete only adds a tombstone) until the segments are
 * merged; 'optimize' flushes the pending changes and merges every segment into one, dropping
 * deleted entries, and with secure_delete on the freed pages are zeroed. Runs inside the
 * caller's transaction; it rewrites the whole index, so call it once per batch of erasures.
 */
export async function purgeParticipantSearchTrace<DB>(db: Kysely<DB>): Promise<void> {
  await sql`insert into participant_search(participant_search) values ('optimize')`.execute(db);
}

/** Above this many segments a merge is worth its cost (the index of a store that grew by single
 * registrations keeps a few; FTS5 merges them in fours as they accumulate). */
const SEGMENTS_BEFORE_MERGE = 4;

/**
 * Merges the search index into one segment when it is in more than a few. FTS5 writes each
 * transaction's new entries as a segment of their own (and a large write as one per megabyte,
 * unless written by withBulkIndexSettings) and merges them only in fours, so a store built by bulk
 * writes (demo data) or by months of single registrations holds its index in a dozen segments or
 * more, and every search reads each of them: at 100,000 people a quick search took about twice as
 * long (median 2.4 against 1.1 ms per call). A merge rewrites the index (about half a second at
 * 100,000 people), so an import (one segment more) or a quiet hour does not pay it; counting the
 * segments reads the index's small b-tree of terms (2 ms at 100,000). Returns whether it merged.
 */
export async function mergeParticipantSearch<DB>(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(distinct segid) as n from participant_search_idx`.execute(db);
  if (Number(rows[0]?.n ?? 0) <= SEGMENTS_BEFORE_MERGE) return false;
  await sql`insert into participant_search(participant_search) values ('optimize')`.execute(db);
  return true;
}

/** Quotes text as one FTS5 string (phrase), so user input is never read as query syntax. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The FTS5 query for what an officer typed, or null when it is too short for trigrams (< 3
 * characters; the caller then uses exact and prefix lookups). Words of 3+ characters without a
 * digit must all be in the names; the compact text (spaces and dashes removed) may instead be in
 * the identifiers, so "ab 12 34", "SG1 1AA", "07700 900123" and "SW-000123" all work. A word with
 * a digit is an identifier, never a name (quick-search-words.ts): "SG2 8CC" reads the identifiers
 * only, where searching the names too cost 0.39 of its 0.89 ms at 100,000 people; beside name
 * words, each digit word must be in the same person's identifiers ("Smith SG2": the Smiths in SG2).
 * `shortWords` and `shortIdentWords` are the words under three characters that narrow the name
 * matches (in the names, and in the identifiers).
 */
export function quickSearchMatch(
  text: string,
): { match: string; shortWords: string[]; shortIdentWords: string[] } | null {
  const terms = quickSearchTerms(text);
  const { longNames, compact, identWords } = terms;
  const words = text.trim().split(/\s+/).filter(Boolean);
  // One name word that is its own compact form ("Davies"): the same phrase in either column, as
  // one phrase over both, so each of its trigrams' lists is read once, not twice.
  if (words.length === 1 && longNames.length === 1 && compact === longNames[0]!.toUpperCase())
    return { match: `{name ident} : ${ftsPhrase(longNames[0]!)}`, shortWords: [], shortIdentWords: [] };
  const longIdents = identWords.filter((w) => [...w].length >= 3);
  const parts: string[] = [];
  if (longNames.length)
    parts.push(
      longIdents.length
        ? `((name : (${longNames.map(ftsPhrase).join(' AND ')})) AND (ident : (${longIdents.map(ftsPhrase).join(' AND ')})))`
        : `(name : (${longNames.map(ftsPhrase).join(' AND ')}))`,
    );
  if (searchesIdentifiers(terms)) parts.push(`(ident : ${ftsPhrase(compact)})`);
  if (!parts.length) return null;
  // Without a name part, what is left matches the identifiers, which short words do not narrow.
  return {
    match: parts.join(' OR '),
    shortWords: longNames.length ? terms.shortNames : [],
    shortIdentWords: longNames.length ? identWords.filter((w) => [...w].length < 3) : [],
  };
}

/** `haystack` contains `needle`, ignoring ASCII case (as SQLite's LIKE does), with no pattern
 * characters to escape. */
const containsText = (haystack: string, needle: string) =>
  sql<SqlBool>`instr(lower(${sql.ref(haystack)}), lower(${needle})) > 0`;

/** The index's rows that match what an officer typed, as a condition on participant_search; null
 * when the text is too short for trigrams. Words under three characters ("Jo Smith", "Smith 5")
 * narrow the name matches; the compact text may match the identifiers on its own. */
function searchIndexMatch(text: string): RawBuilder<SqlBool> | null {
  const fts = quickSearchMatch(text);
  if (!fts) return null;
  const compact = text.trim().replace(/[\s\-()]/g, '');
  const narrowing = [
    ...fts.shortWords.map((w) => containsText('participant_search.name', w)),
    ...fts.shortIdentWords.map((w) => containsText('participant_search.ident', w)),
  ];
  const narrow = narrowing.length
    ? sql` and ((${sql.join(narrowing, sql` and `)}) or ${containsText('participant_search.ident', compact)})`
    : sql``;
  return sql<SqlBool>`participant_search match ${fts.match}${narrow}`;
}

/**
 * People whose names or identifiers match what an officer typed, by the index, as a condition on
 * `idColumn` (e.g. 'p.id'); null when the text is too short for trigrams.
 */
export function participantSearchCondition(text: string, idColumn: string): RawBuilder<SqlBool> | null {
  const match = searchIndexMatch(text);
  return match && sql<SqlBool>`${sql.ref(idColumn)} in (select rowid from participant_search where ${match})`;
}

/** Everyone's place in the grid's search order (surname, first name, id), by id (-1 for an id
 * that is no one's or a merged record's), and the id at each place. Worked out once per store
 * handle and data version. */
interface SearchOrder {
  version: number;
  place: Int32Array;
  idAt: Int32Array;
}
const searchOrders = new WeakMap<object, SearchOrder>();

/** Rows changed on the store's one connection since it opened (write-watch.ts): every write
 * moves it on, and it never goes back, not even when a transaction is rolled back. */
const changesSoFar = sql<{ n: number }>`select total_changes() as n`;

/**
 * Everyone's place in the search order at data version `version`, from participants_last_first
 * (last name, first name and, as every SQLite index does, the id: the grid's order exactly, by
 * SQLite's own comparison), read in order without a sort: 8-14 ms at 100,000 people, held as
 * 8 bytes a person. The store has one connection and every write on it moves total_changes() on,
 * so a write of any kind means the next search reads it again. Null when a write came in between
 * (another request's, between these statements): the order read may not be that version's.
 */
async function searchOrderAt<DB>(db: Kysely<DB>, version: number): Promise<SearchOrder | null> {
  const kept = searchOrders.get(db);
  if (kept && kept.version === version) return kept;
  // One JSON array rather than 100,000 rows: 8-14 ms against 17-44 as row objects (raw driver,
  // load 8). The subquery is read in order into the aggregate (a co-routine over the index; the
  // plan test holds it), so the array is in the order; ORDER BY inside the aggregate would sort
  // instead (44-63 ms).
  const { rows } = await sql<{ ids: string }>`select json_group_array(id) as ids from (
    select id from participants indexed by participants_last_first order by last_name, first_name, id)`.execute(db);
  const ids = JSON.parse(rows[0]!.ids) as number[];
  const { rows: merged } = await sql<{ id: number }>`select id from participants where status = 'merged'`.execute(db);
  if (Number((await changesSoFar.execute(db)).rows[0]!.n) !== version) return null;
  let last = 0;
  for (const id of ids) if (id > last) last = id;
  const place = new Int32Array(last + 1).fill(-1);
  const idAt = Int32Array.from(ids);
  ids.forEach((id, i) => (place[id] = i));
  for (const r of merged) place[r.id] = -1;
  const order = { version, place, idAt };
  searchOrders.set(db, order);
  return order;
}

/**
 * A quick search's page in the grid's default order (surname, first name, id), merged records
 * left out: the page's ids in order and the exact number of matches; null when the text is too
 * short for the index or `db` is a transaction (whose changes may yet be rolled back while the
 * data version stays moved on: it neither keeps nor uses the order), or a write came in while the
 * order was read; the caller then runs the grid's general query, which gives the same rows, order
 * and total.
 *
 * The index gives the matches' ids and nothing more is read for each: their order is their places
 * in everyone's search order (searchOrderAt), kept in memory, so the count is the number of places
 * and the page is the smallest `offset + limit` of them. Reading each match's sort keys from
 * participant_sort_keys (0.19 µs a match at 100,000 people), gathering it for the count (0.17) and
 * sorting the strings (0.11) cost a common surname more than the index itself: Thomas, 2,280
 * matches, 1.51 ms as one statement against 0.80 this way (least of 200, raw driver).
 */
export async function participantSearchPage<DB>(
  db: Kysely<DB>,
  text: string,
  page: { limit: number; offset: number },
): Promise<SearchPage | null> {
  const match = searchIndexMatch(text);
  if (!match) return null;
  const { limit, offset } = page;
  if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(offset) || limit < 1 || offset < 0)
    throw new Error('A search page needs a whole-number limit and offset.');
  if (db.isTransaction) return null;
  // The data version and the matches in one statement (its first row, then the ids), so the
  // order they are placed by is the one they were found at.
  const { rows } = await sql<{
    version: number | null;
    id: number | null;
  }>`select total_changes() as version, null as id
    union all select null, rowid from participant_search where ${match}`.execute(db);
  const version = rows.find((r) => r.version !== null)?.version;
  const order = version === undefined || version === null ? null : await searchOrderAt(db, Number(version));
  if (!order) return null;
  const { place, idAt } = order;
  const places: number[] = [];
  for (const { id } of rows) {
    if (id === null) continue;
    const at = place[id];
    // Past the order's end: someone the order does not know, which the same data version rules
    // out; never a wrong page, though: the general query answers.
    if (at === undefined) return null;
    if (at >= 0) places.push(at);
  }
  const sorted = new Int32Array(places).sort();
  return { ids: Array.from(sorted.subarray(offset, offset + limit), (at) => idAt[at]!), total: places.length };
}

/** The FTS5 settings a bulk fill changes, FTS5's own default for each (fts5_config.c: the value a
 * store holds unless set), the value the fill uses, and the largest value put back as it was. */
const BULK_SETTINGS = [
  // Off: the fill's segments are not merged while it writes them (see withBulkIndexSettings).
  { key: 'automerge', fts5Default: 4, bulk: 0, most: 16 },
  // 32 MB of pending entries before FTS5 writes a segment: 50,000 people take one, not fourteen.
  { key: 'hashsize', fts5Default: 1_048_576, bulk: 32 * 1_048_576, most: 1 << 30 },
] as const;

/**
 * Runs `write` (one bulk write to the search index) with FTS5 holding its new entries in memory
 * until the end and merging nothing meanwhile, then puts the store's settings back. FTS5 writes a
 * large insert as a run of segments (one per megabyte of pending entries: fourteen for 50,000
 * people), merging them a little as each is written, and every search reads every segment, so a
 * bulk fill used to be followed by a merge of the whole index into one (mergeParticipantSearch):
 * 99-109 ms at 10,000 people and 348-468 ms at 100,000. Written as one segment, the index is left
 * in two (the one before and the fill's), which mergeParticipantSearch leaves as they are (it
 * merges past four), and the fill itself takes no longer (raw driver, 100,000 people: 257-345 ms
 * against 257-324; a search for "smith" 0.25-0.31 ms against 0.19-0.30 in one segment). The cost
 * is up to 32 MB of the backend's memory while the fill runs. The settings are kept in the index's
 * config table, inside the caller's transaction: a rollback puts them back too.
 */
async function withBulkIndexSettings<DB>(tx: Kysely<DB>, write: () => Promise<unknown>): Promise<void> {
  const { rows } = await sql<{ k: string; v: number }>`select k, v from participant_search_config
    where k in ('automerge', 'hashsize')`.execute(tx);
  // FTS5 takes these settings only as integer literals: a bound number reaches it as a real.
  const set = (key: string, value: number) =>
    sql`insert into participant_search(participant_search, rank) values (${key}, ${sql.raw(String(value))})`.execute(
      tx,
    );
  const kept = BULK_SETTINGS.map(({ key, fts5Default, most }) => {
    const v = Number(rows.find((r) => r.k === key)?.v ?? fts5Default);
    return { key, value: Number.isSafeInteger(v) && v >= 0 && v <= most ? v : fts5Default };
  });
  for (const { key, bulk } of BULK_SETTINGS) await set(key, bulk);
  try {
    await write();
  } finally {
    for (const { key, value } of kept) await set(key, value);
  }
}

/**
 * Runs `insert` (which inserts people, and nothing else that fires participants' insert triggers)
 * with the search index and sort keys filled once for every person it inserted, by one
 * `insert ... select` each, instead of by the two insert triggers row by row (migration 0305:
 * about 0.6 s of CPU fewer for 50,000 people). The triggers skip while participant_index_deferral
 * holds its row; it is set and cleared here, inside the caller's transaction, so no other
 * transaction ever sees it set or the index behind the people. New people's ids are above every id
 * there before (rowids grow), so "id > the largest before" is exactly the people inserted here.
 * If `insert` fails, the people it did insert are indexed and the flag cleared before the error
 * goes on, so a caller that goes on with its transaction still has them searchable.
 */
export async function withParticipantIndexFilledOnce<DB, T>(tx: Kysely<DB>, insert: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ last: number | null }>`select max(id) as last from participants`.execute(tx);
  const after = Number(rows[0]?.last ?? 0);
  const fill = async () => {
    await withBulkIndexSettings(tx, () =>
      sql`insert into participant_search(rowid, name, ident)
        select p.id, ${NAME_EXPR('p')}, ${IDENT_EXPR('p')} from participants p where p.id > ${after} order by p.id`.execute(
        tx,
      ),
    );
    await sql`insert into participant_sort_keys (id, status, last_name, first_name)
      select id, status, last_name, first_name from participants where id > ${after} order by id`.execute(tx);
    await sql`delete from participant_index_deferral`.execute(tx);
  };
  await sql`insert into participant_index_deferral (id) values (1)`.execute(tx);
  let result: T;
  try {
    result = await insert();
  } catch (error) {
    await fill().catch(() => undefined);
    throw error;
  }
  await fill();
  return result;
}
