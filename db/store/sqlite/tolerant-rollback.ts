// SQLite-only: when a statement fails with SQLITE_FULL, SQLITE_IOERR or SQLITE_NOMEM, SQLite rolls
// the whole transaction back by itself. Kysely then issues its own ROLLBACK, which fails with
// "cannot rollback - no transaction is active" and REPLACES the real error: a full disk would
// reach the user as an internal error instead of "the disk is full". This wrapper lets that
// second ROLLBACK be a no-op when no transaction is open, so the original error comes through.
import type { Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from 'kysely';

const NOOP = {
  reader: false,
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  all: () => [],
  iterate: () => [][Symbol.iterator](),
};

export function withTolerantRollback(sqlite: Sqlite): SqliteDatabase {
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      if (!sqlite.inTransaction && /^\s*rollback\b/i.test(sqlText)) return NOOP as never;
      return sqlite.prepare(sqlText) as never;
    },
  } as SqliteDatabase;
}
