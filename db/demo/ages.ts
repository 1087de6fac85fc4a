// Demo dates of birth from calendar years, not `age * 365` days (which leaves someone a few leap
// days short of the age drawn, so a "16-year-old" could start at 15).

import { addDaysIso, addYearsIso } from '../../shared/domain/dates';

/** A date of birth that makes someone exactly `age` on `on`: their birthday `age` calendar years
 * before, then `daysEarlier` (0–364) days further back, still within that year of age. */
export function birthDateAtAge(on: string, age: number, daysEarlier: number): string {
  return addDaysIso(addYearsIso(on, -age), -daysEarlier);
}
