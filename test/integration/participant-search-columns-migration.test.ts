// Migration 0250 over a store at 0240 that already holds people. On a team database (PostgreSQL)
// it adds the stored folded search texts, filled for everyone already there, with trigram indexes
// that take new entries at once (fastupdate off); the server keeps them in step with edits; the
// viewer role is granted them in the same run (they hold nothing special) and still refused the
// special-category columns; `cli team migrate` copies around them. On a SQLite store it changes
// nothing: the FTS5 index already holds the same texts.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { Kysely, sql } from 'kysely';
import { afterAll, afterEach, expect, it } from 'vitest';
import { WorksbookSqliteDialect as SqliteDialect } from '../../db/store/sqlite/dialect';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';
import type { MigrationDb } from '../../db/store/migrations/migration-db';
import { migrateTeamDatabase, openTeamStore, type TeamStore } from '../../db/store/postgres/open-team-store';
import { setUpTeamRoles } from '../../db/store/postgres/team-roles';
import { participantSearchCondition } from '../../db/store/dialect';
import type { Db } from '../../db/store/schema';
import { tempDir } from '../support/backend';
import { asSuperuser, dropTestDatabase, isPostgresRun, testServerUrl } from '../support/test-store';

const at = '2026-01-05T10:00:00.000Z';
const before0250 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0250'));
const through0250 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0251'));
const people = [
  {
    reference: 'SW-000001',
    first_name: 'Zoë',
    last_name: "O'Brien-Smythe",
    ni_number: 'AB123456C',
    postcode: 'SG1 1AA',
  },
  { reference: 'SW-000002', first_name: 'Ann', last_name: 'Old', ni_number: null, postcode: null },
];

/** References of the people a quick search finds, through the store's own search condition. */
async function found(db: Db, text: string): Promise<string[]> {
  const condition = participantSearchCondition(db, text, 'p.id');
  if (!condition) throw new Error(`"${text}" is too short for the index`);
  const rows = await db
    .selectFrom('participants as p')
    .select('p.reference')
    .where(condition)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => r.reference);
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// SQLite: a store file at 0240 built with SQLite's driver.
it.skipIf(isPostgresRun)('0250 leaves a SQLite store as it was: its FTS5 index already holds the texts', async () => {
  const dir = tempDir();
  dirs.push(dir);
  const db: MigrationDb = new Kysely({
    dialect: new SqliteDialect({ database: new Database(path.join(dir, 'old.sqlite')) }),
  });
  await migrateToLatest(db, before0250);
  for (const p of people)
    await db
      .insertInto('participants')
      .values({ ...p, created_at: at, updated_at: at })
      .execute();
  const columns = async () =>
    (await sql<{ name: string }>`select name from pragma_table_info('participants')`.execute(db)).rows;
  const was = await columns();

  expect(await migrateToLatest(db, through0250)).toEqual({ applied: ['0250-participant-search-columns'] });
  expect(await columns()).toEqual(was);
  expect(await found(db as unknown as Db, 'zoe')).toEqual(['SW-000001']);
  expect(await found(db as unknown as Db, 'ab 12 34')).toEqual(['SW-000001']);
  await db.destroy();
});

const database = `ps_${process.pid}_${randomBytes(4).toString('hex')}`;
const viewer = `ps_viewer_${randomBytes(3).toString('hex')}`;
const PASSWORD = 'test-server-only-password';
let store: TeamStore | null = null;

afterAll(async () => {
  if (!isPostgresRun) return;
  await store?.close();
  await dropTestDatabase(database);
  await asSuperuser((c) => c.query(`drop role if exists ${viewer}`));
});

async function asViewer(text: string): Promise<{ rows?: unknown[]; code?: string }> {
  const client = new pg.Client({ connectionString: testServerUrl(database, viewer, PASSWORD) });
  await client.connect();
  try {
    return { rows: (await client.query(text)).rows };
  } catch (error) {
    return { code: (error as { code?: string }).code };
  } finally {
    await client.end();
  }
}

// PostgreSQL: a team database at 0240, its server roles set up then.
it.skipIf(!isPostgresRun)(
  '0250 stores the folded search texts of people already there, indexed, granted to viewers',
  async () => {
    await asSuperuser((c) => c.query(`create database ${database}`));
    store = await openTeamStore({ url: testServerUrl(database), tls: 'insecure-test-server' }, { migrate: false });
    const db = store.db;
    await migrateTeamDatabase(db, before0250);
    await setUpTeamRoles(db);
    await asSuperuser((c) => c.query(`create role ${viewer} login password '${PASSWORD}' in role worksbook_viewer`));
    for (const p of people)
      await db
        .insertInto('participants')
        .values({ ...p, created_at: at, updated_at: at })
        .execute();

    expect(await migrateTeamDatabase(db, through0250)).toEqual({
      applied: ['0250-participant-search-columns'],
      grantsReapplied: true,
    });

    const texts = await sql<{ reference: string; search_name: string; search_ident: string }>`
      select reference, search_name, search_ident from participants order by id`.execute(db);
    expect(texts.rows).toEqual([
      {
        reference: 'SW-000001',
        search_name: "zoe  o'brien-smythe",
        search_ident: 'sw-000001 sw000001 ab123456c sg11aa ',
      },
      { reference: 'SW-000002', search_name: 'ann  old', search_ident: 'sw-000002 sw000002   ' },
    ]);
    const indexes = await sql<{ indexname: string; indexdef: string; options: string[] | null }>`
      select i.indexname, i.indexdef, c.reloptions as options from pg_indexes i join pg_class c on c.relname = i.indexname
      where i.tablename = 'participants' and i.indexname like 'participant_search_%' order by i.indexname`.execute(db);
    expect(indexes.rows).toEqual([
      {
        indexname: 'participant_search_ident',
        indexdef: expect.stringMatching(/USING gin \(search_ident gin_trgm_ops\)/),
        options: ['fastupdate=off'],
      },
      {
        indexname: 'participant_search_name',
        indexdef: expect.stringMatching(/USING gin \(search_name gin_trgm_ops\)/),
        options: ['fastupdate=off'],
      },
    ]);

    // Found by the search as before, in any case and accents; edits change the texts at once.
    expect(await found(db, 'ZOE')).toEqual(['SW-000001']);
    expect(await found(db, 'smythe')).toEqual(['SW-000001']);
    expect(await found(db, 'ab 12 34')).toEqual(['SW-000001']);
    await db
      .updateTable('participants')
      .set({ last_name: 'Ólafsdóttir' })
      .where('reference', '=', 'SW-000002')
      .execute();
    expect(await found(db, 'olafsdottir')).toEqual(['SW-000002']);
    expect(await found(db, 'ann old')).toEqual([]);
    // Nothing in the app may write them: the server refuses (and `team migrate` copies around them).
    await expect(
      sql`update participants set search_name = 'x' where reference = 'SW-000001'`.execute(db),
    ).rejects.toThrow(/can only be updated to DEFAULT/);

    // The viewer's login reads them (the search needs to), as it reads the names they are made of.
    expect(await asViewer('select search_name, search_ident from participants order by id')).toMatchObject({
      rows: [{ search_name: "zoe  o'brien-smythe" }, { search_name: 'ann  olafsdottir' }],
    });
    expect(await asViewer('select ethnicity from participants')).toMatchObject({ code: '42501' });
  },
  120_000,
);
