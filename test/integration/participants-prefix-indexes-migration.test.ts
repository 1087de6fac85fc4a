// Migration 0290 over a store at 0275 that already holds a person with a key worker, a start and
// a referral: the three narrow indexes whose column leads a wider one are gone, the wider ones
// stay, every row keeps its values, and the look-ups the narrow ones served search the wider ones.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import { insertOfficerAndPerson, migrateThrough, sqliteStoreBefore } from '../support/migration-store';

// SQLite only: builds a store file at an older version with SQLite's driver (PostgreSQL stores
// run the same portable migration from the team-mode migration tests).
it.skipIf(isPostgresRun)('0290 drops the participant indexes that a wider index leads with', async () => {
  const db = await sqliteStoreBefore('0290');
  const { staffId } = await insertOfficerAndPerson(db);
  await db.updateTable('participants').set({ key_worker_id: staffId }).execute();
  const names = async () =>
    (
      await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name = 'participants'
        and name in ('participants_key_worker', 'participants_start', 'participants_referral',
          'participants_caseload', 'participants_start_counting', 'participants_start_dashboard',
          'participants_referral_start') order by name`.execute(db)
    ).rows.map((r) => r.name);
  expect(await names()).toHaveLength(7);

  await migrateThrough(db, '0290');

  expect(await names()).toEqual([
    'participants_caseload',
    'participants_referral_start',
    'participants_start_counting',
    'participants_start_dashboard',
  ]);
  expect(
    await db.selectFrom('participants').select(['reference', 'key_worker_id', 'start_date', 'referral_date']).execute(),
  ).toEqual([
    { reference: 'SW-000001', key_worker_id: staffId, start_date: '2025-06-02', referral_date: '2025-05-20' },
  ]);
  const plan = async (where: string) =>
    (
      await sql<{ detail: string }>`explain query plan select id from participants where ${sql.raw(where)}`.execute(db)
    ).rows
      .map((r) => r.detail)
      .join('\n');
  expect(await plan(`key_worker_id = ${staffId}`)).toMatch(/participants_caseload/);
  expect(await plan(`start_date >= '2025-04-01'`)).toMatch(/participants_start_(counting|dashboard)/);
  expect(await plan(`referral_date >= '2025-04-01'`)).toMatch(/participants_referral_start/);
  const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
  await db.destroy();
});
