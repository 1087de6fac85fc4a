// The outcome rules, pure so the forms and the backend share them (DOMAIN.md §3): the 16-hour
// rule, the sustainment schedule (short job outcome = 13 weeks in work within 26 weeks of the
// start; sustained = 26 weeks within 52), what "due" and "overdue" mean, no duplicate outcome
// of the same type and date, and when a verification decision needs a reason.
import { addDaysIso, formatUkDate } from './dates';

/** A job of at least 16 hours a week counts as a "16+ hours" job start (the usual funder threshold). */
export const SIXTEEN_HOUR_THRESHOLD = 16;

/** True when the weekly hours meet the 16-hour rule; unknown hours never meet it. */
export function meetsSixteenHourRule(hoursPerWeek: number | null | undefined): boolean {
  return typeof hoursPerWeek === 'number' && Number.isFinite(hoursPerWeek) && hoursPerWeek >= SIXTEEN_HOUR_THRESHOLD;
}

/** Outcome types whose start is followed by 13- and 26-week sustainment checks. */
export const SUSTAINABLE_OUTCOME_TYPES = ['job_start', 'apprenticeship_start'] as const;
export type SustainmentWeeks = 13 | 26;
export const SUSTAINMENT_OUTCOME_TYPE: Record<SustainmentWeeks, string> = {
  13: 'sustained_13_weeks',
  26: 'sustained_26_weeks',
};

/** Weeks allowed after the start for each check (13 in 26, 26 in 52). */
const WINDOW_WEEKS: Record<SustainmentWeeks, number> = { 13: 26, 26: 52 };

/**
 * Days after a check falls due before it is overdue: four weeks to contact the person and the
 * employer and collect a payslip. Programme practice, not a funder rule.
 */
export const OVERDUE_AFTER_DAYS = 28;

export interface SustainmentSchedule {
  weeks: SustainmentWeeks;
  /** The first day the person can have been in work for the whole period: start + weeks × 7 days. */
  dueOn: string;
  /** From this day the check is overdue: dueOn + 28 days (or the window's end if sooner). */
  overdueFrom: string;
  /** The last day of the window: start + 26 (or 52) weeks − 1 day. After it the outcome cannot be claimed. */
  windowEndsOn: string;
}

export function sustainmentSchedule(startDate: string, weeks: SustainmentWeeks): SustainmentSchedule {
  const dueOn = addDaysIso(startDate, weeks * 7);
  const windowEndsOn = addDaysIso(startDate, WINDOW_WEEKS[weeks] * 7 - 1);
  const overdue = addDaysIso(dueOn, OVERDUE_AFTER_DAYS);
  return { weeks, dueOn, overdueFrom: overdue < windowEndsOn ? overdue : windowEndsOn, windowEndsOn };
}

export type SustainmentState = 'not_due' | 'due' | 'overdue' | 'window_closed';

/**
 * Where a check stands on `today` (ISO dates compare as strings):
 * - not_due: today is before dueOn;
 * - due: dueOn ≤ today < overdueFrom;
 * - overdue: overdueFrom ≤ today ≤ windowEndsOn;
 * - window_closed: today is after windowEndsOn (it can still be recorded as not sustained,
 *   or as sustained on a date inside the window when the evidence arrives late).
 */
export function sustainmentState(schedule: SustainmentSchedule, today: string): SustainmentState {
  if (today < schedule.dueOn) return 'not_due';
  if (today < schedule.overdueFrom) return 'due';
  if (today <= schedule.windowEndsOn) return 'overdue';
  return 'window_closed';
}

export const sustainmentStateLabels: Record<SustainmentState, string> = {
  not_due: 'Not yet due',
  due: 'Due',
  overdue: 'Overdue',
  window_closed: 'Window closed',
};

/**
 * Checks a recorded sustainment: a "sustained" answer needs the date the person reached the
 * weeks in work, inside [dueOn, windowEndsOn] and not after the check itself; returns the
 * message for the field, or null when it is fine.
 */
export function sustainedOnProblem(
  schedule: SustainmentSchedule,
  sustainedOn: string,
  checkedOn: string,
): string | null {
  if (sustainedOn < schedule.dueOn || sustainedOn > schedule.windowEndsOn) {
    return (
      `The ${schedule.weeks}-week date must be between ${formatUkDate(schedule.dueOn)} and ${formatUkDate(schedule.windowEndsOn)} ` +
      `(${schedule.weeks} weeks in work within ${WINDOW_WEEKS[schedule.weeks]} weeks of the start)`
    );
  }
  if (sustainedOn > checkedOn) return 'The date sustained cannot be after the date of the check';
  return null;
}

export interface OutcomeKey {
  participantId: number;
  outcomeType: string;
  outcomeDate: string;
}

/** Two outcomes are the same when person, type and date match (the store enforces it too). */
export function isSameOutcome(a: OutcomeKey, b: OutcomeKey): boolean {
  return a.participantId === b.participantId && a.outcomeType === b.outcomeType && a.outcomeDate === b.outcomeDate;
}

export function duplicateOutcomeMessage(typeLabel: string, outcomeDate: string): string {
  return `This person already has a "${typeLabel}" outcome on ${formatUkDate(outcomeDate)}. Open that outcome instead of recording it twice.`;
}

/** Has-issues and rejected decisions must say why; verified and unverified need not. */
export function verificationNeedsReason(status: string): boolean {
  return status === 'has_issues' || status === 'rejected';
}
