// A team database login belongs to one staff profile (issue 18). An administrator links each login
// to its owner's profile (Settings → Staff and roles, audited; `cli team login` for the database's
// owner). Connected through a login, the app offers and signs in only the profile linked to it and
// refuses any other by name; a login linked to no one signs in as no one. PostgreSQL holds every
// login to the same rule when connected directly (as psql would be): an audit entry written under
// a login names no one or its own profile, and only an administrator's login links logins. A data
// file has no logins: said, and a link refused.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { runCli } from '../../db/cli/main';
import { createTestBackend, tempDir, TEST_NOW, type TestBackend } from '../support/backend';
import { asSuperuser, isPostgresRun, testServerUrl } from '../support/test-store';

const PASSWORD = 'test-server-only-password';
let t: TestBackend;

beforeAll(async () => {
  t = await createTestBackend();
}, 120_000);
afterAll(() => t.close());

async function staffMember(name: string, role: 'viewer' | 'officer' | 'administrator'): Promise<number> {
  const row = await t.backend.store.db
    .insertInto('staff')
    .values({ display_name: name, email: null, role, password_hash: null, locked_until: null, created_at: TEST_NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

describe.skipIf(isPostgresRun)('on a data file (SQLite run)', () => {
  it('has no logins: any profile signs in as before, and a link is refused', async () => {
    expect(await t.ok('team.logins', {})).toEqual({ teamMode: false, logins: [] });
    expect(await t.ok('session.databaseLogin', {})).toEqual({ login: null });
    const officer = await staffMember('Sol Officer', 'officer');
    expect(await t.call('staff.setDatabaseLogin', { id: officer, login: 'sol' })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: /team database/ },
    });
    expect((await t.ok('staff.manageList', {})).every((s) => s.databaseLogin === null)).toBe(true);
    const profiles = await t.backend.call('other-window', 'session.profiles', {});
    expect(profiles.ok && profiles.value.some((p) => p.id === officer)).toBe(true);
    expect(await t.backend.call('other-window', 'session.start', { staffId: officer })).toMatchObject({ ok: true });
  });
});

// Logins are the server's: on the SQLite run there is no server to hold them.
describe.skipIf(!isPostgresRun)('on a team database (PostgreSQL run)', () => {
  const suffix = randomBytes(3).toString('hex');
  const logins = {
    jo: `lb_jo_${suffix}`,
    sam: `lb_sam_${suffix}`,
    newcomer: `lb_new_${suffix}`,
    viewer: `lb_viewer_${suffix}`,
  };
  const staff = { jo: 0, sam: 0, newcomer: 0, viewer: 0 };
  const backends: Backend[] = [];
  let database = '';

  const backendAs = async (login: string) => {
    const b = await createBackend({
      file: testServerUrl(database, login, PASSWORD),
      clock: fixedClock(TEST_NOW),
      dataDir: tempDir(),
    });
    backends.push(b);
    return b;
  };

  /** Runs `text` as `login` directly (no app): the rows, or PostgreSQL's refusal. */
  async function as(login: string, text: string, values: unknown[] = []) {
    const client = new pg.Client({ connectionString: testServerUrl(database, login, PASSWORD) });
    await client.connect();
    try {
      return { rows: (await client.query(text, values)).rows as unknown[] };
    } catch (error) {
      const e = error as { message: string; code?: string };
      return { refused: e.message, code: e.code };
    } finally {
      await client.end();
    }
  }

  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const code = await runCli(['team', ...args], { out: (s) => out.push(s), err: (s) => out.push(s) });
    return { code, out: out.join('\n') };
  };

  beforeAll(async () => {
    database = new URL(t.file).pathname.slice(1);
    expect((await cli('setup-roles', '--db', t.file)).code).toBe(0);
    await asSuperuser(async (c) => {
      await c.query(`create role ${logins.jo} login password '${PASSWORD}' in role worksbook_officer`);
      await c.query(`create role ${logins.sam} login password '${PASSWORD}' in role worksbook_officer`);
      await c.query(`create role ${logins.newcomer} login password '${PASSWORD}' in role worksbook_officer`);
      await c.query(`create role ${logins.viewer} login password '${PASSWORD}' in role worksbook_viewer`);
    });
    staff.jo = await staffMember('Jo Officer', 'officer');
    staff.sam = await staffMember('Sam Officer', 'officer');
    staff.newcomer = await staffMember('Nia Newcomer', 'officer');
    staff.viewer = await staffMember('Val Viewer', 'viewer');
  }, 120_000);

  afterAll(async () => {
    for (const b of backends) await b.close();
    await asSuperuser(async (c) => {
      for (const login of Object.values(logins)) await c.query(`drop role if exists ${login}`).catch(() => {});
    });
  });

  it('an administrator links logins to profiles from the app, audited; a login is linked to one profile', async () => {
    const listed = await t.ok('team.logins', {});
    expect(listed.teamMode).toBe(true);
    expect(listed.logins).toEqual(
      expect.arrayContaining([
        { login: logins.jo, role: 'officer', staffId: null },
        { login: logins.viewer, role: 'viewer', staffId: null },
      ]),
    );
    const linked = await t.ok('staff.setDatabaseLogin', { id: staff.jo, login: logins.jo });
    expect(linked).toMatchObject({ id: staff.jo, databaseLogin: logins.jo });
    await t.ok('staff.setDatabaseLogin', { id: staff.sam, login: logins.sam });
    await t.ok('staff.setDatabaseLogin', { id: staff.viewer, login: logins.viewer });
    expect((await t.ok('team.logins', {})).logins).toEqual(
      expect.arrayContaining([{ login: logins.jo, role: 'officer', staffId: staff.jo }]),
    );
    // Another profile cannot take a linked login; a login the server does not have is refused.
    expect(await t.call('staff.setDatabaseLogin', { id: staff.newcomer, login: logins.jo })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: /already belongs to Jo Officer/ },
    });
    expect(await t.call('staff.setDatabaseLogin', { id: staff.newcomer, login: 'nobody_here' })).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: ['login'] }] },
    });
    const audited = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['summary', 'staff_id'])
      .where('entity', '=', 'staff')
      .where('entity_id', '=', String(staff.jo))
      .where('action', '=', 'update')
      .execute();
    expect(audited).toEqual([
      { summary: `Database login ${logins.jo} linked to Jo Officer's profile`, staff_id: t.staffId },
    ]);
  });

  it('through a login the app offers only its profile and refuses any other by name', async () => {
    const jo = await backendAs(logins.jo);
    expect(await jo.call('app', 'session.databaseLogin', {})).toEqual({ ok: true, value: { login: logins.jo } });
    const profiles = await jo.call('app', 'session.profiles', {});
    expect(profiles.ok && profiles.value.map((p) => p.id)).toEqual([staff.jo]);
    const refused = await jo.call('app', 'session.start', { staffId: staff.sam });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    if (!refused.ok)
      expect(refused.error.message).toBe(
        `This team database login (${logins.jo}) belongs to Jo Officer's profile, not Sam Officer's. ` +
          `Connect with Sam Officer's own database login to sign in as them.`,
      );
    // Nothing recorded under Sam's name, not even a wrong attempt.
    const sams = await t.backend.store.db
      .selectFrom('audit_log')
      .select('id')
      .where('staff_id', '=', staff.sam)
      .execute();
    expect(sams).toHaveLength(0);
    expect(
      (
        await t.backend.store.db
          .selectFrom('staff')
          .select('failed_attempts')
          .where('id', '=', staff.sam)
          .executeTakeFirstOrThrow()
      ).failed_attempts,
    ).toBe(0);
    // Its own profile signs in and works, audited under its name.
    expect(await jo.call('app', 'session.start', { staffId: staff.jo })).toMatchObject({ ok: true });
    const created = await jo.call('app', 'participants.create', {
      record: {
        firstName: 'Lee',
        lastName: 'Bound',
        dateOfBirth: '01/02/1990',
        niStatus: 'known',
        niNumber: 'JK 12 34 57 C',
        postcode: 'SG1 1AA',
        startDate: '10/01/2026',
      },
    });
    expect(created.ok || created.error).toBe(true);
    // A viewer's login too: its own viewer profile, without the app password (the server checked the login's).
    const viewer = await backendAs(logins.viewer);
    const viewers = await viewer.call('app', 'session.profiles', {});
    expect(viewers.ok && viewers.value.map((p) => p.id)).toEqual([staff.viewer]);
    expect(await viewer.call('app', 'session.start', { staffId: staff.viewer })).toMatchObject({ ok: true });
  });

  it('a login linked to no one signs in as no one until an administrator (or `cli team login`) links it', async () => {
    const newcomer = await backendAs(logins.newcomer);
    expect(await newcomer.call('app', 'session.profiles', {})).toEqual({ ok: true, value: [] });
    const refused = await newcomer.call('app', 'session.start', { staffId: staff.newcomer });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    if (!refused.ok)
      expect(refused.error.message).toContain(`(${logins.newcomer}) is not linked to a staff profile yet`);
    const bound = await cli('login', '--db', t.file, '--login', logins.newcomer, '--staff', String(staff.newcomer));
    expect(bound).toEqual({ code: 0, out: `${logins.newcomer} now signs in only as Nia Newcomer.` });
    expect(await newcomer.call('app', 'session.start', { staffId: staff.newcomer })).toMatchObject({ ok: true });
    // Unlinked again while signed in: the next request finds the session ended.
    expect((await cli('login', '--db', t.file, '--login', logins.newcomer, '--staff', 'none')).code).toBe(0);
    // A staff change through the app tells every other backend (LISTEN/NOTIFY), which reads the profile again.
    await t.ok('staff.update', { id: staff.newcomer, displayName: 'Nia Newcomer' });
    let answer = await newcomer.call('app', 'app.info', {});
    for (let i = 0; i < 50 && answer.ok && answer.value.session; i++) {
      await new Promise((r) => setTimeout(r, 100));
      answer = await newcomer.call('app', 'app.info', {});
    }
    expect(answer).toMatchObject({ ok: true, value: { session: null } });
  });

  it('PostgreSQL itself: a login writes audit entries only under its own profile, and only an administrator links logins', async () => {
    const entry = `insert into audit_log (at, staff_id, action, entity, summary, prev_hash, hash)
      values ('${TEST_NOW}', $1, 'view', 'participant', 'looked', 'x', 'y')`;
    expect(await as(logins.jo, entry, [staff.sam])).toMatchObject({
      code: '42501',
      refused: expect.stringMatching(/writes audit entries only under the staff profile bound to it/),
    });
    expect(await as(logins.jo, entry, [staff.jo])).toMatchObject({ rows: [] });
    expect(await as(logins.jo, entry, [null])).toMatchObject({ rows: [] });
    // An officer cannot move its login to someone else's profile (or take another login).
    expect(await as(logins.jo, `update staff set database_login = null where id = ${staff.jo}`)).toMatchObject({
      code: '42501',
    });
    expect(
      await as(logins.jo, `update staff set database_login = '${logins.jo}' where id = ${staff.sam}`),
    ).toMatchObject({ code: '42501' });
    // Other changes to staff rows are not this check's business.
    expect(await as(logins.jo, `update staff set email = 'jo@example.org' where id = ${staff.jo}`)).toMatchObject({
      rows: [],
    });
  });
});
