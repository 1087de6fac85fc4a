// Record versions (issue 18, team mode): outcomes and placements carry a version like
// participants do, and who saved them last, so a save over a colleague's newer change is refused
// "Changed by <name> at <time>" instead of overwriting it. Existing rows start at version 1, last
// saved by whoever created them.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  for (const table of ['outcomes', 'placements'] as const) {
    await db.schema
      .alterTable(table)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .alterTable(table)
      .addColumn('updated_by', 'integer', (c) => c.references('staff.id'))
      .execute();
    await db
      .updateTable(table)
      .set({ updated_by: sql`created_by` })
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
