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
  const logins: Record<'viewer' | 'officer' | 'administrator', string> & { extra?: string[] } = {
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
    expect(code, out.join('\n')).toBe(0);
    // Run again: the same privileges (it starts from nothing each time).
    out.length = 0;
    const again = await runCli(['team', 'setup-roles', '--db', t.file], {
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    expect(again, out.join('\n')).toBe(0);
    await asSuperuser(async (c) => {
      const group = { viewer: 'worksbook_viewer', officer: 'worksbook_officer', administrator: 'worksbook_admin' };
      for (const [role, login] of Object.entries(logins))
        await c.query(`create role ${login} login password '${PASSWORD}' in role ${group[role as keyof typeof group]}`);
    });
  }, 120_000);

  afterAll(async () => {
    await t.close();
    await asSuperuser(async (c) => {
      const { extra = [], ...roles } = logins;
      await c.query(`drop owned by ${[...Object.values(roles), ...extra].join(', ')} cascade`).catch(() => {});
      for (const login of [...Object.values(roles), ...extra]) await c.query(`drop role if exists ${login}`);
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
    const o = () => logins.officer;
    for (const query of [
      'select ethnicity from participants',
      'select disability, health_condition from participants',
      'select * from participants',
      'select body from participant_notes',
      'select password_hash from staff',
      'select key from audit_keys',
    ])
      expect(await as(v, query), query).toMatchObject({
        code: '42501',
        refused: expect.stringMatching(/permission denied/),
      });
    // Barrier codes are read, but never a special item's row (ex-offender): the server hides them.
    expect(await as(o(), 'select barrier_code from participant_barriers')).toMatchObject({
      rows: [{ barrier_code: 'ex_offender' }],
    });
    expect(await as(v, 'select barrier_code from participant_barriers')).toMatchObject({ rows: [] });
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

  it('organisation scope by row-level security: referred people only, everyone, or no one yet', async () => {
    const jcpOfficer = `tr_jcp_${randomBytes(3).toString('hex')}`;
    const partnerOfficer = `tr_partner_${randomBytes(3).toString('hex')}`;
    const unscopedOfficer = `tr_unscoped_${randomBytes(3).toString('hex')}`;
    logins.extra = [jcpOfficer, partnerOfficer, unscopedOfficer];
    const db = t.backend.store.db;
    const at = '2026-01-05T10:00:00.000Z';
    const org = async (name: string, kind: 'jcp_office' | 'referral_agency' | 'other') =>
      (
        await db
          .insertInto('organisations')
          .values({ name, kind, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const [jcp, partner, newcomer] = [
      await org('Jobcentre Plus Stevenage', 'jcp_office'),
      await org('Herts Partner', 'other'),
      await org('New Partner', 'referral_agency'),
    ];
    const person = async (reference: string, referral_source: string | null) =>
      (
        await db
          .insertInto('participants')
          .values({ reference, first_name: 'P', last_name: reference, referral_source, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const ids = [
      await person('SW-RLS001', 'jcp'),
      await person('SW-RLS002', 'self'),
      await person('SW-RLS003', 'self'),
    ];
    const later = ids[1]!;
    // Rows about each person in other tables: they follow the person's visibility.
    for (const [i, participant_id] of ids.entries()) {
      await db
        .insertInto('participant_notes')
        .values({ participant_id, body: `Note RLS00${i + 1}`, created_at: at, created_by: null })
        .execute();
      await db
        .insertInto('outcomes')
        .values({
          participant_id,
          outcome_type: 'job_start',
          outcome_date: '2026-02-01',
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    // Referred by JCP later on, on a referral rather than the record.
    await db
      .insertInto('participant_referrals')
      .values({
        participant_id: later,
        referral_date: '2026-02-01',
        referral_source: 'jcp',
        source: 'form',
        created_at: at,
      })
      .execute();
    await asSuperuser(async (c) => {
      for (const login of [jcpOfficer, partnerOfficer, unscopedOfficer])
        await c.query(`create role ${login} login password '${PASSWORD}' in role worksbook_officer`);
    });
    const cli = (args: string[]) =>
      runCli(['team', 'scope', '--db', t.file, ...args], { out: () => {}, err: () => {} });
    expect(
      await cli([
        '--organisation',
        String(jcp),
        '--sees',
        'referred',
        '--referral-source',
        'jcp',
        '--login',
        jcpOfficer,
      ]),
    ).toBe(0);
    expect(await cli(['--organisation', String(partner), '--sees', 'all', '--login', partnerOfficer])).toBe(0);
    expect(await cli(['--organisation', String(newcomer), '--sees', 'referred'])).toBe(2);
    await asSuperuser(
      (c) => c.query(`insert into worksbook_staff_organisations values ('${unscopedOfficer}', ${newcomer})`),
      database,
    );

    const seen = async (login: string) =>
      (
        (await as(login, "select reference from participants where reference like 'SW-RLS%' order by reference"))
          .rows ?? []
      ).map((r) => (r as { reference: string }).reference);
    expect(await seen(jcpOfficer)).toEqual(['SW-RLS001', 'SW-RLS002']);
    expect(await seen(partnerOfficer)).toEqual(['SW-RLS001', 'SW-RLS002', 'SW-RLS003']);
    // In an organisation whose scope is not decided yet: no one.
    expect(await seen(unscopedOfficer)).toEqual([]);
    // The programme's own staff, in no partner organisation: everyone.
    expect(await seen(logins.officer)).toEqual(['SW-RLS001', 'SW-RLS002', 'SW-RLS003']);
    // The rows about people in other tables follow them.
    const notes = async (login: string) =>
      (
        (await as(login, "select body from participant_notes where body like 'Note RLS%' order by body")).rows ?? []
      ).map((r) => (r as { body: string }).body);
    expect(await notes(jcpOfficer)).toEqual(['Note RLS001', 'Note RLS002']);
    expect(await notes(partnerOfficer)).toEqual(['Note RLS001', 'Note RLS002', 'Note RLS003']);
    expect(await notes(unscopedOfficer)).toEqual([]);
    const outcomesOf = async (login: string) =>
      (await as(login, `select count(*)::int as n from outcomes where participant_id in (${ids.join(', ')})`)).rows;
    expect(await outcomesOf(jcpOfficer)).toEqual([{ n: 2 }]);
    expect(await outcomesOf(partnerOfficer)).toEqual([{ n: 3 }]);
    expect(await outcomesOf(unscopedOfficer)).toEqual([{ n: 0 }]);
    expect(await outcomesOf(logins.officer)).toEqual([{ n: 3 }]);
    // Nor can a scoped login add a row about someone it cannot see.
    expect(
      await as(
        jcpOfficer,
        `insert into participant_notes (participant_id, body, created_at) values (${ids[2]}, 'x', '${at}')`,
      ),
    ).toMatchObject({ code: '42501' });
    // Nor can a scoped login change someone it cannot see.
    expect(
      await as(jcpOfficer, "update participants set phone = '0' where reference = 'SW-RLS003' returning id"),
    ).toMatchObject({ rows: [] });
  });
});
