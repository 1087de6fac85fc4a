// Re-referrals (issue 20): a person already on the record who is referred again gets a new
// referral (a programme episode) on the same record, never a changed original referral date.
// The first participation stays on the participants row (referral_date, start_date, leave_date:
// ESF counts start data from the first participation); each later referral is a row here, made
// by an officer or by an import (which its undo removes).
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('participant_referrals')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('referral_date', 'text', (c) => c.notNull())
    .addColumn('referral_source', 'text')
    .addColumn('referrer_name', 'text')
    .addColumn('start_date', 'text')
    .addColumn('notes', 'text')
    // 'form' (an officer) or 'import' (a partner's file, batch import_batch_id).
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('import_batch_id', 'integer', (c) => c.references('import_batches.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addUniqueConstraint('participant_referrals_once', ['participant_id', 'referral_date'])
    .execute();
  // Counting re-entries in a period seeks by either date.
  await db.schema
    .createIndex('participant_referrals_referral_date')
    .on('participant_referrals')
    .column('referral_date')
    .execute();
  await db.schema
    .createIndex('participant_referrals_start_date')
    .on('participant_referrals')
    .column('start_date')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
