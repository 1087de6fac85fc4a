// Progress of a social-value contract's commitments, counted from the placements and outcomes
// linked to the contract. The counting rule for each kind of commitment:
// - local_jobs: job_start outcomes of local people (the local area set in Settings) linked to the
//   contract, dated inside the contract period, not rejected;
// - apprenticeships: apprenticeship_start outcomes linked to the contract, same conditions;
// - work_placements: work experience, work trial and sector-based work academy placements
//   linked to the contract that started (active, completed or ended early, not planned),
//   starting inside the contract period;
// - site_visits, other: nothing in the records counts them, so the figure officers enter.
// "Verified" counts only verified outcomes (placements have no verification, so they count
// as achieved). Items are passed with a count `n` so SQL can group them first.
import { workPlacementKinds, type CommitmentKind } from './outcome-lists';

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
  site_visits: 'Entered by officers (nothing in the records counts site visits).',
  other: 'Entered by officers.',
};

export function inPeriod(date: string, period: ContractPeriod): boolean {
  return (!period.startsOn || date >= period.startsOn) && (!period.endsOn || date <= period.endsOn);
}

const STARTED = new Set(['active', 'completed', 'ended_early']);

export function commitmentProgress(
  commitment: CommitmentInput,
  period: ContractPeriod,
  outcomes: OutcomeFact[],
  placements: PlacementFact[],
): CommitmentProgress {
  const kind = commitment.kind as CommitmentKind;
  let achieved = 0;
  let verified = 0;
  let isManual = false;
  const type = outcomeTypeFor[kind];
  if (type) {
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
): CommitmentProgress[] {
  return commitments.map((c) => commitmentProgress(c, period, outcomes, placements));
}
