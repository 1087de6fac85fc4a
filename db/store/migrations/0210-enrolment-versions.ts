// Enrolment versions (issue 18, team mode): an enrolment carries a version, when it was last
// changed and by whom, like participants, outcomes and placements, so withdrawing someone over a
// colleague's newer change to the same enrolment is refused "Changed by <name> at <time>" instead
// of overwriting it. Existing enrolments start at version 1, last changed when and by whoever
// created them.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('enrolments')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('enrolments').addColumn('updated_at', 'text').execute();
  await db.schema
    .alterTable('enrolments')
    .addColumn('updated_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db
    .updateTable('enrolments')
    .set({ updated_at: sql`created_at`, updated_by: sql`created_by` })
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
