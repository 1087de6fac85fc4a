// Server roles (issue 18): after `cli team setup-roles`, each staff login is held to its role by
// PostgreSQL itself, connecting directly with `pg` (no app): a viewer's login is refused the
// special-category columns (ethnicity, disability, the barrier codes that include convictions),
// free text and secrets, but reads the rest; an officer's and an administrator's logins may not
// change or delete the audit log, only add to it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../db/cli/main';
import { createTestBackend, type TestBackend } from '../support/backend';
import { asSuperuser, isPostgresRun, testServerUrl } from '../support/test-store';

const PASSWORD = 'test-server-only-password';

// Roles and grants are the server's: on the SQLite run there is no server to hold them.
describe.skipIf(!isPostgresRun)('team database roles, enforced by PostgreSQL (PostgreSQL run)', () => {
  let t: TestBackend;
  let database: string;
  const logins: Record<'viewer' | 'officer' | 'administrator', string> = {
    viewer: `tr_viewer_${randomBytes(3).toString('hex')}`,
    officer: `tr_officer_${randomBytes(3).toString('hex')}`,
    administrator: `tr_admin_${randomBytes(3).toString('hex')}`,
  };

  beforeAll(async () => {
    t = await createTestBackend();
    await t.ok('participants.create', {
      record: {
        firstName: 'Amira',
        lastName: 'Khan',
        dateOfBirth: '14/02/1998',
        niStatus: 'known',
        niNumber: 'JK 12 34 56 C',
        postcode: 'SG1 1AA',
        ethnicity: 'asian_pakistani',
        healthCondition: 'yes',
        barriers: ['ex_offender'],
        startDate: '10/01/2026',
      },
    });
    database = new URL(t.file).pathname.slice(1);
    const out: string[] = [];
    const code = await runCli(['team', 'setup-roles', '--db', t.file], {
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    expect(out.join('\n')).toMatch(/worksbook_admin, worksbook_officer, worksbook_viewer/);
    expect(code).toBe(0);
    // Run again: the same privileges (it starts from nothing each time).
    expect(await runCli(['team', 'setup-roles', '--db', t.file], { out: () => {}, err: () => {} })).toBe(0);
    await asSuperuser(async (c) => {
      const group = { viewer: 'worksbook_viewer', officer: 'worksbook_officer', administrator: 'worksbook_admin' };
      for (const [role, login] of Object.entries(logins))
        await c.query(`create role ${login} login password '${PASSWORD}' in role ${group[role as keyof typeof group]}`);
    });
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await asSuperuser(async (c) => {
      for (const login of Object.values(logins)) await c.query(`drop role if exists ${login}`);
    });
  });

  /** Runs `text` as `login` on the test database, directly: the answer, or PostgreSQL's refusal. */
  async function as(login: string, text: string): Promise<{ rows?: unknown[]; refused?: string; code?: string }> {
    const client = new pg.Client({ connectionString: testServerUrl(database, login, PASSWORD) });
    await client.connect();
    try {
      return { rows: (await client.query(text)).rows };
    } catch (error) {
      const e = error as { message: string; code?: string };
      return { refused: e.message, code: e.code };
    } finally {
      await client.end();
    }
  }

  it('a viewer login is refused special-category columns by PostgreSQL, and reads the rest', async () => {
    const v = logins.viewer;
    for (const query of [
      'select ethnicity from participants',
      'select disability, health_condition from participants',
      'select * from participants',
      'select barrier_code from participant_barriers',
      'select body from participant_notes',
      'select password_hash from staff',
      'select key from audit_keys',
    ])
      expect(await as(v, query), query).toMatchObject({
        code: '42501',
        refused: expect.stringMatching(/permission denied/),
      });
    expect(await as(v, 'select id, reference, first_name, last_name from participants')).toMatchObject({
      rows: [{ reference: 'SW-000001', last_name: 'Khan' }],
    });
    expect(await as(v, 'select display_name, role from staff')).toMatchObject({ rows: expect.any(Array) });
    expect(await as(v, "update participants set last_name = 'X'")).toMatchObject({ code: '42501' });
    expect(await as(v, 'delete from participants')).toMatchObject({ code: '42501' });
  });

  it('an officer reads special-category data but may only add to the audit log', async () => {
    const o = logins.officer;
    expect(await as(o, 'select ethnicity from participants')).toMatchObject({
      rows: [{ ethnicity: 'asian_pakistani' }],
    });
    expect(await as(o, "update participants set phone = '07700 900999'")).toMatchObject({ rows: [] });
    for (const query of ['delete from audit_log', "update audit_log set summary = 'rewritten'", 'truncate audit_log'])
      expect(await as(o, query), query).toMatchObject({
        code: '42501',
        refused: expect.stringMatching(/permission denied/),
      });
    expect((await as(o, 'select count(*)::int as n from audit_log')).rows).toEqual([{ n: expect.any(Number) }]);
  });

  it('an administrator may not change or delete the audit log either', async () => {
    const a = logins.administrator;
    for (const query of ['delete from audit_log', "update audit_log set summary = 'rewritten'"])
      expect(await as(a, query), query).toMatchObject({ code: '42501' });
    expect(await as(a, 'select ethnicity from participants')).toMatchObject({
      rows: [{ ethnicity: 'asian_pakistani' }],
    });
  });
});
