// An index holding each person's area by id, for the dashboard's outcomes pass (issue 19). That
// pass reads the outcomes of a period from their date index and looks up each outcome's person
// for the ward, deprivation decile and local authority: about 98,000 look-ups for a financial
// year at 100,000 people. Through the table each look-up reads a wide row (the table is larger
// than the page cache, so most of them miss it); through this index (about 3 MB) the same
// look-up reads four narrow columns that stay cached: the pass took 77 → 45 ms of CPU for its
// look-ups alone. SQLite's planner prefers the table's own key without statistics, so the pass
// names this index (db/store/dialect.ts#participantAreasById).
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('participants_id_area')
    .on('participants')
    .columns(['id', 'geo_ward_code', 'geo_imd_decile', 'geo_la_code'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
