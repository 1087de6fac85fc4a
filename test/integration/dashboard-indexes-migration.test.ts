// Migration 0240 over a store at 0201 that already holds a person and an outcome:
// the dashboard's indexes are built over them and every row keeps its values.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import { insertOfficerPersonAndJobStart, migrateThrough, sqliteStoreBefore } from '../support/migration-store';

// SQLite only: builds a store file at an older version with SQLite's driver (PostgreSQL stores
// run the same portable migration from the team-mode migration tests).
it.skipIf(isPostgresRun)('0240 builds the dashboard indexes over a store that holds rows', async () => {
  const db = await sqliteStoreBefore('0240');
  await insertOfficerPersonAndJobStart(db);

  await migrateThrough(db, '0240');

  const indexes = await sql<{ name: string }>`select name from sqlite_master where type = 'index' and name in
    ('participants_start_dashboard', 'participants_referral_start', 'outcomes_date_dashboard',
     'outcomes_type_date_dashboard', 'outcomes_participant_type_status', 'enrolments_participant_status')
    order by name`.execute(db);
  expect(indexes.rows.map((r) => r.name)).toEqual([
    'enrolments_participant_status',
    'outcomes_date_dashboard',
    'outcomes_participant_type_status',
    'outcomes_type_date_dashboard',
    'participants_referral_start',
    'participants_start_dashboard',
  ]);
  expect(
    await db.selectFrom('participants').select(['reference', 'start_date', 'postcode_district']).execute(),
  ).toEqual([{ reference: 'SW-000001', start_date: '2025-06-02', postcode_district: 'SG1' }]);
  expect(await db.selectFrom('outcomes').select(['outcome_type', 'outcome_date']).execute()).toEqual([
    { outcome_type: 'job_start', outcome_date: '2025-09-01' },
  ]);
  await db.destroy();
});
