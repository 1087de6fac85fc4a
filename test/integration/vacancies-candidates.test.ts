// Candidates through the backend: a start records exactly one job (or apprenticeship) start
// outcome, linked to the candidate and counted on the vacancy's contract; a declined offer
// records none; moving back and forth never duplicates a start; a start already recorded by hand
// is linked, not doubled; a work trial records none. Putting people forward runs the fit check
// again on the backend. The dashboard's funnel and the person's timeline show the pipeline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { countFunnel } from '../../db/features/returns/dashboard.repository';
import { aParticipant } from '../support/builders';
import { anOutcome } from '../support/returns-builders';
import { aSiteReadyPerson, aVacancy, anEmployerWithContract } from '../support/vacancies-builders';
import type { ChannelInput } from '../../shared/contract/index';

let t: TestBackend;
beforeEach(async () => (t = await createTestBackend()));
afterEach(() => t.close());

const db = () => t.backend.store.db;

async function outcomesOf(participantId: number) {
  return db()
    .selectFrom('outcomes')
    .select(['id', 'outcome_type', 'outcome_date', 'contract_id', 'employer_org_id', 'source_ref'])
    .where('participant_id', '=', participantId)
    .execute();
}

async function candidate(id: number) {
  return db().selectFrom('vacancy_candidates').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** One site-ready person put forward for a new vacancy; returns the ids. */
async function putForward(over: Partial<ChannelInput<'vacancies.save'>> = {}) {
  const { employerId, contractId } = await anEmployerWithContract(t);
  const vacancyId = await aVacancy(t, { employerOrgId: employerId, contractId, ...over });
  const person = await aSiteReadyPerson(db());
  const { candidateIds } = await t.ok('candidates.shortlist', {
    vacancyId,
    participantIds: [person],
    submittedOn: '2026-11-02',
  });
  return { employerId, contractId, vacancyId, person, id: candidateIds[0]! };
}

const move = (id: number, to: ChannelInput<'candidates.move'>['to'], on: string, extra = {}) =>
  t.ok('candidates.move', { id, to, on, ...extra });

describe('a candidate who starts', () => {
  it('records exactly one job start outcome, linked, on the vacancy’s employer and contract', async () => {
    const c = await putForward();
    await move(c.id, 'interview_booked', '2026-11-25', { interviewGuaranteed: true });
    await move(c.id, 'interviewed', '2026-11-09');
    await move(c.id, 'offered', '2026-11-10');
    await move(c.id, 'accepted', '2026-11-11');
    expect(await outcomesOf(c.person)).toEqual([]);
    const started = await move(c.id, 'started', '2026-11-16');
    expect(started).toMatchObject({ stage: 'started', outcomeCreated: true });
    const outcomes = await outcomesOf(c.person);
    expect(outcomes).toEqual([
      {
        id: started.outcomeId,
        outcome_type: 'job_start',
        outcome_date: '2026-11-16',
        contract_id: c.contractId,
        employer_org_id: c.employerId,
        source_ref: `vacancy-candidate:${c.id}`,
      },
    ]);
    expect((await candidate(c.id)).outcome_id).toBe(started.outcomeId);
    // The contract's local-jobs commitment counts it.
    const contract = await t.ok('contracts.get', { id: c.contractId });
    expect(contract.commitments.find((m) => m.kind === 'local_jobs')!.achieved).toBe(1);
    // So do the vacancy's counts.
    const vacancy = await t.ok('vacancies.get', { id: c.vacancyId });
    expect([vacancy.candidates, vacancy.interviewed, vacancy.offered, vacancy.started]).toEqual([1, 1, 1, 1]);
  });

  it('records an apprenticeship start for an apprenticeship, with its standard and level', async () => {
    const c = await putForward({
      kind: 'apprenticeship',
      jobTitle: 'Bricklaying apprentice',
      apprenticeshipStandard: 'Bricklayer',
      apprenticeshipLevel: 2,
    });
    await move(c.id, 'started', '2026-11-16');
    const [o] = await db()
      .selectFrom('outcomes')
      .select(['outcome_type', 'apprenticeship_standard', 'apprenticeship_level'])
      .where('participant_id', '=', c.person)
      .execute();
    expect(o).toEqual({
      outcome_type: 'apprenticeship_start',
      apprenticeship_standard: 'Bricklayer',
      apprenticeship_level: 2,
    });
  });

  it('links a start already recorded by hand for that day instead of recording it twice', async () => {
    const c = await putForward();
    const manual = await anOutcome(db(), { participantId: c.person, type: 'job_start', date: '2026-11-16' });
    const started = await move(c.id, 'started', '2026-11-16');
    expect(started).toMatchObject({ outcomeId: manual, outcomeCreated: false });
    const outcomes = await outcomesOf(c.person);
    expect(outcomes).toHaveLength(1);
    // The contract it lacked is filled in, so the contract's progress counts it.
    expect(outcomes[0]).toMatchObject({ id: manual, contract_id: c.contractId, employer_org_id: c.employerId });
  });

  it('records no outcome for a work trial', async () => {
    const c = await putForward({ kind: 'work_trial', jobTitle: 'Two-week work trial' });
    expect(await move(c.id, 'started', '2026-11-16')).toMatchObject({ outcomeId: null, outcomeCreated: false });
    expect(await outcomesOf(c.person)).toEqual([]);
  });
});

describe('a declined offer', () => {
  it('records no outcome, and needs a reason', async () => {
    const c = await putForward();
    await move(c.id, 'interviewed', '2026-11-09');
    await move(c.id, 'offered', '2026-11-10');
    const noReason = await t.call('candidates.move', { id: c.id, to: 'declined', on: '2026-11-12' });
    expect(noReason).toMatchObject({
      ok: false,
      error: { kind: 'validation', fields: [{ path: ['reason'], message: 'Say why the person declined' }] },
    });
    await move(c.id, 'declined', '2026-11-12', { reason: 'Took a job nearer home' });
    expect(await outcomesOf(c.person)).toEqual([]);
    const row = await candidate(c.id);
    expect([row.stage, row.closed_from, row.closed_reason, row.offered_on]).toEqual([
      'declined',
      'offered',
      'Took a job nearer home',
      '2026-11-10',
    ]);
    // Still counted as offered (the dates reached are kept).
    expect((await t.ok('vacancies.get', { id: c.vacancyId })).offered).toBe(1);
  });

  it('cannot be recorded for someone who has started', async () => {
    const c = await putForward();
    await move(c.id, 'started', '2026-11-16');
    const r = await t.call('candidates.move', { id: c.id, to: 'declined', on: '2026-11-17', reason: 'Changed mind' });
    expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});

describe('moving back and forth', () => {
  it('never records a second start outcome, and keeps the one linked in step with the start date', async () => {
    const c = await putForward();
    const first = await move(c.id, 'started', '2026-11-16');
    await move(c.id, 'accepted', '2026-11-11');
    expect((await candidate(c.id)).started_on).toBeNull();
    const again = await move(c.id, 'started', '2026-11-16');
    expect(again).toEqual({ stage: 'started', outcomeId: first.outcomeId, outcomeCreated: false });
    // Back to offered, then started on another day: the same outcome, moved to that day.
    await move(c.id, 'offered', '2026-11-10');
    const later = await move(c.id, 'started', '2026-11-18');
    expect(later.outcomeId).toBe(first.outcomeId);
    expect(await outcomesOf(c.person)).toEqual([
      expect.objectContaining({ id: first.outcomeId, outcome_type: 'job_start', outcome_date: '2026-11-18' }),
    ]);
    // Declined after a move back, then reopened: the stages reached are counted once each.
    await move(c.id, 'interviewed', '2026-11-09');
    await move(c.id, 'unsuccessful', '2026-11-19', { reason: 'Employer chose someone with more experience' });
    await move(c.id, 'offered', '2026-11-20');
    const row = await candidate(c.id);
    expect([row.stage, row.closed_on, row.closed_reason, row.interviewed_on, row.offered_on]).toEqual([
      'offered',
      null,
      null,
      '2026-11-09',
      '2026-11-20',
    ]);
    const v = await t.ok('vacancies.get', { id: c.vacancyId });
    expect([v.candidates, v.interviewed, v.offered, v.started]).toEqual([1, 1, 1, 0]);
    expect(await outcomesOf(c.person)).toHaveLength(1);
  });

  it('refuses dates out of order or in the future (an interview may be booked ahead)', async () => {
    const c = await putForward();
    await move(c.id, 'interview_booked', '2026-12-01');
    const early = await t.call('candidates.move', { id: c.id, to: 'offered', on: '2026-11-01' });
    expect(early).toMatchObject({ ok: false, error: { fields: [{ path: ['on'] }] } });
    const future = await t.call('candidates.move', { id: c.id, to: 'interviewed', on: '2026-12-01' });
    expect(future).toMatchObject({ ok: false, error: { fields: [{ path: ['on'], message: /future/ }] } });
  });
});

describe('putting people forward', () => {
  it('runs the fit check: a reason for someone not site ready, refused twice, refused on a closed vacancy', async () => {
    const { employerId } = await anEmployerWithContract(t);
    const vacancyId = await aVacancy(t, { employerOrgId: employerId, requiresSiteReady: true });
    const ready = await aSiteReadyPerson(db());
    const notReady = await aParticipant(db(), { first_name: 'Nadia', last_name: 'Unready' });

    const options = await t.ok('candidates.options', { vacancyId, from: 'search', search: 'Unready' });
    expect(options.people).toHaveLength(1);
    expect(options.people[0]).toMatchObject({ participantId: notReady, overall: 'needs-reason' });
    expect(options.people[0]!.checks.find((c) => c.code === 'site_ready')).toMatchObject({ state: 'fail' });

    const refused = await t.call('candidates.shortlist', {
      vacancyId,
      participantIds: [ready, notReady],
      submittedOn: '2026-11-20',
    });
    expect(refused).toMatchObject({ ok: false, error: { fields: [{ path: ['overrideReason'] }] } });
    expect(await db().selectFrom('vacancy_candidates').selectAll().execute()).toEqual([]);

    const done = await t.ok('candidates.shortlist', {
      vacancyId,
      participantIds: [ready, notReady],
      submittedOn: '2026-11-20',
      overrideReason: 'Sign-off booked for Monday; employer happy to interview',
    });
    expect(done.candidateIds).toHaveLength(2);
    const rows = await db()
      .selectFrom('vacancy_candidates')
      .select(['participant_id', 'override_reason', 'fit_notes'])
      .orderBy('id')
      .execute();
    expect(rows[0]).toMatchObject({ participant_id: ready, override_reason: null });
    expect(rows[1]).toMatchObject({ participant_id: notReady, override_reason: expect.stringMatching(/Sign-off/) });
    expect(rows[1]!.fit_notes).toMatch(/Not site ready/);

    const twice = await t.call('candidates.shortlist', {
      vacancyId,
      participantIds: [ready],
      submittedOn: '2026-11-20',
    });
    expect(twice).toMatchObject({ ok: false, error: { kind: 'conflict', message: /Already a candidate/i } });

    const site = await t.ok('candidates.options', { vacancyId, from: 'site-ready', search: '' });
    expect(site.people.map((p) => [p.participantId, p.overall])).toEqual([[ready, 'blocked']]);

    await t.ok('vacancies.save', {
      ...(await vacancyInput(vacancyId)),
      status: 'filled',
    });
    const closed = await t.call('candidates.shortlist', {
      vacancyId,
      participantIds: [await aSiteReadyPerson(db())],
      submittedOn: '2026-11-20',
    });
    expect(closed).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  });

  it('takes someone just put forward off the vacancy, but not someone further along', async () => {
    const c = await putForward();
    await move(c.id, 'interviewed', '2026-11-09');
    expect(await t.call('candidates.remove', { id: c.id, reason: 'Wrong person' })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    });
    await move(c.id, 'submitted', '2026-11-02');
    await t.ok('candidates.remove', { id: c.id, reason: 'Wrong person' });
    expect(await db().selectFrom('vacancy_candidates').selectAll().execute()).toEqual([]);
  });
});

async function vacancyInput(id: number): Promise<ChannelInput<'vacancies.save'>> {
  const v = await t.ok('vacancies.get', { id });
  return {
    id,
    employerOrgId: v.employerOrgId,
    jobTitle: v.jobTitle,
    kind: v.kind as 'job',
    places: v.places,
    contractId: v.contractId,
    requiresSiteReady: v.requiresSiteReady,
  };
}

describe('the dashboard and the timeline', () => {
  it('count people put forward, interviewed and offered in the funnel, and show the steps', async () => {
    const { employerId } = await anEmployerWithContract(t);
    const vacancyId = await aVacancy(t, { employerOrgId: employerId });
    const people = [];
    for (let i = 0; i < 3; i++) people.push(await aSiteReadyPerson(db(), { referral_date: '2026-05-01' }));
    const { candidateIds } = await t.ok('candidates.shortlist', {
      vacancyId,
      participantIds: people,
      submittedOn: '2026-11-02',
    });
    const [a, b] = candidateIds as [number, number, number];
    await move(a, 'interviewed', '2026-11-09');
    await move(a, 'offered', '2026-11-10');
    await move(b, 'interviewed', '2026-11-09');
    await move(b, 'unsuccessful', '2026-11-10', { reason: 'Not enough experience' });
    const d = await t.ok('returns.dashboard', { from: '2026-04-01', to: '2027-03-31' });
    const funnel = Object.fromEntries(d.funnel.map((f) => [f.key, f.count]));
    expect([funnel.submitted, funnel.interviewed, funnel.offered, funnel.job]).toEqual([3, 2, 1, 0]);
    // Both ways of reading the funnel (person by person, or each table once) agree.
    const byPerson = await countFunnel(db(), '2026-04-01', '2027-03-31', 'byPerson');
    expect(await countFunnel(db(), '2026-04-01', '2027-03-31', 'byTable')).toEqual(byPerson);
    expect([byPerson.submitted, byPerson.interviewed, byPerson.offered, byPerson.job]).toEqual([3, 2, 1, 0]);

    const timeline = await t.ok('participants.timeline', { id: people[0]! });
    const titles = timeline.items.map((i) => i.title);
    expect(titles).toContain('Put forward for Groundworker at Fairlands Build Ltd');
    expect(titles).toContain('Offered Groundworker at Fairlands Build Ltd');
  });
});
