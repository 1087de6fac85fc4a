// Record versions (issue 18): two officers saving the same record from the version they both
// opened get one success and one refusal "Changed by <name> at <time>" (a conflict carrying who
// and when, so the form offers to reload), never a silent overwrite. On a team database the two
// officers are two backends (two app processes) on the same PostgreSQL database, saving at once;
// on either store, two signed-in windows of one backend.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import type { Result } from '../../shared/result';
import type { BackendEvent } from '../../shared/events';
import type { ParticipantRecordInput } from '../../shared/domain/participant-record';
import { createTestBackend, tempDir, TEST_NOW, type TestBackend } from '../support/backend';
import { isPostgresRun } from '../support/test-store';
import { aCourseRun, aCourseType } from '../support/returns-builders';

const person = (over: Partial<ParticipantRecordInput> = {}): ParticipantRecordInput => ({
  firstName: 'Amira',
  lastName: 'Khan',
  dateOfBirth: '14/02/1998',
  niStatus: 'known',
  niNumber: 'JK 12 34 56 C',
  postcode: 'SG1 1AA',
  startDate: '10/01/2026',
  ...over,
});

// The test clock starts at TEST_NOW (23/11/2026 10:00) and moves on a millisecond a call.
const STALE = {
  changedAt: expect.stringMatching(/^2026-11-23T10:00:/),
  message: /^Changed by Officer (A|B) at 23\/11\/2026 10:00, after you opened it\. Reload/,
};

let t: TestBackend;
let officerA: number;
let officerB: number;
beforeEach(async () => {
  t = await createTestBackend();
  officerB = await t.signInAs('officer', 'Officer B');
  officerA = await t.signInAs('officer', 'Officer A');
});
afterEach(() => t.close());

/** Signs `client` of `backend` in as `staffId` (a second window, or another officer's app). */
async function signIn(backend: Backend, client: string, staffId: number): Promise<void> {
  const started = await backend.call(client, 'session.start', { staffId });
  if (!started.ok) throw new Error(started.error.message);
}

/** Of two answers to the same save, exactly one succeeded and the other is the stale refusal. */
function oneWinsOneRefused(results: Array<Result<unknown>>, version: number) {
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  const refused = results.find((r) => !r.ok);
  if (!refused || refused.ok) throw new Error('expected one refusal');
  expect(refused.error).toMatchObject({ kind: 'conflict', stale: { changedAt: STALE.changedAt, version } });
  expect(refused.error.message).toMatch(STALE.message);
  // The refusal names the one who won.
  const winner = results.indexOf(results.find((r) => r.ok)!) === 0 ? 'Officer A' : 'Officer B';
  expect(refused.error.stale?.changedBy).toBe(winner);
}

describe('two windows of one backend (either store)', () => {
  beforeEach(async () => signIn(t.backend, 'window-b', officerB));
  const asB = (channel: Parameters<Backend['call']>[1], input: unknown) => t.backend.call('window-b', channel, input);

  it('participant: the second save from version 1 is refused, and succeeds after a reload', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    const a = await t.call('participants.update', { id, version: 1, record: person({ lastName: 'Khan-Ali' }) });
    const b = await asB('participants.update', { id, version: 1, record: person({ phone: '07700 900123' }) });
    oneWinsOneRefused([a, b], 2);
    const reloaded = await asB('participants.get', { id });
    if (!reloaded.ok) throw new Error(reloaded.error.message);
    expect(reloaded.value).toMatchObject({ version: 2, record: { lastName: 'Khan-Ali' } });
    const again = await asB('participants.update', {
      id,
      version: 2,
      record: person({ lastName: 'Khan-Ali', phone: '07700 900123' }),
    });
    expect(again).toMatchObject({ ok: true, value: { version: 3 } });
  });

  it('outcome: a change over a colleague’s newer change is refused; the outcome keeps theirs', async () => {
    const { id: participantId } = await t.ok('participants.create', { record: person() });
    const { id } = await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-06-01',
    });
    expect(await t.ok('outcomes.get', { id })).toMatchObject({ version: 1 });
    const a = await t.call('outcomes.update', { id, version: 1, outcomeDate: '2026-06-01', hoursPerWeek: 30 });
    const b = await asB('outcomes.update', { id, version: 1, outcomeDate: '2026-06-02', hoursPerWeek: 16 });
    oneWinsOneRefused([a, b], 2);
    expect(await t.ok('outcomes.get', { id })).toMatchObject({
      version: 2,
      outcomeDate: '2026-06-01',
      hoursPerWeek: 30,
    });
    // A verification is a change too: a form opened before it is refused.
    await t.ok('outcomes.verify', { id, status: 'verified', reason: 'Employer confirmed by phone' });
    const late = await asB('outcomes.update', { id, version: 2, outcomeDate: '2026-06-01', hoursPerWeek: 16 });
    expect(late).toMatchObject({
      ok: false,
      error: { kind: 'conflict', stale: { version: 3, changedBy: 'Officer A' } },
    });
  });

  it('placement: a change over a colleague’s newer change is refused; an edit must name its version', async () => {
    const { id: participantId } = await t.ok('participants.create', { record: person() });
    const base = { participantId, kind: 'work_trial' as const, startsOn: '2026-06-01', status: 'active' as const };
    const { id } = await t.ok('placements.save', base);
    expect(await t.ok('placements.get', { id })).toMatchObject({ version: 1 });
    const a = await t.call('placements.save', { ...base, id, version: 1, site: 'Town centre' });
    const b = await asB('placements.save', { ...base, id, version: 1, supervisor: 'Pat' });
    oneWinsOneRefused([a, b], 2);
    expect(await t.ok('placements.get', { id })).toMatchObject({ version: 2, site: 'Town centre', supervisor: null });
    const unversioned = await t.call('placements.save', { ...base, id, site: 'Elsewhere' });
    expect(unversioned).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: ['version'] }] } });
  });

  it('enrolment: a withdrawal opened before a colleague’s change to the enrolment is refused, then done after a reload', async () => {
    const db = t.backend.store.db;
    const runId = await aCourseRun(db, { typeId: await aCourseType(db), start: '2026-12-01', status: 'planned' });
    const { id: participantId } = await t.ok('participants.create', { record: person() });
    await t.ok('courses.enrol', { runId, participantIds: [participantId], overrideReason: 'Referred by JCP' });
    const [opened] = await t.ok('courses.enrolments.list', { runId });
    expect(opened).toMatchObject({ status: 'enrolled', version: 1 });
    const withdraw = { enrolmentId: opened!.enrolmentId, withdrawnOn: '2026-11-23' };
    const a = await t.call('courses.withdraw', { ...withdraw, version: 1, reason: 'Started a job' });
    const b = await asB('courses.withdraw', { ...withdraw, version: 1, reason: 'Moved away' });
    oneWinsOneRefused([a, b], 2);
    const [now] = await t.ok('courses.enrolments.list', { runId });
    expect(now).toMatchObject({ status: 'withdrawn', withdrawnReason: 'Started a job', version: 2 });
    // Exactly one withdrawal was audited.
    const audited = await db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'enrolment')
      .where('action', '=', 'update')
      .execute();
    expect(audited).toHaveLength(1);
    // After a reload the form names version 2: the refusal is then the record's own (already withdrawn).
    const again = await asB('courses.withdraw', { ...withdraw, version: 2, reason: 'Moved away' });
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict', message: /already been withdrawn/ } });
    const unversioned = await t.call('courses.withdraw', { ...withdraw, reason: 'Moved away' });
    expect(unversioned).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: ['version'] }] } });
  });
});

// Two backends on one store need a team database: a SQLite store is opened by one program at a
// time (db/store/store-lock.ts refuses the second), so on the SQLite run the same race is the
// two-windows case above.
describe.skipIf(!isPostgresRun)('two backends on one team database (PostgreSQL)', () => {
  let other: Backend;
  beforeEach(async () => {
    other = await createBackend({ file: t.file, key: null, clock: fixedClock(TEST_NOW), dataDir: tempDir() });
    await signIn(other, 'officer-b', officerB);
  });
  afterEach(async () => other.close());

  it('two officers saving the same participant at once: one success, one "Changed by" refusal', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    const results = await Promise.all([
      t.call('participants.update', { id, version: 1, record: person({ lastName: 'Khan-Ali' }) }),
      other.call('officer-b', 'participants.update', { id, version: 1, record: person({ lastName: 'Khan-Shah' }) }),
    ]);
    oneWinsOneRefused(results, 2);
    const row = await t.backend.store.db
      .selectFrom('participants')
      .select(['version', 'last_name', 'updated_by'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(2);
    expect(row.updated_by).toBe(results[0]!.ok ? officerA : officerB);
    expect(row.last_name).toBe(results[0]!.ok ? 'Khan-Ali' : 'Khan-Shah');
    // Exactly one update was audited.
    const updates = await t.backend.store.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity', '=', 'participant')
      .where('action', '=', 'update')
      .execute();
    expect(updates).toHaveLength(1);
  });

  it('two officers changing the same outcome at once: one success, one refusal', async () => {
    const { id: participantId } = await t.ok('participants.create', { record: person() });
    const { id } = await t.ok('outcomes.record', {
      participantId,
      outcomeType: 'job_start',
      outcomeDate: '2026-06-01',
    });
    const results = await Promise.all([
      t.call('outcomes.update', { id, version: 1, outcomeDate: '2026-06-01', hoursPerWeek: 30 }),
      other.call('officer-b', 'outcomes.update', { id, version: 1, outcomeDate: '2026-06-01', hoursPerWeek: 16 }),
    ]);
    oneWinsOneRefused(results, 2);
  });

  it('a change saved on one backend reaches the other as data-changed (LISTEN/NOTIFY), not a refused one', async () => {
    const heard: BackendEvent[] = [];
    const stop = other.onEvent((e) => heard.push(e));
    const { id } = await t.ok('participants.create', { record: person() });
    await vi.waitFor(() => expect(heard).toContainEqual({ type: 'data-changed', areas: ['participants'] }), {
      timeout: 5_000,
    });
    // A refused save commits nothing, so the other backend hears nothing of it.
    heard.length = 0;
    await t.ok('participants.update', { id, version: 1, record: person({ lastName: 'Khan-Ali' }) });
    await vi.waitFor(() => expect(heard).toHaveLength(1), { timeout: 5_000 });
    const refused = await t.call('participants.update', { id, version: 1, record: person({ lastName: 'Shah' }) });
    expect(refused.ok).toBe(false);
    await t.ok('outcomes.record', { participantId: id, outcomeType: 'job_start', outcomeDate: '2026-06-01' });
    await vi.waitFor(() => expect(heard).toHaveLength(2), { timeout: 5_000 });
    expect(heard[1]).toEqual({ type: 'data-changed', areas: ['outcomes', 'participants'] });
    stop();
  });
});
