// SQLite-only: when a statement fails with SQLITE_FULL, SQLITE_IOERR or SQLITE_NOMEM, SQLite rolls
// the whole transaction back by itself. Kysely then issues its own ROLLBACK, which fails with
// "cannot rollback - no transaction is active" and REPLACES the real error: a full disk would
// reach the user as an internal error instead of "the disk is full". This wrapper lets that
// second ROLLBACK be a no-op when no transaction is open, so the original error comes through.
// It also keeps prepared statements for reuse (StatementCache below).
import type { Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import type { SqliteDatabase } from 'kysely';

const NOOP = {
  reader: false,
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  all: () => [],
  iterate: () => [][Symbol.iterator](),
};

export function withTolerantRollback(sqlite: Sqlite): SqliteDatabase {
  const statements = new StatementCache(sqlite);
  return {
    close: () => sqlite.close(),
    prepare(sqlText: string) {
      if (!sqlite.inTransaction && /^\s*rollback\b/i.test(sqlText)) return NOOP as never;
      return statements.get(sqlText) as never;
    },
  } as SqliteDatabase;
}

/**
 * Prepared statements kept by their SQL text, the most recent STATEMENT_CACHE_SIZE of them. Kysely
 * prepares every statement it runs afresh; a grid's search statements (the full-text match, the
 * page by id) took a few tenths of a millisecond each to prepare, against a 2 ms goal for the
 * whole search. A statement still being iterated (a stream) is busy and cannot run again until
 * it ends: that text gets a statement of its own, not kept. SQLite prepares a kept statement again
 * by itself when the schema changes under it.
 */
const STATEMENT_CACHE_SIZE = 200;

class StatementCache {
  readonly #kept = new Map<string, ReturnType<Sqlite['prepare']>>();
  constructor(private readonly sqlite: Sqlite) {}

  get(sqlText: string): ReturnType<Sqlite['prepare']> {
    const kept = this.#kept.get(sqlText);
    if (kept && !kept.busy) {
      // Most recently used last, so the oldest is the first to go.
      this.#kept.delete(sqlText);
      this.#kept.set(sqlText, kept);
      return kept;
    }
    const statement = this.sqlite.prepare(sqlText);
    if (kept) return statement;
    this.#kept.set(sqlText, statement);
    if (this.#kept.size > STATEMENT_CACHE_SIZE) this.#kept.delete(this.#kept.keys().next().value!);
    return statement;
  }
}
