// Migration 0310 over a store at 0291 that already holds a person merged into another, with
// areas and an outcome: the narrow index of people by id (the merged record's id, whether local,
// the areas) is built over them and replaces the index of areas by id, every row keeps its values,
// and a look-up by id that reads only those columns is answered from the index alone.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import { insertOfficerPersonAndJobStart, migrateThrough, sqliteStoreBefore } from '../support/migration-store';

// SQLite only: builds a store file at an older version with SQLite's driver (PostgreSQL stores
// run the same portable migration from the team-mode migration tests).
it.skipIf(isPostgresRun)('0310 builds the narrow index of people by id over a store that holds rows', async () => {
  const db = await sqliteStoreBefore('0310');
  const { at, participantId } = await insertOfficerPersonAndJobStart(db);
  const survivor = await db
    .insertInto('participants')
    .values({
      reference: 'SW-000002',
      first_name: 'Ann',
      last_name: 'Kept',
      geo_ward_code: 'E05900001',
      geo_imd_decile: 3,
      geo_la_code: 'E07000243',
      is_local: 1,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('participants').set({ merged_into_id: survivor.id }).where('id', '=', participantId).execute();
  const indexes = async () =>
    (
      await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where type = 'index'
        and name in ('participants_id_area', 'participants_id_person') order by name`.execute(db)
    ).rows;
  expect((await indexes()).map((r) => r.name)).toEqual(['participants_id_area']);

  await migrateThrough(db, '0310');

  const after = await indexes();
  expect(after.map((r) => r.name)).toEqual(['participants_id_person']);
  expect(after[0]!.sql).toMatch(
    /\("id", "merged_into_id", "is_local", "geo_ward_code", "geo_imd_decile", "geo_la_code"\)/,
  );
  expect(
    await db
      .selectFrom('participants')
      .select(['reference', 'merged_into_id', 'is_local', 'geo_ward_code', 'geo_imd_decile', 'geo_la_code'])
      .orderBy('reference')
      .execute(),
  ).toEqual([
    {
      reference: 'SW-000001',
      merged_into_id: survivor.id,
      is_local: 0,
      geo_ward_code: null,
      geo_imd_decile: null,
      geo_la_code: null,
    },
    {
      reference: 'SW-000002',
      merged_into_id: null,
      is_local: 1,
      geo_ward_code: 'E05900001',
      geo_imd_decile: 3,
      geo_la_code: 'E07000243',
    },
  ]);
  // The headline's look-up: each outcome's person counted as the record they were merged into.
  const counted = sql<{ person: number; detail?: string }>`select coalesce(p.merged_into_id, p.id) as person
    from outcomes o inner join participants as p indexed by participants_id_person on p.id = o.participant_id`;
  expect((await counted.execute(db)).rows).toEqual([{ person: survivor.id }]);
  const plan = await sql<{ detail: string }>`explain query plan ${counted}`.execute(db);
  expect(plan.rows.map((r) => r.detail)).toContain('SEARCH p USING COVERING INDEX participants_id_person (id=?)');
  const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
  await db.destroy();
});
