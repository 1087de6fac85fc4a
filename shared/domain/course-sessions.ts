// Course sessions are generated from a run's dates: one per working day (Monday to Friday, bank
// holidays left out), which the officer then edits. Pure so the form can say "10 sessions" before
// saving.
import { addDaysIso } from './dates';
import { isBankHoliday } from './bank-holidays';

export const MAX_GENERATED_SESSIONS = 200;

export function isWeekday(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
}

/** Every working day from start to end inclusive (at most 200): weekdays that are not bank holidays. */
export function sessionDaysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end && out.length < MAX_GENERATED_SESSIONS; d = addDaysIso(d, 1))
    if (isWeekday(d) && !isBankHoliday(d)) out.push(d);
  return out;
}

/** The bank holidays on weekdays from start to end inclusive: the days sessions leave out. */
export function weekdayBankHolidaysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end && out.length < MAX_GENERATED_SESSIONS; d = addDaysIso(d, 1))
    if (isWeekday(d) && isBankHoliday(d)) out.push(d);
  return out;
}

/** Attendance rate: present or late over present, late or absent; excused sessions are left out. */
export function attendanceRate(counts: { present: number; late: number; absent: number }): number | null {
  const denominator = counts.present + counts.late + counts.absent;
  return denominator === 0 ? null : (counts.present + counts.late) / denominator;
}
