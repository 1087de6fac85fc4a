// The store: durable settings asserted, migrations from empty to latest on a real file in one
// transaction, and a store written by a newer app refused without being touched.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Kysely, sql } from 'kysely';
import { WorksbookSqliteDialect as SqliteDialect } from '../../db/store/sqlite/dialect';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../../db/store/connection';
import { migrateToLatest, NewerStoreError, appliedMigrations } from '../../db/store/migrator';
import { migrations, latestMigration } from '../../db/store/migrations/index';
import { readPragmas } from '../../db/store/sqlite/pragmas';
import { tempDir } from '../support/backend';
import type { MigrationDb } from '../../db/store/migrations/migration-db';
import { sqliteStoreBefore } from '../support/migration-store';

const dirs: string[] = [];
const newFile = () => {
  const dir = tempDir();
  dirs.push(dir);
  return path.join(dir, 'store.sqlite');
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('opening a store', () => {
  it('creates a new file at the latest schema with WAL, synchronous=FULL, foreign keys and secure_delete', async () => {
    const file = newFile();
    const store = await openStore({ file });
    expect(readPragmas(store.sqlite)).toMatchObject({
      journalMode: 'wal',
      synchronous: 2,
      foreignKeys: 1,
      secureDelete: 1,
    });
    expect(await appliedMigrations(store.db)).toEqual(Object.keys(migrations).sort());
    expect(await appliedMigrations(store.db)).toContain(latestMigration);
    await store.close();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('reopens an existing store without re-running migrations and keeps its rows', async () => {
    const file = newFile();
    const first = await openStore({ file });
    await first.db.insertInto('settings').values({ key: 'k', value_json: '"v"', updated_at: 'now' }).execute();
    await first.close();
    const second = await openStore({ file });
    expect(
      await second.db.selectFrom('settings').select('value_json').where('key', '=', 'k').executeTakeFirst(),
    ).toEqual({ value_json: '"v"' });
    await second.close();
  });

  it('refuses a store written by a newer version and leaves it untouched', async () => {
    const file = newFile();
    const store = await openStore({ file });
    await store.db
      .insertInto('kysely_migration' as never)
      .values({ name: '9999-from-the-future', timestamp: new Date().toISOString() } as never)
      .execute();
    await store.close();
    const before = fs.readFileSync(file);
    await expect(openStore({ file })).rejects.toBeInstanceOf(NewerStoreError);
    await expect(openStore({ file })).rejects.toThrow(/newer version of Worksbook/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('runs pending migrations in one transaction: a failing migration leaves the store as it was', async () => {
    const file = newFile();
    const sqlite = new SqliteDatabase(file);
    const db: MigrationDb = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    const first = Object.fromEntries(Object.entries(migrations).slice(0, 1));
    await migrateToLatest(db, first);
    const broken = {
      ...migrations,
      '9000-broken': {
        async up(d: MigrationDb) {
          await sql`create table half_done (id integer)`.execute(d);
          throw new Error('boom');
        },
      },
    };
    await expect(migrateToLatest(db, broken)).rejects.toThrow('boom');
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('half_done');
    expect(tables).not.toContain('participants'); // 0002 ran in the same failed batch
    expect(await appliedMigrations(db)).toEqual(Object.keys(first));
    await db.destroy();
  });

  it('refuses a file that is not a store with a clear error', async () => {
    const file = newFile();
    fs.writeFileSync(file, 'this is not a database'.repeat(100));
    await expect(openStore({ file })).rejects.toThrow();
  });
});

describe('each migration from the one before, with rows in it', () => {
  it('0003 and 0004 apply over a 0002 store holding participants', async () => {
    const db = await sqliteStoreBefore('0003');
    await db
      .insertInto('participants')
      .values({ reference: 'SW-000001', first_name: 'Ann', last_name: 'Old', created_at: 'x', updated_at: 'x' })
      .execute();
    await migrateToLatest(db);
    const row = await db
      .selectFrom('participants')
      .select(['reference', 'status', 'eligibility_status'])
      .executeTakeFirst();
    expect(row).toEqual({ reference: 'SW-000001', status: 'active', eligibility_status: 'pending' });
    const types = await db.selectFrom('outcome_types').select('code').execute();
    expect(types.map((t: { code: string }) => t.code)).toContain('job_start');
    await db.destroy();
  });
});
