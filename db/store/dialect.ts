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
import { SqliteAdapter, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database, Db, Tx } from './schema';
import type { BackupFileInfo, BackupReason } from './sqlite/backup-file';
import type { StoreKey } from './sqlite/encryption';
import { sqliteStore } from './sqlite/sqlite-store';

export type { BackupFileInfo, BackupReason, StoreKey };

/** Backup files of a store: write, list, rotate, read one, put one in place. */
export interface StoreBackups {
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
}

/** What a store must answer that SQL cannot say the same way on every dialect. */
export interface StoreDialect {
  readonly name: string;
  participantSearchCondition(text: string, idColumn: string): RawBuilder<SqlBool> | null;
  purgeParticipantSearchTrace(tx: Tx): Promise<void>;
  watchWrites(tx: Tx): Promise<() => Promise<boolean>>;
  dataVersion(db: Db): Promise<string | null>;
  integrityProblems(db: Kysely<Database>): Promise<string[]>;
  foreignKeyProblemCount(db: Kysely<Database>): Promise<number>;
  flushErasedPages(db: Kysely<Database>): Promise<void>;
  backups: StoreBackups;
}

/** The implementation for this handle's dialect. */
export function dialectOf(db: Db): StoreDialect {
  const adapter = db.getExecutor().adapter;
  if (adapter instanceof SqliteAdapter) return sqliteStore;
  throw new Error(`No store functions for the ${adapter.constructor.name} dialect: add db/store/<dialect>/`);
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

/** Leaves no trace of erased names and identifiers in the search index (inside the transaction
 * that erased them; it rewrites the index, so once per batch). */
export function purgeParticipantSearchTrace(tx: Tx): Promise<void> {
  return dialectOf(tx).purgeParticipantSearchTrace(tx);
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

/** Rows whose foreign keys point nowhere. */
export function foreignKeyProblemCount(db: Kysely<Database>): Promise<number> {
  return dialectOf(db).foreignKeyProblemCount(db);
}

/** After erasing personal data: makes sure no old copy of the erased values lingers in the
 * store's files (the SQLite WAL). Outside any transaction. */
export function flushErasedPages(db: Kysely<Database>): Promise<void> {
  return dialectOf(db).flushErasedPages(db);
}

/** The backup files of the store `db` is a handle on. */
export function storeBackups(db: Db): StoreBackups {
  return dialectOf(db).backups;
}
