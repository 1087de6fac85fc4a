// SQLite-only: Kysely's SQLite adapter says it has no transactional DDL, so its Migrator would
// run each migration outside a transaction and a failed migration would leave half a schema.
// SQLite does roll back DDL; this adapter says so, and the whole batch becomes one transaction.
//
// And a transaction opened `setAccessMode('read write')` begins IMMEDIATE: it takes the write
// lock at once (waiting out another process's write through busy_timeout) instead of reading
// first and failing with SQLITE_BUSY when another process (the CLI) committed in between.
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type SqliteDialectConfig,
  type TransactionSettings,
} from 'kysely';

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class ImmediateWritesSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    if (settings?.accessMode === 'read write') await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    else await super.beginTransaction(connection);
  }
}

export class WorksbookSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateWritesSqliteDriver(this.#config);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
