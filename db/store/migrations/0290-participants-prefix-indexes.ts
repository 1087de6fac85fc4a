// Three indexes on participants whose column is the first column of a wider index (issue 19):
// key_worker_id leads participants_caseload (key_worker_id, status), start_date leads
// participants_start_counting and participants_start_dashboard, referral_date leads
// participants_referral_start (referral_date, start_date, status). Every query that searched the
// narrow one can search the wider one the same way (the plan tests show which they use), and
// every person written kept all three up to date: an import of 50,000 people paid for them.
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  for (const name of ['participants_key_worker', 'participants_start', 'participants_referral'])
    await db.schema.dropIndex(name).ifExists().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
