// An import's new people are in the quick search as soon as it commits, sorted as the grid sorts
// them. On SQLite the import fills the search index and the sort keys once for the people it
// inserted, with the insert triggers skipped (migration 0305), inside its transaction: the index
// must hold exactly what the triggers would have written, an import that fails midway must leave
// neither people nor index rows, and one person added afterwards is indexed by trigger again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestBackend, TEST_NOW, type TestBackend } from '../support/backend';
import { withParticipantIndexFilledOnce, writeTransaction } from '../../db/store/dialect';
import { aParticipant } from '../support/builders';
import { people, referralsWorkbook } from '../fixtures/imports/generate';
import { commit, openFile, preview, referralsProfile } from './imports-support';
import { isPostgresRun, sqliteOnly } from '../support/test-store';
import { pageParticipants } from '../../db/features/participants/participants.repository';
import { setLogSink } from '../../db/backend/log';

setLogSink(() => {});

let t: TestBackend;
type Db = TestBackend['backend']['store']['db'];
const everyone = { staffId: null, canSeeSpecial: true };

beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(() => t.close());

/** What the insert triggers write for every person (db/store/sqlite/participant-search.ts), and
 * what the index and the sort keys hold. */
async function sqliteIndexes(db: Db) {
  const expected = await sql<{ id: number; name: string; ident: string }>`select id,
      coalesce(first_name,'') || ' ' || coalesce(preferred_name,'') || ' ' || coalesce(last_name,'') as name,
      reference || ' ' || replace(reference,'-','') || ' ' || coalesce(ni_number,'') || ' ' ||
        coalesce(replace(postcode,' ',''),'') || ' ' || coalesce(phone_digits,'') as ident
    from participants order by id`.execute(db);
  const search = await sql<{ id: number; name: string; ident: string }>`
    select rowid as id, name, ident from participant_search order by rowid`.execute(db);
  const keys = await sql`select id, status, last_name, first_name from participant_sort_keys order by id`.execute(db);
  const people = await sql`select id, status, last_name, first_name from participants order by id`.execute(db);
  const flag = await sql<{ n: number }>`select count(*) as n from participant_index_deferral`.execute(db);
  return { expected: expected.rows, search: search.rows, keys: keys.rows, people: people.rows, flag: flag.rows[0]!.n };
}

/** The FTS5 settings a bulk fill changes, as the store holds them. */
async function ftsSettings(db: Db): Promise<Record<string, number>> {
  const { rows } = await sql<{ k: string; v: number }>`select k, v from participant_search_config
    where k in ('automerge', 'hashsize')`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.v)]));
}

async function importPeople(count: number, seed: number) {
  const upload = await openFile(t, `referrals-${seed}.xlsx`, await referralsWorkbook(people(count, seed)));
  const { previewId } = await preview(t, upload, referralsProfile);
  return { previewId, commit: () => commit(t, previewId) };
}

describe('an import and the quick search', () => {
  it('finds every new person by surname and reference, in the grid order, and a later person too', async () => {
    const db = t.backend.store.db;
    await aParticipant(db, { last_name: 'Before', first_name: 'Ann' });
    const { commit: run } = await importPeople(240, 7);
    expect((await run()).created).toBe(240);
    await aParticipant(db, { last_name: 'After', first_name: 'Bo' });

    const all = await db.selectFrom('participants').select(['id', 'reference', 'last_name', 'first_name']).execute();
    expect(all).toHaveLength(242);
    for (const p of all) {
      const byRef = await pageParticipants(
        db,
        { search: p.reference, offset: 0, limit: 5, filters: {}, sort: [] },
        everyone,
      );
      expect(
        byRef.rows.map((r) => r.id),
        p.reference,
      ).toEqual([p.id]);
    }
    // Each surname's page by the search alone (the sort keys on SQLite) is the general query's,
    // sorted by surname then first name, and holds every person of that surname.
    const sort = [
      { colId: 'lastName', sort: 'asc' as const },
      { colId: 'firstName', sort: 'asc' as const },
    ];
    for (const surname of new Set(all.map((p) => p.last_name.replace(/-\d+$/, '')))) {
      const query = { search: surname, offset: 0, limit: 500, filters: {}, sort: [] };
      const searchOnly = await pageParticipants(db, query, everyone);
      expect(searchOnly, surname).toEqual(await pageParticipants(db, { ...query, sort }, everyone));
      const named = all.filter((p) => p.last_name.toLowerCase().includes(surname.toLowerCase()));
      expect(searchOnly.total, surname).toBeGreaterThanOrEqual(named.length);
      expect(searchOnly.rows.map((r) => r.id)).toEqual(expect.arrayContaining(named.map((p) => p.id)));
    }

    if (isPostgresRun) return;
    const s = await sqliteIndexes(db);
    expect(s.search).toEqual(s.expected);
    expect(s.keys).toEqual(s.people);
    expect(s.flag).toBe(0);
  });
});

sqliteOnly('the search index is an SQLite FTS5 table; a team database searches its own rows')(
  'many people written at once',
  () => {
    it('are indexed as one segment of the index, and found', async () => {
      const db = t.backend.store.db;
      await aParticipant(db, { last_name: 'Before', first_name: 'Ann' });
      const segments = async () =>
        Number(
          (await sql<{ n: number }>`select count(distinct segid) as n from participant_search_idx`.execute(db)).rows[0]!
            .n,
        );
      const before = await segments();
      // 30,000 people: more than FTS5's own buffer of 1 MB holds (at that buffer, four segments).
      await writeTransaction(db).execute((tx) =>
        withParticipantIndexFilledOnce(tx, () =>
          sql`insert into participants (reference, first_name, last_name, created_at, updated_at)
            select printf('SW-9%05d', n), 'Person' || n, case when n % 97 = 42 then 'Quillfeather' else 'Bulkname' end, ${TEST_NOW}, ${TEST_NOW}
            from (with recursive k(n) as (select 1 union all select n + 1 from k where n < 30000) select n from k)`.execute(
            tx,
          ),
        ),
      );
      expect(await segments()).toBe(before + 1);
      const s = await sqliteIndexes(db);
      expect(s.search).toEqual(s.expected);
      expect(s.flag).toBe(0);
      const found = await pageParticipants(
        db,
        { search: 'Quillfeather', offset: 0, limit: 5, filters: {}, sort: [] },
        everyone,
      );
      expect(found.total).toBe(309);
    });
  },
);

sqliteOnly('the search index and sort keys are SQLite tables; a team database searches its own rows')(
  'an import that fails after inserting its people',
  () => {
    it('leaves neither people nor index rows, and the same import then commits whole', async () => {
      const db = t.backend.store.db;
      await aParticipant(db, { last_name: 'Before', first_name: 'Ann' });
      // The fill runs with FTS5's automerge off and a larger buffer; the store's own settings are
      // back after it.
      await sql`insert into participant_search(participant_search, rank) values ('automerge', 7)`.execute(db);
      await sql`insert into participant_search(participant_search, rank) values ('hashsize', 2000000)`.execute(db);
      const { previewId } = await importPeople(120, 3);
      // The batch rows are written after the people: refuse them, as a full disk would.
      await sql`create trigger refuse_batch_rows before insert on import_batch_rows
        begin select raise(abort, 'disk full'); end`.execute(db);
      const { jobId } = await t.ok('imports.commit', { previewId });
      const job = await t.backend.services.jobs.wait(jobId);
      expect(job.state).toBe('failed');
      const failed = await sqliteIndexes(db);
      expect(failed.people).toHaveLength(1);
      expect(failed.search).toEqual(failed.expected);
      expect(failed.keys).toEqual(failed.people);
      expect(failed.flag).toBe(0);

      expect(await ftsSettings(db)).toEqual({ automerge: 7, hashsize: 2000000 });

      await sql`drop trigger refuse_batch_rows`.execute(db);
      expect((await commit(t, previewId)).created).toBe(120);
      const done = await sqliteIndexes(db);
      expect(done.people).toHaveLength(121);
      expect(done.search).toEqual(done.expected);
      expect(done.keys).toEqual(done.people);
      expect(done.flag).toBe(0);
      expect(await ftsSettings(db)).toEqual({ automerge: 7, hashsize: 2000000 });
    });
  },
);
