// Trust: per-participant keys for the personal data in audit entries (crypto-shredding on
// anonymisation), and the age band at start, kept when a date of birth is erased.
// Frozen in time: never edit a migration that has shipped; add a new one.
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  // One random 256-bit key per participant. Audit rows about a person hold their summary and
  // before/after values encrypted with it; anonymising the person deletes the key (with
  // secure_delete on), so the append-only audit log keeps its rows and hash chain while the
  // personal data in them becomes unreadable.
  await db.schema
    .createTable('audit_keys')
    .addColumn('participant_id', 'integer', (c) => c.primaryKey())
    .addColumn('key', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('participants').addColumn('age_band_at_start', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
