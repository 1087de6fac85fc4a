// The rule being built from parts: changing what is counted keeps what still applies and drops
// the rest, so what the form shows is a rule the schema accepts; an emptied part leaves the rule.
import { describe, expect, it } from 'vitest';
import { countingRuleSchema, describeRule } from '../../shared/domain/counting-rule';
import { agePresets, changeSubject, withPart, type RuleDraft } from '../../shared/domain/counting-rule-draft';

const starter: RuleDraft = {
  subject: 'participants',
  dateField: 'start_date',
  countDistinct: 'participant',
  funding: 'funder',
  eligibleOnly: true,
  countReEntries: true,
  ageAtStart: [{ min: 16, max: 24 }],
  excludeClaimedInSubmittedReturns: true,
};

describe('changeSubject', () => {
  it.each([
    ['participants', 'start_date', 'participant'],
    ['funding_spells', 'starts_on', 'participant'],
    ['outcomes', 'outcome_date', 'participant'],
    ['enrolments', 'run_start_date', 'participant'],
    ['course_runs', 'start_date', 'item'],
    ['site_ready', 'signed_on', 'participant'],
    ['placements', 'starts_on', 'participant'],
  ] as const)('to %s gives a rule the schema accepts (date %s, counted by %s)', (subject, date, distinct) => {
    const next = changeSubject(starter, subject);
    expect(next.dateField).toBe(date);
    expect(next.countDistinct).toBe(distinct);
    expect(countingRuleSchema.safeParse(next).success).toBe(true);
  });

  it('drops the parts the new subject cannot use and keeps the rest', () => {
    const outcomes = changeSubject(starter, 'outcomes');
    expect(outcomes.countReEntries).toBeUndefined();
    expect(outcomes.ageAtStart).toEqual([{ min: 16, max: 24 }]);
    expect(outcomes.verifiedOnly).toBe(true);
    const runs = changeSubject({ ...outcomes, minHoursPerWeek: 16, outcomeTypes: ['job_start'] }, 'course_runs');
    expect(runs).toEqual({
      subject: 'course_runs',
      dateField: 'start_date',
      countDistinct: 'item',
      funding: 'funder',
      excludeClaimedInSubmittedReturns: true,
    });
  });

  it('keeps counting by employer when moving between outcomes and placements', () => {
    const byEmployer = changeSubject(
      { ...changeSubject(starter, 'outcomes'), countDistinct: 'employer' },
      'placements',
    );
    expect(byEmployer.countDistinct).toBe('employer');
    expect(changeSubject(byEmployer, 'enrolments').countDistinct).toBe('participant');
  });
});

describe('withPart', () => {
  it('removes a part emptied in the form, keeps "not already claimed" even when off', () => {
    expect(withPart(starter, 'ageAtStart', [])).not.toHaveProperty('ageAtStart');
    expect(withPart(starter, 'eligibleOnly', false)).not.toHaveProperty('eligibleOnly');
    expect(withPart(starter, 'minHoursPerWeek', undefined)).not.toHaveProperty('minHoursPerWeek');
    expect(withPart(starter, 'excludeClaimedInSubmittedReturns', false).excludeClaimedInSubmittedReturns).toBe(false);
  });

  it('builds the strategies’ measures that read back as sentences', () => {
    const young = withPart(starter, 'ageAtStart', [agePresets.find((p) => p.code === '16-18')!.range]);
    const jobs = withPart(
      withPart(changeSubject(young, 'outcomes'), 'outcomeTypes', ['job_start']),
      'minHoursPerWeek',
      16,
    );
    const rule = countingRuleSchema.parse(withPart(jobs, 'sexes', ['female']));
    expect(describeRule(rule, { outcomeType: () => 'Job start', funderName: 'Towns Fund' })).toBe(
      'Participants with a verified outcome of type Job start dated in the period (rejected outcomes never count), ' +
        'of 16 or more hours a week — people whose eligibility is confirmed, aged 16 to 18 at their start, whose sex is Female ' +
        '— counting only items attributed to a funding stream of Towns Fund, each person once, ' +
        'not already claimed in an earlier submitted return.',
    );
  });
});
