// PostgreSQL-only: Kysely's PostgreSQL dialect over a `pg` pool, with two changes that give a
// feature the same world it has on SQLite.
//
// The store's write lock. On SQLite a write transaction begins IMMEDIATE: writers take turns and
// each sees everything committed before it. Here a transaction opened `setAccessMode('read
// write')` (db/store/dialect.ts#writeTransaction: every write unit, every import batch, every
// return submission) takes one transaction-scoped advisory lock as its first statement, in READ
// COMMITTED, so its later statements see every write committed before it got the lock. Writers
// queue in arrival order (no starvation of a long import by small saves), readers never wait,
// and the audit log's hash chain has one appender at a time (its head is read under the lock).
// Deadlocks and serialization failures can then only come from outside the app (a DBA's
// session, `cli team migrate`); the write unit retries those (db/backend/write-unit.ts).
//
// Wire types as on SQLite (db/store/schema.ts's row types hold on both): integers are
// JavaScript numbers (counts and sums arrive as int8/numeric, parsed to numbers), booleans
// from comparisons are 1/0, dates and times stay the ISO text they are stored as (no column is
// a date type; a date-typed expression is returned as its text).
import {
  CompiledQuery,
  PostgresDialect,
  PostgresDriver,
  type DatabaseConnection,
  type Driver,
  type PostgresDialectConfig,
  type TransactionSettings,
} from 'kysely';
import pg from 'pg';

/** The advisory lock every write transaction holds (per database: PostgreSQL scopes advisory locks to one). */
export const WRITE_LOCK_KEY = 0x576b4277; // "WkBw"

/** How `pg` turns column values into JavaScript, so rows look as they do from SQLite. */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    switch (oid) {
      case pg.types.builtins.INT8:
      case pg.types.builtins.NUMERIC:
        return (value: string) => Number(value);
      case pg.types.builtins.BOOL:
        return (value: string) => (value === 't' ? 1 : 0);
      case pg.types.builtins.DATE:
      case pg.types.builtins.TIMESTAMP:
      case pg.types.builtins.TIMESTAMPTZ:
        return (value: string) => value;
      default:
        return pg.types.getTypeParser(oid, format ?? 'text');
    }
  },
};

class WriteLockPostgresDriver extends PostgresDriver {
  override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const isWrite = settings.accessMode === 'read write';
    // Explicit, so a server whose default isolation differs cannot change what a writer sees.
    await super.beginTransaction(connection, isWrite ? { isolationLevel: 'read committed', ...settings } : settings);
    if (isWrite) await connection.executeQuery(CompiledQuery.raw(`select pg_advisory_xact_lock(${WRITE_LOCK_KEY})`));
  }
}

export class WorksbookPostgresDialect extends PostgresDialect {
  readonly #config: PostgresDialectConfig;

  constructor(config: PostgresDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new WriteLockPostgresDriver(this.#config);
  }
}
