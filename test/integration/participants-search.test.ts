// Quick search over the FTS5 trigram index: by any part of a name (with or without the preferred
// name), reference, NI fragment with or without spaces, postcode with or without the space and
// phone digits; short queries use exact/prefix lookups; the query plan uses the index. Also the
// migration that builds the index over a store that already has people in it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { createTestBackend, tempDir, type TestBackend } from '../support/backend';
import { aParticipant, participantValues } from '../support/builders';
import { explainWithoutSeqScans } from '../support/store-sql';
import { isPostgresRun, sqliteOnly } from '../support/test-store';
import { gridBase, sortedGridRows } from '../../db/features/participants/participants.repository';
import { openStore } from '../../db/store/connection';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';

let t: TestBackend;
const refs = async (search: string, preset?: string) =>
  (await t.ok('participants.page', { search, ...(preset ? { preset } : {}) })).rows.map((r) => r.reference).sort();

beforeEach(async () => {
  t = await createTestBackend();
  const db = t.backend.store.db;
  await aParticipant(db, {
    reference: 'SW-000001',
    first_name: 'Joanne',
    preferred_name: 'Jo',
    last_name: 'Smith',
    ni_number: 'AB123456C',
    postcode: 'SG1 1AA',
    phone: '07700 900123',
    phone_digits: '07700900123',
    key_worker_id: t.staffId,
  });
  await aParticipant(db, {
    reference: 'SW-000002',
    first_name: 'José',
    last_name: "O'Brien-Smythe",
    ni_number: 'CE654321A',
    postcode: 'SG2 8BD',
    phone: '01438 242242',
    phone_digits: '01438242242',
    eligibility_status: 'eligible',
  });
  await aParticipant(db, {
    reference: 'SW-000123',
    first_name: 'Li',
    last_name: 'Wu',
    ni_number: null,
    postcode: 'LU1 3AA',
    phone: null,
    phone_digits: null,
  });
  await aParticipant(db, { reference: 'SW-000124', first_name: 'Old', last_name: 'Smith', status: 'merged' });
});
afterEach(async () => t.close());

describe('quick search', () => {
  it('finds by name parts, preferred name, accents and punctuation', async () => {
    expect(await refs('smith')).toEqual(['SW-000001']);
    expect(await refs('joanne smith')).toEqual(['SW-000001']);
    expect(await refs('Jo Smith')).toEqual(['SW-000001']);
    expect(await refs('anne')).toEqual(['SW-000001']);
    expect(await refs('jose')).toEqual(['SW-000002']);
    expect(await refs("o'brien")).toEqual(['SW-000002']);
    expect(await refs('SMY')).toEqual(['SW-000002']);
  });
  it('finds by reference, NI fragment, postcode and phone in any spacing', async () => {
    expect(await refs('SW-000123')).toEqual(['SW-000123']);
    expect(await refs('sw000123')).toEqual(['SW-000123']);
    expect(await refs('123')).toEqual(['SW-000001', 'SW-000123']); // reference and NI fragment
    expect(await refs('ab 12 34')).toEqual(['SW-000001']);
    expect(await refs('3456c')).toEqual(['SW-000001']);
    expect(await refs('sg28bd')).toEqual(['SW-000002']);
    expect(await refs('SG2 8BD')).toEqual(['SW-000002']);
    expect(await refs('01438 242 242')).toEqual(['SW-000002']);
    expect(await refs('+44 7700 900123')).toEqual(['SW-000001']);
  });
  it('reads a word with a digit as an identifier, never a name', async () => {
    // A name with a digit in it, as a store may already hold (the record's rules now refuse one).
    await aParticipant(t.backend.store.db, {
      reference: 'SW-000200',
      first_name: 'Sam',
      last_name: 'Smith2',
      ni_number: null,
      postcode: 'SG5 1AB',
      phone: null,
      phone_digits: null,
    });
    // Postcodes, with and without the space, still find their person; in the search order and
    // under a preset (the general query) alike.
    expect(await refs('SG2 8BD')).toEqual(['SW-000002']);
    expect(await refs('sg28bd')).toEqual(['SW-000002']);
    expect(await refs('SG1 1AA', 'pending-evidence')).toEqual(['SW-000001']);
    // The digit word is not looked for in the names: "Smith2" no longer finds the name Smith2.
    expect(await refs('Smith2')).toEqual([]);
    expect(await refs('Smith2', 'pending-evidence')).toEqual([]);
    expect(await refs('smith')).toEqual(['SW-000001', 'SW-000200']);
    // A name word beside a digit word is still looked for in the names, and the digit word in
    // the same person's identifiers: "Smith SG5" is the Smiths in SG5, not every Smith.
    expect(await refs('Smith SG5')).toEqual(['SW-000200']);
    expect(await refs('Smith SG5', 'pending-evidence')).toEqual(['SW-000200']);
    expect(await refs('Smith 5')).toEqual(['SW-000001', 'SW-000200']); // NI AB 12 34 56 C; postcode SG5
    expect(await refs('Sam Smith 5')).toEqual(['SW-000200']);
    expect(await refs('Smith SG9')).toEqual([]);
  });
  it('uses exact and prefix lookups for one or two characters', async () => {
    expect(await refs('wu')).toEqual(['SW-000123']);
    expect(await refs('li wu')).toEqual(['SW-000123']);
    expect(await refs('jo sm')).toEqual(['SW-000001']);
    expect(await refs('S')).toEqual(['SW-000001']);
    expect(await refs('o')).toEqual(['SW-000002']);
    expect(await refs('1')).toEqual(['SW-000001']);
    expect(await refs('zz')).toEqual([]);
  });
  it('keeps the index in step with edits and leaves merged records out', async () => {
    await t.backend.store.db
      .updateTable('participants')
      .set({ last_name: 'Jones' })
      .where('reference', '=', 'SW-000001')
      .execute();
    expect(await refs('smith')).toEqual([]);
    expect(await refs('jones')).toEqual(['SW-000001']);
  });
  it('applies presets and column filters', async () => {
    expect(await refs('', 'my-caseload')).toEqual(['SW-000001']);
    expect(await refs('', 'pending-evidence')).toEqual(['SW-000001', 'SW-000123']);
    const f = await t.ok('participants.page', {
      filters: { postcode: { filterType: 'text', type: 'startsWith', filter: 'SG' } },
      sort: [{ colId: 'lastName', sort: 'desc' }],
    });
    expect(f.rows.map((r) => r.reference)).toEqual(['SW-000001', 'SW-000002']);
    const d = await t.ok('participants.page', {
      filters: { dateOfBirth: { filterType: 'date', type: 'lessThan', dateFrom: '2000-01-01 00:00:00' } },
    });
    expect(d.total).toBe(3);
  });
  it('uses the search index (and the primary key) in the query plan', async () => {
    const scope = { staffId: t.staffId, canSeeSpecial: true };
    const q = { search: 'smith', filters: {}, sort: [], preset: undefined };
    const db = t.backend.store.db;
    const compiled = sortedGridRows(gridBase(db, q, scope), q, scope)
      .limit(100)
      .compile();
    const short = { ...q, search: 'Wu' };
    const c2 = sortedGridRows(gridBase(db, short, scope), short, scope).compile();
    if (isPostgresRun) {
      // Three test rows are cheaper to read than any index: ask what the planner would use
      // when reading the table is not an option.
      const plan = await explainWithoutSeqScans(db, compiled);
      expect(plan).toMatch(/participant_search_(name|ident)/);
      expect(await explainWithoutSeqScans(db, c2)).toMatch(/participants_last_first/);
      return;
    }
    const plan = (
      t.backend.store.sqlite
        .prepare(`explain query plan ${compiled.sql}`)
        .all(...(compiled.parameters as unknown[])) as Array<{ detail: string }>
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(plan).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
    expect(plan).not.toMatch(/SCAN p\b/);
    const plan2 = (
      t.backend.store.sqlite.prepare(`explain query plan ${c2.sql}`).all(...(c2.parameters as unknown[])) as Array<{
        detail: string;
      }>
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan2).toMatch(/participants_last_first/);
  });
});

sqliteOnly('a SQLite file at the previous version; team databases: test/integration/team-store.test.ts')(
  'migration 0010',
  () => {
    it('indexes people already in a store at the previous version', async () => {
      const file = path.join(tempDir(), 'old.sqlite');
      const old = await openStore({ file, migrate: false });
      const previous = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0010'));
      await migrateToLatest(old.db, previous);
      await old.db
        .insertInto('participants')
        .values(participantValues({ reference: 'SW-000777', last_name: 'Fairbrother', ni_number: 'JK112233D' }))
        .execute();
      await old.close();
      const store = await openStore({ file });
      const hits = store.sqlite
        .prepare(`select rowid from participant_search where participant_search match ?`)
        .all('ident : "1122"');
      expect(hits).toHaveLength(1);
      expect(
        store.sqlite.prepare(`select value_json from settings where key = 'eligibility.postcodeDistricts'`).get(),
      ).toEqual({ value_json: '["SG1","SG2"]' });
      await store.close();
    });
  },
);
