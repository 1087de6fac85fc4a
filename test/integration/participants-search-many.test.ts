// The participants grid's quick search over a thousand matches and more: the search alone takes
// the store's own way (SQLite: the index's ids placed by everyone's search order held in memory);
// the same search sorted by surname then first name takes the grid's general query; both must
// give the same rows, order and exact total (never "1,000+": the count costs nothing more here),
// on both stores, on every page. Merged records are never matched or counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { participantValues } from '../support/builders';
import { pageParticipants } from '../../db/features/participants/participants.repository';
import { nameSoundColumns } from '../../db/features/participants/name-sounds';
import type { NewParticipant } from '../../db/store/tables/participants.tables';
import { setLogSink } from '../../db/backend/log';

setLogSink(() => {});

let t: TestBackend;
type Db = TestBackend['backend']['store']['db'];
const everyone = { staffId: null, canSeeSpecial: true };
const firsts = ['Amir', 'Beth', 'Cai', 'Dana', 'Eve', 'Femi', 'Gus'];

/** `n` people in one insert per 200 (one transaction each is not the point here). */
async function insertPeople(db: Db, n: number, each: (i: number) => Partial<NewParticipant>) {
  for (let from = 0; from < n; from += 200) {
    const batch = Array.from({ length: Math.min(200, n - from) }, (_, k) => {
      const values = participantValues(each(from + k));
      return { ...values, ...nameSoundColumns(values) };
    });
    await db.insertInto('participants').values(batch).execute();
  }
}

beforeAll(async () => {
  t = await createTestBackend({ role: 'officer' });
  const db = t.backend.store.db;
  // Smith: 1,003 people and 4 merged records, Goldsmiths among them. Jones: 1,000 beside 3 merged
  // records. Okafor: a full postcode of 150; and a first + last name few enough for one page.
  await insertPeople(db, 1007, (i) => ({
    last_name: i % 250 === 7 ? 'Goldsmith' : 'Smith',
    first_name: firsts[i % firsts.length]!,
    status: i % 251 === 3 ? 'merged' : i % 5 === 0 ? 'left' : 'active',
  }));
  await insertPeople(db, 1003, (i) => ({
    last_name: 'Jones',
    first_name: firsts[(i * 3) % firsts.length]!,
    status: i < 3 ? 'merged' : 'active',
  }));
  await insertPeople(db, 150, (i) => ({
    last_name: 'Okafor',
    first_name: i === 0 ? 'Zainab' : firsts[i % firsts.length]!,
    postcode: 'SG7 5QZ',
    postcode_district: 'SG7',
  }));
}, 120_000);
afterAll(() => t.close());

const sort = [
  { colId: 'lastName', sort: 'asc' as const },
  { colId: 'firstName', sort: 'asc' as const },
];

/** The page by the search alone and by the general query (the search order asked as a sort). */
async function bothWays(search: string, offset: number, limit: number, countAll?: boolean) {
  const db = t.backend.store.db;
  const query = { search, offset, limit, filters: {}, sort: [], ...(countAll ? { countAll } : {}) };
  const searchOnly = await pageParticipants(db, query, everyone);
  const general = await pageParticipants(db, { ...query, sort }, everyone);
  expect(searchOnly, `"${search}" at ${offset}`).toEqual(general);
  return searchOnly;
}

/** Every match of `search` in the grid's search order, by the general query, counted exactly. */
async function allMatches(search: string) {
  const all = await pageParticipants(
    t.backend.store.db,
    { search, offset: 0, limit: 5000, filters: {}, sort, countAll: true },
    everyone,
  );
  return all.rows.map((r) => r.id);
}

describe('a quick search of a thousand people and more', () => {
  it('gives every page exactly as the general query, with the exact total', async () => {
    const every = await allMatches('smith');
    expect(every).toHaveLength(1003);
    const page = await bothWays('smith', 0, 100);
    expect(page).toMatchObject({ total: 1003, totalCapped: false });
    expect(page.rows.map((r) => r.id)).toEqual(every.slice(0, 100));
    expect(page.rows.every((r) => r.status !== 'merged')).toBe(true);
    // Goldsmiths first (surname order), then Smiths by first name and id.
    expect(page.rows[0]!.lastName).toBe('Goldsmith');
    expect((await bothWays('smith', 900, 100)).rows.map((r) => r.id)).toEqual(every.slice(900, 1000));
    const last = await bothWays('smith', 1000, 100);
    expect(last.rows.map((r) => r.id)).toEqual(every.slice(1000));
    expect(await bothWays('smith', 1100, 100)).toEqual({ rows: [], total: 1003, totalCapped: false });
    // As the grid's "Count all" asks: the same.
    expect(await bothWays('smith', 0, 1, true)).toMatchObject({ total: 1003, totalCapped: false });
  });

  it('leaves merged records out of the rows and the count', async () => {
    expect(await allMatches('jones')).toHaveLength(1000);
    expect(await bothWays('jones', 0, 100)).toMatchObject({ total: 1000, totalCapped: false });
    expect(await bothWays('jones', 995, 10)).toMatchObject({ total: 1000, totalCapped: false });
  });

  it('a postcode, a name, first and last names, a name and a digit word', async () => {
    expect(await bothWays('SG7 5QZ', 0, 100)).toMatchObject({ total: 150, totalCapped: false });
    expect(await bothWays('sg75qz', 100, 100)).toMatchObject({ total: 150, totalCapped: false });
    expect(await bothWays('okafor', 0, 100)).toMatchObject({ total: 150, totalCapped: false });
    expect(await bothWays('okafor', 140, 100)).toMatchObject({ total: 150, totalCapped: false });
    expect(await bothWays('Zainab Okafor', 0, 100)).toMatchObject({ total: 1, totalCapped: false });
    expect(await bothWays('Okafor SG7', 0, 100)).toMatchObject({ total: 150, totalCapped: false });
    const beth = await bothWays('beth jones', 0, 100);
    expect(beth).toMatchObject({ total: (await bothWays('beth jones', 0, 1000)).rows.length, totalCapped: false });
    expect(beth.total).toBeGreaterThan(100);
  });
});
