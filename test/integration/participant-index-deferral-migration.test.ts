// Migration 0305 over a store at 0291 with people in it: the flag table is there and empty, the
// people and their index rows are kept, one person inserted is indexed by the triggers as before,
// and while the flag holds its row the two insert triggers write nothing (the import then fills
// both tables itself, db/store/sqlite/participant-search.ts#withParticipantIndexFilledOnce).
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import { insertOfficerAndPerson, migrateThrough, sqliteStoreBefore } from '../support/migration-store';
import { participantValues } from '../support/builders';

// SQLite only: the search index, the sort keys and the flag are SQLite tables (a team database
// searches participants' own rows, migration 0250, and this migration does nothing there).
it.skipIf(isPostgresRun)('0305 keeps the index of people already there and skips it only while flagged', async () => {
  const db = await sqliteStoreBefore('0305');
  const { participantId } = await insertOfficerAndPerson(db);
  const counts = async () => {
    const one = async (table: string) =>
      Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n);
    return {
      people: await one('participants'),
      search: await one('participant_search'),
      keys: await one('participant_sort_keys'),
    };
  };
  expect(await counts()).toEqual({ people: 1, search: 1, keys: 1 });

  await migrateThrough(db, '0305');

  expect(await counts()).toEqual({ people: 1, search: 1, keys: 1 });
  const found = await sql<{ rowid: number }>`select rowid from participant_search
    where participant_search match ${'"SW-000001"'}`.execute(db);
  expect(found.rows.map((r) => r.rowid)).toEqual([participantId]);
  expect((await sql`select id from participant_index_deferral`.execute(db)).rows).toEqual([]);

  // Not flagged: the triggers index a new person.
  await db
    .insertInto('participants')
    .values(participantValues({ last_name: 'Fairbrother' }))
    .execute();
  expect(await counts()).toEqual({ people: 2, search: 2, keys: 2 });
  // Flagged: they write nothing; the flag takes one row only.
  await sql`insert into participant_index_deferral (id) values (1)`.execute(db);
  await expect(sql`insert into participant_index_deferral (id) values (2)`.execute(db)).rejects.toThrow();
  await db
    .insertInto('participants')
    .values(participantValues({ last_name: 'Fairweather' }))
    .execute();
  expect(await counts()).toEqual({ people: 3, search: 2, keys: 2 });
  await sql`delete from participant_index_deferral`.execute(db);
  await db
    .insertInto('participants')
    .values(participantValues({ last_name: 'Fairley' }))
    .execute();
  expect(await counts()).toEqual({ people: 4, search: 3, keys: 3 });
  await db.destroy();
});
