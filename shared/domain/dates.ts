// UK dates: stored as ISO "YYYY-MM-DD", shown and typed day-first. All arithmetic in UTC so the
// result never depends on the machine's time zone.
import { isValid, parse, parseISO } from 'date-fns';

const UK_INPUT_FORMATS = [
  'd/M/yyyy',
  'd-M-yyyy',
  'd.M.yyyy',
  'd M yyyy',
  'd MMM yyyy',
  'd MMMM yyyy',
  'yyyy-MM-dd',
  'd/M/yy',
  'dMMyyyy',
];

/** Parses what an officer types ("5/3/2024", "05-03-24", "5 Mar 2024", "2024-03-05") day-first. */
export function parseUkDate(text: string): string | null {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t) return null;
  for (const f of UK_INPUT_FORMATS) {
    const d = parse(t, f, new Date(2000, 0, 1));
    if (isValid(d) && d.getFullYear() >= 1900 && d.getFullYear() <= 2100) {
      if (f === 'd/M/yy') {
        const yy = d.getFullYear() % 100;
        const year = yy > 40 ? 1900 + yy : 2000 + yy;
        return `${year}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
      }
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
    }
  }
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2024-03-05" → "05/03/2024"; anything else is returned as it is. */
export function formatUkDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** "2024-03-05T14:07:00Z" → "05/03/2024 14:07" in UK local time. */
export function formatUkDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = parseISO(iso);
  if (!isValid(d)) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(d)
    .replace(',', '');
}

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDaysIso(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Adds calendar months; 31 Jan + 1 month = 28/29 Feb (clamped), as contracts and cards expect. */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${pad(month)}-${pad(Math.min(d, last))}`;
}

export function addYearsIso(iso: string, years: number): string {
  return addMonthsIso(iso, years * 12);
}

/** Whole years of age on a date. Someone born on 29 Feb turns a year older on 1 Mar in common years. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number];
  let age = oy - by;
  if (om < bm || (om === bm && od < bd)) age--;
  return age;
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000);
}

/** The Monday and Sunday of the week `iso` falls in (UK weeks start on a Monday). */
export function weekOf(iso: string): { monday: string; sunday: string } {
  const weekday = new Date(`${iso}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const monday = addDaysIso(iso, -((weekday + 6) % 7));
  return { monday, sunday: addDaysIso(monday, 6) };
}
