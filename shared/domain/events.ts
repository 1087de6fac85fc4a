// Events and activities: the age groups headcounts are counted in (numbers only: no record of a
// child is ever kept), and the rule that named attendance is for people 16 or over on the day.
// Event kinds are reference data (the store's list 'event_kind', seeded by migration 0200 and
// edited in Settings → Reference lists); `defaultEventKinds` is only what a store without them
// starts from.
import { ageOn } from './dates';
import type { Option } from './reference-lists';

export const defaultEventKinds: Option[] = [
  { code: 'careers_fair', label: 'Careers fair' },
  { code: 'school_stem_session', label: 'School STEM session' },
  { code: 'site_visit', label: 'Site visit' },
  { code: 'employer_workshop', label: 'Employer workshop' },
  { code: 'other', label: 'Other activity' },
];

export const eventAgeGroups = [
  { code: 'under_11', label: 'Under 11' },
  { code: 'age_11_15', label: '11 to 15' },
  { code: 'age_16_18', label: '16 to 18' },
  { code: 'age_19_24', label: '19 to 24' },
  { code: 'age_25_plus', label: '25 and over' },
] as const satisfies readonly Option[];
export type EventAgeGroup = (typeof eventAgeGroups)[number]['code'];
export const eventAgeGroupCodes = eventAgeGroups.map((g) => g.code) as [EventAgeGroup, ...EventAgeGroup[]];

/** The youngest age at which a person may be named as attending an event. */
export const NAMED_ATTENDANCE_MIN_AGE = 16;

/** Why a person cannot be named as attending an event held on `heldOn`, or null when they can.
 * Without a date of birth the officer is asked to record it first: an age cannot be assumed. */
export function namedAttendanceProblem(dateOfBirth: string | null, heldOn: string): string | null {
  if (!dateOfBirth)
    return 'Record their date of birth first: only people 16 or over on the day of the event can be named as attending';
  if (ageOn(dateOfBirth, heldOn) < NAMED_ATTENDANCE_MIN_AGE)
    return 'Under 16 on the day of the event: count them in the headcounts instead (no names are kept for under-16s)';
  return null;
}

/** The kinds counted by the contract measures: site visits, and school engagements (school STEM
 * sessions, or any event held with a school named). */
export const SITE_VISIT_KIND = 'site_visit';
export const SCHOOL_SESSION_KIND = 'school_stem_session';
