// Pure rules of funder-shaped returns: targets, profiles, variance and RAG by hand; a period against
// the funding agreement; the new counting-rule filters read as sentences; warnings about people and
// items claimed to another funder and items with no funding stream.
import { describe, expect, it } from 'vitest';
import {
  daysInclusive,
  profilePeriods,
  profileProblem,
  profileToDate,
  profileWithin,
  progressOf,
  ragOf,
} from '../../shared/domain/targets';
import { checkAgreement } from '../../shared/domain/funding-agreement';
import { ageBandsWithin, countingRuleSchema, describeRule, parseRuleJson } from '../../shared/domain/counting-rule';
import { noStreamWarnings, otherFunderWarnings } from '../../shared/domain/return-warnings';

const halves = [
  { from: '2025-04-01', to: '2025-09-30', amount: 10 },
  { from: '2025-10-01', to: '2026-03-31', amount: 20 },
];

describe('targets and profiles', () => {
  it('lists the quarters or halves of the financial years an agreement spans', () => {
    expect(profilePeriods('half', '2025-06-01', '2026-03-31').map((p) => p.label)).toEqual([
      '2025-26 H1',
      '2025-26 H2',
    ]);
    expect(profilePeriods('quarter', '2025-04-01', '2025-12-31').map((p) => [p.from, p.to])).toEqual([
      ['2025-04-01', '2025-06-30'],
      ['2025-07-01', '2025-09-30'],
      ['2025-10-01', '2025-12-31'],
    ]);
  });

  it('counts the profile to date in whole periods and pro rata by days within one (checked by hand)', () => {
    expect(daysInclusive('2025-04-01', '2025-09-30')).toBe(183);
    expect(daysInclusive('2025-10-01', '2026-03-31')).toBe(182);
    expect(profileToDate(halves, '2025-09-30')).toBe(10);
    expect(profileToDate(halves, '2026-03-31')).toBe(30);
    // Q3 end: H1's 10 plus 92 of H2's 182 days of 20 = 10.11 → 20.1 → 20.
    expect(profileToDate(halves, '2025-12-31')).toBe(20);
    // One day in: 10 × 1/183 → 0.
    expect(profileToDate(halves, '2025-04-01')).toBe(0);
    expect(profileToDate(halves, '2025-03-31')).toBe(0);
    expect(profileWithin(halves, '2025-10-01', '2025-12-31')).toBe(10);
  });

  it('marks red, amber and green against the profile to date', () => {
    expect(ragOf(30, 30)).toBe('green');
    expect(ragOf(31, 30)).toBe('green');
    expect(ragOf(27, 30)).toBe('amber'); // 90%
    expect(ragOf(26, 30)).toBe('red');
    expect(ragOf(0, 0)).toBe('green');
    expect(ragOf(5, null)).toBe('none');
    expect(progressOf({ target: 40, profile: halves }, 18, '2025-10-01', '2025-12-31')).toEqual({
      target: 40,
      profileToDate: 20,
      profileThisPeriod: 10,
      variance: -2,
      rag: 'amber',
    });
    expect(progressOf(undefined, 3, '2025-04-01', '2025-06-30')).toEqual({
      target: null,
      profileToDate: null,
      profileThisPeriod: null,
      variance: null,
      rag: 'none',
    });
  });

  it('refuses profiles that overlap, are not whole or add up to more than the target', () => {
    expect(profileProblem(halves, 30)).toBeNull();
    expect(profileProblem(halves, 29)).toMatch(/adds up to 30, more than the target of 29/);
    expect(profileProblem([halves[1]!, halves[0]!], null)).toMatch(/in order/);
    expect(profileProblem([{ ...halves[0]!, amount: 1.5 }], null)).toMatch(/whole numbers/);
  });
});

describe('a period against the funding agreement', () => {
  const ukspf = { name: 'UKSPF', startsOn: '2022-04-01', endsOn: '2026-03-31', closureOn: '2026-06-30' };

  it('refuses a period wholly outside: a UKSPF return for October-December 2026', () => {
    const c = checkAgreement(ukspf, '2026-10-01', '2026-12-31', '2026-11-23');
    expect(c.status).toBe('outside');
    expect(c.messages[0]).toMatch(/outside the funding agreement "UKSPF" \(01\/04\/2022 to 31\/03\/2026\)/);
  });

  it('counts only within the agreement when the period runs past it, and says so', () => {
    const c = checkAgreement(ukspf, '2026-01-01', '2026-06-30', '2026-05-01');
    expect(c).toMatchObject({ status: 'partly', countedFrom: '2026-01-01', countedTo: '2026-03-31' });
    expect(c.messages).toHaveLength(1);
  });

  it('warns after the closure date for final claims, and says nothing without an agreement', () => {
    const c = checkAgreement(ukspf, '2025-10-01', '2026-03-31', '2026-07-01');
    expect(c.status).toBe('inside');
    expect(c.messages[0]).toMatch(/closure date for final claims .* was 30\/06\/2026/);
    expect(checkAgreement(null, '2030-01-01', '2030-03-31', '2030-01-01')).toEqual({
      status: 'none',
      countedFrom: '2030-01-01',
      countedTo: '2030-03-31',
      messages: [],
    });
    expect(checkAgreement({ ...ukspf, endsOn: null }, '2030-01-01', '2030-03-31', '2030-01-01').status).toBe('inside');
  });
});

describe('counting rules: the filters the strategies need, each read as a sentence', () => {
  const base = { excludeClaimedInSubmittedReturns: false, countDistinct: 'participant' };

  it('reads age bands, sex, qualification, area, funding and project', () => {
    const rule = countingRuleSchema.parse({
      ...base,
      subject: 'funding_spells',
      dateField: 'starts_on',
      ageAtStart: [{ min: 16, max: 18 }, { min: 50 }],
      sexes: ['female'],
      qualificationLevels: ['none', 'entry'],
      area: { level: 'postcode_district', codes: ['SG1', 'SG2'] },
      funding: 'funder',
      fundingProjects: ['UKSPF-E38'],
    });
    expect(
      describeRule(rule, {
        funderName: 'UK Shared Prosperity Fund',
        sex: (c) => (c === 'female' ? 'female' : c),
        qualification: (c) => ({ none: 'No qualifications', entry: 'Entry level' })[c] ?? c,
        project: () => 'UKSPF CSCS route',
      }),
    ).toBe(
      'Participants whose funded support started in the period — people aged 16 to 18 or aged 50 or over at their start, ' +
        'whose sex is female, whose highest qualification at entry was No qualifications or Entry level, living in SG1 or ' +
        'SG2 — counting only items attributed to a funding stream of UK Shared Prosperity Fund, under project ' +
        'UKSPF CSCS route, each person once.',
    );
  });

  it('reads hours, apprenticeship levels and placement kinds, and keeps them to outcomes and placements', () => {
    const jobs = countingRuleSchema.parse({
      ...base,
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['apprenticeship_start'],
      verifiedOnly: true,
      minHoursPerWeek: 16,
      apprenticeshipLevels: [2, 3],
    });
    expect(describeRule(jobs, { outcomeType: () => 'Apprenticeship start' })).toBe(
      'Participants with a verified outcome of type Apprenticeship start dated in the period (rejected outcomes never count), ' +
        'of 16 or more hours a week, at apprenticeship level 2 or 3, each person once.',
    );
    const wx = countingRuleSchema.parse({
      ...base,
      subject: 'placements',
      dateField: 'starts_on',
      placementKinds: ['work_experience', 'swap'],
      funding: 'any',
    });
    expect(
      describeRule(wx, { placementKind: (c) => ({ work_experience: 'Work experience', swap: 'SWAP' })[c] ?? c }),
    ).toBe(
      'Participants with a work experience or swap placement starting in the period — whatever funding stream the items are ' +
        'attributed to, each person once.',
    );
    const bad = parseRuleJson(
      JSON.stringify({
        ...base,
        subject: 'participants',
        dateField: 'start_date',
        minHoursPerWeek: 16,
        placementKinds: ['swap'],
        ageAtStart: [{ min: 30, max: 20 }],
        area: { level: 'postcode_district', codes: ['Stevenage'] },
      }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.errors.map((e) => e.path).sort()).toEqual([
        'ageAtStart.0.max',
        'area.codes',
        'minHoursPerWeek',
        'placementKinds',
      ]);
  });

  it('counts an anonymised person by their kept age band only where the band answers the range', () => {
    expect(ageBandsWithin({ min: 16, max: 24 })).toEqual(['16-24']);
    expect(ageBandsWithin({ min: 50 })).toEqual(['50-54', '55-64', '65+']);
    expect(ageBandsWithin({ min: 16, max: 18 })).toEqual([]);
    expect(ageBandsWithin({ min: 19, max: 65 })).toEqual(['25-34', '35-49', '50-54', '55-64']);
  });
});

describe('warnings about funding', () => {
  const line = (o: Partial<Parameters<typeof otherFunderWarnings>[0][number]>) => ({
    indicatorCode: 'UKSPF-R1',
    personId: 1,
    itemKind: 'outcome',
    itemId: 10,
    itemDate: '2025-05-01',
    reference: 'SW-1',
    ...o,
  });

  it('warns once per item claimed to another funder and once per person otherwise', () => {
    const others = [
      {
        personId: 1,
        itemKind: 'outcome',
        itemId: 10,
        funderName: 'Towns Fund',
        indicatorCode: 'TF-X',
        periodLabel: '2025-26 H1',
      },
      {
        personId: 2,
        itemKind: 'enrolment',
        itemId: 5,
        funderName: 'Towns Fund',
        indicatorCode: 'TF-L1',
        periodLabel: '2025-26 H1',
      },
      {
        personId: 2,
        itemKind: 'enrolment',
        itemId: 6,
        funderName: 'Towns Fund',
        indicatorCode: 'TF-L2',
        periodLabel: '2025-26 H1',
      },
    ];
    const w = otherFunderWarnings(
      [
        line({}),
        line({ indicatorCode: 'UKSPF-O2', itemKind: 'funding_spell', itemId: 3 }),
        line({ personId: 2, reference: 'SW-2', itemId: 11 }),
        line({ personId: 3, reference: 'SW-3', itemId: 12 }),
      ],
      others,
    );
    expect(w.map((x) => [x.reference, x.indicatorCode])).toEqual([
      ['SW-1', 'UKSPF-R1'],
      ['SW-2', null],
    ]);
    expect(w[0]!.message).toMatch(/the outcome dated 01\/05\/2025 .* also claimed to Towns Fund \(TF-X, 2025-26 H1\)/);
    expect(w[1]!.message).toMatch(/SW-2 is also claimed to Towns Fund for an overlapping period/);
  });

  it('says whether an item with no stream is counted or left out', () => {
    expect(noStreamWarnings([line({})], true)[0]!.message).toMatch(
      /is counted under UKSPF-R1 but has no funding stream/,
    );
    expect(noStreamWarnings([line({})], false)[0]!.message).toMatch(
      /is left out of UKSPF-R1: it has no funding stream/,
    );
  });
});
