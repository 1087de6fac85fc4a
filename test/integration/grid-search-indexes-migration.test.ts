// Migration 0260 over a store at 0240 that already holds a person, an outcome and a placement:
// the grid search indexes are built over them and every row keeps its values.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import { insertOfficerPersonAndJobStart, migrateThrough, sqliteStoreBefore } from '../support/migration-store';

// SQLite only: builds a store file at an older version with SQLite's driver (PostgreSQL stores
// run the same portable migration from the team-mode migration tests).
it.skipIf(isPostgresRun)('0260 builds the grid search indexes over a store that holds rows', async () => {
  const db = await sqliteStoreBefore('0260');
  const { at, participantId } = await insertOfficerPersonAndJobStart(db);
  await db
    .insertInto('placements')
    .values({
      participant_id: participantId,
      kind: 'paid_job',
      site: 'Town Square',
      starts_on: '2025-09-01',
      status: 'active',
      created_at: at,
      updated_at: at,
    })
    .execute();

  await migrateThrough(db, '0260');

  const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name in
    ('outcomes_date_search', 'placements_site') order by name`.execute(db);
  expect(indexes.rows.map((r) => r.name)).toEqual(['outcomes_date_search', 'placements_site']);
  expect(
    await db.selectFrom('participants').select(['reference', 'start_date', 'postcode_district']).execute(),
  ).toEqual([{ reference: 'SW-000001', start_date: '2025-06-02', postcode_district: 'SG1' }]);
  expect(await db.selectFrom('outcomes').select(['outcome_type', 'outcome_date']).execute()).toEqual([
    { outcome_type: 'job_start', outcome_date: '2025-09-01' },
  ]);
  expect(await db.selectFrom('placements').select(['site', 'starts_on']).execute()).toEqual([
    { site: 'Town Square', starts_on: '2025-09-01' },
  ]);
  await db.destroy();
});
