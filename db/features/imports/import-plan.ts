// What one typed row would do to our records, per kind: new, changed (old → new per field) or
// unchanged, or why it cannot be imported. Reads only (import-plan.repository.ts); the commit
// writes the plan.
import type { Db } from '../../store/schema';
import type { ParticipantRow } from '../../store/tables/participants.tables';
import { fieldOf, type ImportKind, type ImportProfile } from '../../../shared/domain/import-profile';
import { codeKey, type FieldValue } from '../../../shared/domain/import-rows';
import { nameKey } from '../../../shared/domain/person-match';
import { phoneDigits } from '../../../shared/domain/identifiers';
import { formatUkDate } from '../../../shared/domain/dates';
import type { PreviewStatus } from '../../../shared/contract/imports.contract';
import type { FieldChange } from './import-state';
import { findParticipant } from '../participants/participants.repository';
import { partnerRunKey, planEnrolmentRow, planResultRow } from './import-plan-courses';
import { laterReferralDates } from '../participants/referrals.repository';
import { isNewReferral } from '../../../shared/domain/referrals';
import { findOutcomeOn, findPlacementStarting, lookupRows, participantsByIds } from './import-plan.repository';

export interface Lookups {
  outcomeTypes: string[];
  organisations: Map<string, number>;
  /** codeKey(course type code or name) + '|' + start date → course run id. */
  courseRuns: Map<string, { id: number; endDate: string }>;
  /** partnerRunKey(partner, their code) → the runs they call so. */
  partnerRuns: Map<string, Array<{ id: number; startDate: string; endDate: string }>>;
  /** codeKey(course type code or name) → the catalogue entry. */
  courseTypes: Map<string, { id: number; code: string; name: string }>;
  /** What a course_type cell may say: the active catalogue's codes and names. */
  courseTypeWords: string[];
}

export async function loadLookups(db: Db): Promise<Lookups> {
  const rows = await lookupRows(db);
  const courseRuns = new Map<string, { id: number; endDate: string }>();
  for (const r of rows.courseRuns) {
    courseRuns.set(`${codeKey(r.code)}|${r.start_date}`, { id: r.id, endDate: r.end_date });
    courseRuns.set(`${codeKey(r.name)}|${r.start_date}`, { id: r.id, endDate: r.end_date });
  }
  const partnerRuns: Lookups['partnerRuns'] = new Map();
  for (const r of rows.partnerRuns) {
    const key = partnerRunKey(r.partner, r.partner_code);
    const list = partnerRuns.get(key) ?? [];
    list.push({ id: r.id, startDate: r.start_date, endDate: r.end_date });
    partnerRuns.set(key, list);
  }
  const active = rows.courseTypes.filter((t) => t.is_active === 1);
  const courseTypes: Lookups['courseTypes'] = new Map();
  for (const t of active) {
    courseTypes.set(codeKey(t.code), t);
    courseTypes.set(codeKey(t.name), t);
  }
  return {
    outcomeTypes: rows.outcomeTypes.map((t) => t.code),
    organisations: new Map(rows.organisations.map((o) => [codeKey(o.name), o.id])),
    courseRuns,
    partnerRuns,
    courseTypes,
    courseTypeWords: active.flatMap((t) => [t.code, t.name]),
  };
}

/** Code lists checked while typing rows that come from the store rather than the field. */
export const storeCodes = (lookups: Lookups) => ({
  outcome_type: lookups.outcomeTypes,
  course_type: lookups.courseTypeWords,
});

/** The participant columns an import may set, in the order changes are listed. */
export const participantColumns = [
  'first_name',
  'last_name',
  'date_of_birth',
  'ni_number',
  'uln',
  'phone',
  'email',
  'address_line1',
  'address_line2',
  'town',
  'postcode',
  'referral_date',
  'referral_source',
  'referrer_name',
  'start_date',
  'leave_date',
] as const;
export type ParticipantColumn = (typeof participantColumns)[number];

const show = (field: string, v: unknown): string | null =>
  v === null || v === undefined || v === '' ? null : /date|_on$/.test(field) ? formatUkDate(String(v)) : String(v);

/** Same value for our purposes: names ignoring case and accents, phones by digits. */
export function sameValue(field: string, ours: unknown, theirs: FieldValue): boolean {
  if (ours === null || ours === undefined || ours === '') return false;
  if (field === 'first_name' || field === 'last_name') return nameKey(String(ours)) === nameKey(String(theirs));
  if (field === 'phone') return phoneDigits(String(ours)) === phoneDigits(String(theirs));
  if (typeof theirs === 'number') return Number(ours) === theirs;
  return String(ours).trim() === String(theirs).trim();
}

/** Field-by-field changes, blanks in the file never counted (they never overwrite). */
export function diffFields(
  kind: ImportKind,
  ours: Record<string, unknown>,
  theirs: Record<string, FieldValue>,
  map: Record<string, string>,
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, column] of Object.entries(map)) {
    const v = theirs[field];
    if (v === undefined || v === '') continue;
    if (!sameValue(field, ours[column], v))
      out.push({
        field,
        label: fieldOf(kind, field)?.label ?? field,
        from: show(field, ours[column]),
        to: show(field, v) ?? '',
      });
  }
  return out;
}

export interface RowPlan {
  status: Exclude<PreviewStatus, 'review' | 'repeat'>;
  changes: FieldChange[];
  target: Record<string, number | string | null>;
  problem: string | null;
  warning: string | null;
}

const identity = Object.fromEntries(participantColumns.map((c) => [c, c]));
const plan = (
  status: RowPlan['status'],
  changes: FieldChange[] = [],
  target: RowPlan['target'] = {},
  problem: string | null = null,
  warning: string | null = null,
): RowPlan => ({ status, changes, target, problem, warning });

/** A matched person's record with the dates of their later referrals. */
type KnownPerson = ParticipantRow & { laterReferralDates: string[] };
export type ParticipantCache = Map<number, KnownPerson>;

/** Matched people's records in a few queries, for planning thousands of rows. */
export async function prefetchParticipants(db: Db, ids: number[]): Promise<ParticipantCache> {
  const later = await laterReferralDates(db, ids);
  return new Map(
    (await participantsByIds(db, ids)).map((p) => [p.id, { ...p, laterReferralDates: later.get(p.id) ?? [] }]),
  );
}

/** The fields that belong to one referral (a programme episode): a new referral's, never the first's. */
const referralFields = new Set(['referral_date', 'referral_source', 'referrer_name', 'start_date', 'leave_date']);

async function knownPerson(db: Db, id: number, cache?: ParticipantCache): Promise<KnownPerson | null> {
  const cached = cache?.get(id);
  if (cached) return cached;
  const row = await findParticipant(db, id);
  return row ? { ...row, laterReferralDates: (await laterReferralDates(db, [id])).get(id) ?? [] } : null;
}

export async function planRow(
  db: Db,
  profile: ImportProfile,
  values: Record<string, FieldValue>,
  participantId: number | null,
  lookups: Lookups,
  cache?: ParticipantCache,
): Promise<RowPlan> {
  const kind = profile.kind;
  if (kind === 'participants') {
    if (participantId === null) {
      if (!values.first_name || !values.last_name)
        return plan('error', [], {}, 'A first and a last name are needed to add a new person');
      return plan('new');
    }
    const ours = await knownPerson(db, participantId, cache);
    if (!ours) return plan('error', [], {}, 'The matched person no longer exists');
    const theirs = values.referral_date === undefined ? null : String(values.referral_date);
    if (theirs && isNewReferral({ first: ours.referral_date, later: ours.laterReferralDates }, theirs)) {
      // Referred again: accepting the row adds a new referral; the first one's dates stay as they are.
      const other = Object.fromEntries(Object.entries(values).filter(([field]) => !referralFields.has(field)));
      const first = formatUkDate(ours.referral_date);
      const changes: FieldChange[] = [
        {
          field: 'new_referral',
          label: 'New referral',
          from: `first referral ${first} kept`,
          to: formatUkDate(theirs),
        },
        ...diffFields(kind, ours, other, identity),
      ];
      return plan(
        'changed',
        changes,
        { participantId, newReferral: theirs },
        null,
        `Referred again on ${formatUkDate(theirs)}: accepting adds a new referral; the first (${first}) is kept`,
      );
    }
    // A referral already recorded as a later one: its fields are that referral's, not the first's.
    const known = theirs !== null && ours.laterReferralDates.includes(theirs);
    const compared = known
      ? Object.fromEntries(Object.entries(values).filter(([field]) => !referralFields.has(field)))
      : values;
    const changes = diffFields(kind, ours, compared, identity);
    return plan(changes.length ? 'changed' : 'unchanged', changes, { participantId });
  }
  if (participantId === null)
    return plan('error', [], {}, 'No one in our records matches this row (import them as referrals first)');
  const str = (k: string) => (values[k] === undefined ? null : String(values[k]));
  const employer = str('employer');
  const employerOrgId = employer ? (lookups.organisations.get(codeKey(employer)) ?? null) : null;
  const employerWarning =
    employer && employerOrgId === null
      ? `Employer "${employer}" is not in our organisations; it is kept in the notes`
      : null;

  if (kind === 'outcomes') {
    const type = str('outcome_type')!,
      date = str('outcome_date')!;
    const existing = await findOutcomeOn(db, participantId, type, date);
    if (existing) return plan('unchanged', [], { participantId, outcomeId: existing.id });
    return plan('new', [], { participantId, employerOrgId }, null, employerWarning);
  }
  if (kind === 'placements') {
    const startsOn = str('starts_on')!;
    const existing = await findPlacementStarting(db, participantId, startsOn);
    const map = {
      ends_on: 'ends_on',
      hours_per_week: 'hours_per_week',
      placement_status: 'status',
      site: 'site',
      supervisor: 'supervisor',
      placement_kind: 'kind',
    };
    if (existing) {
      const changes = diffFields(kind, existing, values, map);
      return plan(changes.length ? 'changed' : 'unchanged', changes, {
        participantId,
        placementId: existing.id,
        employerOrgId,
      });
    }
    return plan('new', [], { participantId, employerOrgId }, null, employerWarning);
  }
  // Enrolments and results: the course run the row names (import-plan-courses.ts).
  return kind === 'enrolments'
    ? planEnrolmentRow(db, profile, values, participantId, lookups)
    : planResultRow(db, profile, values, participantId, lookups);
}
