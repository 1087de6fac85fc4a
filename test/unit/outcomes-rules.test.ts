// The outcome rules: the 16-hour rule, the sustainment schedule and its states, duplicate
// outcomes, verification reasons, evidence file checks, and contract progress counting.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { test as fcTest } from '@fast-check/vitest';
import {
  duplicateOutcomeMessage,
  isSameOutcome,
  meetsSixteenHourRule,
  sustainedOnProblem,
  sustainmentSchedule,
  sustainmentState,
  verificationNeedsReason,
} from '../../shared/domain/outcome-rules';
import { evidenceFileProblem, MAX_EVIDENCE_FILE_BYTES, sniffEvidenceType } from '../../shared/domain/evidence-files';
import {
  commitmentProgress,
  contractProgress,
  inPeriod,
  narrowPeriod,
  personWeeksOf,
} from '../../shared/domain/contract-progress';
import { formatCommitmentFigure } from '../../shared/domain/outcome-lists';
import { addDaysIso, daysBetween } from '../../shared/domain/dates';

describe('16-hour rule', () => {
  it('counts 16 hours and more, never unknown hours', () => {
    expect(meetsSixteenHourRule(16)).toBe(true);
    expect(meetsSixteenHourRule(37.5)).toBe(true);
    expect(meetsSixteenHourRule(15.99)).toBe(false);
    expect(meetsSixteenHourRule(0)).toBe(false);
    expect(meetsSixteenHourRule(null)).toBe(false);
    expect(meetsSixteenHourRule(undefined)).toBe(false);
    expect(meetsSixteenHourRule(Number.NaN)).toBe(false);
  });
  fcTest.prop([fc.double({ min: 0, max: 80, noNaN: true })])('agrees with hours >= 16', (h) => {
    expect(meetsSixteenHourRule(h)).toBe(h >= 16);
  });
});

describe('sustainment schedule', () => {
  it('13 weeks in work within 26; 26 within 52', () => {
    expect(sustainmentSchedule('2026-01-05', 13)).toEqual({
      weeks: 13,
      dueOn: '2026-04-06',
      overdueFrom: '2026-05-04',
      windowEndsOn: '2026-07-05',
    });
    expect(sustainmentSchedule('2026-01-05', 26)).toEqual({
      weeks: 26,
      dueOn: '2026-07-06',
      overdueFrom: '2026-08-03',
      windowEndsOn: '2027-01-03',
    });
  });
  it('a check is not due, then due, then overdue, then its window closes', () => {
    const s = sustainmentSchedule('2026-01-05', 13);
    expect(sustainmentState(s, '2026-04-05')).toBe('not_due');
    expect(sustainmentState(s, '2026-04-06')).toBe('due');
    expect(sustainmentState(s, '2026-05-03')).toBe('due');
    expect(sustainmentState(s, '2026-05-04')).toBe('overdue');
    expect(sustainmentState(s, '2026-07-05')).toBe('overdue');
    expect(sustainmentState(s, '2026-07-06')).toBe('window_closed');
  });
  const isoDate = fc.integer({ min: 0, max: 365 * 30 }).map((d) => addDaysIso('2010-01-01', d));
  fcTest.prop([isoDate, fc.constantFrom(13 as const, 26 as const), fc.integer({ min: -400, max: 800 })])(
    'states follow the day count',
    (start, weeks, offset) => {
      const s = sustainmentSchedule(start, weeks);
      expect(daysBetween(start, s.dueOn)).toBe(weeks * 7);
      expect(daysBetween(start, s.windowEndsOn)).toBe(weeks * 14 - 1);
      const today = addDaysIso(start, offset);
      const expected =
        offset < weeks * 7
          ? 'not_due'
          : offset < weeks * 7 + 28
            ? 'due'
            : offset <= weeks * 14 - 1
              ? 'overdue'
              : 'window_closed';
      expect(sustainmentState(s, today)).toBe(expected);
    },
  );
  it('a sustained date must fall inside the window and not after the check', () => {
    const s = sustainmentSchedule('2026-01-05', 13);
    expect(sustainedOnProblem(s, '2026-04-06', '2026-04-10')).toBeNull();
    expect(sustainedOnProblem(s, '2026-04-05', '2026-04-10')).toBe(
      'The 13-week date must be between 06/04/2026 and 05/07/2026 (13 weeks in work within 26 weeks of the start)',
    );
    expect(sustainedOnProblem(s, '2026-07-06', '2026-08-01')).toMatch(/between/);
    expect(sustainedOnProblem(s, '2026-04-20', '2026-04-10')).toBe(
      'The date sustained cannot be after the date of the check',
    );
  });
});

describe('duplicates and verification', () => {
  it('the same person, type and date is the same outcome', () => {
    const a = { participantId: 1, outcomeType: 'job_start', outcomeDate: '2026-06-01' };
    expect(isSameOutcome(a, { ...a })).toBe(true);
    expect(isSameOutcome(a, { ...a, outcomeDate: '2026-06-02' })).toBe(false);
    expect(isSameOutcome(a, { ...a, outcomeType: 'apprenticeship_start' })).toBe(false);
    expect(isSameOutcome(a, { ...a, participantId: 2 })).toBe(false);
    expect(duplicateOutcomeMessage('Job start', '2026-06-01')).toContain('"Job start" outcome on 01/06/2026');
  });
  it('has issues and rejected need a reason', () => {
    expect(['unverified', 'verified', 'has_issues', 'rejected'].map(verificationNeedsReason)).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});

describe('evidence files', () => {
  const enc = (s: string) => new TextEncoder().encode(s);
  it('recognises PDF, PNG and JPEG by content', () => {
    expect(sniffEvidenceType(enc('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffEvidenceType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffEvidenceType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffEvidenceType(enc('PK\u0003\u0004'))).toBeNull();
    expect(sniffEvidenceType(enc('%PD'))).toBeNull();
  });
  it('names the file and the problem', () => {
    expect(evidenceFileProblem('a.pdf', new Uint8Array())).toBe('"a.pdf" is empty');
    expect(evidenceFileProblem('photo.jpg', enc('GIF89a'))).toMatch(/not a PDF, PNG or JPEG/);
    const big = new Uint8Array(MAX_EVIDENCE_FILE_BYTES + 1);
    big.set(enc('%PDF-'));
    expect(evidenceFileProblem('big.pdf', big)).toMatch(/10.0 MB/);
    expect(evidenceFileProblem('ok.pdf', enc('%PDF-1.4'))).toBeNull();
  });
  fcTest.prop([fc.uint8Array({ maxLength: 64 })])('never throws and only accepts known signatures', (bytes) => {
    const type = sniffEvidenceType(bytes);
    if (type === 'application/pdf') expect(bytes[0]).toBe(0x25);
    if (type === 'image/png') expect(bytes[0]).toBe(0x89);
    if (type === 'image/jpeg') expect(bytes[0]).toBe(0xff);
    expect(typeof (evidenceFileProblem('x', bytes) ?? '')).toBe('string');
  });
});

describe('contract progress counting', () => {
  const period = { startsOn: '2026-01-01', endsOn: '2026-12-31' };
  const outcomes = [
    { outcomeType: 'job_start', outcomeDate: '2026-03-01', verificationStatus: 'verified', isLocal: true, n: 2 },
    { outcomeType: 'job_start', outcomeDate: '2026-04-01', verificationStatus: 'unverified', isLocal: true, n: 1 },
    { outcomeType: 'job_start', outcomeDate: '2026-05-01', verificationStatus: 'has_issues', isLocal: true, n: 1 },
    { outcomeType: 'job_start', outcomeDate: '2026-05-01', verificationStatus: 'rejected', isLocal: true, n: 4 },
    { outcomeType: 'job_start', outcomeDate: '2025-12-31', verificationStatus: 'verified', isLocal: true, n: 3 },
    // People living outside the local area: jobs, but not local jobs
    { outcomeType: 'job_start', outcomeDate: '2026-03-01', verificationStatus: 'verified', isLocal: false, n: 6 },
    {
      outcomeType: 'apprenticeship_start',
      outcomeDate: '2026-06-01',
      verificationStatus: 'verified',
      isLocal: true,
      n: 1,
    },
    { outcomeType: 'cscs_card', outcomeDate: '2026-06-01', verificationStatus: 'verified', isLocal: true, n: 9 },
  ];
  const placements = [
    { kind: 'work_experience', status: 'completed', startsOn: '2026-02-01', n: 2 },
    { kind: 'swap', status: 'ended_early', startsOn: '2026-02-01', n: 1 },
    { kind: 'work_trial', status: 'planned', startsOn: '2026-02-01', n: 5 },
    { kind: 'paid_job', status: 'active', startsOn: '2026-02-01', n: 7 },
    { kind: 'work_experience', status: 'active', startsOn: '2027-01-01', n: 1 },
  ];
  it('counts per kind by its rule', () => {
    const result = contractProgress(
      [
        { id: 1, kind: 'local_jobs', target: 10, manualAchieved: null },
        { id: 2, kind: 'apprenticeships', target: 1, manualAchieved: null },
        { id: 3, kind: 'work_placements', target: 4, manualAchieved: null },
        { id: 4, kind: 'site_visits', target: 0, manualAchieved: 2 },
        { id: 5, kind: 'other', target: 5, manualAchieved: null },
      ],
      period,
      outcomes,
      placements,
    );
    expect(result.map((r) => [r.kind, r.achieved, r.verified, r.percent, r.isManual])).toEqual([
      ['local_jobs', 4, 2, 40, false],
      ['apprenticeships', 1, 1, 100, false],
      ['work_placements', 3, 3, 75, false],
      ['site_visits', 2, 2, 100, true],
      ['other', 0, 0, 0, true],
    ]);
  });
  it('caps the bar at 100% but keeps the real count', () => {
    const r = commitmentProgress(
      { id: 1, kind: 'local_jobs', target: 1, manualAchieved: null },
      { startsOn: null, endsOn: null },
      outcomes,
      placements,
    );
    expect(r.achieved).toBe(7);
    expect(r.percent).toBe(100);
  });
  it('an open-ended period includes everything after its start', () => {
    expect(inPeriod('2030-01-01', { startsOn: '2026-01-01', endsOn: null })).toBe(true);
    expect(inPeriod('2025-12-31', { startsOn: '2026-01-01', endsOn: null })).toBe(false);
  });
});

describe('Section 106 measures: person-weeks, the share of local labour and money (known answers)', () => {
  const period = { startsOn: '2026-01-01', endsOn: '2026-12-31' };
  const start = (over: Partial<OutcomeFactInput>): OutcomeFactInput => ({
    outcomeType: 'job_start',
    outcomeDate: '2026-03-02',
    verificationStatus: 'unverified',
    isLocal: true,
    n: 1,
    hoursPerWeek: 37.5,
    endedOn: null,
    ...over,
  });
  type OutcomeFactInput = Parameters<typeof personWeeksOf>[0];
  const outcomes = [
    // 2 Mar to 26 Apr inclusive: 56 days, 8 full-time weeks
    start({ endedOn: '2026-04-26', verificationStatus: 'verified' }),
    // 7 Sep to 23 Nov (today) inclusive: 78 days at half time: 78 / 7 / 2 = 5.57
    start({ outcomeType: 'apprenticeship_start', outcomeDate: '2026-09-07', hoursPerWeek: 18.75 }),
    // Not local: a job, never local jobs or person-weeks
    start({ outcomeDate: '2026-05-04', isLocal: false, hoursPerWeek: 40 }),
    // Started before the period, no hours recorded (full time): its weeks from 1 Jan count,
    // but as a start it is outside the period. 1 Jan to 28 Jan: 4 weeks.
    start({ outcomeDate: '2025-12-01', hoursPerWeek: null, endedOn: '2026-01-28' }),
    // Rejected: nothing
    start({ outcomeDate: '2026-06-01', verificationStatus: 'rejected', n: 3 }),
  ];
  const payments = [
    { kind: 'community_investment', receivedOn: '2026-02-10', amountPence: 750_000 },
    { kind: 'community_investment', receivedOn: '2026-08-15', amountPence: 500_000 },
    { kind: 'community_investment', receivedOn: '2027-01-15', amountPence: 999_999 },
    { kind: 'in_lieu', receivedOn: '2026-06-01', amountPence: 1_500_000 },
  ];
  const measures = [
    { id: 1, kind: 'person_weeks', target: 52, manualAchieved: null },
    { id: 2, kind: 'local_labour_percent', target: 50, manualAchieved: null },
    { id: 3, kind: 'community_investment', target: 2_500_000, manualAchieved: null },
    { id: 4, kind: 'in_lieu_contribution', target: 4_500_000, manualAchieved: null },
    { id: 5, kind: 'local_jobs', target: 4, manualAchieved: null },
    { id: 6, kind: 'school_engagements', target: 6, manualAchieved: 4 },
  ];
  it('counts each measure by its rule over the contract period', () => {
    const r = contractProgress(measures, period, outcomes, [], { payments, asOf: '2026-11-23' });
    expect(r.map((m) => [m.kind, m.achieved, m.verified, m.percent])).toEqual([
      // 8 + 5.57 + 4 = 17.57 → 17 (8 of them verified)
      ['person_weeks', 17, 8, 33],
      // starts in the period: 2 local of 3 (the rejected and the December one do not count)
      ['local_labour_percent', 66, 33, 100],
      ['community_investment', 1_250_000, 1_250_000, 50],
      ['in_lieu_contribution', 1_500_000, 1_500_000, 33],
      ['local_jobs', 1, 1, 25],
      ['school_engagements', 4, 4, 67],
    ]);
  });
  it('narrowed to a quarter, counts only the weeks and money inside it', () => {
    const q = narrowPeriod(period, '2026-07-01', '2026-09-30');
    expect(q).toEqual({ startsOn: '2026-07-01', endsOn: '2026-09-30' });
    const r = contractProgress(measures, q, outcomes, [], { payments, asOf: '2026-11-23' });
    // 7 Sep to 30 Sep: 24 days at half time = 1.71 person-weeks
    expect(r.find((m) => m.kind === 'person_weeks')!.achieved).toBe(1);
    expect(r.find((m) => m.kind === 'local_labour_percent')!.achieved).toBe(100);
    expect(r.find((m) => m.kind === 'community_investment')!.achieved).toBe(500_000);
    expect(r.find((m) => m.kind === 'in_lieu_contribution')!.achieved).toBe(0);
  });
  it('person-weeks stop at today and at the end of the job', () => {
    const p = { startsOn: null, endsOn: null };
    expect(personWeeksOf(start({ outcomeDate: '2026-11-10', endedOn: '2027-03-01' }), p, '2026-11-23')).toBe(2);
    expect(personWeeksOf(start({ outcomeDate: '2026-11-10', endedOn: '2026-11-16' }), p, '2026-11-23')).toBe(1);
    expect(personWeeksOf(start({ outcomeDate: '2026-11-10', n: 3, hoursPerWeek: 75 }), p, '2026-11-23')).toBe(6);
    expect(personWeeksOf(start({ outcomeDate: '2026-12-01' }), p, '2026-11-23')).toBe(0);
  });
  it('formats money and percentages for people', () => {
    expect(formatCommitmentFigure('community_investment', 1_250_050)).toBe('£12,500.50');
    expect(formatCommitmentFigure('local_labour_percent', 66)).toBe('66%');
    expect(formatCommitmentFigure('local_jobs', 3)).toBe('3');
  });
});
