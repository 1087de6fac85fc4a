// Bank holidays in England and Wales (Stevenage's), worked out for any year so that the app
// needs no download: the college and the hub are closed, so a course run's generated sessions
// leave them out. The usual eight days (New Year's Day, Good Friday, Easter Monday, the early
// May, spring and summer Mondays, Christmas Day and Boxing Day) are worked out, a day falling on
// a weekend being taken on the next free weekday; days moved or added by proclamation are
// listed, as GOV.UK lists them.
import { addDaysIso } from './dates';

/** Days added by proclamation, and the usual days they replaced. */
const proclaimed: Readonly<Record<number, { add: readonly string[]; remove: readonly string[] }>> = {
  2011: { add: ['2011-04-29'], remove: [] }, // royal wedding
  2012: { add: ['2012-06-04', '2012-06-05'], remove: ['2012-05-28'] }, // diamond jubilee
  2020: { add: ['2020-05-08'], remove: ['2020-05-04'] }, // VE day, 75 years
  2022: { add: ['2022-06-02', '2022-06-03', '2022-09-19'], remove: ['2022-05-30'] }, // platinum jubilee, state funeral
  2023: { add: ['2023-05-08'], remove: [] }, // coronation
};

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

/** Easter Sunday (Gregorian; the anonymous algorithm, as in Meeus). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** The first Monday on or after a date. */
const mondayFrom = (date: string) => addDaysIso(date, (8 - weekday(date)) % 7);

/** A holiday falling on a Saturday or Sunday is taken on the next weekday not already a holiday. */
function substitute(date: string, taken: ReadonlySet<string>): string {
  let d = date;
  while (weekday(d) === 0 || weekday(d) === 6 || taken.has(d)) d = addDaysIso(d, 1);
  return d;
}

const byYear = new Map<number, ReadonlySet<string>>();

/** Every bank holiday in England and Wales in a year, as ISO dates. */
export function bankHolidays(year: number): ReadonlySet<string> {
  const known = byYear.get(year);
  if (known) return known;
  const easter = easterSunday(year);
  const days = new Set<string>([
    substitute(iso(year, 1, 1), new Set()),
    addDaysIso(easter, -2),
    addDaysIso(easter, 1),
    mondayFrom(iso(year, 5, 1)),
    addDaysIso(mondayFrom(iso(year, 6, 1)), -7),
    addDaysIso(mondayFrom(iso(year, 9, 1)), -7),
  ]);
  const christmas = substitute(iso(year, 12, 25), days);
  days.add(christmas);
  days.add(substitute(iso(year, 12, 26), days));
  const change = proclaimed[year];
  for (const d of change?.remove ?? []) days.delete(d);
  for (const d of change?.add ?? []) days.add(d);
  byYear.set(year, days);
  return days;
}

export function isBankHoliday(date: string): boolean {
  return bankHolidays(Number(date.slice(0, 4))).has(date);
}
