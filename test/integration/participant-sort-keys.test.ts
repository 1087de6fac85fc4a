// The participants grid's quick search with nothing else set reads its page order from
// participant_sort_keys (migration 0270: each person's status, surname and first name beside the
// search index, kept by triggers) instead of each match's wide participants row. It must give the
// same rows, order and total as the grid's general query, which the same search sorted by surname
// then first name (the search order, made the user's sort) still runs; and the table must follow
// every insert, edit, merge and delete. Plus the plan, and the migration over a store with people.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql, type KyselyPlugin } from 'kysely';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant, participantValues } from '../support/builders';
import { isPostgresRun, sqliteOnly } from '../support/test-store';
import { migrateThrough, sqliteStoreBefore } from '../support/migration-store';
import { pageParticipants } from '../../db/features/participants/participants.repository';
import { setLogSink } from '../../db/backend/log';
import { mergeParticipantSearch, participantSearchPage } from '../../db/store/dialect';
import { statementPlans } from '../support/query-plans';

setLogSink(() => {});

let t: TestBackend;
type Db = TestBackend['backend']['store']['db'];
const everyone = { staffId: null, canSeeSpecial: true };
const surnames = ['Smith', 'Smythe', 'Davies', 'Davis', 'Ó Súilleabháin', 'Goldsmith', 'Jones'];
const firsts = ['Jo', 'Joanne', 'Sam', 'Amir', 'Zoë', 'Sam'];

beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
  const db = t.backend.store.db;
  // Ties on surname and first name (ordered by id), merged records, accents, shared postcodes.
  for (let i = 0; i < 60; i++)
    await aParticipant(db, {
      last_name: surnames[i % surnames.length]!,
      first_name: firsts[(i * 5) % firsts.length]!,
      postcode: `SG${1 + (i % 3)} ${i % 7}AB`,
      status: i % 11 === 0 ? 'merged' : i % 4 === 0 ? 'left' : 'active',
    });
});
afterEach(() => t.close());

const searches = ['smith', 'Smi', 'Jo Smith', 'davi', 'sullea', 'SG1', 'sg2 3ab', 'SW-T', 'nobody here'];

/** The page by the search alone (the sort keys) and by the general query, the same order asked as a sort. */
async function bothWays(db: Db, search: string, offset: number, limit: number) {
  const query = { search, offset, limit, filters: {}, sort: [] };
  const searchOnly = await pageParticipants(db, query, everyone);
  const sort = [
    { colId: 'lastName', sort: 'asc' as const },
    { colId: 'firstName', sort: 'asc' as const },
  ];
  const general = await pageParticipants(db, { ...query, sort }, everyone);
  return { searchOnly, general };
}

async function expectSameEverywhere(db: Db) {
  for (const search of searches)
    for (const [offset, limit] of [
      [0, 100],
      [0, 7],
      [7, 7],
      [35, 7],
      [1000, 7],
    ] as const) {
      const { searchOnly, general } = await bothWays(db, search, offset, limit);
      expect(searchOnly, `"${search}" at ${offset}`).toEqual(general);
    }
}

describe('the quick search page by the sort keys', () => {
  it('gives the same rows, order and total as the general query', async () => {
    const db = t.backend.store.db;
    await expectSameEverywhere(db);
    const { searchOnly } = await bothWays(db, 'smith', 0, 100);
    // Smith and Goldsmith, merged left out, ordered by surname, first name, id.
    expect(searchOnly.total).toBeGreaterThan(10);
    expect(searchOnly.rows.every((r) => r.status !== 'merged' && /smith/i.test(r.lastName))).toBe(true);
  });

  it("reads a viewer's page with the special-category columns left out, as the general query does", async () => {
    const db = t.backend.store.db;
    const viewer = { staffId: null, canSeeSpecial: false };
    await db.updateTable('participants').set({ ethnicity: 'white_british', disability: 'yes' }).execute();
    const query = { search: 'smith', offset: 0, limit: 100, filters: {}, sort: [] };
    const sort = [
      { colId: 'lastName', sort: 'asc' as const },
      { colId: 'firstName', sort: 'asc' as const },
    ];
    const searchOnly = await pageParticipants(db, query, viewer);
    expect(searchOnly.rows.length).toBeGreaterThan(0);
    expect(searchOnly.rows.every((r) => r.ethnicity === null && r.disability === null)).toBe(true);
    expect(searchOnly).toEqual(await pageParticipants(db, { ...query, sort }, viewer));
  });

  it('follows edits, merges, new people and deletions', async () => {
    const db = t.backend.store.db;
    const first = (
      await pageParticipants(db, { search: 'smith', offset: 0, limit: 5, filters: {}, sort: [] }, everyone)
    ).rows[0]!;
    await db
      .updateTable('participants')
      .set({ last_name: 'Aardsmith', first_name: 'Zed' })
      .where('id', '=', first.id)
      .execute();
    const second = (
      await pageParticipants(db, { search: 'smith', offset: 0, limit: 5, filters: {}, sort: [] }, everyone)
    ).rows[1]!;
    await db.updateTable('participants').set({ status: 'merged' }).where('id', '=', second.id).execute();
    const added = await aParticipant(db, { last_name: 'Abbasmith', first_name: 'Ann' });
    const gone = await aParticipant(db, { last_name: 'Aasmith', first_name: 'Al' });
    await db.deleteFrom('participants').where('id', '=', gone).execute();
    await expectSameEverywhere(db);
    const page = await pageParticipants(db, { search: 'smith', offset: 0, limit: 3, filters: {}, sort: [] }, everyone);
    expect(page.rows.map((r) => [r.id, r.lastName])).toEqual([
      [first.id, 'Aardsmith'],
      [added, 'Abbasmith'],
      [page.rows[2]!.id, 'Goldsmith'],
    ]);
  });
});

/** The store's plan for every statement `run` runs. */
const plansOf = (run: (db: Db) => Promise<unknown>) => statementPlans(t.backend.store.db, run);

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)('the plan of a quick search page', () => {
  const smith = (db: Db) =>
    pageParticipants(db, { search: 'smith', offset: 0, limit: 100, filters: {}, sort: [] }, everyone);

  it("reads the matches' ids from the index alone, everyone's order once per data version, and only the page's participants rows", async () => {
    // Twice on one handle: the second at the same data version does not read the order again.
    const plans = await plansOf(async (db) => (await smith(db), await smith(db)));
    const [first, again] = [plans.slice(0, 5), plans.slice(5)];
    // The data version with the matches' ids, from the index alone: no match's sort keys are read
    // (participant_sort_keys, or the wide participants rows before 0270), nor sorted.
    expect(first[0]).toMatch(/COMPOUND QUERY[\s\S]*SCAN participant_search VIRTUAL TABLE INDEX \d+:M\d*$/);
    // Everyone's search order, read in order from the index (no sort), the merged records, and
    // the data version again (no write came in between).
    // Into one array in that order: the index read in order into the aggregate (a co-routine).
    expect(first[1]).toMatch(
      /^CO-ROUTINE \(subquery-\d+\)\n\s*SCAN participants USING COVERING INDEX participants_last_first\n\s*SCAN \(subquery-\d+\)$/,
    );
    expect(first[2]).toMatch(/SEARCH participants USING COVERING INDEX participants_status/);
    expect(first[3]).toBe('SCAN CONSTANT ROW');
    // Then the page's rows by id.
    expect(first[4]).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
    expect(plans.join('\n')).not.toMatch(/TEMP B-TREE|\bk\b/);
    expect(again).toEqual([first[0], first[4]]);
  });
});

// SQLite only: the page's bounds and the order kept in memory.
describe.skipIf(isPostgresRun)('the bounds of a quick search page', () => {
  it('anything but whole numbers is refused; a transaction takes the general query', async () => {
    const db = t.backend.store.db;
    expect((await participantSearchPage(db, 'smith', { limit: 7, offset: 14 }))!.ids.length).toBeLessThanOrEqual(7);
    await expect(participantSearchPage(db, 'smith', { limit: 1.5, offset: 0 })).rejects.toThrow();
    await expect(participantSearchPage(db, 'smith', { limit: 10, offset: -1 })).rejects.toThrow();
    // Its changes may be rolled back, so a transaction neither reads nor keeps the order.
    expect(
      await db.transaction().execute((tx) => participantSearchPage(tx, 'smith', { limit: 7, offset: 0 })),
    ).toBeNull();
  });

  it('follows a rename rolled back and one committed', async () => {
    const db = t.backend.store.db;
    const page = () => pageParticipants(db, { search: 'smith', offset: 0, limit: 3, filters: {}, sort: [] }, everyone);
    const before = await page();
    const someone = before.rows[2]!.id;
    await db
      .transaction()
      .execute(async (tx) => {
        await tx.updateTable('participants').set({ last_name: 'Aaasmith' }).where('id', '=', someone).execute();
        expect(
          (await pageParticipants(tx, { search: 'smith', offset: 0, limit: 3, filters: {}, sort: [] }, everyone))
            .rows[0]!.id,
        ).toBe(someone);
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    expect(await page()).toEqual(before);
    await db.updateTable('participants').set({ last_name: 'Aaasmith' }).where('id', '=', someone).execute();
    expect((await page()).rows[0]!.id).toBe(someone);
    await expectSameEverywhere(db);
  });
});

// SQLite only: a write on the store's one connection between the search's statements.
describe.skipIf(isPostgresRun)('a write while the search order is read', () => {
  it('takes the general query for that search, never a page placed by an order of another version', async () => {
    const db = t.backend.store.db;
    const sqlite = t.backend.store.sqlite!;
    const query = { search: 'smith', offset: 0, limit: 100, filters: {}, sort: [] };
    const someone = (await pageParticipants(db, query, everyone)).rows[0]!.id;
    // Any write: the next search reads everyone's order again.
    await db.updateTable('participants').set({ email: 'moved@example.org' }).where('id', '=', someone).execute();
    // As the order is read, another request renames someone away from "smith": the matches were
    // found before it, the order is read after it.
    let renamed = false;
    const between: KyselyPlugin = {
      transformQuery(args) {
        if (!renamed && /participants_last_first/.test(JSON.stringify(args.node))) {
          renamed = true;
          sqlite.prepare(`update participants set last_name = 'Jonesy' where id = ?`).run(someone);
        }
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const raced = await pageParticipants(db.withPlugin(between), query, everyone);
    expect(renamed).toBe(true);
    // The general query, after the rename: the renamed person is not a match (placed by the new
    // order, the matches found before would have shown them among the Js).
    expect(raced.rows.map((r) => r.id)).not.toContain(someone);
    const { general } = await bothWays(db, 'smith', 0, 100);
    expect(raced).toEqual(general);
    await expectSameEverywhere(db);
  });
});

// SQLite only: the FTS5 index's segments.
describe.skipIf(isPostgresRun)('merging the search index', () => {
  const segments = async (db: Db) =>
    Number(
      (await sql<{ n: number }>`select count(distinct segid) as n from participant_search_idx`.execute(db)).rows[0]!.n,
    );
  /** Single registrations, each its own transaction, until the index is in more than `over` segments. */
  async function fragment(db: Db, over: number) {
    for (let i = 0; i < 40 && (await segments(db)) <= over; i++) await aParticipant(db, { last_name: 'Bulkwright' });
    expect(await segments(db)).toBeGreaterThan(over);
  }

  it('merges an index in more than four segments into one, with the same matches; a few segments are left as they are', async () => {
    const db = t.backend.store.db;
    await fragment(db, 4);
    const query = { search: 'smith', offset: 0, limit: 100, filters: {}, sort: [] };
    const before = await pageParticipants(db, query, everyone);
    const bulkwrights = (await pageParticipants(db, { ...query, search: 'bulkwri' }, everyone)).total;
    expect(await db.transaction().execute((tx) => mergeParticipantSearch(tx))).toBe(true);
    expect(await segments(db)).toBe(1);
    expect(await pageParticipants(db, query, everyone)).toEqual(before);
    expect((await pageParticipants(db, { ...query, search: 'bulkwri' }, everyone)).total).toBe(bulkwrights);
    // One more registration: two segments, not worth rewriting the index for.
    await aParticipant(db, { last_name: 'Latecomer' });
    expect(await segments(db)).toBe(2);
    expect(await db.transaction().execute((tx) => mergeParticipantSearch(tx))).toBe(false);
    expect(await segments(db)).toBe(2);
  });

  it('is part of the backend’s hourly upkeep (with the daily backup’s check), logged without personal data', async () => {
    const db = t.backend.store.db;
    await fragment(db, 4);
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    try {
      await t.backend.startupBackup();
    } finally {
      setLogSink(() => {});
    }
    expect(await segments(db)).toBe(1);
    const merged = lines
      .map((l) => JSON.parse(l) as { event: string })
      .filter((l) => l.event === 'search-index-merged');
    expect(merged).toHaveLength(1);
    expect(Object.keys(merged[0]!).sort()).toEqual(['event', 'level', 'ms', 't']);
  });
});

sqliteOnly('a SQLite file at the previous version; a team database has no sort-keys table')('migration 0270', () => {
  it('copies the sort keys of people already in the store, keeps them in step, and merges the search index', async () => {
    const db = await sqliteStoreBefore('0270');
    for (const [last, first, status] of [
      ['Fairbrother', 'Ann', 'active'],
      ['Fairbrother', 'Ann', 'merged'],
      ['Fairweather', 'Bo', 'left'],
    ] as const)
      await db
        .insertInto('participants')
        .values(participantValues({ last_name: last, first_name: first, status }))
        .execute();
    // A search index in several segments, as one built up over time is.
    for (let i = 0; i < 3; i++)
      await db
        .insertInto('participants')
        .values(participantValues({ last_name: `Later${i}` }))
        .execute();
    await migrateThrough(db, '0270');
    const keys = () =>
      sql<{ id: number; status: string; last_name: string; first_name: string }>`
        select id, status, last_name, first_name from participant_sort_keys order by id`.execute(db);
    const people = () => sql`select id, status, last_name, first_name from participants order by id`.execute(db);
    expect((await keys()).rows).toHaveLength(6);
    expect((await keys()).rows).toEqual((await people()).rows);
    const segments = await sql<{ n: number }>`select count(distinct segid) as n from participant_search_idx`.execute(
      db,
    );
    expect(segments.rows[0]!.n).toBe(1);
    // Triggers: an edit, a new person, a deletion.
    await db
      .updateTable('participants')
      .set({ first_name: 'Anne', status: 'left' })
      .where('last_name', '=', 'Fairweather')
      .execute();
    await db
      .insertInto('participants')
      .values(participantValues({ last_name: 'Newcomer' }))
      .execute();
    await db.deleteFrom('participants').where('last_name', '=', 'Later0').execute();
    expect((await keys()).rows).toEqual((await people()).rows);
    await db.destroy();
  });
});
