// The index of import batch rows by the record they name (entity, entity_id) is read by nothing:
// an undo reads its batch's rows by batch (import_batch_rows_batch), and anonymising reaches
// them by participant. Every row an import writes kept it up to date (50,000 entries for an
// import of 50,000 people), so it goes.
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('import_batch_rows_entity').ifExists().execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
