// The eligibility rules an auditor accepts: every evidence type against every check (right to work
// only from a UK/Irish passport, a birth certificate with NI evidence, or a Home Office online
// check; a biometric residence permit not after 2024; a driving licence or a utility bill never),
// 16+ on the start date with the date of birth evidenced, living in the local area (the postcode
// directory's local authority; postcode districts while no directory is loaded) with proof of
// address, or with no fixed abode a local-connection statement.
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  ageRule,
  evaluateEligibility,
  isLocalPerson,
  normaliseDistricts,
  residenceRule,
  rightToWorkRule,
  type AreaFacts,
  type EligibilityCheckInput,
  type EligibilityFacts,
} from '../../shared/domain/eligibility';
import {
  eligibilityCheckCodes,
  evidenceAcceptance,
  evidenceTypes,
  offeredEvidence,
  type EligibilityCheckCode,
} from '../../shared/domain/eligibility-evidence';
import { ageOn } from '../../shared/domain/dates';

const check = (
  checkCode: EligibilityCheckCode,
  outcome: EligibilityCheckInput['outcome'],
  evidenceType: string | null,
  seenOn = '2026-01-01',
  recordedAt = '2026-01-01T10:00:00Z',
): EligibilityCheckInput => ({ checkCode, outcome, evidenceType, seenOn, recordedAt });
const rtw = (
  outcome: EligibilityCheckInput['outcome'],
  evidenceType: string | null = 'uk_irish_passport',
  recordedAt?: string,
) => check('right_to_work', outcome, evidenceType, '2026-01-01', recordedAt);

// ── Every evidence type against every check ─────────────────────────────────────────────────────

type Row = [code: string, age: boolean, rightToWork: boolean, residence: boolean, seenOn?: string];
/** What an auditor accepts each document for (seen in 2026 unless a date is given). */
const acceptance: Row[] = [
  ['uk_irish_passport', true, true, false],
  ['birth_certificate_and_ni', true, true, false],
  ['evisa_share_code', false, true, false],
  ['euss_share_code', false, true, false],
  ['biometric_residence_permit', true, false, false], // seen after 2024: no longer right to work
  ['biometric_residence_permit', true, true, false, '2024-12-31'],
  ['biometric_residence_permit', true, false, false, '2025-01-01'],
  ['other_passport', true, false, false],
  ['national_identity_card', true, false, false],
  ['driving_licence', true, false, true],
  ['utility_bill', false, false, true],
  ['council_tax_bill', false, false, true],
  ['tenancy_agreement', false, false, true],
  ['bank_statement', false, false, true],
  ['dwp_letter', false, false, true],
  ['local_connection_statement', false, false, false], // only for people with no fixed abode (below)
  ['other', false, false, false],
  ['passport', true, false, false], // recorded before nationality was asked
  ['home_office_share_code', false, true, false],
  ['proof_of_address', false, false, true],
];

describe('evidence types against checks', () => {
  it('the table names every evidence type', () => {
    expect(new Set(acceptance.map((r) => r[0]))).toEqual(new Set(evidenceTypes.map((t) => t.code)));
  });

  for (const [code, age, rightToWork, residence, seenOn = '2026-01-01'] of acceptance) {
    const expected: Record<EligibilityCheckCode, boolean> = { age, right_to_work: rightToWork, residence };
    for (const c of eligibilityCheckCodes)
      it(`${code} seen ${seenOn} ${expected[c] ? 'evidences' : 'does not evidence'} ${c}`, () => {
        const a = evidenceAcceptance(c, code, seenOn);
        expect(a.accepted).toBe(expected[c]);
        if (!a.accepted) expect(a.reason.length).toBeGreaterThan(10);
      });
  }

  it('a local-connection statement evidences residence for someone with no fixed abode only', () => {
    expect(evidenceAcceptance('residence', 'local_connection_statement', '2026-01-01', { noFixedAbode: true })).toEqual(
      {
        accepted: true,
      },
    );
    expect(evidenceAcceptance('residence', 'local_connection_statement', '2026-01-01')).toMatchObject({
      accepted: false,
      reason: expect.stringMatching(/no fixed abode/),
    });
  });

  it('says why a driving licence, a utility bill and a permit seen in 2025 are not right to work', () => {
    expect(evidenceAcceptance('right_to_work', 'driving_licence', '2026-01-01')).toEqual({
      accepted: false,
      reason: 'A driving licence shows identity and address, never right to work',
    });
    expect(evidenceAcceptance('right_to_work', 'utility_bill', '2026-01-01')).toMatchObject({
      reason: 'A utility bill shows an address, never right to work',
    });
    expect(evidenceAcceptance('right_to_work', 'biometric_residence_permit', '2025-03-01')).toMatchObject({
      reason: expect.stringMatching(/end of 2024.*eVisa/),
    });
  });

  it('the form offers, per check, only documents that evidence it (no legacy ones)', () => {
    const codes = (c: EligibilityCheckCode, noFixedAbode = false) =>
      offeredEvidence(c, { noFixedAbode }).map((t) => t.code);
    expect(codes('right_to_work')).toEqual([
      'uk_irish_passport',
      'birth_certificate_and_ni',
      'evisa_share_code',
      'euss_share_code',
      'biometric_residence_permit',
    ]);
    expect(codes('right_to_work')).not.toContain('driving_licence');
    expect(codes('residence')).not.toContain('local_connection_statement');
    expect(codes('residence', true)).toContain('local_connection_statement');
    for (const c of eligibilityCheckCodes) expect(codes(c)).not.toContain('passport');
  });
});

// ── The rules ─────────────────────────────────────────────────────────────────────────────────

describe('age rule', () => {
  const seen = [check('age', 'met', 'driving_licence')];
  it('is met on the 16th birthday exactly, not the day before', () => {
    expect(ageRule('2008-03-10', '2024-03-10', seen).outcome).toBe('met');
    expect(ageRule('2008-03-10', '2024-03-09', seen)).toMatchObject({
      outcome: 'not_met',
      reason: 'Aged 15 on the start date; must be 16 or over',
    });
  });
  it('29 Feb birthdays: 16 on 29 Feb in a leap year, on 1 Mar otherwise', () => {
    expect(ageRule('2008-02-29', '2024-02-29', seen).outcome).toBe('met');
    expect(ageRule('2008-02-29', '2024-02-28', seen).outcome).toBe('not_met');
    expect(ageRule('2009-02-28', '2025-02-28', seen).outcome).toBe('met');
    expect(ageRule('2008-02-29', '2025-02-28', seen).outcome).toBe('met');
    expect(ageOn('2012-02-29', '2028-02-28')).toBe(15);
    expect(ageOn('2012-02-29', '2028-02-29')).toBe(16);
    expect(ageOn('2000-02-29', '2017-03-01')).toBe(17);
  });
  it('is pending without a date of birth, or until the date of birth is evidenced', () => {
    expect(ageRule(null, '2024-01-01')).toMatchObject({ outcome: 'pending', reason: 'Date of birth not recorded' });
    expect(ageRule('1990-01-01', '2026-01-01', [])).toMatchObject({
      outcome: 'pending',
      reason: 'Aged 36 on the start date; date of birth not yet evidenced',
    });
    expect(ageRule('1990-01-01', '2026-01-01', [check('age', 'met', 'utility_bill')])).toMatchObject({
      outcome: 'pending',
      reason: 'Aged 36 on the start date; Utility bill is not evidence of date of birth',
    });
  });
  it('a right-to-work document that shows the date of birth evidences age too; a share code does not', () => {
    expect(ageRule('1990-01-01', '2026-01-01', [rtw('met', 'uk_irish_passport')])).toMatchObject({
      outcome: 'met',
      reason: 'Aged 36 on the start date (UK or Irish passport seen 01/01/2026)',
    });
    expect(ageRule('1990-01-01', '2026-01-01', [rtw('met', 'evisa_share_code')]).outcome).toBe('pending');
  });
  fcTest.prop([fc.integer({ min: 1950, max: 2010 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })])(
    'met exactly from the 16th birthday',
    (y, m, d) => {
      const iso = (yy: number) => `${yy}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      expect(ageRule(iso(y), iso(y + 16), seen).outcome).toBe('met');
      expect(ageRule(iso(y), iso(y + 15), seen).outcome).toBe('not_met');
    },
  );
});

describe('right to live and work', () => {
  it('needs a met check with a document that shows it', () => {
    expect(rightToWorkRule([]).outcome).toBe('pending');
    expect(rightToWorkRule([rtw('met', null)]).outcome).toBe('pending');
    expect(rightToWorkRule([rtw('met')])).toMatchObject({
      outcome: 'met',
      reason: 'Evidenced (UK or Irish passport seen 01/01/2026)',
    });
    expect(rightToWorkRule([rtw('not_met', null)]).outcome).toBe('not_met');
  });
  it('a driving licence, a utility bill or a passport of unknown nationality leaves it pending, saying why', () => {
    expect(rightToWorkRule([rtw('met', 'driving_licence')])).toMatchObject({
      outcome: 'pending',
      reason: 'Not evidenced: A driving licence shows identity and address, never right to work',
    });
    expect(rightToWorkRule([rtw('met', 'utility_bill')]).outcome).toBe('pending');
    expect(rightToWorkRule([rtw('met', 'passport')]).reason).toMatch(/UK or Irish passport/);
  });
  it('a biometric residence permit counts when seen by the end of 2024, not after', () => {
    const brp = (seenOn: string) => check('right_to_work', 'met', 'biometric_residence_permit', seenOn);
    expect(rightToWorkRule([brp('2024-11-30')]).outcome).toBe('met');
    expect(rightToWorkRule([brp('2025-02-01')])).toMatchObject({
      outcome: 'pending',
      reason: expect.stringMatching(/eVisa/),
    });
  });
  it('uses the latest check', () => {
    expect(
      rightToWorkRule([
        rtw('met', 'uk_irish_passport', '2026-01-01T10:00:00Z'),
        rtw('not_met', null, '2026-02-01T10:00:00Z'),
      ]).outcome,
    ).toBe('not_met');
    expect(
      rightToWorkRule([
        rtw('not_met', null, '2026-01-01T10:00:00Z'),
        rtw('met', 'euss_share_code', '2026-02-01T10:00:00Z'),
      ]).outcome,
    ).toBe('met');
  });
});

describe('residence', () => {
  const context = { districts: ['SG1', 'SG2'], localLabel: 'Stevenage' };
  const address = [check('residence', 'met', 'council_tax_bill')];
  const stevenage: AreaFacts = {
    kind: 'resolved',
    laCode: 'E07000243',
    laName: 'Stevenage',
    wardName: 'Bedwell',
    isLocal: true,
    terminatedOn: null,
  };
  const village: AreaFacts = {
    ...stevenage,
    laCode: 'E07000099',
    laName: 'North Hertfordshire',
    wardName: 'Wymondley',
    isLocal: false,
  };
  const at = (area: AreaFacts, postcode: string | null = 'SG1 1CC', checks = address, noFixedAbode = false) =>
    residenceRule({ postcode, noFixedAbode, area, checks }, context);

  it('with a postcode directory: the local authority decides, not the postcode district', () => {
    expect(at(stevenage)).toMatchObject({
      outcome: 'met',
      reason: 'Lives in Stevenage, Bedwell ward (Council tax bill seen 01/01/2026)',
    });
    // SG1 also covers villages of North Hertfordshire: not local.
    expect(at(village, 'SG1 1CC', [])).toMatchObject({
      outcome: 'not_met',
      reason: 'Lives in North Hertfordshire, outside the local area (Stevenage)',
    });
  });
  it('outside the area with proof of address: not met, saying why the proof does not count', () => {
    expect(at(village)).toMatchObject({
      outcome: 'not_met',
      reason:
        'Lives in North Hertfordshire, outside the local area (Stevenage); proof of address ' +
        '(Council tax bill seen 01/01/2026) does not make the address local',
    });
    expect(at({ kind: 'no_lookup' }, 'SG3 6AB', [check('residence', 'met', null)]).reason).toBe(
      'Lives in SG3, outside the programme area (SG1, SG2); a check recorded as met does not make the address local',
    );
  });
  it('a postcode no longer in use still places the person, with a prompt to check the address', () => {
    expect(at({ ...stevenage, terminatedOn: '2019-06' }).reason).toMatch(/no longer in use: check the address/);
  });
  it('a postcode the directory does not have is pending, not guessed from its district', () => {
    expect(at({ kind: 'not_found' }, 'SG1 9VV')).toMatchObject({
      outcome: 'pending',
      reason: 'Postcode SG1 9VV is not in the postcode directory: check it',
    });
  });
  it('without a directory, the programme postcode districts stand in (configurable)', () => {
    expect(at({ kind: 'no_lookup' }, 'SG1 1AA').outcome).toBe('met');
    expect(at({ kind: 'no_lookup' }, 'SG3 6AB', [])).toMatchObject({
      outcome: 'not_met',
      reason: 'Lives in SG3, outside the programme area (SG1, SG2)',
    });
    expect(
      residenceRule(
        { postcode: 'SG3 6AB', noFixedAbode: false, area: { kind: 'no_lookup' }, checks: address },
        { ...context, districts: ['sg1', 'SG3'] },
      ).outcome,
    ).toBe('met');
    expect(at({ kind: 'no_lookup' }, 'SG11 1AA').outcome).toBe('not_met'); // SG11 is not SG1
    expect(at({ kind: 'no_lookup' }, null).outcome).toBe('pending');
  });
  it('needs proof of address as well as the place', () => {
    expect(at(stevenage, 'SG1 1CC', [])).toMatchObject({
      outcome: 'pending',
      reason: 'Lives in Stevenage, Bedwell ward; proof of address not yet seen',
    });
    expect(at(stevenage, 'SG1 1CC', [check('residence', 'met', 'evisa_share_code')]).reason).toMatch(
      /not evidence of address/,
    );
  });
  it('no fixed abode: eligible through a local-connection statement, with no postcode', () => {
    const lcs = [check('residence', 'met', 'local_connection_statement')];
    expect(at({ kind: 'no_lookup' }, null, lcs, true)).toMatchObject({
      outcome: 'met',
      reason: 'No fixed abode; local connection shown (Local-connection statement (no fixed abode) seen 01/01/2026)',
    });
    expect(at({ kind: 'no_lookup' }, null, [], true)).toMatchObject({
      outcome: 'pending',
      reason: 'No fixed abode: record a local-connection statement',
    });
    expect(at({ kind: 'no_lookup' }, null, address, true).outcome).toBe('pending');
    // A statement for someone with an address is not proof of it.
    expect(at(stevenage, 'SG1 1CC', lcs).outcome).toBe('pending');
  });
  it('a check recorded as not met wins', () =>
    expect(at(stevenage, 'SG1 1CC', [check('residence', 'not_met', null)]).outcome).toBe('not_met'));
  it('falls back to the default districts when the list is empty or junk', () =>
    expect(normaliseDistricts(['', 'x y'])).toEqual(['SG1', 'SG2']));

  it('who is local follows the same reading', () => {
    const person = (area: AreaFacts, over: Partial<EligibilityFacts> = {}) => ({
      postcode: 'SG1 1CC',
      noFixedAbode: false,
      area,
      checks: [],
      ...over,
    });
    expect(isLocalPerson(person(stevenage), context)).toBe(true);
    expect(isLocalPerson(person(village), context)).toBe(false);
    expect(isLocalPerson(person({ kind: 'not_found' }), context)).toBe(false);
    expect(isLocalPerson(person({ kind: 'no_lookup' }), context)).toBe(true);
    expect(isLocalPerson(person({ kind: 'no_lookup' }, { postcode: 'LU2 1AA' }), context)).toBe(false);
    const nfa = { postcode: null, noFixedAbode: true };
    expect(isLocalPerson(person({ kind: 'no_lookup' }, nfa), context)).toBe(false);
    expect(
      isLocalPerson(
        person({ kind: 'no_lookup' }, { ...nfa, checks: [check('residence', 'met', 'local_connection_statement')] }),
        context,
      ),
    ).toBe(true);
  });
});

describe('overall status', () => {
  const context = { districts: ['SG1', 'SG2'], localLabel: 'Stevenage' };
  const evidence = [rtw('met'), check('residence', 'met', 'utility_bill')];
  const facts: EligibilityFacts = {
    dateOfBirth: '1990-01-01',
    startDate: '2026-01-10',
    postcode: 'SG1 1AA',
    noFixedAbode: false,
    area: { kind: 'no_lookup' },
    checks: evidence,
  };
  it('is eligible when all rules are met', () =>
    expect(evaluateEligibility(facts, context, '2026-11-23')).toMatchObject({ status: 'eligible', reasons: [] }));
  it('is pending while evidence is missing, with the reasons', () => {
    expect(
      evaluateEligibility({ ...facts, checks: [check('residence', 'met', 'utility_bill')] }, context, '2026-11-23'),
    ).toMatchObject({
      status: 'pending',
      reasons: [
        'Aged 36 on the start date; date of birth not yet evidenced',
        'Right to live and work in the UK not yet evidenced',
      ],
    });
  });
  it('is not eligible when any rule fails, even with others pending', () => {
    const r = evaluateEligibility({ ...facts, checks: [], postcode: 'LU1 1AA' }, context, '2026-11-23');
    expect(r.status).toBe('not_eligible');
    expect(r.reasons).toHaveLength(3);
  });
  it('measures age on today when no start date', () => {
    expect(
      evaluateEligibility({ ...facts, startDate: null, dateOfBirth: '2010-11-24' }, context, '2026-11-23').status,
    ).toBe('not_eligible');
    expect(
      evaluateEligibility({ ...facts, startDate: null, dateOfBirth: '2010-11-23' }, context, '2026-11-23').status,
    ).toBe('eligible');
  });
});
