// SQLite-only: Kysely's SQLite adapter says it has no transactional DDL, so its Migrator would
// run each migration outside a transaction and a failed migration would leave half a schema.
// SQLite does roll back DDL; this adapter says so, and the whole batch becomes one transaction.
import { SqliteAdapter, SqliteDialect, type DialectAdapter } from 'kysely';

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export class WorksbookSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
