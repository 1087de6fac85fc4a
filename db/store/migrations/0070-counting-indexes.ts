// Counting "eligible participants who started in the period" must seek by start date whatever
// the planner guesses: with only participants_eligibility to choose from, SQLite (without
// statistics) walks every eligible person. Equality-then-range in one index serves both filters.
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('participants_eligibility_start')
    .on('participants')
    .columns(['eligibility_status', 'start_date'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
