// Anonymising a person erases what imports wrote about them from import_batch_rows, found by
// participant_id (the personal-data registry's reach for the table), and an undo erases the undo
// data of the people it removed the same way. Nothing indexed that column (0291 dropped the index
// by entity, which no statement read), so each anonymisation read the whole table: after one
// import of 50,000 people into a copy of the 100,000 store, 16 ms a person (a scan of 50,000
// rows), growing with every import, so a retention worklist of thousands took minutes. With this
// index it is 0.015 ms. Its cost to an import: writing 50,000 batch rows took 103-105 ms of CPU
// without it and 115-117 ms with it (alternating runs on a copy of the 10,000 store).
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createIndex('import_batch_rows_participant')
    .on('import_batch_rows')
    .column('participant_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
