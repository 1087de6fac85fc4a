// The app under a staff member's own database login (issue 18). After `cli team setup-roles`, a
// viewer's and an officer's logins are held to their roles by PostgreSQL itself. Here the app runs
// AS each login (a backend connected with the login's connection string, as the welcome screen's
// "Connect to a team database" does), signs in as the matching staff member, and works: every
// read channel a viewer's screens use answers, and answers what the same channel answers the same
// staff member on the owner's connection; the officer's everyday writes (register, update, note,
// outcome, placement, enrolment) succeed. No refusal (42501) anywhere; for the viewer that also
// shows the app never selected a special-category column, which the server would have refused.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { runCli } from '../../db/cli/main';
import { contract, channelNames, type ChannelName } from '../../shared/contract/index';
import type { Result } from '../../shared/result';
import { createTestBackend, tempDir, TEST_NOW, type TestBackend } from '../support/backend';
import { asSuperuser, isPostgresRun, testServerUrl } from '../support/test-store';

const PASSWORD = 'test-server-only-password';

async function staffMember(t: TestBackend, name: string, role: 'viewer' | 'officer'): Promise<number> {
  const row = await t.backend.store.db
    .insertInto('staff')
    .values({ display_name: name, email: null, role, password_hash: null, locked_until: null, created_at: TEST_NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function signIn(backend: Backend, client: string, staffId: number): Promise<void> {
  const started = await backend.call(client, 'session.start', { staffId });
  if (!started.ok) throw new Error(started.error.message);
}

/** An answer as compared: without what differs between two calls for reasons other than the data
 * (clocks, job ids), and with each list in a fixed order (a grouped query's ties come back in
 * whatever order the plan gives, which two connections need not share). */
function comparable(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(comparable).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, /^(jobId|at|generatedAt|asOf)$/.test(k) ? '-' : comparable(v)]),
    );
  return value;
}

// The logins and their grants are the server's: on the SQLite run there is no server to hold them.
describe.skipIf(!isPostgresRun)('the app under each staff member’s own database login (PostgreSQL run)', () => {
  let t: TestBackend;
  let database: string;
  const logins = {
    viewer: `tl_viewer_${randomBytes(3).toString('hex')}`,
    officer: `tl_officer_${randomBytes(3).toString('hex')}`,
  };
  const staff = { viewer: 0, officer: 0 };
  const asLogin: Partial<Record<keyof typeof logins, Backend>> = {};

  /** A backend connected as `login` (the app on that staff member's machine). */
  const backendAs = (login: string) =>
    createBackend({
      file: testServerUrl(database, login, PASSWORD),
      clock: fixedClock(TEST_NOW),
      dataDir: tempDir(),
    });

  beforeAll(async () => {
    t = await createTestBackend();
    const load = await t.ok('demo.load', { participants: 20, seed: 11 });
    await t.backend.services.jobs.wait(load.jobId);
    database = new URL(t.file).pathname.slice(1);
    const out: string[] = [];
    const code = await runCli(['team', 'setup-roles', '--db', t.file], {
      out: (s) => out.push(s),
      err: (s) => out.push(s),
    });
    expect(code, out.join('\n')).toBe(0);
    await asSuperuser(async (c) => {
      await c.query(`create role ${logins.viewer} login password '${PASSWORD}' in role worksbook_viewer`);
      await c.query(`create role ${logins.officer} login password '${PASSWORD}' in role worksbook_officer`);
    });
    staff.viewer = await staffMember(t, 'Vic Viewer', 'viewer');
    staff.officer = await staffMember(t, 'Olu Officer', 'officer');
    // Each login belongs to its staff member's profile (an administrator links them).
    await t.ok('staff.setDatabaseLogin', { id: staff.viewer, login: logins.viewer });
    await t.ok('staff.setDatabaseLogin', { id: staff.officer, login: logins.officer });
    asLogin.viewer = await backendAs(logins.viewer);
    asLogin.officer = await backendAs(logins.officer);
    await signIn(asLogin.viewer, 'app', staff.viewer);
    await signIn(asLogin.officer, 'app', staff.officer);
    // The same staff member on the owner's connection: what the channels should answer.
    await signIn(t.backend, 'owner-as-viewer', staff.viewer);
  }, 180_000);

  afterAll(async () => {
    for (const b of Object.values(asLogin)) await b?.close();
    await t?.close();
    await asSuperuser(async (c) => {
      for (const login of Object.values(logins)) {
        await c.query(`drop role if exists ${login}`).catch(() => {});
      }
    });
  });

  /** Inputs that reach the demo's rows on every viewer screen. */
  async function viewerInputs(): Promise<object[]> {
    const db = t.backend.store.db;
    const first = async (table: 'participants' | 'course_runs' | 'course_sessions' | 'outcomes' | 'placements') =>
      (await db.selectFrom(table).select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()).id;
    const participant = await first('participants');
    const run = await first('course_runs');
    const outcome = await first('outcomes');
    const placement = await first('placements');
    const session = await first('course_sessions');
    const vacancy = (await db.selectFrom('vacancies').select('id').orderBy('id').limit(1).executeTakeFirst())?.id;
    const organisation = (
      await db.selectFrom('organisations').select('id').orderBy('id').limit(1).executeTakeFirstOrThrow()
    ).id;
    const contractRow = await db
      .selectFrom('social_value_contracts')
      .select('id')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    const set = await db.selectFrom('indicator_sets').select('id').orderBy('id').limit(1).executeTakeFirst();
    const submitted = await db.selectFrom('returns').select('id').orderBy('id').limit(1).executeTakeFirst();
    const batch = await db.selectFrom('import_batches').select('id').orderBy('id').limit(1).executeTakeFirst();
    const indicator = set
      ? await db
          .selectFrom('indicators')
          .innerJoin('indicator_set_versions', 'indicator_set_versions.id', 'indicators.set_version_id')
          .select('indicators.code')
          .where('indicator_set_versions.set_id', '=', set.id)
          .orderBy('indicators.id')
          .limit(1)
          .executeTakeFirst()
      : undefined;
    const period = { from: '2025-04-01', to: '2026-11-30' };
    return [
      {},
      { id: participant },
      { participantId: participant },
      { offset: 0, limit: 100 },
      { search: 'a' },
      { keys: { lastName: 'Smith', dateOfBirth: '1990-01-01' } },
      { grid: 'participants' },
      { runId: run },
      { id: run },
      { sessionId: session },
      { id: outcome },
      { id: placement },
      { id: organisation },
      ...(vacancy ? [{ id: vacancy }, { vacancyId: vacancy }] : []),
      ...(contractRow ? [{ id: contractRow.id }] : []),
      period,
      ...(set ? [{ setId: set.id }, { setId: set.id, ...period }] : []),
      ...(set && indicator ? [{ setId: set.id, ...period, indicatorCode: indicator.code }] : []),
      ...(submitted ? [{ returnId: submitted.id }] : []),
      ...(batch ? [{ batchId: batch.id }] : []),
      { postcode: 'SG1 1AA' },
      { withinDays: 90 },
    ];
  }

  it('a viewer’s screens work under the viewer’s login, with the answers the owner’s connection gives', async () => {
    const viewer = asLogin.viewer!;
    const channels = channelNames.filter(
      (n) =>
        contract[n].role === 'viewer' &&
        !n.startsWith('session.') &&
        !['jobs.cancel', 'staff.changeOwnPassword', 'views.save', 'views.delete'].includes(n),
    ) as ChannelName[];
    const inputs = await viewerInputs();
    const problems: string[] = [];
    const answered = new Set<string>();
    const expectedToAnswer = new Set<string>();
    for (const name of channels) {
      for (const input of inputs) {
        const expected = await t.backend.dispatch('owner-as-viewer', name, input);
        if (!expected.ok) continue;
        expectedToAnswer.add(name);
        const got: Result<unknown> = await viewer.dispatch('app', name, input);
        if (!got.ok) {
          problems.push(`${name} ${JSON.stringify(input)}: ${got.error.kind}: ${got.error.message}`);
          continue;
        }
        answered.add(name);
        if (contract[name].effect.kind === 'read' && name !== 'jobs.list')
          expect(comparable(got.value), `${name} ${JSON.stringify(input)}`).toEqual(comparable(expected.value));
      }
    }
    expect(problems).toEqual([]);
    // Every channel the owner's connection answered, the viewer's login answered too: nearly all.
    expect([...expectedToAnswer].filter((n) => !answered.has(n))).toEqual([]);
    expect(answered.size).toBeGreaterThan(55);
    // A viewer's own grid views are theirs to keep, under their login too.
    const saved = await viewer.call('app', 'views.save', {
      grid: 'participants',
      name: 'My starters',
      state: { columns: [], sort: [{ colId: 'startDate', sort: 'desc' }], filters: {}, search: '' },
    });
    expect(saved).toMatchObject({ ok: true, value: { name: 'My starters' } });
    if (saved.ok) expect(await viewer.call('app', 'views.delete', { id: saved.value.id })).toMatchObject({ ok: true });
  });

  it('a viewer’s login offers and signs in only its own profile: an officer’s profile needs the officer’s own login', async () => {
    const officerProfile = await staffMember(t, 'Ola Officer', 'officer');
    const viewer = asLogin.viewer!;
    const profiles = await viewer.call('second-window', 'session.profiles', {});
    expect(profiles.ok && profiles.value.map((p) => p.id)).toEqual([staff.viewer]);
    const refused = await viewer.call('second-window', 'session.start', { staffId: officerProfile });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    if (!refused.ok) expect(refused.error.message).toContain('own database login');
    // Nothing is recorded under the officer's name.
    const signIns = await t.backend.store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('action', '=', 'sign-in')
      .where('staff_id', '=', officerProfile)
      .execute();
    expect(signIns).toHaveLength(0);
  });

  it('an officer’s everyday writes succeed under the officer’s login', async () => {
    const officer = asLogin.officer!;
    const ok = async <C extends ChannelName>(channel: C, input: unknown) => {
      const result = await officer.call('app', channel, input);
      if (!result.ok) throw new Error(`${channel}: ${result.error.kind}: ${result.error.message}`);
      return result.value;
    };
    const { id } = await ok('participants.create', {
      record: {
        firstName: 'Amira',
        lastName: 'Khan',
        dateOfBirth: '14/02/1998',
        niStatus: 'known',
        niNumber: 'JK 12 34 56 C',
        postcode: 'SG1 1AA',
        ethnicity: 'asian_pakistani',
        barriers: ['ex_offender'],
        startDate: '10/01/2026',
      },
    });
    const detail = await ok('participants.get', { id });
    expect(detail.record).toMatchObject({ ethnicity: 'asian_pakistani' });
    await ok('participants.update', {
      id,
      version: detail.version,
      record: { ...detail.record, phone: '07700 900123' },
    });
    await ok('participants.addNote', { id, body: 'Called about the CSCS course' });
    const outcome = await ok('outcomes.record', {
      participantId: id,
      outcomeType: 'job_start',
      outcomeDate: '2026-06-01',
    });
    expect(outcome.id).toBeGreaterThan(0);
    await ok('placements.save', { participantId: id, kind: 'work_trial', startsOn: '2026-06-01', status: 'active' });
    const run = await t.backend.store.db
      .selectFrom('course_runs')
      .select('id')
      .where('status', '=', 'planned')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (run) {
      const enrolled = await ok('courses.enrol', { runId: run.id, participantIds: [id], overrideReason: 'Test' });
      expect(enrolled.enrolled + enrolled.waiting + enrolled.skipped.length).toBe(1);
    }
    // The officer's changes are in the audit log under the officer's name.
    const audited = await t.backend.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('staff_id', '=', staff.officer)
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(5);
  });
});
