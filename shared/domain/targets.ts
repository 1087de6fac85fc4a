// Targets and profiles: per indicator, a target for the whole funding agreement and a profile (the
// expected cumulative progress) per quarter or half-year. A return shows, for its period, the
// count, the cumulative to date, the target, the profile to date and the variance, with a
// red/amber/green marker. Pure, so the figures can be checked by hand in tests.
import { financialYearOf, fyHalf, fyQuarter, type Period } from './reporting-periods';

export type ProfileKind = 'quarter' | 'half';

/** One profile period and how many the funder expects in it (not cumulative). */
export interface ProfileAmount {
  from: string;
  to: string;
  amount: number;
}

const DAY = 86_400_000;
const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;

/** Whole days from `from` to `to`, both included (0 when `to` is before `from`). */
export function daysInclusive(from: string, to: string): number {
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

/** The financial-year quarters or halves that overlap the agreement, in order (at most 60). */
export function profilePeriods(kind: ProfileKind, from: string, to: string): Period[] {
  const out: Period[] = [];
  for (let fy = financialYearOf(from); out.length < 60; fy++) {
    const parts =
      kind === 'quarter'
        ? ([1, 2, 3, 4] as const).map((q) => fyQuarter(fy, q))
        : ([1, 2] as const).map((h) => fyHalf(fy, h));
    for (const p of parts) {
      if (p.from > to) return out;
      if (p.to >= from) out.push(p);
    }
  }
  return out;
}

/** The profile expected by `to`: every profile period ended by then in full, and the one `to`
 * falls in pro rata by days. Rounded to a whole number (a person or an item). */
export function profileToDate(profile: readonly ProfileAmount[], to: string): number {
  return Math.round(profileBetween(profile, '0000-01-01', to));
}

/** The profile expected within [from, to], pro rata by days for profile periods partly inside. */
export function profileWithin(profile: readonly ProfileAmount[], from: string, to: string): number {
  return Math.round(profileBetween(profile, from, to));
}

function profileBetween(profile: readonly ProfileAmount[], from: string, to: string): number {
  let sum = 0;
  for (const p of profile) {
    const start = p.from > from ? p.from : from;
    const end = p.to < to ? p.to : to;
    const overlap = daysInclusive(start, end);
    if (overlap > 0) sum += (p.amount * overlap) / daysInclusive(p.from, p.to);
  }
  return sum;
}

export type Rag = 'green' | 'amber' | 'red' | 'none';

/** Amber from this share of the profile to date up to (not including) all of it; red below it. */
export const RAG_AMBER_FROM = 0.9;

export const ragLabels: Record<Rag, string> = {
  green: 'Green: at or above profile',
  amber: `Amber: within ${Math.round((1 - RAG_AMBER_FROM) * 100)}% below profile`,
  red: `Red: more than ${Math.round((1 - RAG_AMBER_FROM) * 100)}% below profile`,
  none: 'No profile',
};

/** Green at or above the profile to date, amber from 90% of it, red below; none without a profile. */
export function ragOf(cumulative: number, profileToDate: number | null): Rag {
  if (profileToDate === null) return 'none';
  if (cumulative >= profileToDate) return 'green';
  return cumulative >= profileToDate * RAG_AMBER_FROM ? 'amber' : 'red';
}

export interface Progress {
  target: number | null;
  profileToDate: number | null;
  profileThisPeriod: number | null;
  /** Cumulative minus the profile to date (negative: behind profile); null without a profile. */
  variance: number | null;
  rag: Rag;
}

export function progressOf(
  t: { target: number | null; profile: readonly ProfileAmount[] } | undefined,
  cumulative: number,
  from: string,
  to: string,
): Progress {
  const hasProfile = !!t && t.profile.length > 0;
  const toDate = hasProfile ? profileToDate(t.profile, to) : null;
  return {
    target: t?.target ?? null,
    profileToDate: toDate,
    profileThisPeriod: hasProfile ? profileWithin(t.profile, from, to) : null,
    variance: toDate === null ? null : cumulative - toDate,
    rag: ragOf(cumulative, toDate),
  };
}

/** A problem with a profile as typed, or null: amounts whole and not negative, periods in order
 * and not overlapping, the total not above the target. */
export function profileProblem(profile: readonly ProfileAmount[], target: number | null): string | null {
  let last = '';
  for (const p of profile) {
    if (!Number.isInteger(p.amount) || p.amount < 0) return 'Profile amounts are whole numbers, 0 or more';
    if (p.to < p.from) return 'A profile period ends before it starts';
    if (p.from <= last) return 'Profile periods must be in order and must not overlap';
    last = p.to;
  }
  const total = profile.reduce((n, p) => n + p.amount, 0);
  if (target !== null && total > target) return `The profile adds up to ${total}, more than the target of ${target}`;
  return null;
}
