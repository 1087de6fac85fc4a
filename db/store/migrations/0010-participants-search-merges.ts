// Participants area: the quick-search index (FTS5, see sqlite/participant-search.ts), stored
// merges with the snapshot that undoes them, and the programme-area setting's default.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';
import { createParticipantSearch } from '../sqlite/participant-search';

export async function up(db: MigrationDb): Promise<void> {
  await createParticipantSearch(db);

  await db.schema
    .createTable('participant_merges')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('survivor_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('merged_id', 'integer', (c) => c.notNull().references('participants.id'))
    // Both records and every moved row as they were before the merge.
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('survivor_version_after', 'integer', (c) => c.notNull())
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .addColumn('merged_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('undone_at', 'text')
    .addColumn('undone_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema
    .createIndex('participant_merges_survivor')
    .on('participant_merges')
    .columns(['survivor_id', 'id'])
    .execute();
  await db.schema.createIndex('participant_merges_merged').on('participant_merges').column('merged_id').execute();

  // Presets ("Pending evidence", "My caseload") count and page through these covering indexes.
  await db.schema
    .createIndex('participants_eligibility')
    .on('participants')
    .columns(['eligibility_status', 'status'])
    .execute();
  await db.schema
    .createIndex('participants_caseload')
    .on('participants')
    .columns(['key_worker_id', 'status'])
    .execute();
  // The grid's total ("status != 'merged'") counts this small index instead of the wide table.
  await db.schema.createIndex('participants_status').on('participants').column('status').execute();
  await db.schema.createIndex('participants_merged_into').on('participants').column('merged_into_id').execute();

  await sql`insert into settings(key, value_json, updated_at) values ('eligibility.postcodeDistricts', '["SG1","SG2"]', strftime('%Y-%m-%dT%H:%M:%fZ','now'))
    on conflict(key) do nothing`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
