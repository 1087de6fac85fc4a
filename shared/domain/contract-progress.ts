// Progress of a social-value contract's commitments, counted from the placements and outcomes
// linked to the contract. The counting rule for each kind of commitment:
// - local_jobs: job_start outcomes of local people (the local area set in Settings) linked to the
//   contract, dated inside the contract period, not rejected;
// - apprenticeships: apprenticeship_start outcomes linked to the contract, same conditions;
// - work_placements: work experience, work trial and sector-based work academy placements
//   linked to the contract that started (active, completed or ended early, not planned),
//   starting inside the contract period;
// - person_weeks: for each job or apprenticeship start of a local person linked to the contract,
//   not rejected, the weeks employed inside the period (from the start to the day the job ended,
//   or to `asOf` while still in work), whenever the job started: a job begun last quarter counts
//   its weeks in this one. Each week is worth its hours over 37.5 (full time or no hours
//   recorded: one person-week); summed and rounded down to whole person-weeks;
// - local_labour_percent: local people's share of the job and apprenticeship starts on the
//   contract in the period (whole per cent, rounded down), against a target percentage;
// - in_lieu_contribution, community_investment: the payments of that kind received inside the
//   period, in pence, against a target in pence;
// - site_visits: events of the kind site visit linked to the contract, held inside the period,
//   plus any figure officers enter for visits not recorded as events;
// - school_engagements: events linked to the contract held inside the period that are school
//   STEM sessions or name a school, plus any figure officers enter;
// - other: nothing in the records counts it, so the figure officers enter.
// "Local" is participants.is_local, which holds isLocalPerson (shared/domain/eligibility.ts), the
// one definition of a local person, kept in step by the eligibility service.
// "Verified" counts only verified outcomes (placements have no verification, so they count
// as achieved). Items are passed with a count `n` so SQL can group them first.
import { workPlacementKinds, type CommitmentKind } from './outcome-lists';
import { addDaysIso, daysBetween } from './dates';
import { SCHOOL_SESSION_KIND, SITE_VISIT_KIND } from './events';

export interface ContractPeriod {
  startsOn: string | null;
  endsOn: string | null;
}

export interface OutcomeFact {
  outcomeType: string;
  outcomeDate: string;
  verificationStatus: string;
  /** The person lives in the local area (participants.is_local). */
  isLocal: boolean;
  n: number;
  /** For person-weeks: hours a week (null: not recorded, counted as full time). */
  hoursPerWeek?: number | null;
  /** For person-weeks: the day the job ended (null: still in work). */
  endedOn?: string | null;
}

export interface PaymentFact {
  kind: string;
  receivedOn: string;
  amountPence: number;
}

/** An event linked to the contract (events and activities). */
export interface EventFact {
  kind: string;
  heldOn: string;
  /** The event names a school (a school engagement whatever its kind). */
  withSchool: boolean;
}

export interface ProgressExtras {
  payments?: PaymentFact[];
  events?: EventFact[];
  /** The last day person-weeks count to for people still in work (today). */
  asOf?: string;
}

export interface PlacementFact {
  kind: string;
  status: string;
  startsOn: string;
  n: number;
}

export interface CommitmentInput {
  id: number;
  kind: string;
  target: number;
  manualAchieved: number | null;
}

export interface CommitmentProgress {
  id: number;
  kind: string;
  target: number;
  achieved: number;
  verified: number;
  /** 0-100, capped at 100 for the bar; `achieved` may exceed the target. */
  percent: number;
  isManual: boolean;
  rule: string;
}

const outcomeTypeFor: Partial<Record<CommitmentKind, string>> = {
  local_jobs: 'job_start',
  apprenticeships: 'apprenticeship_start',
};

export const commitmentRules: Record<CommitmentKind, string> = {
  local_jobs:
    'Job starts of local people (living in the local area set in Settings) linked to this contract, dated within the contract period, not rejected.',
  apprenticeships: 'Apprenticeship starts linked to this contract, dated within the contract period, not rejected.',
  work_placements:
    'Work experience, work trial and sector-based work academy placements on this contract that started within the contract period.',
  person_weeks:
    'Weeks in work within the period of local people in jobs and apprenticeships on this contract (to the day the job ended, or today); ' +
    'a week of 37.5 hours or more (or no hours recorded) is one person-week, fewer hours pro rata.',
  local_labour_percent:
    'Local people as a share of all job and apprenticeship starts on this contract within the period (whole per cent).',
  site_visits:
    'Site visits recorded as events linked to this contract, held within the period, plus any figure entered by officers.',
  school_engagements:
    'School STEM sessions and other events with a school, linked to this contract and held within the period, ' +
    'plus any figure entered by officers.',
  in_lieu_contribution: 'In-lieu financial contributions received within the period, in pounds.',
  community_investment: 'Community investment received within the period, in pounds.',
  other: 'Entered by officers.',
};

export function inPeriod(date: string, period: ContractPeriod): boolean {
  return (!period.startsOn || date >= period.startsOn) && (!period.endsOn || date <= period.endsOn);
}

const STARTED = new Set(['active', 'completed', 'ended_early']);
const JOB_TYPES = new Set(['job_start', 'apprenticeship_start']);
const FULL_TIME_HOURS = 37.5;
const PAYMENT_KIND: Partial<Record<CommitmentKind, string>> = {
  in_lieu_contribution: 'in_lieu',
  community_investment: 'community_investment',
};

function countedStart(o: OutcomeFact, period: ContractPeriod): boolean {
  return JOB_TYPES.has(o.outcomeType) && o.verificationStatus !== 'rejected' && inPeriod(o.outcomeDate, period);
}

/** Person-weeks of one start (times n) inside the period, up to `asOf` while still in work. */
export function personWeeksOf(o: OutcomeFact, period: ContractPeriod, asOf: string | undefined): number {
  const from = period.startsOn && period.startsOn > o.outcomeDate ? period.startsOn : o.outcomeDate;
  // Never past today: an end date already known for later counts only the weeks worked so far.
  let to = o.endedOn && (!asOf || o.endedOn < asOf) ? o.endedOn : (asOf ?? o.endedOn ?? period.endsOn);
  if (!to) return 0;
  if (period.endsOn && period.endsOn < to) to = period.endsOn;
  if (to < from) return 0;
  const weeks = daysBetween(from, addDaysIso(to, 1)) / 7;
  const hours = o.hoursPerWeek;
  const share = hours == null || hours >= FULL_TIME_HOURS ? 1 : Math.max(0, hours) / FULL_TIME_HOURS;
  return weeks * share * o.n;
}

export function commitmentProgress(
  commitment: CommitmentInput,
  period: ContractPeriod,
  outcomes: OutcomeFact[],
  placements: PlacementFact[],
  extras: ProgressExtras = {},
): CommitmentProgress {
  const kind = commitment.kind as CommitmentKind;
  let achieved = 0;
  let verified = 0;
  let isManual = false;
  const type = outcomeTypeFor[kind];
  const paymentKind = PAYMENT_KIND[kind];
  if (kind === 'person_weeks') {
    let all = 0;
    let checked = 0;
    for (const o of outcomes) {
      if (!o.isLocal || !JOB_TYPES.has(o.outcomeType) || o.verificationStatus === 'rejected') continue;
      const w = personWeeksOf(o, period, extras.asOf);
      all += w;
      if (o.verificationStatus === 'verified') checked += w;
    }
    // A tiny tolerance so 14 days / 7 × 1 is 2, not 1.9999999.
    achieved = Math.floor(all + 1e-9);
    verified = Math.floor(checked + 1e-9);
  } else if (kind === 'local_labour_percent') {
    let local = 0;
    let total = 0;
    let localVerified = 0;
    for (const o of outcomes) {
      if (!countedStart(o, period)) continue;
      total += o.n;
      if (o.isLocal) local += o.n;
      if (o.isLocal && o.verificationStatus === 'verified') localVerified += o.n;
    }
    achieved = total ? Math.floor((local * 100) / total) : 0;
    verified = total ? Math.floor((localVerified * 100) / total) : 0;
  } else if (paymentKind) {
    for (const p of extras.payments ?? []) {
      if (p.kind === paymentKind && inPeriod(p.receivedOn, period)) achieved += p.amountPence;
    }
    verified = achieved;
  } else if (type) {
    for (const o of outcomes) {
      if (o.outcomeType !== type || o.verificationStatus === 'rejected' || !inPeriod(o.outcomeDate, period)) continue;
      if (kind === 'local_jobs' && !o.isLocal) continue;
      achieved += o.n;
      if (o.verificationStatus === 'verified') verified += o.n;
    }
  } else if (kind === 'work_placements') {
    for (const p of placements) {
      if (
        !(workPlacementKinds as readonly string[]).includes(p.kind) ||
        !STARTED.has(p.status) ||
        !inPeriod(p.startsOn, period)
      )
        continue;
      achieved += p.n;
    }
    verified = achieved;
  } else if (kind === 'site_visits' || kind === 'school_engagements') {
    let counted = 0;
    for (const e of extras.events ?? []) {
      if (!inPeriod(e.heldOn, period)) continue;
      const counts =
        kind === 'site_visits' ? e.kind === SITE_VISIT_KIND : e.kind === SCHOOL_SESSION_KIND || e.withSchool;
      if (counts) counted++;
    }
    // Events are the source; a figure officers enter adds what was not recorded as an event.
    isManual = counted === 0;
    achieved = counted + (commitment.manualAchieved ?? 0);
    verified = achieved;
  } else {
    isManual = true;
    achieved = commitment.manualAchieved ?? 0;
    verified = achieved;
  }
  const percent =
    commitment.target > 0 ? Math.min(100, Math.round((achieved / commitment.target) * 100)) : achieved > 0 ? 100 : 0;
  return {
    id: commitment.id,
    kind: commitment.kind,
    target: commitment.target,
    achieved,
    verified,
    percent,
    isManual,
    rule: commitmentRules[kind] ?? commitmentRules.other,
  };
}

export function contractProgress(
  commitments: CommitmentInput[],
  period: ContractPeriod,
  outcomes: OutcomeFact[],
  placements: PlacementFact[],
  extras: ProgressExtras = {},
): CommitmentProgress[] {
  return commitments.map((c) => commitmentProgress(c, period, outcomes, placements, extras));
}

/** The contract's period narrowed to a reporting window (a monitoring report's from and to). */
export function narrowPeriod(period: ContractPeriod, from: string | null, to: string | null): ContractPeriod {
  const startsOn = from && (!period.startsOn || from > period.startsOn) ? from : period.startsOn;
  const endsOn = to && (!period.endsOn || to < period.endsOn) ? to : period.endsOn;
  return { startsOn, endsOn };
}
