// Counting rules: validated JSON that reads as a sentence; warnings and the equality breakdown.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countingRuleSchema, describeRule, parseRuleJson } from '../../shared/domain/counting-rule';
import { returnWarnings, type WarningLine } from '../../shared/domain/return-warnings';
import { ageBand, equalityBreakdown } from '../../shared/domain/equality-breakdown';

const labels = {
  outcomeType: (c: string) => ({ job_start: 'Job start', apprenticeship_start: 'Apprenticeship start' })[c] ?? c,
};

describe('counting rules', () => {
  it('read as the sentence staff expect', () => {
    const rule = countingRuleSchema.parse({
      subject: 'outcomes',
      outcomeTypes: ['job_start'],
      verifiedOnly: true,
      dateField: 'outcome_date',
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: true,
    });
    expect(describeRule(rule, labels)).toBe(
      'Participants with a verified outcome of type Job start dated in the period (rejected outcomes never count), each person once, ' +
        'not already claimed in an earlier submitted return.',
    );
    const runs = countingRuleSchema.parse({
      subject: 'course_runs',
      cscsOnly: true,
      dateField: 'start_date',
      countDistinct: 'item',
      excludeClaimedInSubmittedReturns: false,
    });
    expect(describeRule(runs)).toBe('CSCS course runs (not cancelled) starting in the period, each item once.');
  });

  it('count outcomes as items without saying "outcomes" twice', () => {
    const rule = (verifiedOnly: boolean) =>
      countingRuleSchema.parse({
        subject: 'outcomes',
        outcomeTypes: ['apprenticeship_start'],
        verifiedOnly,
        dateField: 'outcome_date',
        countDistinct: 'item',
        excludeClaimedInSubmittedReturns: false,
      });
    expect(describeRule(rule(false), labels)).toBe(
      'Outcomes of type Apprenticeship start dated in the period (rejected outcomes never count), each item once.',
    );
    expect(describeRule(rule(true), labels)).toBe(
      'Verified outcomes of type Apprenticeship start dated in the period (rejected outcomes never count), each item once.',
    );
  });

  it('name the field inside the rule when it is wrong', () => {
    const bad = parseRuleJson(
      JSON.stringify({
        subject: 'outcomes',
        dateField: 'start_date',
        countDistinct: 'participant',
        excludeClaimedInSubmittedReturns: true,
        enrolmentStatuses: ['completed'],
      }),
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.path).sort()).toEqual(['dateField', 'enrolmentStatuses']);
    const notJson = parseRuleJson('{ subject: outcomes');
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.errors[0]!.message).toMatch(/not valid JSON/);
    const extra = parseRuleJson(
      JSON.stringify({
        subject: 'participants',
        dateField: 'start_date',
        countDistinct: 'participant',
        excludeClaimedInSubmittedReturns: false,
        sql: 'drop table',
      }),
    );
    expect(extra.ok).toBe(false);
  });

  it('never throw on any text typed into the rule box', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parseRuleJson(text);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('describe every valid rule without throwing', () => {
    const arb = fc
      .record({
        subject: fc.constantFrom('participants', 'outcomes'),
        countDistinct: fc.constantFrom('participant', 'item'),
        excludeClaimedInSubmittedReturns: fc.boolean(),
        eligibleOnly: fc.boolean(),
        notCountedUnder: fc.array(fc.constantFrom('A-1', 'B-2'), { maxLength: 2 }),
      })
      .map((r) => ({ ...r, dateField: r.subject === 'participants' ? 'start_date' : 'outcome_date' }));
    fc.assert(
      fc.property(arb, (raw) => {
        const rule = countingRuleSchema.parse(raw);
        expect(describeRule(rule)).toMatch(/\.$/);
      }),
    );
  });
});

function line(overrides: Partial<WarningLine>): WarningLine {
  return {
    indicatorCode: 'X-1',
    personId: 1,
    itemKind: 'outcome',
    itemId: 1,
    itemDate: '2025-05-01',
    evidenceCount: 1,
    reference: 'SW-1',
    firstName: 'Ann',
    lastName: 'Able',
    dateOfBirth: '1990-01-01',
    niNumber: null,
    postcode: 'SG1 1AA',
    phone: null,
    eligibilityStatus: 'eligible',
    startDate: '2025-04-01',
    leaveDate: null,
    ...overrides,
  };
}

describe('warnings before export', () => {
  it('flags missing evidence only where the indicator requires it', () => {
    const lines = [line({ evidenceCount: 0 }), line({ indicatorCode: 'X-2', evidenceCount: 0 })];
    const w = returnWarnings(
      lines,
      new Map([
        ['X-1', 'Employer letter'],
        ['X-2', ''],
      ]),
    );
    expect(w.map((x) => [x.kind, x.indicatorCode])).toEqual([['missing_evidence', 'X-1']]);
  });

  it('flags possible duplicates among people with the same date of birth, unless decided otherwise', () => {
    const lines = [
      line({}),
      line({ personId: 2, reference: 'SW-2', firstName: 'Anne', itemId: 2 }),
      line({ personId: 3, reference: 'SW-3', firstName: 'Zed', lastName: 'Zulu', itemId: 3, postcode: 'SG2 9ZZ' }),
    ];
    expect(
      returnWarnings(lines, new Map())
        .filter((x) => x.kind === 'possible_duplicate')
        .map((x) => x.message),
    ).toEqual([expect.stringContaining('SW-1 and SW-2 may be the same person')]);
    expect(returnWarnings(lines, new Map(), new Set(['1-2'])).filter((x) => x.kind === 'possible_duplicate')).toEqual(
      [],
    );
  });

  it('flags outcomes before the start or after leaving, and unconfirmed eligibility once per person', () => {
    const lines = [
      line({ itemDate: '2025-03-31' }),
      line({ itemId: 2, itemDate: '2025-08-01', leaveDate: '2025-07-31', eligibilityStatus: 'pending', personId: 5 }),
      line({
        itemId: 3,
        indicatorCode: 'X-2',
        personId: 5,
        eligibilityStatus: 'pending',
        itemDate: '2025-06-01',
        leaveDate: '2025-07-31',
      }),
    ];
    const w = returnWarnings(lines, new Map());
    expect(w.filter((x) => x.kind === 'outside_enrolment')).toHaveLength(2);
    expect(w.filter((x) => x.kind === 'eligibility_not_confirmed')).toHaveLength(1);
  });
});

describe('equality breakdown', () => {
  it('bands ages at entry (Census bands) and counts each person once', () => {
    expect([
      ageBand('2009-04-02', '2025-04-01'),
      ageBand('2009-04-01', '2025-04-01'),
      ageBand('2000-04-02', '2025-04-01'),
      ageBand('1960-01-01', '2025-04-01'),
      ageBand(null, '2025-04-01'),
    ]).toEqual(['Under 16', '16-24', '16-24', '65+', 'Not recorded']);
    const people = [
      {
        personId: 1,
        dateOfBirth: '2003-01-01',
        startDate: '2025-04-01',
        sex: 'female',
        ethnicity: 'white_british',
        disability: 'no_condition',
        labourMarketStatus: 'unemployed',
      },
      {
        personId: 1,
        dateOfBirth: '2003-01-01',
        startDate: '2025-04-01',
        sex: 'female',
        ethnicity: 'white_british',
        disability: 'no_condition',
        labourMarketStatus: 'unemployed',
      },
      {
        personId: 2,
        dateOfBirth: '1980-01-01',
        startDate: '2025-04-01',
        sex: 'male',
        ethnicity: 'black_african',
        disability: 'limited_a_lot',
        labourMarketStatus: 'employed',
      },
    ];
    const rows = equalityBreakdown(people, '2025-09-30');
    const get = (d: string, g: string) => rows.find((r) => r.dimension === d && r.group === g)?.people;
    expect(get('Age band at entry', '16-24')).toBe(1);
    expect(get('Age band at entry', '35-49')).toBe(1);
    expect(get('Sex', 'Female')).toBe(1);
    expect(get('Ethnicity group', 'Black, Black British, Black Welsh, Caribbean or African')).toBe(1);
    expect(rows.filter((r) => r.dimension === 'Sex').reduce((n, r) => n + r.people, 0)).toBe(2);
  });
});
