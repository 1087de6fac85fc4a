// One narrow index of people by id for the look-ups that read only who a person counts as and
// where they live (issue 19): the headline's counts read each item's person for the merged
// record's id (a person is counted once, as the record they were merged into) and, for a local
// indicator, whether they live locally; the dashboard's outcomes pass reads their ward,
// deprivation decile and local authority. Through the table each look-up reads a wide row (the
// table is larger than the page cache); through this index, six narrow columns that stay cached:
// the headline's counts took 110 → 67 ms of CPU at 100,000 (SW-2 30 → 22, SW-7 21 → 14).
// It replaces participants_id_area (migration 0275), whose columns it holds, so a person written
// keeps one such index up to date, not two. SQLite's planner prefers the table's own key without
// statistics, so the queries name it (db/store/dialect.ts#participantsByIdNarrow).
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('participants_id_person')
    .on('participants')
    .columns(['id', 'merged_into_id', 'is_local', 'geo_ward_code', 'geo_imd_decile', 'geo_la_code'])
    .execute();
  await db.schema.dropIndex('participants_id_area').ifExists().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
