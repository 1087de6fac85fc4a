// The vacancies area's pure rules, as tables: the fit check (site ready, card type, eligible,
// already in work, already put forward), moving a candidate between stages (dates set, cleared
// and kept; what is refused), the outcome a start records per kind of vacancy, where a pledge
// stands, and the week the presets mean.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import { checkFit, fitNotes, type FitPerson, type FitVacancy } from '../../shared/domain/vacancy-fit';
import {
  applyStageMove,
  candidateStageCodes,
  pipelineStages,
  startOutcomeForVacancy,
  type CandidateProgress,
  type CandidateStage,
} from '../../shared/domain/candidate-stages';
import { formatWage, pledgeState } from '../../shared/domain/vacancy-lists';
import { addDaysIso, weekOf } from '../../shared/domain/dates';

const TODAY = '2026-11-23';

const ready = (over: Partial<FitPerson> = {}): FitPerson => ({
  status: 'active',
  eligibilityStatus: 'eligible',
  siteReady: { ready: true, missing: [] },
  validCardTypes: ['green_labourer'],
  labourMarketStatus: 'unemployed',
  jobStarts: [],
  alreadyCandidate: false,
  ...over,
});
const open: FitVacancy = { requiresSiteReady: false, cardTypeRequired: null };
const strict: FitVacancy = { requiresSiteReady: true, cardTypeRequired: 'green_labourer' };

describe('the fit check', () => {
  const rows: Array<[string, FitVacancy, Partial<FitPerson>, string, Record<string, string>]> = [
    ['a site-ready, eligible person out of work', strict, {}, 'good', {}],
    [
      'not site ready where the vacancy asks for it',
      strict,
      { siteReady: { ready: false, missing: ['PPE issued'] } },
      'needs-reason',
      { site_ready: 'fail' },
    ],
    [
      'not site ready where the vacancy does not ask',
      open,
      { siteReady: { ready: false, missing: ['PPE issued'] } },
      'check',
      { site_ready: 'warn' },
    ],
    ['the wrong card', strict, { validCardTypes: ['blue_skilled_worker'] }, 'needs-reason', { card: 'fail' }],
    ['no card where none is asked for', open, { validCardTypes: [] }, 'good', { card: 'pass' }],
    ['not eligible', open, { eligibilityStatus: 'not_eligible' }, 'needs-reason', { eligible: 'fail' }],
    ['eligibility pending', open, { eligibilityStatus: 'pending' }, 'check', { eligible: 'warn' }],
    [
      'a job start last month',
      open,
      { jobStarts: [{ date: '2026-10-20', label: 'Job start', endedOn: null }] },
      'check',
      { in_work: 'warn' },
    ],
    [
      'a job start two years ago',
      open,
      { jobStarts: [{ date: '2024-10-20', label: 'Job start', endedOn: null }] },
      'good',
      { in_work: 'pass' },
    ],
    [
      'a job whose placement has ended',
      open,
      { jobStarts: [{ date: '2026-06-01', label: 'Job start', endedOn: '2026-09-30' }] },
      'good',
      { in_work: 'pass' },
    ],
    ['employed when they joined', open, { labourMarketStatus: 'employed' }, 'check', { in_work: 'warn' }],
    ['already put forward', open, { alreadyCandidate: true }, 'blocked', { candidate: 'blocked' }],
    ['a merged record', open, { status: 'merged' }, 'blocked', { candidate: 'blocked' }],
  ];
  it.each(rows)('%s', (_name, vacancy, person, overall, states) => {
    const r = checkFit(vacancy, ready(person), TODAY);
    expect(r.overall).toBe(overall);
    for (const [code, state] of Object.entries(states))
      expect(r.checks.find((c) => c.code === code)?.state, code).toBe(state);
  });

  it('says what was missing, in the words the candidate row keeps', () => {
    const r = checkFit(
      strict,
      ready({ siteReady: { ready: false, missing: ['PPE issued', 'Officer sign-off'] } }),
      TODAY,
    );
    expect(r.checks.find((c) => c.code === 'site_ready')!.detail).toBe('Missing: PPE issued; Officer sign-off');
    expect(fitNotes(r)).toMatch(/^Not site ready \(Missing: PPE issued; Officer sign-off\); Card held; Eligible;/);
  });

  it('names a start still to come as due to start work', () => {
    const r = checkFit(open, ready({ jobStarts: [{ date: '2026-12-01', label: 'Job start', endedOn: null }] }), TODAY);
    expect(r.checks.find((c) => c.code === 'in_work')).toMatchObject({
      state: 'warn',
      label: 'Due to start work',
      detail: 'Job start on 01/12/2026',
    });
  });
});

const submitted = (over: Partial<CandidateProgress> = {}): CandidateProgress => ({
  stage: 'submitted',
  submittedOn: '2026-11-02',
  interviewOn: null,
  interviewGuaranteed: false,
  interviewedOn: null,
  offeredOn: null,
  acceptedOn: null,
  startedOn: null,
  closedOn: null,
  closedFrom: null,
  closedReason: null,
  ...over,
});

describe('moving a candidate', () => {
  it('sets the stage’s date going forward, and books an interview ahead with its guarantee', () => {
    const booked = applyStageMove(
      submitted(),
      { to: 'interview_booked', on: '2026-12-01', interviewGuaranteed: true },
      TODAY,
    );
    expect(booked).toEqual({
      ok: true,
      next: submitted({ stage: 'interview_booked', interviewOn: '2026-12-01', interviewGuaranteed: true }),
    });
  });

  it('clears the dates after the stage moved back to, and keeps those before', () => {
    const far = submitted({
      stage: 'started',
      interviewedOn: '2026-11-09',
      offeredOn: '2026-11-10',
      startedOn: '2026-11-16',
    });
    const back = applyStageMove(far, { to: 'interviewed', on: '2026-11-09' }, TODAY);
    expect(back).toEqual({ ok: true, next: submitted({ stage: 'interviewed', interviewedOn: '2026-11-09' }) });
  });

  it('keeps the dates reached when closing, records where it ended, and clears them on reopening', () => {
    const offered = submitted({ stage: 'offered', interviewedOn: '2026-11-09', offeredOn: '2026-11-10' });
    const declined = applyStageMove(offered, { to: 'declined', on: '2026-11-12', reason: ' Found other work ' }, TODAY);
    expect(declined).toEqual({
      ok: true,
      next: {
        ...offered,
        stage: 'declined',
        closedOn: '2026-11-12',
        closedFrom: 'offered',
        closedReason: 'Found other work',
      },
    });
    if (!declined.ok) return;
    // From declined to unsuccessful: still ended at "offered".
    const switched = applyStageMove(
      declined.next,
      { to: 'unsuccessful', on: '2026-11-13', reason: 'Withdrawn' },
      TODAY,
    );
    expect(switched.ok && switched.next.closedFrom).toBe('offered');
    const reopened = applyStageMove(declined.next, { to: 'accepted', on: '2026-11-14' }, TODAY);
    expect(reopened).toEqual({ ok: true, next: { ...offered, stage: 'accepted', acceptedOn: '2026-11-14' } });
  });

  const refusals: Array<[string, CandidateProgress, CandidateStage, string, string | null, string, RegExp]> = [
    ['a future date (not an interview)', submitted(), 'interviewed', '2026-11-24', null, 'on', /future/],
    [
      'a date before being put forward',
      submitted(),
      'offered',
      '2026-11-01',
      null,
      'on',
      /put forward \(02\/11\/2026\)/,
    ],
    [
      'a date before an earlier stage',
      submitted({ stage: 'offered', offeredOn: '2026-11-10' }),
      'started',
      '2026-11-09',
      null,
      'on',
      /offered date \(10\/11\/2026\)/,
    ],
    [
      'declining without a reason',
      submitted(),
      'declined',
      '2026-11-10',
      null,
      'reason',
      /Say why the person declined/,
    ],
    ['unsuccessful without a reason', submitted(), 'unsuccessful', '2026-11-10', ' ', 'reason', /unsuccessful/],
    [
      'declining after starting',
      submitted({ stage: 'started', startedOn: '2026-11-16' }),
      'declined',
      '2026-11-17',
      'Left',
      'to',
      /has started/,
    ],
  ];
  it.each(refusals)('refuses %s', (_name, current, to, on, reason, path, message) => {
    const r = applyStageMove(current, { to, on, reason }, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  fcTest.prop([
    fc.array(fc.record({ to: fc.constantFrom(...candidateStageCodes), days: fc.integer({ min: 0, max: 20 }) }), {
      maxLength: 25,
    }),
  ])('whatever the moves, later stages never keep a date the stage has not reached', (moves) => {
    let p = submitted();
    for (const m of moves) {
      const r = applyStageMove(p, { to: m.to, on: addDaysIso('2026-11-02', m.days), reason: 'why' }, TODAY);
      if (r.ok) p = r.next;
    }
    const dates = [p.submittedOn, p.interviewOn, p.interviewedOn, p.offeredOn, p.acceptedOn, p.startedOn];
    const reachedIndex = pipelineStages.indexOf(p.closedFrom ?? (p.stage as (typeof pipelineStages)[number]));
    expect(dates.slice(reachedIndex + 1).every((d) => d === null)).toBe(true);
    expect(p.stage === 'started').toBe(p.startedOn !== null);
  });
});

describe('small rules', () => {
  it.each([
    ['job', 'job_start'],
    ['guaranteed_interview', 'job_start'],
    ['apprenticeship', 'apprenticeship_start'],
    ['work_trial', null],
  ])('a %s start records %s', (kind, outcome) => expect(startOutcomeForVacancy(kind)).toBe(outcome));

  it.each([
    [{ promisedCount: 5, deliveredCount: 5, delivered: null, dueOn: null }, 'delivered'],
    [{ promisedCount: 5, deliveredCount: 2, delivered: null, dueOn: '2026-12-31' }, 'part_delivered'],
    [{ promisedCount: 5, deliveredCount: 2, delivered: null, dueOn: '2026-10-31' }, 'overdue'],
    [{ promisedCount: 5, deliveredCount: null, delivered: null, dueOn: null }, 'open'],
    [{ promisedCount: null, deliveredCount: null, delivered: 'Two site visits held', dueOn: null }, 'delivered'],
    [{ promisedCount: null, deliveredCount: null, delivered: null, dueOn: '2026-11-22' }, 'overdue'],
  ])('a pledge %o is %s', (p, state) => expect(pledgeState(p, TODAY)).toBe(state));

  it('shows wages with their period', () => {
    expect(formatWage(1450, 'hour')).toBe('£14.50 an hour');
    expect(formatWage(2_400_000, 'year')).toBe('£24,000.00 a year');
    expect(formatWage(null, 'hour')).toBe('');
  });

  it('takes a UK week from Monday to Sunday', () => {
    expect(weekOf('2026-11-23')).toEqual({ monday: '2026-11-23', sunday: '2026-11-29' });
    expect(weekOf('2026-11-29')).toEqual({ monday: '2026-11-23', sunday: '2026-11-29' });
    expect(weekOf('2026-12-02')).toEqual({ monday: '2026-11-30', sunday: '2026-12-06' });
  });
});
