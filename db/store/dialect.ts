// The one door from features (db/features, db/cli, db/demo, db/backend) to anything that
// differs between SQL dialects. Features write portable SQL through Kysely; what cannot be
// portable goes behind a small named function here, and each dialect's answer lives in
// db/store/<dialect>/. The implementation is picked from the Kysely handle's adapter, so a
// caller never names a dialect.
//
// What belongs here: full-text search, write detection, store checks (integrity, foreign keys),
// flushing erased pages, backup files, a data-version token for caches. What does not: SQL that
// Kysely builds the same on every dialect (upserts are `onConflict`, schema reads are
// `db.introspection`), and rules (those are shared/domain or the features).
//
// Adding a dialect (e.g. PostgreSQL, issue 18): write db/store/postgres/postgres-store.ts
// exporting a `StoreDialect` (pg_trgm for the participant search, `pg_stat_xact_*` or a trigger
// counter for write detection, pg_dump for backups, ...), add its adapter to `dialectOf` below,
// and run the integration suite against it. test/unit/store-boundary.test.ts keeps features from
// reaching past this module.
import {
  PostgresAdapter,
  SqliteAdapter,
  type AliasedRawBuilder,
  type Kysely,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import type { Database, Db, Tx } from './schema';
import type { BackupFileInfo, BackupReason } from './sqlite/backup-file';
import type { StoreKey } from './sqlite/encryption';
import { sqliteStore } from './sqlite/sqlite-store';
import { postgresStore } from './postgres/postgres-store';

export type { BackupFileInfo, BackupReason, StoreKey };

/** Backup files of a store: write, list, rotate, read one, put one in place. */
export interface StoreBackups {
  /** Whether the app copies the store itself before bulk writes and daily (SQLite: yes; a team
   * database: no, the server's backups apply). */
  readonly beforeBulkWrites: boolean;
  /** A checked snapshot of the open store in `dir` (outside any transaction). */
  write(
    db: Kysely<Database>,
    key: StoreKey | null,
    dir: string,
    reason: BackupReason,
    at: Date,
  ): Promise<BackupFileInfo>;
  /** Newest first. */
  list(dir: string): BackupFileInfo[];
  /** Deletes backups past the rotation policy; returns their names. */
  rotate(dir: string): string[];
  /** Deletes these backups (listed by `list`). */
  remove(backups: readonly BackupFileInfo[]): void;
  /** Opens a backup read-only as a store handle, runs `read`, closes it. */
  read<T>(file: string, key: StoreKey | null, read: (backup: Kysely<Database>) => Promise<T>): Promise<T>;
  /** Puts a copy of `backupFile` in place of the (closed) store. */
  replaceStore(storeFile: string, backupFile: string): void;
  /** Re-encrypts a closed file (a store copy) from one key to another, through a checked copy. */
  rekeyCopy(file: string, from: StoreKey, to: StoreKey): void;
}

/** What a store must answer that SQL cannot say the same way on every dialect. */
export interface StoreDialect {
  readonly name: string;
  participantSearchCondition(text: string, idColumn: string): RawBuilder<SqlBool> | null;
  participantsByIdNarrow<A extends string>(alias: A): AliasedRawBuilder<unknown, A>;
  participantSearchPage(db: Db, text: string, page: { limit: number; offset: number }): Promise<SearchPage | null>;
  purgeParticipantSearchTrace(tx: Tx): Promise<void>;
  mergeParticipantSearch(tx: Tx): Promise<boolean>;
  withParticipantIndexFilledOnce<T>(tx: Tx, insert: () => Promise<T>): Promise<T>;
  watchWrites(tx: Tx): Promise<() => Promise<boolean>>;
  dataVersion(db: Db): Promise<string | null>;
  integrityProblems(db: Kysely<Database>): Promise<string[]>;
  quickCheckProblems(db: Kysely<Database>): Promise<string[]>;
  foreignKeyProblemCount(db: Kysely<Database>): Promise<number>;
  flushErasedPages(db: Kysely<Database>): Promise<void>;
  storeBytes(db: Kysely<Database>, file: string): Promise<number>;
  announceChanges(tx: Tx, areas: readonly string[]): Promise<void>;
  isRetryableConflict(error: unknown): boolean;
  describeFailure(error: unknown): StoreFailure;
  backups: StoreBackups;
}

/** What a failed statement means for the person who asked, and what may be logged about it. */
export interface StoreFailure {
  kind: 'disk-full' | 'io' | 'constraint' | 'busy' | 'refused' | 'unavailable' | null;
  code: string | null;
  /** The message with nothing that could be a stored value in it. */
  safeMessage: string;
}

export type StoreKind = 'sqlite' | 'postgres';

/** Which kind of store a handle is on (any schema's handle: a migration's too). For db/store only:
 * features ask the dialect's functions below, never which dialect it is. */
export function storeKindOf(db: Pick<Kysely<unknown>, 'getExecutor'>): StoreKind {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return 'sqlite';
  if (adapter instanceof PostgresAdapter) return 'postgres';
  throw new Error(`No store functions for the ${adapter.constructor.name} dialect: add db/store/<dialect>/`);
}

/** The implementation for this handle's dialect. */
export function dialectOf(db: Pick<Kysely<unknown>, 'getExecutor'>): StoreDialect {
  return storeKindOf(db) === 'sqlite' ? sqliteStore : postgresStore;
}

/**
 * People whose names or identifiers match what an officer typed, using the store's search index
 * (any part of a name, reference, NI number, postcode or phone, in any spacing), as a condition
 * on `idColumn` (e.g. 'p.id'). Null when the text is too short for the index (under three
 * characters): the caller then uses exact and prefix lookups.
 */
export function participantSearchCondition(db: Db, text: string, idColumn: string): RawBuilder<SqlBool> | null {
  return dialectOf(db).participantSearchCondition(text, idColumn);
}

/** The participants table as `alias`, for a join that looks up many people by id to read only
 * columns held by the narrow index participants_id_person (migrations 0310, 0311): id,
 * merged_into_id, is_local, geo_ward_code, geo_imd_decile, geo_la_code, eligibility_status,
 * labour_market_status (the dashboard's outcomes pass, the headline's and funders' counts). On
 * SQLite through that index, which its planner does not pick over the table's own key without
 * statistics; elsewhere the plain table, whose planner chooses. Reading another column through
 * it gives the same rows, only slower (the index, then the table). */
export function participantsByIdNarrow<A extends string>(
  db: Pick<Kysely<unknown>, 'getExecutor'>,
  alias: A,
): AliasedRawBuilder<unknown, A> {
  return dialectOf(db).participantsByIdNarrow(alias);
}

/** A quick search's page: its ids in the page's order, and the exact number of matches. */
export interface SearchPage {
  ids: number[];
  total: number;
}

/**
 * The participants grid's quick search with nothing else set (no filter, preset or sort of the
 * user's): the page's matches in the grid's search order (surname, first name, id), merged records
 * left out, as their ids, with the exact number of matches; when the store has a faster way to
 * work them out than the grid's general query (SQLite: the search index's ids placed by everyone's
 * search order, held in memory). Null otherwise, or when the text is too short for the index: the
 * caller then runs the general query, which gives the same rows, order and total.
 */
export function participantSearchPage(
  db: Db,
  text: string,
  page: { limit: number; offset: number },
): Promise<SearchPage | null> {
  return dialectOf(db).participantSearchPage(db, text, page);
}

/** Leaves no trace of erased names and identifiers in the search index (inside the transaction
 * that erased them; it rewrites the index, so once per batch). */
export function purgeParticipantSearchTrace(tx: Tx): Promise<void> {
  return dialectOf(tx).purgeParticipantSearchTrace(tx);
}

/** Keeps the participant search fast after a bulk write of people (an import, demo data) and in
 * the backend's hourly upkeep: on SQLite, merges the search index's segments, which every search
 * reads, when there are more than a few (inside the transaction; a merge rewrites the index).
 * Returns whether it merged (never on PostgreSQL, whose trigram indexes need no such care). */
export function mergeParticipantSearch(tx: Tx): Promise<boolean> {
  return dialectOf(tx).mergeParticipantSearch(tx);
}

/** Runs `insert` (a bulk insert of people, nothing else) so that the store's quick-search index
 * takes the people it inserted in one step before this returns, rather than row by row: on SQLite
 * the insert triggers skip (migration 0305) and both index tables are filled by one statement
 * each, inside the caller's transaction, so no other transaction sees the index behind the people.
 * On PostgreSQL `insert` runs as it is (the trigram indexes are over participants' own rows). */
export function withParticipantIndexFilledOnce<T>(tx: Tx, insert: () => Promise<T>): Promise<T> {
  return dialectOf(tx).withParticipantIndexFilledOnce(tx, insert);
}

/** A transaction that will write. On SQLite it begins IMMEDIATE (db/store/sqlite/dialect.ts): it
 * takes the write lock at once, waiting out another process's write, rather than reading first and
 * failing with SQLITE_BUSY when that process committed in between. */
export function writeTransaction(db: Kysely<Database>) {
  return db.transaction().setAccessMode('read write');
}

/** Starts watching `tx`; the function returned answers "has it changed any row since?". */
export function watchWrites(tx: Tx): Promise<() => Promise<boolean>> {
  return dialectOf(tx).watchWrites(tx);
}

/** A token that differs whenever any data in the store has changed (null: the store cannot
 * tell, so do not cache). */
export function dataVersion(db: Db): Promise<string | null> {
  return dialectOf(db).dataVersion(db);
}

/** The store's own consistency check: an empty list when all is well. */
export function integrityProblems(db: Kysely<Database>): Promise<string[]> {
  return dialectOf(db).integrityProblems(db);
}

/** The store's quick check (SQLite's quick_check: every page read, indexes not compared with
 * their tables): an empty list when all is well. */
export function quickCheckProblems(db: Kysely<Database>): Promise<string[]> {
  return dialectOf(db).quickCheckProblems(db);
}

/** Rows whose foreign keys point nowhere. */
export function foreignKeyProblemCount(db: Kysely<Database>): Promise<number> {
  return dialectOf(db).foreignKeyProblemCount(db);
}

/** After erasing personal data: makes sure no old copy of the erased values lingers in the
 * store's files (the SQLite WAL). Outside any transaction. */
export function flushErasedPages(db: Kysely<Database>): Promise<void> {
  return dialectOf(db).flushErasedPages(db);
}

/** How much space the store takes: its file, or a team database's size on its server. */
export function storeBytes(db: Kysely<Database>, file: string): Promise<number> {
  return dialectOf(db).storeBytes(db, file);
}

/** Tells other processes using the same store which data areas this transaction changed (sent
 * only if it commits). A SQLite store has one owner process: nothing to tell. */
export function announceChanges(tx: Tx, areas: readonly string[]): Promise<void> {
  return dialectOf(tx).announceChanges(tx, areas);
}

/** Whether a failed write transaction lost a race with another writer and may simply be run
 * again (PostgreSQL: serialization failure 40001, deadlock 40P01). */
export function isRetryableConflict(db: Db, error: unknown): boolean {
  return dialectOf(db).isRetryableConflict(error);
}

/** What a statement's failure means (full disk, broken constraint, refused by the server...). */
export function describeStoreFailure(db: Db, error: unknown): StoreFailure {
  return dialectOf(db).describeFailure(error);
}

/** The backup files of the store `db` is a handle on. */
export function storeBackups(db: Db): StoreBackups {
  return dialectOf(db).backups;
}
