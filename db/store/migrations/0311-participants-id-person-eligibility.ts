// The narrow index of people by id (migration 0310) also holds each person's eligibility and
// labour-market status (issue 19). Every UKSPF indicator counts only eligible people, and the
// outputs for people out of work also their labour-market status: without these two columns each
// rule read every item's person through the wide table row, so a funder's counts at 100,000
// people took 1.7 s (UKSPF, nine indicators). With them, those rules read the index alone
// (db/features/returns/indicator-engine.ts#readsPersonNarrowly): O2 525 → 180 ms, O7 400 → 120,
// O5 232 → 38. Rebuilt under the same name, so the queries that name it (INDEXED BY) are unchanged.
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema.dropIndex('participants_id_person').ifExists().execute();
  await db.schema
    .createIndex('participants_id_person')
    .on('participants')
    .columns([
      'id',
      'merged_into_id',
      'is_local',
      'geo_ward_code',
      'geo_imd_decile',
      'geo_la_code',
      'eligibility_status',
      'labour_market_status',
    ])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
