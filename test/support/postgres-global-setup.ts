// Vitest global setup. On the PostgreSQL run (WORKSBOOK_TEST_STORE=postgres) it starts one
// throwaway server for the whole run and migrates a template database once; test files copy it
// (test/support/test-store.ts). On the SQLite run it does nothing.
import { startTestPostgres, type TestPostgres } from './postgres-server';
import { openTeamStore } from '../../db/store/postgres/open-team-store';

let server: TestPostgres | null = null;

export async function setup(): Promise<void> {
  if (process.env.WORKSBOOK_TEST_STORE !== 'postgres') return;
  server = await startTestPostgres();
  // Children (test workers, CLI processes the tests start) inherit these.
  process.env.WORKSBOOK_TEST_PG_URL = server.url('postgres');
  process.env.WORKSBOOK_DB_TLS = 'insecure-test-server';
  const admin = new (await import('pg')).default.Client({ connectionString: server.url('postgres') });
  await admin.connect();
  await admin.query('create database worksbook_template');
  const store = await openTeamStore({ url: server.url('worksbook_template'), tls: 'insecure-test-server' });
  await store.close();
  await admin.query('alter database worksbook_template with is_template true allow_connections false');
  await admin.end();
  console.log(`PostgreSQL for the tests: ${server.kind} on port ${server.port}`);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  server = null;
}
