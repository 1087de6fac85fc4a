// Migration 0311 over a store at 0310 that holds people: the narrow index of people by id is
// rebuilt under its name with each person's eligibility and labour-market status, every row keeps
// its values, and a funder's look-up of who is eligible and out of work is answered from the
// index alone.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import { insertOfficerPersonAndJobStart, migrateThrough, sqliteStoreBefore } from '../support/migration-store';

// SQLite only: builds a store file at an older version with SQLite's driver (PostgreSQL stores
// run the same portable migration from the team-mode migration tests).
it.skipIf(isPostgresRun)('0311 adds eligibility and labour-market status to the narrow index of people', async () => {
  const db = await sqliteStoreBefore('0311');
  const { at, participantId } = await insertOfficerPersonAndJobStart(db);
  await db
    .updateTable('participants')
    .set({ eligibility_status: 'eligible', labour_market_status: 'unemployed', geo_la_code: 'E07000243' })
    .where('id', '=', participantId)
    .execute();
  await db
    .insertInto('participants')
    .values({ reference: 'SW-000002', first_name: 'Ann', last_name: 'Other', created_at: at, updated_at: at })
    .execute();
  const index = async () =>
    (
      await sql<{ sql: string }>`select sql from sqlite_master where type = 'index'
        and name = 'participants_id_person'`.execute(db)
    ).rows;
  expect((await index())[0]!.sql).toMatch(/"geo_la_code"\)$/);

  await migrateThrough(db, '0311');

  const after = await index();
  expect(after).toHaveLength(1);
  expect(after[0]!.sql).toMatch(
    /\("id", "merged_into_id", "is_local", "geo_ward_code", "geo_imd_decile", "geo_la_code", "eligibility_status", "labour_market_status"\)/,
  );
  const wanted = sql<{ reference: string; eligibility_status: string; labour_market_status: string | null }>`
    select p.id, p.eligibility_status, p.labour_market_status
    from outcomes o inner join participants as p indexed by participants_id_person on p.id = o.participant_id
    where p.eligibility_status = 'eligible' and p.labour_market_status in ('unemployed', 'long_term_unemployed')`;
  expect((await wanted.execute(db)).rows).toEqual([
    { id: participantId, eligibility_status: 'eligible', labour_market_status: 'unemployed' },
  ]);
  const plan = await sql<{ detail: string }>`explain query plan ${wanted}`.execute(db);
  // Read from the index alone, whichever side the planner starts from.
  expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(
    /^(SCAN|SEARCH) p USING COVERING INDEX participants_id_person\b/m,
  );
  expect(
    await db
      .selectFrom('participants')
      .select(['reference', 'eligibility_status', 'labour_market_status', 'geo_la_code'])
      .orderBy('reference')
      .execute(),
  ).toEqual([
    {
      reference: 'SW-000001',
      eligibility_status: 'eligible',
      labour_market_status: 'unemployed',
      geo_la_code: 'E07000243',
    },
    { reference: 'SW-000002', eligibility_status: 'pending', labour_market_status: null, geo_la_code: null },
  ]);
  const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
  await db.destroy();
});
