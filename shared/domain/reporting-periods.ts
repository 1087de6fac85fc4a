// Reporting periods: UK financial years (1 April to 31 March), their quarters and halves, and
// custom ranges. Boundaries are inclusive whole days, so a period is two ISO dates.
import { formatUkDate, isIsoDate } from './dates';

export type PeriodKind = 'quarter' | 'half' | 'year' | 'custom';

export interface Period {
  from: string;
  to: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The financial year (by its starting calendar year) that contains a date: 2025-03-31 → 2024. */
export function financialYearOf(iso: string): number {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return m >= 4 ? y : y - 1;
}

export function fyLabel(fy: number): string {
  return `${fy}-${pad((fy + 1) % 100)}`;
}

function lastDayOfMonth(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** Months from April: quarter 1 = Apr-Jun … quarter 4 = Jan-Mar of the next calendar year. */
function monthsRange(fy: number, firstMonthIndex: number, months: number): { from: string; to: string } {
  const startMonth = 4 + firstMonthIndex; // 4..15
  const sy = fy + (startMonth > 12 ? 1 : 0);
  const sm = ((startMonth - 1) % 12) + 1;
  const endMonth = startMonth + months - 1;
  const ey = fy + (endMonth > 12 ? 1 : 0);
  const em = ((endMonth - 1) % 12) + 1;
  return { from: `${sy}-${pad(sm)}-01`, to: lastDayOfMonth(ey, em) };
}

export function financialYear(fy: number): Period {
  return { ...monthsRange(fy, 0, 12), label: `Financial year ${fyLabel(fy)}` };
}

export function fyQuarter(fy: number, q: 1 | 2 | 3 | 4): Period {
  return { ...monthsRange(fy, (q - 1) * 3, 3), label: `${fyLabel(fy)} Q${q}` };
}

export function fyHalf(fy: number, h: 1 | 2): Period {
  return { ...monthsRange(fy, (h - 1) * 6, 6), label: `${fyLabel(fy)} H${h}` };
}

export function customPeriod(from: string, to: string): Period {
  return { from, to, label: `${formatUkDate(from)} to ${formatUkDate(to)}` };
}

/** Builds a period from the picker's choices; `part` is the quarter (1-4) or half (1-2). */
export function periodFor(kind: PeriodKind, fy: number, part: number, from?: string, to?: string): Period {
  switch (kind) {
    case 'quarter':
      return fyQuarter(fy, Math.min(4, Math.max(1, part)) as 1 | 2 | 3 | 4);
    case 'half':
      return fyHalf(fy, part === 2 ? 2 : 1);
    case 'year':
      return financialYear(fy);
    case 'custom':
      return customPeriod(from ?? '', to ?? '');
  }
}

/** A problem with a custom range, or null. */
export function periodProblem(from: string, to: string): string | null {
  if (!isIsoDate(from)) return 'Enter the first day of the period as a real date';
  if (!isIsoDate(to)) return 'Enter the last day of the period as a real date';
  if (to < from) return 'The last day must be the same as or after the first day';
  return null;
}

/** A label for any range: the FY name when it is exactly a financial year, quarter or half. */
export function describePeriod(from: string, to: string): string {
  const fy = financialYearOf(from);
  const candidates = [
    financialYear(fy),
    fyHalf(fy, 1),
    fyHalf(fy, 2),
    fyQuarter(fy, 1),
    fyQuarter(fy, 2),
    fyQuarter(fy, 3),
    fyQuarter(fy, 4),
  ];
  const exact = candidates.find((p) => p.from === from && p.to === to);
  return exact ? `${exact.label} (${formatUkDate(from)} to ${formatUkDate(to)})` : customPeriod(from, to).label;
}

/** How the picker shows a range: its financial-year quarter, half or year when it is exactly
 * one, else custom dates. */
export function periodChoiceOf(from: string, to: string): { kind: PeriodKind; fy: number; part: number } {
  const fy = financialYearOf(from);
  if (financialYear(fy).from === from && financialYear(fy).to === to) return { kind: 'year', fy, part: 1 };
  for (const h of [1, 2] as const)
    if (fyHalf(fy, h).from === from && fyHalf(fy, h).to === to) return { kind: 'half', fy, part: h };
  for (const q of [1, 2, 3, 4] as const)
    if (fyQuarter(fy, q).from === from && fyQuarter(fy, q).to === to) return { kind: 'quarter', fy, part: q };
  return { kind: 'custom', fy, part: 1 };
}
