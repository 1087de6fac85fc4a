// Programme eligibility as pure rules, shared by the form (instant status) and the backend
// (the stored status), in the form an auditor accepts: aged 16+ on the start date with the date
// of birth evidenced, right to live and work in the UK evidenced by a document that shows it
// (eligibility-evidence.ts), and living in the local area with proof of address, or, for people
// with no fixed abode, a local-connection statement. "Local" is where the postcode directory puts
// the postcode (the local authorities set in Settings); with no directory loaded, the programme's
// postcode districts (a setting, default SG1/SG2) stand in.
import { ageOn, formatUkDate } from './dates';
import { postcodeDistrict } from './identifiers';
import { checkLabels, evidenceAcceptance, evidenceLabel, type EligibilityCheckCode } from './eligibility-evidence';

export type EligibilityStatus = 'eligible' | 'pending' | 'not_eligible';
export type RuleOutcome = 'met' | 'pending' | 'not_met';

export const ELIGIBILITY_SETTING_KEY = 'eligibility.postcodeDistricts';
export const DEFAULT_DISTRICTS = ['SG1', 'SG2'] as const;
export const MINIMUM_AGE = 16;

export interface EligibilityCheckInput {
  checkCode: string;
  outcome: RuleOutcome;
  evidenceType: string | null;
  seenOn: string | null;
  /** Used to pick the latest check of each kind. */
  recordedAt: string;
}

/** Where the postcode directory puts the person's postcode. */
export type AreaFacts =
  | {
      kind: 'resolved';
      laCode: string;
      laName: string | null;
      wardName: string | null;
      isLocal: boolean;
      /** "2019-06" when the postcode is no longer in use. */
      terminatedOn: string | null;
    }
  | { kind: 'not_found' }
  /** No postcode directory loaded: the postcode districts setting decides. */
  | { kind: 'no_lookup' };

export interface EligibilityFacts {
  dateOfBirth: string | null;
  /** Start date, else referral date, else today: the day age is measured on. */
  startDate: string | null;
  postcode: string | null;
  noFixedAbode: boolean;
  area: AreaFacts;
  checks: EligibilityCheckInput[];
}

export interface EligibilityContext {
  /** Postcode districts standing in for the local area while no postcode directory is loaded. */
  districts: readonly string[];
  /** The local area in words ("Stevenage"), for reasons. */
  localLabel: string;
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

const seen = (c: EligibilityCheckInput) =>
  `${evidenceLabel(c.evidenceType ?? '')} seen${c.seenOn ? ` ${formatUkDate(c.seenOn)}` : ''}`;

/** The evidence of `check` in the latest met check, judged; null when there is none. */
function judged(
  check: EligibilityCheckInput | undefined,
  code: EligibilityCheckCode,
  noFixedAbode = false,
): { ok: true; what: string } | { ok: false; reason: string } | null {
  if (!check || check.outcome !== 'met') return null;
  if (!check.evidenceType) return { ok: false, reason: 'recorded without the evidence seen' };
  const a = evidenceAcceptance(code, check.evidenceType, check.seenOn, { noFixedAbode });
  return a.accepted ? { ok: true, what: seen(check) } : { ok: false, reason: a.reason };
}

export function ageRule(dateOfBirth: string | null, onDate: string, checks: EligibilityCheckInput[] = []): RuleResult {
  const base = { code: 'age' as const, label: checkLabels.age };
  if (!dateOfBirth) return { ...base, outcome: 'pending', reason: 'Date of birth not recorded' };
  const age = ageOn(dateOfBirth, onDate);
  if (age < MINIMUM_AGE)
    return { ...base, outcome: 'not_met', reason: `Aged ${age} on the start date; must be ${MINIMUM_AGE} or over` };
  const ageCheck = latest(checks, 'age');
  if (ageCheck?.outcome === 'not_met')
    return { ...base, outcome: 'not_met', reason: 'The date of birth was checked and not confirmed' };
  // A right-to-work document that shows the date of birth (passport, birth certificate) does for both.
  const own = judged(ageCheck, 'age');
  const viaRtw = judged(latest(checks, 'right_to_work'), 'age');
  const ok = own?.ok ? own : viaRtw?.ok ? viaRtw : null;
  if (ok) return { ...base, outcome: 'met', reason: `Aged ${age} on the start date (${ok.what})` };
  const why = own && !own.ok ? own.reason : 'date of birth not yet evidenced';
  return { ...base, outcome: 'pending', reason: `Aged ${age} on the start date; ${why}` };
}

export function rightToWorkRule(checks: EligibilityCheckInput[]): RuleResult {
  const base = { code: 'right_to_work' as const, label: checkLabels.right_to_work };
  const check = latest(checks, 'right_to_work');
  if (!check || check.outcome === 'pending')
    return { ...base, outcome: 'pending', reason: 'Right to live and work in the UK not yet evidenced' };
  if (check.outcome === 'not_met')
    return { ...base, outcome: 'not_met', reason: 'No right to live and work in the UK' };
  const j = judged(check, 'right_to_work')!;
  if (!j.ok)
    return {
      ...base,
      outcome: 'pending',
      reason: check.evidenceType
        ? `Not evidenced: ${j.reason}`
        : 'Right to live and work recorded without the evidence seen',
    };
  return { ...base, outcome: 'met', reason: `Evidenced (${j.what})` };
}

export function residenceRule(
  facts: Pick<EligibilityFacts, 'postcode' | 'noFixedAbode' | 'area' | 'checks'>,
  context: EligibilityContext,
): RuleResult {
  const base = { code: 'residence' as const, label: checkLabels.residence };
  const check = latest(facts.checks, 'residence');
  if (check?.outcome === 'not_met')
    return { ...base, outcome: 'not_met', reason: 'Checked: does not live in the local area' };
  const evidence = judged(check, 'residence', facts.noFixedAbode);

  if (facts.noFixedAbode) {
    if (evidence?.ok && check?.evidenceType === 'local_connection_statement')
      return { ...base, outcome: 'met', reason: `No fixed abode; local connection shown (${evidence.what})` };
    return { ...base, outcome: 'pending', reason: 'No fixed abode: record a local-connection statement' };
  }
  if (!facts.postcode) return { ...base, outcome: 'pending', reason: 'Postcode not recorded' };
  // A check recorded as met proves the address, not that it is local. Said beside "not met", or
  // the officer who recorded it sees their "met" overruled with no reason why.
  const overruled = (outside: string) =>
    check?.outcome === 'met'
      ? `${outside}; ${evidence?.ok ? `proof of address (${evidence.what})` : 'a check recorded as met'} does not make the address local`
      : outside;

  let where: string;
  const area = facts.area;
  if (area.kind === 'resolved') {
    const la = area.laName ?? area.laCode;
    if (!area.isLocal)
      return {
        ...base,
        outcome: 'not_met',
        reason: overruled(`Lives in ${la}, outside the local area (${context.localLabel})`),
      };
    where = `Lives in ${la}${area.wardName ? `, ${area.wardName} ward` : ''}`;
    if (area.terminatedOn) where += ` (postcode ${facts.postcode} is no longer in use: check the address)`;
  } else if (area.kind === 'not_found') {
    return {
      ...base,
      outcome: 'pending',
      reason: `Postcode ${facts.postcode} is not in the postcode directory: check it`,
    };
  } else {
    const list = normaliseDistricts(context.districts);
    const district = postcodeDistrict(facts.postcode);
    if (!district) return { ...base, outcome: 'pending', reason: 'Postcode not recorded' };
    if (!list.includes(district))
      return {
        ...base,
        outcome: 'not_met',
        reason: overruled(`Lives in ${district}, outside the programme area (${list.join(', ')})`),
      };
    where = `Lives in ${district}`;
  }
  if (evidence?.ok) return { ...base, outcome: 'met', reason: `${where} (${evidence.what})` };
  return {
    ...base,
    outcome: 'pending',
    reason: `${where}; ${evidence ? evidence.reason : 'proof of address not yet seen'}`,
  };
}

/** Whether the person counts as local ("local people", local jobs, the local area filter): their
 * postcode is in a local authority set in Settings (with no directory loaded, in one of the
 * programme's postcode districts), or, with no fixed abode, a local connection is evidenced. */
export function isLocalPerson(
  facts: Pick<EligibilityFacts, 'postcode' | 'noFixedAbode' | 'area' | 'checks'>,
  context: Pick<EligibilityContext, 'districts'>,
): boolean {
  if (facts.noFixedAbode) {
    const check = latest(facts.checks, 'residence');
    const evidence = judged(check, 'residence', true);
    return !!evidence?.ok && check?.evidenceType === 'local_connection_statement';
  }
  if (!facts.postcode) return false;
  if (facts.area.kind === 'resolved') return facts.area.isLocal;
  if (facts.area.kind === 'not_found') return false;
  const district = postcodeDistrict(facts.postcode);
  return !!district && normaliseDistricts(context.districts).includes(district);
}

/** The whole rule: not eligible if any rule is not met, pending if any awaits evidence. */
export function evaluateEligibility(
  facts: EligibilityFacts,
  context: EligibilityContext,
  today: string,
): EligibilityResult {
  const onDate = facts.startDate ?? today;
  const rules = [
    ageRule(facts.dateOfBirth, onDate, facts.checks),
    rightToWorkRule(facts.checks),
    residenceRule(facts, context),
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
