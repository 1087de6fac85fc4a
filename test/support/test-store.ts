// Which store this test run uses: SQLite (the default) or a real PostgreSQL server
// (WORKSBOOK_TEST_STORE=postgres; `npm test` runs the integration suite once on each). The
// PostgreSQL run's server is started once by test/support/postgres-global-setup.ts; each test
// backend gets a database of its own, copied from a migrated template (fast).
import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import pg from 'pg';

export type TestStoreKind = 'sqlite' | 'postgres';

export const testStoreKind: TestStoreKind = process.env.WORKSBOOK_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
export const isPostgresRun = testStoreKind === 'postgres';

/** Tests of something only a SQLite store has (its file, encryption at rest, the WAL, a kill -9
 * of the one writing process...). `why` says what, in the test report of the PostgreSQL run,
 * where they do not run: a team database has no such thing, the server owns it. */
export function sqliteOnly(why: string): typeof describe | typeof describe.skip {
  if (!why.trim()) throw new Error('sqliteOnly needs the reason the tests are SQLite-only');
  return isPostgresRun ? describe.skip : describe;
}

/** The superuser's connection string for `database` on the test server (PostgreSQL run only). */
export function testServerUrl(database: string, user?: string, password?: string): string {
  const base = process.env.WORKSBOOK_TEST_PG_URL;
  if (!base)
    throw new Error('No test PostgreSQL server: run with WORKSBOOK_TEST_STORE=postgres (vitest global setup).');
  const u = new URL(base);
  u.pathname = `/${database}`;
  if (user !== undefined) u.username = encodeURIComponent(user);
  if (password !== undefined) u.password = encodeURIComponent(password);
  return u.toString();
}

export const TEMPLATE_DATABASE = 'worksbook_template';

/** Runs `work` on a superuser connection to `database` (default: the server's own). */
export async function asSuperuser<T>(work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl(database) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database copied from the migrated template; returns its name. */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await asSuperuser((c) => c.query(`create database ${name} template ${TEMPLATE_DATABASE} strategy file_copy`));
  return name;
}

export async function dropTestDatabase(name: string): Promise<void> {
  await asSuperuser((c) => c.query(`drop database if exists ${name} with (force)`));
}
