// Epochs of the audit log's hash chain. Entries used to be chained with plain SHA-256, which anyone
// holding the store key could recompute after editing the log; from the epoch where a store gets
// its audit key (kept in the key envelope beside the store, never in it) each entry is chained
// with HMAC-SHA256 under that key. A restore that drops entries starts an epoch too. The list is
// also recorded, sealed with the audit key, beside the store (the audit head), so rewriting it here
// is found.
// Frozen in time: never edit a migration that has shipped; add a new one.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('audit_epochs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    // The first audit_log entry chained this way.
    .addColumn('first_entry_id', 'integer', (c) => c.notNull())
    .addColumn('chain', 'text', (c) => c.notNull().check(sql`chain in ('sha256','hmac-sha256')`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // A store that already has entries: they were chained with plain SHA-256 from the first one.
  const first = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.min('id').as('id'))
    .executeTakeFirst();
  if (first?.id != null)
    await db
      .insertInto('audit_epochs')
      .values({
        first_entry_id: Number(first.id),
        chain: 'sha256',
        reason: 'start',
        note: 'entries written before the store had an audit key',
        created_at: new Date().toISOString(),
      })
      .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
