// Migration 0275 over a store at 0260 that already holds people with and without an area and an
// outcome: the index of areas by id is built over them, every row keeps its values, and the
// dashboard's outcomes pass reads the area through it.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import { sqliteStoreBefore, migrateThrough } from '../support/migration-store';

// SQLite only: builds a store file at an older version with SQLite's driver (PostgreSQL stores
// run the same portable migration from the team-mode migration tests).
it.skipIf(isPostgresRun)('0275 builds the index of areas by id over a store that holds rows', async () => {
  const db = await sqliteStoreBefore('0275');
  const at = '2026-01-05T10:00:00.000Z';
  const staff = await db
    .insertInto('staff')
    .values({ display_name: 'Jo Officer', role: 'officer', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = (reference: string, ward: string | null) =>
    db
      .insertInto('participants')
      .values({
        reference,
        first_name: 'Ann',
        last_name: 'Old',
        start_date: '2025-06-02',
        geo_ward_code: ward,
        geo_imd_decile: ward ? 3 : null,
        geo_la_code: ward ? 'E07000243' : null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  const placed = await person('SW-000001', 'E05900001');
  await person('SW-000002', null);
  await db
    .insertInto('outcomes')
    .values({
      participant_id: placed.id,
      outcome_type: 'job_start',
      outcome_date: '2025-09-01',
      created_at: at,
      created_by: staff.id,
      updated_at: at,
    })
    .execute();

  await migrateThrough(db, '0275');

  const index = await sql<{ sql: string }>`select sql from sqlite_master where name = 'participants_id_area'`.execute(
    db,
  );
  expect(index.rows[0]?.sql).toMatch(/\("id", "geo_ward_code", "geo_imd_decile", "geo_la_code"\)/);
  expect(
    await db
      .selectFrom('participants')
      .select(['reference', 'geo_ward_code', 'geo_imd_decile', 'geo_la_code'])
      .orderBy('reference')
      .execute(),
  ).toEqual([
    { reference: 'SW-000001', geo_ward_code: 'E05900001', geo_imd_decile: 3, geo_la_code: 'E07000243' },
    { reference: 'SW-000002', geo_ward_code: null, geo_imd_decile: null, geo_la_code: null },
  ]);
  // The index answers the look-up alone (the check SQLite runs over every index agrees with the table).
  const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
  await db.destroy();
});
