// The one label lookup (issue 20): every screen shows a code through `labelOfCode` (or an
// area's own list through it), counts through `plural`, and stored free text that may hold
// codes or machine dates (audit summaries written by earlier versions) through `readable`.
// Lists come from the fixed lists in shared/domain; reference data edited in Settings is
// looked up by the screens from the store and passed in as `list`.
import { formatUkDate, formatUkDateTime } from './dates';
import {
  conditionImpactAnswers,
  contactMethods,
  defaultBarriers,
  defaultBenefits,
  disabilities,
  ethnicities,
  healthConditionAnswers,
  labourMarketStatuses,
  qualificationLevels,
  referralSources,
  sexes,
  timeOutOfWork,
  ucConditionalityRegimes,
  PREFER_NOT_TO_SAY,
  type Option,
} from './reference-lists';
import {
  commitmentKinds,
  evidenceKinds,
  organisationKinds,
  placementKinds,
  placementStatuses,
  sectors,
  verificationStatuses,
} from './outcome-lists';
import { cscsCardTypes } from './cscs';
import { candidateStages } from './candidate-stages';
import { engagementKinds, vacancyKinds, vacancyStatuses, wagePeriods } from './vacancy-lists';

/** A course enrolment's status as a person reads it. */
export const enrolmentStatusOptions: Option[] = [
  { code: 'enrolled', label: 'Enrolled' },
  { code: 'waiting', label: 'Waiting list' },
  { code: 'withdrawn', label: 'Withdrawn' },
  { code: 'completed', label: 'Completed' },
  { code: 'not_completed', label: 'Did not complete' },
];

/** The outcome types shipped with the app (migration 0004) and the catalogue's course types
 * (0020), for text written before their labels were used; the store's own labels win on screens
 * that load them. */
const shippedTypes: Option[] = [
  { code: 'job_start', label: 'Job start' },
  { code: 'apprenticeship_start', label: 'Apprenticeship start' },
  { code: 'self_employment', label: 'Self-employment' },
  { code: 'education_training', label: 'Entered education or training' },
  { code: 'course_completed', label: 'Course completed' },
  { code: 'cscs_card', label: 'CSCS card achieved' },
  { code: 'site_ready', label: 'Became site ready' },
  { code: 'work_placement', label: 'Work placement completed' },
  { code: 'sustained_13_weeks', label: 'Sustained in work 13 weeks' },
  { code: 'sustained_26_weeks', label: 'Sustained in work 26 weeks' },
  { code: 'job_search_engaged', label: 'Engaged in job-searching' },
  { code: 'basic_skills', label: 'Accessed basic skills support' },
  { code: 'cscs_pre_employment', label: 'CSCS pre-employment course' },
  { code: 'l1_award', label: 'Level 1 Award in Health and Safety in a Construction Environment' },
  { code: 'hse_test', label: 'CITB HS&E test' },
  { code: 'cscs_card_application', label: 'CSCS card application' },
  { code: 'first_aid', label: 'First aid' },
  { code: 'manual_handling', label: 'Manual handling' },
  { code: 'asbestos_awareness', label: 'Asbestos awareness' },
  { code: 'working_at_height', label: 'Working at height' },
];

const registry = new Map<string, string>();
for (const list of [
  shippedTypes,
  enrolmentStatusOptions,
  [PREFER_NOT_TO_SAY],
  ethnicities,
  sexes,
  healthConditionAnswers,
  conditionImpactAnswers,
  disabilities,
  labourMarketStatuses,
  qualificationLevels,
  timeOutOfWork,
  referralSources,
  contactMethods,
  defaultBarriers,
  defaultBenefits,
  ucConditionalityRegimes,
  sectors,
  organisationKinds,
  placementKinds,
  placementStatuses,
  evidenceKinds,
  verificationStatuses,
  commitmentKinds,
  cscsCardTypes,
  candidateStages,
  vacancyKinds,
  vacancyStatuses,
  wagePeriods,
  engagementKinds,
] as readonly (readonly Option[])[]) {
  // The first list to name a code keeps it (the shipped types before the generic lists).
  for (const o of list) if (!registry.has(o.code)) registry.set(o.code, o.label);
}

/** "ended_early" → "Ended early": words for a code no list names (never shown raw). */
export function wordsOf(code: string): string {
  const words = code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\bcscs\b/g, 'CSCS')
    .replace(/\bhse\b/g, 'HS&E')
    .replace(/\buln\b/g, 'ULN')
    .replace(/\bni\b/g, 'NI')
    .replace(/\bimd\b/g, 'IMD')
    .replace(/\bl(\d)\b/g, 'Level $1');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A code's label: from `list` when given, else from every fixed list, else its words. */
export function labelOfCode(code: string | null | undefined, list?: readonly Option[]): string {
  if (code === null || code === undefined || code === '') return '';
  return list?.find((o) => o.code === code)?.label ?? registry.get(code) ?? wordsOf(code);
}

/** "1 participant", "2 participants", "1,204 rows" (`many` for irregular plurals). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

const ISO_TIMESTAMP = /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?\b/g;
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/g;
const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;

/** Stored text as a person reads it: timestamps in UK local time, dates day-first, codes as labels. */
export function readable(text: string): string {
  return text
    .replace(ISO_TIMESTAMP, (t) => formatUkDateTime(t.replace(' ', 'T')))
    .replace(ISO_DATE, (d) => formatUkDate(d))
    .replace(SNAKE, (code) => labelOfCode(code));
}

/** A value from a record or an audit entry as a person reads it. */
export function readableValue(value: unknown, list?: readonly Option[]): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  if (Array.isArray(value)) return value.map((v) => readableValue(v, list)).join(', ') || '—';
  if (typeof value === 'object')
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${wordsOf(k)}: ${readableValue(v, list)}`)
      .join('; ');
  const s = String(value);
  if (list?.some((o) => o.code === s) || registry.has(s) || /^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(s))
    return labelOfCode(s, list);
  return readable(s);
}

/** One change of an audit entry: "Verified by: — → 1" becomes a labelled line. */
export interface ReadableChange {
  field: string;
  before: string;
  after: string;
}

/** The fields an audit entry changed (before and after as stored JSON objects), labelled. */
export function readableChanges(
  beforeJson: string | null,
  afterJson: string | null,
  fieldLabels: Readonly<Record<string, string>> = {},
  /** Names for ids (a staff member for "verified_by"), when the screen knows them. */
  nameOf: (field: string, value: unknown) => string | undefined = () => undefined,
): ReadableChange[] {
  const show = (k: string, v: unknown) => (v === null || v === undefined ? '—' : (nameOf(k, v) ?? readableValue(v)));
  const parse = (s: string | null): Record<string, unknown> => {
    if (!s) return {};
    try {
      const v: unknown = JSON.parse(s);
      return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
    } catch {
      return { value: s };
    }
  };
  const before = parse(beforeJson);
  const after = parse(afterJson);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({
      field: fieldLabels[k] ?? wordsOf(k),
      before: show(k, before[k]),
      after: show(k, after[k]),
    }));
}
