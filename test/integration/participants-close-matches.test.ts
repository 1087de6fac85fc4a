// Close matches in the quick search (issue 20): "Nowack", "Ionesco" and "Shaww" find nobody
// exactly, and suggest Nowak, Ionescu and Shaw, each saying why; by index (the names' sounds and
// the surname's first letters), kept in step with the names on every write; and the migration
// that fills the sounds of people already stored.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, tempDir, type TestBackend } from '../support/backend';
import { aParticipant, participantValues } from '../support/builders';
import { closeMatchQuery } from '../../db/features/participants/participants.repository';
import { openStore } from '../../db/store/connection';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';
import { isPostgresRun } from '../support/test-store';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
  const db = t.backend.store.db;
  await aParticipant(db, { first_name: 'Anna', last_name: 'Nowak' });
  await aParticipant(db, { first_name: 'Mihai', last_name: 'Ionescu' });
  await aParticipant(db, { first_name: 'Kerry', last_name: 'Shaw' });
  await aParticipant(db, { first_name: 'Omar', last_name: 'Shah' });
  await aParticipant(db, { first_name: 'Jo', last_name: 'Smith' });
  await aParticipant(db, { first_name: 'Old', last_name: 'Nowak', status: 'merged' });
});
afterEach(async () => t.close());

const suggestions = async (search: string) =>
  (await t.ok('participants.closeMatches', { search, excludeIds: [] })).map((m) => `${m.firstName} ${m.lastName}`);

describe('close matches', () => {
  it.each([
    ['Nowack', 'Anna Nowak'],
    ['Ionesco', 'Mihai Ionescu'],
    ['Shaww', 'Kerry Shaw'],
    ['Kerry Shaww', 'Kerry Shaw'],
    ['Smiht', 'Jo Smith'],
    ['anna nowack', 'Anna Nowak'],
  ])('"%s" finds nobody exactly and suggests %s first', async (search, expected) => {
    expect((await t.ok('participants.page', { search })).total).toBe(0);
    expect((await suggestions(search))[0]).toBe(expected);
  });

  it('says why each is suggested, and leaves out merged records and exact matches', async () => {
    const [nowak, ...rest] = await t.ok('participants.closeMatches', { search: 'Nowack', excludeIds: [] });
    expect(nowak!.why).toMatch(/Nowak/);
    expect(rest.map((r) => r.firstName)).not.toContain('Old');
    expect(await suggestions('Nowak')).not.toContain('Anna Nowak');
    expect(await suggestions('Zzyzx')).toEqual([]);
    expect(await suggestions('a')).toEqual([]);
  });

  it('follows a name changed on the record', async () => {
    const { id } = await t.ok('participants.create', {
      record: {
        firstName: 'Piotr',
        lastName: 'Kowalski',
        dateOfBirth: '1/2/1990',
        niStatus: 'not_yet_known',
        referralDate: '1/1/2026',
      },
      duplicatesReviewed: true,
    });
    expect(await suggestions('Kowalsky')).toContain('Piotr Kowalski');
    const detail = await t.ok('participants.get', { id });
    await t.ok('participants.update', {
      id,
      version: detail.version,
      record: { ...detail.record, lastName: 'Lewandowski', dateOfBirth: '1/2/1990', referralDate: '1/1/2026' },
    });
    expect(await suggestions('Kowalsky')).not.toContain('Piotr Kowalski');
    expect(await suggestions('Lewandowsky')).toContain('Piotr Lewandowski');
  });

  // SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
  it.skipIf(isPostgresRun)('reads candidates by index, never by scanning everyone', async () => {
    const compiled = closeMatchQuery(
      t.backend.store.db,
      { sounds: ['NK'], prefixes: [{ prefix: 'now', minLength: 4, maxLength: 8 }] },
      100,
    ).compile();
    const plan = (
      t.backend.store.sqlite
        .prepare(`explain query plan ${compiled.sql}`)
        .all(...(compiled.parameters as unknown[])) as Array<{
        detail: string;
      }>
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toMatch(/participants_last_name_sound/);
    expect(plan).toMatch(/participants_first_name_sound/);
    expect(plan).toMatch(/participants_last_first/);
    expect(plan).not.toMatch(/SCAN p\b/);
  });
});

describe('migration 0160', () => {
  it('fills in how the names of people already stored sound', async () => {
    const file = path.join(tempDir(), 'old.sqlite');
    const old = await openStore({ file, migrate: false });
    await migrateToLatest(old.db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0160')));
    await old.db
      .insertInto('participants')
      .values(participantValues({ reference: 'SW-000901', first_name: 'Zoë', last_name: 'Nowak' }))
      .execute();
    await old.close();
    const store = await openStore({ file });
    expect(
      await store.db
        .selectFrom('participants')
        .select(['first_name_sound', 'last_name_sound'])
        .where('reference', '=', 'SW-000901')
        .executeTakeFirst(),
    ).toEqual({ first_name_sound: 'S', last_name_sound: 'NK' });
    await store.close();
  });
});
