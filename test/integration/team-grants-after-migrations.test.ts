// Grants re-applied after migrations (issue 18): a team database whose server roles were set up at
// an older version gets the roles' privileges again in the same run as the migrations that add
// tables or columns, so a viewer's login reads a new column (its grants are column by column)
// without anyone running `cli team setup-roles` again, and is still refused the special ones.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { migrations } from '../../db/store/migrations/index';
import { migrateTeamDatabase, openTeamStore, type TeamStore } from '../../db/store/postgres/open-team-store';
import { setUpTeamRoles } from '../../db/store/postgres/team-roles';
import { asSuperuser, dropTestDatabase, isPostgresRun, testServerUrl } from '../support/test-store';

const PASSWORD = 'test-server-only-password';
const database = `tg_${process.pid}_${randomBytes(4).toString('hex')}`;
const viewer = `tg_viewer_${randomBytes(3).toString('hex')}`;
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

// Server roles and grants are the server's: on the SQLite run there is none.
it.skipIf(!isPostgresRun)(
  'migrations that add a column give the viewer role its grant in the same run (PostgreSQL run)',
  async () => {
    await asSuperuser((c) => c.query(`create database ${database}`));
    store = await openTeamStore({ url: testServerUrl(database), tls: 'insecure-test-server' }, { migrate: false });
    const db = store.db;
    // The database as an older app left it (before 0195 gave records a version), roles set up then.
    const older = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0195'));
    // Roles on the server from another database's set-up do not reach this one by a migration.
    expect(await migrateTeamDatabase(db, older)).toMatchObject({ grantsReapplied: false });
    await setUpTeamRoles(db);
    await asSuperuser((c) => c.query(`create role ${viewer} login password '${PASSWORD}' in role worksbook_viewer`));
    const at = '2026-01-05T10:00:00.000Z';
    await db
      .insertInto('participants')
      .values({ reference: 'SW-000001', first_name: 'Ann', last_name: 'Old', created_at: at, updated_at: at })
      .execute();
    expect(await asViewer('select reference from participants')).toMatchObject({ rows: [{ reference: 'SW-000001' }] });

    // The newer app opens it: the migration and the grants in one run.
    const run = await migrateTeamDatabase(db);
    expect(run).toEqual({ applied: expect.arrayContaining(['0195-record-versions']), grantsReapplied: true });
    expect(await asViewer('select reference, version from participants')).toMatchObject({
      rows: [{ reference: 'SW-000001', version: 1 }],
    });
    expect(await asViewer('select ethnicity from participants')).toMatchObject({ code: '42501' });
    // Nothing to migrate: nothing re-applied.
    expect(await migrateTeamDatabase(db)).toEqual({ applied: [], grantsReapplied: false });
  },
  120_000,
);
