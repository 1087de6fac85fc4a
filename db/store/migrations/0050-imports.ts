// Partner imports: saved mapping profiles, import batches (file name and hash, profile, counts,
// who and when, undo) and each row a batch created or updated with the values it replaced.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('import_profiles')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('partner', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('profile_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('import_batches')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('partner', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('sheet', 'text', (c) => c.notNull())
    .addColumn('profile_name', 'text')
    .addColumn('profile_json', 'text', (c) => c.notNull())
    .addColumn('rows_in_file', 'integer', (c) => c.notNull())
    .addColumn('created_count', 'integer', (c) => c.notNull())
    .addColumn('updated_count', 'integer', (c) => c.notNull())
    .addColumn('unchanged_count', 'integer', (c) => c.notNull())
    .addColumn('rejected_count', 'integer', (c) => c.notNull())
    .addColumn('error_count', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'integer', (c) => c.references('staff.id'))
    // What undo left alone because it was edited after the import: [{ entity, id, reason }].
    .addColumn('undo_kept_json', 'text')
    .execute();
  await db.schema.createIndex('import_batches_at').on('import_batches').column('at').execute();
  await db.schema.createIndex('import_batches_sha').on('import_batches').column('file_sha256').execute();

  await db.schema
    .createTable('import_batch_rows')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('import_batches.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('created','updated')`))
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer', (c) => c.notNull())
    .addColumn('participant_id', 'integer')
    // Only the fields the import changed: their values before, and what the import wrote.
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('import_batch_rows_batch').on('import_batch_rows').columns(['batch_id', 'id']).execute();
  await db.schema
    .createIndex('import_batch_rows_entity')
    .on('import_batch_rows')
    .columns(['entity', 'entity_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
