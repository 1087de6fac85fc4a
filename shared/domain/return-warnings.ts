// Checks on a return's claim lines before it goes to a funder: counted outcomes without the
// evidence the indicator requires, people whose eligibility is not confirmed, possible duplicate
// people among those counted (same date of birth, scored by person-match), and outcomes dated
// outside the person's time on the programme; people and items also claimed to another funder for
// an overlapping period (double funding, which funders claw back); items a rule would count but
// that have no funding stream. Pure, so tests need no database.
import { scorePersonMatch } from './person-match';
import { formatUkDate } from './dates';

/** A warning's date as staff read it (dd/mm/yyyy; '?' when the item has none). */
const ukDate = (iso: string | null) => (iso ? formatUkDate(iso) : '?');

export interface WarningLine {
  indicatorCode: string;
  personId: number | null;
  itemKind: string;
  itemId: number;
  itemDate: string | null;
  evidenceCount: number | null;
  verifiedWithoutEvidence?: number | null;
  reference: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  niNumber: string | null;
  postcode: string | null;
  phone: string | null;
  eligibilityStatus: string | null;
  startDate: string | null;
  leaveDate: string | null;
}

export type WarningKind =
  | 'missing_evidence'
  | 'verified_without_evidence'
  | 'eligibility_not_confirmed'
  | 'possible_duplicate'
  | 'outside_enrolment'
  | 'claimed_by_other_funder'
  | 'no_funding_stream';

export interface Warning {
  kind: WarningKind;
  indicatorCode: string | null;
  participantId: number | null;
  reference: string | null;
  message: string;
  /** The people the warning names (one, or both of a possible duplicate). */
  people: number[];
}

const pairKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);

export function returnWarnings(
  lines: WarningLine[],
  evidenceRequired: ReadonlyMap<string, string>,
  notDuplicatePairs: ReadonlySet<string> = new Set(),
): Warning[] {
  const warnings: Warning[] = [];
  const people = new Map<number, WarningLine>();
  for (const l of lines) {
    if (l.personId !== null && !people.has(l.personId)) people.set(l.personId, l);
    const ref = l.reference ?? `#${l.personId}`;
    if (
      l.itemKind === 'outcome' &&
      (l.evidenceCount ?? 0) === 0 &&
      (evidenceRequired.get(l.indicatorCode) ?? '').trim() !== ''
    ) {
      warnings.push({
        kind: 'missing_evidence',
        indicatorCode: l.indicatorCode,
        participantId: l.personId,
        reference: l.reference,
        people: l.personId === null ? [] : [l.personId],
        message: `${ref}: the outcome dated ${ukDate(l.itemDate)} counted under ${l.indicatorCode} has no evidence recorded`,
      });
    }
    if (l.itemKind === 'outcome' && l.verifiedWithoutEvidence) {
      warnings.push({
        kind: 'verified_without_evidence',
        indicatorCode: l.indicatorCode,
        participantId: l.personId,
        reference: l.reference,
        people: l.personId === null ? [] : [l.personId],
        message: `${ref}: the outcome dated ${ukDate(l.itemDate)} counted under ${l.indicatorCode} was verified without the evidence its type needs`,
      });
    }
    if (
      l.itemKind === 'outcome' &&
      l.itemDate &&
      ((l.startDate && l.itemDate < l.startDate) || (l.leaveDate && l.itemDate > l.leaveDate))
    ) {
      warnings.push({
        kind: 'outside_enrolment',
        indicatorCode: l.indicatorCode,
        participantId: l.personId,
        reference: l.reference,
        people: l.personId === null ? [] : [l.personId],
        message:
          `${ref}: the outcome dated ${ukDate(l.itemDate)} under ${l.indicatorCode} is outside their time on the programme ` +
          `(${ukDate(l.startDate)} to ${l.leaveDate ? ukDate(l.leaveDate) : 'now'})`,
      });
    }
  }
  const byDob = new Map<string, WarningLine[]>();
  for (const p of people.values()) {
    if (p.eligibilityStatus !== 'eligible') {
      warnings.push({
        kind: 'eligibility_not_confirmed',
        indicatorCode: null,
        participantId: p.personId,
        reference: p.reference,
        people: p.personId === null ? [] : [p.personId],
        message: `${p.reference ?? `#${p.personId}`}: eligibility is ${p.eligibilityStatus ?? 'not recorded'}, not confirmed`,
      });
    }
    if (p.dateOfBirth) byDob.set(p.dateOfBirth, [...(byDob.get(p.dateOfBirth) ?? []), p]);
  }
  for (const group of byDob.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!,
          b = group[j]!;
        if (notDuplicatePairs.has(pairKey(a.personId!, b.personId!))) continue;
        const score = scorePersonMatch(keys(a), keys(b));
        if (score.level === 'none') continue;
        warnings.push({
          kind: 'possible_duplicate',
          indicatorCode: null,
          participantId: a.personId,
          reference: a.reference,
          people: [a.personId!, b.personId!],
          message: `${a.reference} and ${b.reference} may be the same person (${score.level}: ${score.reasons.map((r) => r.text).join(', ')})`,
        });
      }
    }
  }
  return warnings;
}

function keys(l: WarningLine) {
  return {
    firstName: l.firstName ?? '',
    lastName: l.lastName ?? '',
    dateOfBirth: l.dateOfBirth,
    niNumber: l.niNumber,
    postcode: l.postcode,
    phone: l.phone,
  };
}

export { pairKey as notDuplicatePairKey };

/** A line of another funder's submitted return whose period overlaps this one. */
export interface OtherFunderClaim {
  personId: number | null;
  itemKind: string;
  itemId: number;
  funderName: string;
  indicatorCode: string;
  periodLabel: string;
}

const itemWords: Record<string, string> = {
  outcome: 'outcome',
  placement: 'placement',
  enrolment: 'enrolment',
  participant: 'start',
  funding_spell: 'funded start',
  site_ready: 'site-ready sign-off',
  course_run: 'course run',
};

/** People and items of this return also claimed to another funder for an overlapping period: one
 * warning per item claimed twice, and one per person and other funder for the rest. */
export function otherFunderWarnings(
  lines: ReadonlyArray<
    Pick<WarningLine, 'indicatorCode' | 'personId' | 'itemKind' | 'itemId' | 'itemDate' | 'reference'>
  >,
  others: readonly OtherFunderClaim[],
): Warning[] {
  const warnings: Warning[] = [];
  const byItem = new Map<string, OtherFunderClaim[]>();
  const byPerson = new Map<number, OtherFunderClaim[]>();
  for (const o of others) {
    const k = `${o.itemKind}:${o.itemId}`;
    byItem.set(k, [...(byItem.get(k) ?? []), o]);
    if (o.personId !== null) byPerson.set(o.personId, [...(byPerson.get(o.personId) ?? []), o]);
  }
  const itemWarned = new Set<string>();
  const personWarned = new Set<string>();
  for (const l of lines) {
    const ref = l.reference ?? (l.personId !== null ? `#${l.personId}` : `${l.itemKind} #${l.itemId}`);
    for (const o of byItem.get(`${l.itemKind}:${l.itemId}`) ?? []) {
      const key = `${l.indicatorCode}:${l.itemKind}:${l.itemId}:${o.funderName}`;
      if (itemWarned.has(key)) continue;
      itemWarned.add(key);
      if (l.personId !== null) personWarned.add(`${l.personId}:${o.funderName}`);
      warnings.push({
        kind: 'claimed_by_other_funder',
        indicatorCode: l.indicatorCode,
        participantId: l.personId,
        reference: l.reference,
        people: l.personId === null ? [] : [l.personId],
        message:
          `${ref}: the ${itemWords[l.itemKind] ?? l.itemKind} dated ${ukDate(l.itemDate)} counted under ${l.indicatorCode} is also ` +
          `claimed to ${o.funderName} (${o.indicatorCode}, ${o.periodLabel}): the same item must not be funded twice`,
      });
    }
  }
  for (const l of lines) {
    if (l.personId === null) continue;
    for (const o of byPerson.get(l.personId) ?? []) {
      const key = `${l.personId}:${o.funderName}`;
      if (personWarned.has(key)) continue;
      personWarned.add(key);
      warnings.push({
        kind: 'claimed_by_other_funder',
        indicatorCode: null,
        participantId: l.personId,
        reference: l.reference,
        people: [l.personId],
        message:
          `${l.reference ?? `#${l.personId}`} is also claimed to ${o.funderName} for an overlapping period ` +
          `(${o.indicatorCode}, ${o.periodLabel}): check each funder paid for what it is claimed for`,
      });
    }
  }
  return warnings;
}

/** Items with no funding stream at all: counted by an indicator that does not look at funding
 * (`counted`), or left out by one that does though they would count once attributed to one of
 * the funder's streams. */
export function noStreamWarnings(
  lines: ReadonlyArray<
    Pick<WarningLine, 'indicatorCode' | 'personId' | 'itemKind' | 'itemId' | 'itemDate' | 'reference'>
  >,
  counted: boolean,
): Warning[] {
  return lines.map((l) => ({
    kind: 'no_funding_stream' as const,
    indicatorCode: l.indicatorCode,
    participantId: l.personId,
    reference: l.reference,
    people: l.personId === null ? [] : [l.personId],
    message:
      `${l.reference ?? `${l.itemKind} #${l.itemId}`}: the ${itemWords[l.itemKind] ?? l.itemKind} dated ${ukDate(l.itemDate)} ` +
      (counted
        ? `is counted under ${l.indicatorCode} but has no funding stream`
        : `is left out of ${l.indicatorCode}: it has no funding stream`) +
      ": record the person's funding spell or attribute the item",
  }));
}
