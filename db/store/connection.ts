// Opens the store: one SQLite file, owned by one process, with the durability settings asserted,
// the quick check run and the migrations applied. Everything SQLite-specific stays in ./sqlite.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase, { type Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import { Kysely } from 'kysely';
import { WorksbookSqliteDialect } from './sqlite/dialect';
import type { Database } from './schema';
import { applyDurabilityPragmas, assertDurabilityPragmas, quickCheck } from './sqlite/pragmas';
import { applyKey, type StoreKey } from './sqlite/encryption';
import { migrateToLatest } from './migrator';

export interface Store {
  readonly file: string;
  readonly sqlite: Sqlite;
  readonly db: Kysely<Database>;
  readonly isEncrypted: boolean;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** Path of the data file, or ':memory:' for tests that need no file. */
  file: string;
  key?: StoreKey | null;
  /** Skip migrations (tests that build a database at an older version). */
  migrate?: boolean;
}

export class StoreCorruptError extends Error {
  constructor(readonly problems: string[]) {
    super(`The data file failed its integrity check (${problems.slice(0, 3).join('; ')}). Restore a backup.`);
    this.name = 'StoreCorruptError';
  }
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const inMemory = options.file === ':memory:';
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  const sqlite = new SqliteDatabase(options.file);
  try {
    const isEncrypted = applyKey(sqlite, options.key ?? null);
    applyDurabilityPragmas(sqlite);
    assertDurabilityPragmas(sqlite, inMemory);
    const problems = quickCheck(sqlite);
    if (problems.length) throw new StoreCorruptError(problems);
    const db = new Kysely<Database>({ dialect: new WorksbookSqliteDialect({ database: sqlite }) });
    if (options.migrate !== false) await migrateToLatest(db);
    return {
      file: options.file,
      sqlite,
      db,
      isEncrypted,
      async close() {
        await db.destroy(); // closes the sqlite handle too
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}
