// A counting rule being built from parts in the set editor (renderer/features/returns/RuleBuilder):
// changing what is counted keeps the parts that still apply and drops the rest, so the rule the
// form shows is always one the schema can accept (or says which part is missing). Pure.
import { dateFieldsBySubject, type AgeRange, type CountingRule, type RuleSubject } from './counting-rule';

/** A rule part-way through editing: every part optional until it is checked on save. */
export type RuleDraft = Partial<CountingRule>;

const everyone = [
  'eligibleOnly',
  'attendedEvent',
  'ageAtStart',
  'sexes',
  'labourMarketStatuses',
  'qualificationLevels',
  'postcodeDistricts',
  'area',
  'barriers',
  'funding',
  'fundingStreams',
  'fundingProjects',
  'excludeClaimedInSubmittedReturns',
  'notCountedUnder',
] as const satisfies ReadonlyArray<keyof CountingRule>;

/** The parts of a rule each subject can use, beyond subject, date and what is counted once. */
export const partsBySubject: Record<RuleSubject, ReadonlyArray<keyof CountingRule>> = {
  participants: [...everyone, 'countReEntries'],
  funding_spells: everyone,
  outcomes: [...everyone, 'outcomeTypes', 'verifiedOnly', 'sectors', 'apprenticeshipLevels', 'minHoursPerWeek'],
  enrolments: [...everyone, 'enrolmentStatuses', 'cscsOnly'],
  course_runs: ['cscsOnly', 'funding', 'fundingStreams', 'excludeClaimedInSubmittedReturns', 'notCountedUnder'],
  site_ready: everyone,
  placements: [...everyone, 'placementKinds', 'apprenticeshipLevels', 'minHoursPerWeek'],
};

/** What each subject can be counted once by. */
export function distinctFor(subject: RuleSubject): ReadonlyArray<CountingRule['countDistinct']> {
  if (subject === 'course_runs') return ['item'];
  if (subject === 'outcomes' || subject === 'placements') return ['participant', 'item', 'employer'];
  return ['participant', 'item'];
}

/** The draft counting something else: the date and "count once by" move to ones that subject has;
 * parts that do not apply to it are dropped. */
export function changeSubject(draft: RuleDraft, subject: RuleSubject): RuleDraft {
  const keep = new Set<string>(partsBySubject[subject]);
  const next: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(draft)) if (keep.has(k)) next[k] = v;
  const dates = dateFieldsBySubject[subject];
  const distinct = distinctFor(subject);
  return {
    ...next,
    subject,
    dateField: draft.dateField && dates.includes(draft.dateField) ? draft.dateField : dates[0]!,
    countDistinct: draft.countDistinct && distinct.includes(draft.countDistinct) ? draft.countDistinct : distinct[0]!,
    ...(subject === 'outcomes' && draft.subject !== 'outcomes' ? { verifiedOnly: true } : {}),
  };
}

/** One part set, or removed when empty (an empty list, false or nothing), so the saved rule carries
 * only the parts that choose something. */
export function withPart<K extends keyof CountingRule>(draft: RuleDraft, key: K, value: CountingRule[K] | undefined) {
  const next: RuleDraft = { ...draft };
  const empty =
    value === undefined ||
    (Array.isArray(value) && value.length === 0) ||
    (value === false && key !== 'excludeClaimedInSubmittedReturns');
  if (empty) delete next[key];
  else next[key] = value;
  return next;
}

/** Age ranges offered as ticks: those the strategies' measures ask for. */
export const agePresets: ReadonlyArray<{ code: string; label: string; range: AgeRange }> = [
  { code: '16-18', label: '16 to 18', range: { min: 16, max: 18 } },
  { code: '16-24', label: '16 to 24', range: { min: 16, max: 24 } },
  { code: '19-24', label: '19 to 24', range: { min: 19, max: 24 } },
  { code: '19-65', label: '19 to 65', range: { min: 19, max: 65 } },
  { code: '25-49', label: '25 to 49', range: { min: 25, max: 49 } },
  { code: '50+', label: '50 or over', range: { min: 50 } },
];

export const sameRange = (a: AgeRange, b: AgeRange) => a.min === b.min && a.max === b.max;
