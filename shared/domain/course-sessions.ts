// Course sessions are generated from a run's dates: one per weekday (Monday to Friday), which
// the officer then edits. Pure so the form can say "10 sessions" before saving.
import { addDaysIso } from './dates';

export const MAX_GENERATED_SESSIONS = 200;

export function isWeekday(iso: string): boolean {
  const day = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return day >= 1 && day <= 5;
}

/** Every weekday from start to end inclusive (at most 200). */
export function weekdaysBetween(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end && out.length < MAX_GENERATED_SESSIONS; d = addDaysIso(d, 1))
    if (isWeekday(d)) out.push(d);
  return out;
}

/** Attendance rate: present or late over present, late or absent; excused sessions are left out. */
export function attendanceRate(counts: { present: number; late: number; absent: number }): number | null {
  const denominator = counts.present + counts.late + counts.absent;
  return denominator === 0 ? null : (counts.present + counts.late) / denominator;
}
