// Set-up codes: how a staff profile without a password gets one. An administrator issues a code
// (shown once), the staff member types it with the password they choose. Only a hash of the code
// is kept; it expires and works once. A password-less profile can no longer be claimed by whoever
// picks it first (issue 13, "profile takeover").
// Frozen in time: never edit a migration that has shipped; add a new one.
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('staff_setup_codes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    // SHA-256 of the canonical code: the code has 60 random bits and is tried only through the
    // app, where wrong codes count towards the profile's lockout.
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // Set when the code is used or replaced by a newer one: a code works once.
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('staff_setup_codes_staff').on('staff_setup_codes').columns(['staff_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
