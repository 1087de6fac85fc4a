// Opens the store: one SQLite file, owned by one process, with the durability settings asserted,
// the quick check run and the migrations applied. Everything SQLite-specific stays in ./sqlite.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase, { type Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import { Kysely } from 'kysely';
import { WorksbookSqliteDialect } from './sqlite/dialect';
import type { Database } from './schema';
import { applyDurabilityPragmas, assertDurabilityPragmas, quickCheck } from './sqlite/pragmas';
import { applyKey, isPlaintextDatabaseFile, type StoreKey } from './sqlite/encryption';
import { encryptFileInPlace, encryptPlaintextBackups } from './sqlite/encrypt-in-place';
import { writeBackupFile } from './sqlite/backup-file';
import { withTolerantRollback } from './sqlite/tolerant-rollback';
import { assertLocalStorePath } from './sqlite/network-path';
import { appliedMigrations, migrateToLatest } from './migrator';
import { migrations } from './migrations/index';

export interface Store {
  readonly file: string;
  readonly sqlite: Sqlite;
  readonly db: Kysely<Database>;
  readonly isEncrypted: boolean;
  /** Kept in memory only, to open this store's backups (they share its key). */
  readonly key: StoreKey | null;
  /** What happened while opening: an in-place encryption, a backup before migrations. */
  readonly openNotes: string[];
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Path of the data file, or ':memory:' for tests that need no file. */
  file: string;
  key?: StoreKey | null;
  /** Skip migrations (tests that build a database at an older version). */
  migrate?: boolean;
  /** Where backups go (before migrations, and plaintext ones to encrypt); default <dir>/backups. */
  backupDir?: string;
}

export function defaultBackupDir(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

export class StoreCorruptError extends Error {
  constructor(readonly problems: string[]) {
    super(`The data file failed its integrity check (${problems.slice(0, 3).join('; ')}). Restore a backup.`);
    this.name = 'StoreCorruptError';
  }
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const inMemory = options.file === ':memory:';
  const key = options.key ?? null;
  const backupDir = options.backupDir ?? defaultBackupDir(options.file);
  const openNotes: string[] = [];
  // Before anything touches the disk: a store on a network share is refused, not created there.
  if (!inMemory) assertLocalStorePath(options.file);
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  // An existing plaintext store opened with a key is an upgrade: encrypt it (and its backups).
  if (!inMemory && key && isPlaintextDatabaseFile(options.file)) {
    encryptFileInPlace(options.file, key);
    openNotes.push('encrypted-in-place');
  }
  if (!inMemory && key && encryptPlaintextBackups(backupDir, key) > 0) openNotes.push('backups-encrypted');
  const sqlite = new SqliteDatabase(options.file);
  try {
    const isEncrypted = applyKey(sqlite, key);
    applyDurabilityPragmas(sqlite);
    assertDurabilityPragmas(sqlite, inMemory);
    const problems = quickCheck(sqlite);
    if (problems.length) throw new StoreCorruptError(problems);
    const db = new Kysely<Database>({
      dialect: new WorksbookSqliteDialect({ database: withTolerantRollback(sqlite) }),
    });
    if (options.migrate !== false) {
      // A store that already has data gets a backup before its schema changes.
      const applied = await appliedMigrations(db);
      const pending = Object.keys(migrations).filter((m) => !applied.includes(m));
      if (!inMemory && applied.length > 0 && pending.length > 0) {
        writeBackupFile(sqlite, key, backupDir, 'pre-migration', new Date());
        openNotes.push('backup-before-migration');
      }
      await migrateToLatest(db);
    }
    return {
      file: options.file,
      sqlite,
      db,
      isEncrypted,
      key,
      openNotes,
      async close() {
        await db.destroy(); // closes the sqlite handle too
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}
