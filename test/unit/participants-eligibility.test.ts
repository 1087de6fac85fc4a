// The eligibility rules: 16+ on the start date (29 Feb birthdays, exactly 16), right to live
// and work evidenced, lives in a configurable postcode district.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  ageRule,
  evaluateEligibility,
  normaliseDistricts,
  residenceRule,
  rightToWorkRule,
  type EligibilityCheckInput,
} from '../../shared/domain/eligibility';
import { ageOn } from '../../shared/domain/dates';

const rtw = (
  outcome: EligibilityCheckInput['outcome'],
  evidenceType: string | null = 'passport',
  recordedAt = '2026-01-01T10:00:00Z',
): EligibilityCheckInput => ({ checkCode: 'right_to_work', outcome, evidenceType, seenOn: '2026-01-01', recordedAt });

describe('age rule', () => {
  it('is met on the 16th birthday exactly, not the day before', () => {
    expect(ageRule('2008-03-10', '2024-03-10').outcome).toBe('met');
    expect(ageRule('2008-03-10', '2024-03-09')).toMatchObject({
      outcome: 'not_met',
      reason: 'Aged 15 on the start date; must be 16 or over',
    });
  });
  it('29 Feb birthdays: 16 on 29 Feb in a leap year, on 1 Mar otherwise', () => {
    expect(ageRule('2008-02-29', '2024-02-29').outcome).toBe('met');
    expect(ageRule('2008-02-29', '2024-02-28').outcome).toBe('not_met');
    expect(ageRule('2009-02-28', '2025-02-28').outcome).toBe('met');
    expect(ageRule('2008-02-29', '2025-02-28').outcome).toBe('met'); // already 16 since 2024
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
    expect(ageOn('2011-02-28', '2027-02-28')).toBe(16);
    expect(ageOn('2000-02-29', '2017-02-28')).toBe(16);
    expect(ageOn('2000-02-29', '2017-03-01')).toBe(17);
  });
  it('is pending without a date of birth', () =>
    expect(ageRule(null, '2024-01-01')).toMatchObject({ outcome: 'pending', reason: 'Date of birth not recorded' }));
  fcTest.prop([fc.integer({ min: 1950, max: 2010 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })])(
    'met exactly from the 16th birthday',
    (y, m, d) => {
      const iso = (yy: number) => `${yy}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      expect(ageRule(iso(y), iso(y + 16)).outcome).toBe('met');
      expect(ageRule(iso(y), iso(y + 15)).outcome).toBe('not_met');
    },
  );
});

describe('right to live and work', () => {
  it('needs a met check with the evidence seen', () => {
    expect(rightToWorkRule([]).outcome).toBe('pending');
    expect(rightToWorkRule([rtw('met', null)]).outcome).toBe('pending');
    expect(rightToWorkRule([rtw('met')])).toMatchObject({ outcome: 'met', reason: 'Evidenced (Passport)' });
    expect(rightToWorkRule([rtw('not_met', null)]).outcome).toBe('not_met');
  });
  it('uses the latest check', () => {
    expect(
      rightToWorkRule([rtw('met', 'passport', '2026-01-01T10:00:00Z'), rtw('not_met', null, '2026-02-01T10:00:00Z')])
        .outcome,
    ).toBe('not_met');
    expect(
      rightToWorkRule([rtw('not_met', null, '2026-01-01T10:00:00Z'), rtw('met', 'passport', '2026-02-01T10:00:00Z')])
        .outcome,
    ).toBe('met');
  });
});

describe('residence', () => {
  it('defaults to SG1/SG2 and can be configured', () => {
    expect(residenceRule('SG1 1AA', ['SG1', 'SG2']).outcome).toBe('met');
    expect(residenceRule('sg2 9zz', ['SG1', 'SG2']).outcome).toBe('met');
    expect(residenceRule('SG3 6AB', ['SG1', 'SG2'])).toMatchObject({
      outcome: 'not_met',
      reason: 'Lives in SG3, outside the programme area (SG1, SG2)',
    });
    expect(residenceRule('SG3 6AB', ['sg1', 'SG3']).outcome).toBe('met');
    expect(residenceRule('SG11 1AA', ['SG1']).outcome).toBe('not_met'); // SG11 is not SG1
    expect(residenceRule(null, ['SG1']).outcome).toBe('pending');
  });
  it('falls back to the default when the list is empty or junk', () =>
    expect(normaliseDistricts(['', 'x y'])).toEqual(['SG1', 'SG2']));
});

describe('overall status', () => {
  const facts = { dateOfBirth: '1990-01-01', startDate: '2026-01-10', postcode: 'SG1 1AA', checks: [rtw('met')] };
  it('is eligible when all rules are met', () =>
    expect(evaluateEligibility(facts, ['SG1', 'SG2'], '2026-11-23')).toMatchObject({
      status: 'eligible',
      reasons: [],
    }));
  it('is pending while evidence is missing, with the reason', () => {
    expect(evaluateEligibility({ ...facts, checks: [] }, ['SG1'], '2026-11-23')).toMatchObject({
      status: 'pending',
      reasons: ['Right to live and work in the UK not yet evidenced'],
    });
  });
  it('is not eligible when any rule fails, even with others pending', () => {
    const r = evaluateEligibility({ ...facts, checks: [], postcode: 'LU1 1AA' }, ['SG1', 'SG2'], '2026-11-23');
    expect(r.status).toBe('not_eligible');
    expect(r.reasons).toHaveLength(2);
  });
  it('measures age on today when no start date', () => {
    expect(
      evaluateEligibility({ ...facts, startDate: null, dateOfBirth: '2010-11-24' }, ['SG1'], '2026-11-23').status,
    ).toBe('not_eligible');
    expect(
      evaluateEligibility({ ...facts, startDate: null, dateOfBirth: '2010-11-23' }, ['SG1'], '2026-11-23').status,
    ).toBe('eligible');
  });
});
