// The placement rules, pure so the forms and the backend can share them: which placements are
// a job or apprenticeship start, which details a placement keeps for its kind and status, and
// how a work placement ends when it is converted into a job (which kinds may be converted is
// workPlacementKinds in outcome-lists.ts).
import { addDaysIso } from './dates';
import type { PlacementKindCode, PlacementStatusCode } from './outcome-lists';

/** Placement statuses that mean the job has started (ended early still started). */
const STARTED_STATUSES: readonly PlacementStatusCode[] = ['active', 'completed', 'ended_early'];

/** The start outcome a placement counts as once it has started, or null (work experience, or
 * not started yet). */
export function startOutcomeOf(p: {
  kind: PlacementKindCode;
  status: PlacementStatusCode;
}): 'job_start' | 'apprenticeship_start' | null {
  if (!STARTED_STATUSES.includes(p.status)) return null;
  return p.kind === 'paid_job' ? 'job_start' : p.kind === 'apprenticeship' ? 'apprenticeship_start' : null;
}

export function startOutcomeLabel(type: 'job_start' | 'apprenticeship_start'): string {
  return type === 'job_start' ? 'Job start' : 'Apprenticeship start';
}

/** Details that only mean something for some placements are cleared on the others: the reason
 * for an early end, and the apprenticeship standard and level. */
export function placementDetails(p: {
  kind: PlacementKindCode;
  status: PlacementStatusCode;
  endedReason: string | null;
  apprenticeshipStandard: string | null;
  apprenticeshipLevel: number | null;
}): { endedReason: string | null; apprenticeshipStandard: string | null; apprenticeshipLevel: number | null } {
  const apprenticeship = p.kind === 'apprenticeship';
  return {
    endedReason: p.status === 'ended_early' ? p.endedReason : null,
    apprenticeshipStandard: apprenticeship ? p.apprenticeshipStandard : null,
    apprenticeshipLevel: apprenticeship ? p.apprenticeshipLevel : null,
  };
}

/** A planned or active work placement converted into a job is completed: on its own end date
 * when it has one, else the day before the job starts (or its start day, if the job starts the
 * same day). Null when it has already ended. */
export function endOnConversion(
  placement: { status: PlacementStatusCode; startsOn: string; endsOn: string | null },
  jobStartsOn: string,
): { status: 'completed'; endsOn: string } | null {
  if (placement.status !== 'planned' && placement.status !== 'active') return null;
  return {
    status: 'completed',
    endsOn: placement.endsOn ?? (jobStartsOn > placement.startsOn ? addDaysIso(jobStartsOn, -1) : placement.startsOn),
  };
}
