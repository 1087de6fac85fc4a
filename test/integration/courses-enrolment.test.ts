// Course runs on a real store: planning with weekday sessions, capacity and the waiting list
// with promotion, eligibility overrides that need a reason, withdrawals, and registers with
// attendance rates per person and per run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { auditRows } from '../support/courses-audit';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
});
afterEach(async () => t.close());

async function typeId(code: string): Promise<number> {
  const { courseTypes } = await t.ok('courses.lookups', {});
  return courseTypes.find((c) => c.code === code)!.id;
}

async function planRun(capacity = 3) {
  const { id } = await t.ok('courses.runs.create', {
    courseTypeId: await typeId('cscs_pre_employment'),
    venue: 'NHC Stevenage campus',
    startDate: '2026-11-02',
    endDate: '2026-11-13',
    capacity,
    tutor: 'Dee Tutor',
    sessionStartsAt: '09:30',
    sessionEndsAt: '15:30',
  });
  return id;
}

describe('course runs and enrolment', () => {
  it('ships the catalogue and generates one session per weekday', async () => {
    const { courseTypes } = await t.ok('courses.lookups', {});
    expect(courseTypes.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        'l1_award',
        'hse_test',
        'cscs_card_application',
        'first_aid',
        'manual_handling',
        'asbestos_awareness',
        'working_at_height',
        'employability',
      ]),
    );
    const id = await planRun();
    const run = await t.ok('courses.runs.get', { id });
    expect(run.sessions.map((s) => s.sessionDate)).toEqual([
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-09',
      '2026-11-10',
      '2026-11-11',
      '2026-11-12',
      '2026-11-13',
    ]);
    expect(run.sessions[0]).toMatchObject({ startsAt: '09:30', endsAt: '15:30', label: 'Day 1' });
  });

  it('refuses an end date before the start, naming the field', async () => {
    const r = await t.call('courses.runs.create', {
      courseTypeId: await typeId('first_aid'),
      startDate: '2026-11-10',
      endDate: '2026-11-09',
      capacity: 10,
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.fields).toEqual([
        { path: ['endDate'], message: 'The end date must be on or after the start date' },
      ]);
  });

  it('fills places up to capacity, then a waiting list; a withdrawal promotes the first waiting', async () => {
    const runId = await planRun(3);
    const people: number[] = [];
    for (let i = 0; i < 5; i++)
      people.push(await aParticipant(t.backend.store.db, { eligibility_status: 'eligible', last_name: `Person${i}` }));
    const result = await t.ok('courses.enrol', { runId, participantIds: people });
    expect(result).toEqual({ enrolled: 3, waiting: 2, skipped: [] });
    let list = await t.ok('courses.enrolments.list', { runId });
    expect(list.filter((e) => e.status === 'waiting').map((e) => [e.participantId, e.waitingPosition])).toEqual([
      [people[3], 1],
      [people[4], 2],
    ]);

    // Enrolling the same person twice is skipped, not duplicated.
    const again = await t.ok('courses.enrol', { runId, participantIds: [people[0]!] });
    expect(again.skipped[0]?.reason).toMatch(/already on this run/);

    const first = list.find((e) => e.participantId === people[1])!;
    const w = await t.ok('courses.withdraw', {
      enrolmentId: first.enrolmentId,
      version: first.version,
      reason: 'Started a job',
      withdrawnOn: '2026-11-03',
    });
    expect(w.promoted?.participantId).toBe(people[3]);
    list = await t.ok('courses.enrolments.list', { runId });
    expect(list.find((e) => e.participantId === people[3])?.status).toBe('enrolled');
    expect(list.find((e) => e.participantId === people[4])).toMatchObject({ status: 'waiting', waitingPosition: 1 });
    expect(list.find((e) => e.participantId === people[1])).toMatchObject({
      status: 'withdrawn',
      withdrawnReason: 'Started a job',
    });

    // Raising the capacity offers the new place to the next person waiting.
    const run = await t.ok('courses.runs.get', { id: runId });
    const updated = await t.ok('courses.runs.update', {
      id: runId,
      courseTypeId: run.courseTypeId,
      startDate: run.startDate,
      endDate: run.endDate,
      capacity: 4,
      status: 'planned',
    });
    expect(updated.promoted).toBe(1);
    expect((await t.ok('courses.runs.get', { id: runId })).counts).toEqual({
      enrolled: 4,
      waiting: 0,
      withdrawn: 1,
      completed: 0,
      notCompleted: 0,
    });

    // Capacity cannot drop below the places taken.
    const lower = await t.call('courses.runs.update', {
      id: runId,
      courseTypeId: run.courseTypeId,
      startDate: run.startDate,
      endDate: run.endDate,
      capacity: 2,
      status: 'planned',
    });
    expect(lower.ok).toBe(false);
    if (!lower.ok) expect(lower.error.fields?.[0]?.path).toEqual(['capacity']);

    const audit = await auditRows(t.backend.store.db, { entity: 'enrolment' });
    expect(audit.some((a) => a.summary.startsWith('Place offered from the waiting list'))).toBe(true);
    expect(audit.some((a) => a.summary.includes('Started a job'))).toBe(true);
  });

  it('enrols someone not yet eligible only with a reason, which is kept and audited', async () => {
    const runId = await planRun(5);
    const pending = await aParticipant(t.backend.store.db, {
      eligibility_status: 'pending',
      first_name: 'Pat',
      last_name: 'Pending',
    });
    const refused = await t.call('courses.enrol', { runId, participantIds: [pending] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('validation');
      expect(refused.error.fields?.[0]?.path).toEqual(['overrideReason']);
      expect(refused.error.fields?.[0]?.message).toContain('Pat Pending is not confirmed eligible');
    }
    expect(await t.ok('courses.enrolments.list', { runId })).toEqual([]);
    const blank = await t.call('courses.enrol', { runId, participantIds: [pending], overrideReason: '   ' });
    expect(blank.ok).toBe(false);

    await t.ok('courses.enrol', {
      runId,
      participantIds: [pending],
      overrideReason: 'Proof of address seen, to be scanned',
    });
    const [e] = await t.ok('courses.enrolments.list', { runId });
    expect(e?.overrideReason).toBe('Proof of address seen, to be scanned');
    const audit = await auditRows(t.backend.store.db, { participantId: pending });
    expect(audit.map((a) => a.summary).join('\n')).toContain('override: Proof of address seen');
  });

  it('a viewer cannot enrol and an officer cannot edit the catalogue', async () => {
    const runId = await planRun(5);
    const p = await aParticipant(t.backend.store.db, { eligibility_status: 'eligible' });
    const edit = await t.call('courses.types.save', { code: 'forklift', name: 'Forklift' });
    expect(edit.ok || edit.error.kind).toBe('forbidden');
    await t.signInAs('viewer');
    const r = await t.call('courses.enrol', { runId, participantIds: [p] });
    expect(r.ok || r.error.kind).toBe('forbidden');
  });
});

describe('registers', () => {
  it('records marks with reasons and gives attendance rates per person and per run', async () => {
    const runId = await planRun(4);
    const people: number[] = [];
    for (let i = 0; i < 4; i++)
      people.push(await aParticipant(t.backend.store.db, { eligibility_status: 'eligible', last_name: `Reg${i}` }));
    await t.ok('courses.enrol', { runId, participantIds: people });
    const run = await t.ok('courses.runs.get', { id: runId });
    const [s1, s2] = run.sessions;
    const reg = await t.ok('courses.register.get', { sessionId: s1!.id });
    expect(reg.rows).toHaveLength(4);
    expect(reg.rows.every((r) => r.mark === null)).toBe(true);

    // Day 1: all present except one late (bus) and one excused. Day 2: one absent.
    const marks1 = reg.rows.map((r, i) => ({
      enrolmentId: r.enrolmentId,
      mark: i === 1 ? ('late' as const) : i === 2 ? ('excused' as const) : ('present' as const),
      reason: i === 1 ? 'Bus late' : i === 2 ? 'Hospital appointment' : null,
    }));
    expect(await t.ok('courses.register.save', { sessionId: s1!.id, marks: marks1 })).toEqual({ saved: 4, changed: 4 });
    const marks2 = reg.rows.map((r, i) => ({
      enrolmentId: r.enrolmentId,
      mark: i === 0 ? ('absent' as const) : ('present' as const),
      reason: i === 0 ? 'No contact' : null,
    }));
    await t.ok('courses.register.save', { sessionId: s2!.id, marks: marks2 });
    // Saving the same register again changes nothing.
    expect(await t.ok('courses.register.save', { sessionId: s2!.id, marks: marks2 })).toEqual({ saved: 4, changed: 0 });

    const again = await t.ok('courses.register.get', { sessionId: s1!.id });
    expect(again.rows[1]).toMatchObject({ mark: 'late', reason: 'Bus late' });

    const list = await t.ok('courses.enrolments.list', { runId });
    const rate = (i: number) => list.find((e) => e.enrolmentId === reg.rows[i]!.enrolmentId)!.attendanceRate;
    expect(rate(0)).toBe(0.5); // present, absent
    expect(rate(1)).toBe(1); // late counts as attended
    expect(rate(2)).toBe(1); // excused left out: 1 of 1
    expect(rate(3)).toBe(1);

    const dash = await t.ok('courses.dashboard', { runId });
    expect(dash.runs[0]!.attendanceRate).toBeCloseTo(6 / 7); // 8 marks, 1 excused, 1 absent
    expect(dash.runs[0]!.fillRate).toBe(1);

    // Someone from another run cannot be marked here.
    const other = await planRun(2);
    const stranger = await aParticipant(t.backend.store.db, { eligibility_status: 'eligible' });
    await t.ok('courses.enrol', { runId: other, participantIds: [stranger] });
    const [e] = await t.ok('courses.enrolments.list', { runId: other });
    const bad = await t.call('courses.register.save', {
      sessionId: s1!.id,
      marks: [{ enrolmentId: e!.enrolmentId, mark: 'present' }],
    });
    expect(bad.ok).toBe(false);

    // A session with a register cannot be removed.
    const keep = run.sessions
      .slice(1)
      .map((s) => ({ id: s.id, sessionDate: s.sessionDate, startsAt: s.startsAt, endsAt: s.endsAt, label: s.label }));
    const removed = await t.call('courses.sessions.save', { runId, sessions: keep });
    expect(removed.ok || removed.error.kind).toBe('conflict');
  });

  it('prints a session sign-in sheet of the people on its register, recorded as an export', async () => {
    const runId = await planRun(3);
    const people = [
      await aParticipant(t.backend.store.db, { eligibility_status: 'eligible', first_name: 'Zoe', last_name: 'Young' }),
      await aParticipant(t.backend.store.db, { eligibility_status: 'eligible', first_name: 'Adam', last_name: 'Ashe' }),
      await aParticipant(t.backend.store.db, { eligibility_status: 'eligible', first_name: 'Kim', last_name: 'Mills' }),
    ];
    await t.ok('courses.enrol', { runId, participantIds: people });
    const run = await t.ok('courses.runs.get', { id: runId });
    const [first] = await t.ok('courses.enrolments.list', { runId });
    // Withdrawn before the first session: not on its sheet.
    await t.ok('courses.withdraw', {
      enrolmentId: first!.enrolmentId,
      reason: 'Found work',
      withdrawnOn: '2026-11-01',
      version: first!.version,
    });
    const session = run.sessions[0]!;
    const sheet = await t.ok('courses.register.signInSheet', { sessionId: session.id });
    const register = await t.ok('courses.register.get', { sessionId: session.id });
    expect(sheet.session).toEqual({
      sessionDate: '2026-11-02',
      startsAt: '09:30',
      endsAt: '15:30',
      label: session.label,
    });
    expect(sheet.people).toEqual(register.rows.map((r) => ({ reference: r.reference, name: r.name })));
    expect(sheet.people).toHaveLength(2);
    expect(sheet.people.map((p) => p.name)).not.toContain(first!.name);

    const printed = await auditRows(t.backend.store.db, { entity: 'course_session', action: 'export' });
    expect(printed).toHaveLength(1);
    expect(printed[0]!.summary).toMatch(/^Sign-in sheet for .*02\/11\/2026 made to print \(run \d+, 2 people\)$/);
    expect(JSON.parse(printed[0]!.after_json!)).toEqual({ runId, sessionId: session.id, people: 2 });

    const missing = await t.call('courses.register.signInSheet', { sessionId: 999_999 });
    expect(missing.ok || missing.error.kind).toBe('not-found');
    expect(await auditRows(t.backend.store.db, { entity: 'course_session', action: 'export' })).toHaveLength(1);

    // A viewer may see the register but not print names out of the store.
    await t.signInAs('viewer');
    const refused = await t.call('courses.register.signInSheet', { sessionId: session.id });
    expect(refused.ok || refused.error.kind).toBe('forbidden');
  });
});
