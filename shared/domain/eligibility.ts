// Programme eligibility as pure rules, shared by the form (instant status) and the backend
// (the stored status): aged 16+ on the start date, right to live and work in the UK evidenced,
// and living in one of the programme's postcode districts (a setting, default SG1/SG2).
import { ageOn } from './dates';
import { postcodeDistrict } from './identifiers';

export type EligibilityStatus = 'eligible' | 'pending' | 'not_eligible';
export type RuleOutcome = 'met' | 'pending' | 'not_met';

export const ELIGIBILITY_SETTING_KEY = 'eligibility.postcodeDistricts';
export const DEFAULT_DISTRICTS = ['SG1', 'SG2'] as const;
export const MINIMUM_AGE = 16;

/** The checks an officer records, each with the evidence seen. */
export const eligibilityCheckCodes = ['age', 'right_to_work', 'residence'] as const;
export type EligibilityCheckCode = (typeof eligibilityCheckCodes)[number];

export const checkLabels: Record<EligibilityCheckCode, string> = {
  age: 'Aged 16 or over on the start date',
  right_to_work: 'Right to live and work in the UK',
  residence: 'Lives in the programme area',
};

/** Evidence types (DOMAIN.md §3, ESF conventions); stored as codes. */
export const evidenceTypes = [
  { code: 'passport', label: 'Passport' },
  { code: 'birth_certificate_and_ni', label: 'Birth certificate and NI evidence' },
  { code: 'home_office_share_code', label: 'Home Office share code / status' },
  { code: 'biometric_residence_permit', label: 'Biometric residence permit' },
  { code: 'driving_licence', label: 'Driving licence' },
  { code: 'proof_of_address', label: 'Proof of address (bill, tenancy, council tax)' },
  { code: 'dwp_letter', label: 'DWP letter or referral' },
  { code: 'other', label: 'Other document' },
] as const;

export interface EligibilityCheckInput {
  checkCode: string;
  outcome: RuleOutcome;
  evidenceType: string | null;
  seenOn: string | null;
  /** Used to pick the latest check of each kind. */
  recordedAt: string;
}

export interface EligibilityFacts {
  dateOfBirth: string | null;
  /** Start date, else referral date, else today: the day age is measured on. */
  startDate: string | null;
  postcode: string | null;
  checks: EligibilityCheckInput[];
}

export interface RuleResult {
  code: EligibilityCheckCode;
  label: string;
  outcome: RuleOutcome;
  reason: string;
}

export interface EligibilityResult {
  status: EligibilityStatus;
  rules: RuleResult[];
  /** The reasons that keep the person from being eligible (empty when eligible). */
  reasons: string[];
}

/** Upper-cased, de-duplicated districts such as "SG1"; an empty list falls back to the default. */
export function normaliseDistricts(list: readonly string[]): string[] {
  const out = [...new Set(list.map((d) => d.trim().toUpperCase()).filter((d) => /^[A-Z]{1,2}\d[A-Z\d]?$/.test(d)))];
  return out.length ? out : [...DEFAULT_DISTRICTS];
}

function latest(checks: EligibilityCheckInput[], code: EligibilityCheckCode): EligibilityCheckInput | undefined {
  return checks
    .filter((c) => c.checkCode === code)
    .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0))[0];
}

export function ageRule(dateOfBirth: string | null, onDate: string): RuleResult {
  const base = { code: 'age' as const, label: checkLabels.age };
  if (!dateOfBirth) return { ...base, outcome: 'pending', reason: 'Date of birth not recorded' };
  const age = ageOn(dateOfBirth, onDate);
  if (age < MINIMUM_AGE)
    return { ...base, outcome: 'not_met', reason: `Aged ${age} on the start date; must be ${MINIMUM_AGE} or over` };
  return { ...base, outcome: 'met', reason: `Aged ${age} on the start date` };
}

export function rightToWorkRule(checks: EligibilityCheckInput[]): RuleResult {
  const base = { code: 'right_to_work' as const, label: checkLabels.right_to_work };
  const check = latest(checks, 'right_to_work');
  if (!check || check.outcome === 'pending')
    return { ...base, outcome: 'pending', reason: 'Right to live and work in the UK not yet evidenced' };
  if (check.outcome === 'not_met')
    return { ...base, outcome: 'not_met', reason: 'No right to live and work in the UK' };
  if (!check.evidenceType)
    return { ...base, outcome: 'pending', reason: 'Right to live and work recorded without the evidence seen' };
  return { ...base, outcome: 'met', reason: `Evidenced (${evidenceLabel(check.evidenceType)})` };
}

export function residenceRule(postcode: string | null, districts: readonly string[]): RuleResult {
  const base = { code: 'residence' as const, label: checkLabels.residence };
  const list = normaliseDistricts(districts);
  const district = postcodeDistrict(postcode);
  if (!district) return { ...base, outcome: 'pending', reason: 'Postcode not recorded' };
  if (!list.includes(district))
    return {
      ...base,
      outcome: 'not_met',
      reason: `Lives in ${district}, outside the programme area (${list.join(', ')})`,
    };
  return { ...base, outcome: 'met', reason: `Lives in ${district}` };
}

export function evidenceLabel(code: string): string {
  return evidenceTypes.find((e) => e.code === code)?.label ?? code;
}

/** The whole rule: not eligible if any rule is not met, pending if any awaits evidence. */
export function evaluateEligibility(
  facts: EligibilityFacts,
  districts: readonly string[],
  today: string,
): EligibilityResult {
  const onDate = facts.startDate ?? today;
  const rules = [
    ageRule(facts.dateOfBirth, onDate),
    rightToWorkRule(facts.checks),
    residenceRule(facts.postcode, districts),
  ];
  const status: EligibilityStatus = rules.some((r) => r.outcome === 'not_met')
    ? 'not_eligible'
    : rules.some((r) => r.outcome === 'pending')
      ? 'pending'
      : 'eligible';
  return { status, rules, reasons: rules.filter((r) => r.outcome !== 'met').map((r) => r.reason) };
}

export const eligibilityLabels: Record<EligibilityStatus, string> = {
  eligible: 'Eligible',
  pending: 'Pending evidence',
  not_eligible: 'Not eligible',
};
