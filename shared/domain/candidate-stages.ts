// The stages of a candidate put forward for a vacancy, and the one rule for moving between them.
// A candidate holds the date each stage was reached: moving forward sets the new stage's date,
// moving back (a correction) clears the dates after it, and declining or being unsuccessful
// keeps the dates reached and records where it ended and why. So "how far did they get" is
// always read from the dates, and moving back and forth never leaves a stage counted twice.
import type { Option } from './reference-lists';
import { formatUkDate } from './dates';

export const pipelineStages = [
  'submitted',
  'interview_booked',
  'interviewed',
  'offered',
  'accepted',
  'started',
] as const;
export type PipelineStage = (typeof pipelineStages)[number];
export const closedStages = ['declined', 'unsuccessful'] as const;
export type ClosedStage = (typeof closedStages)[number];
export type CandidateStage = PipelineStage | ClosedStage;
export const candidateStageCodes = [...pipelineStages, ...closedStages] as [CandidateStage, ...CandidateStage[]];

export const candidateStages = [
  { code: 'submitted', label: 'Submitted' },
  { code: 'interview_booked', label: 'Interview booked' },
  { code: 'interviewed', label: 'Interviewed' },
  { code: 'offered', label: 'Offered' },
  { code: 'accepted', label: 'Accepted' },
  { code: 'started', label: 'Started' },
  { code: 'declined', label: 'Declined' },
  { code: 'unsuccessful', label: 'Unsuccessful' },
] as const satisfies readonly Option[];

/** What the form asks for the date of each stage. */
export const stageDateLabels: Record<CandidateStage, string> = {
  submitted: 'Date put forward',
  interview_booked: 'Interview date',
  interviewed: 'Date interviewed',
  offered: 'Date offered',
  accepted: 'Date accepted',
  started: 'Start date',
  declined: 'Date declined',
  unsuccessful: 'Date told unsuccessful',
};

export const isClosedStage = (s: string): s is ClosedStage => (closedStages as readonly string[]).includes(s);

/** A candidate's progress as stored (one date per pipeline stage). */
export interface CandidateProgress {
  stage: CandidateStage;
  submittedOn: string;
  interviewOn: string | null;
  interviewGuaranteed: boolean;
  interviewedOn: string | null;
  offeredOn: string | null;
  acceptedOn: string | null;
  startedOn: string | null;
  closedOn: string | null;
  closedFrom: PipelineStage | null;
  closedReason: string | null;
}

export interface StageMove {
  to: CandidateStage;
  /** The date of the stage: the interview's date for "interview booked", else the day it happened. */
  on: string;
  interviewGuaranteed?: boolean | undefined;
  reason?: string | null | undefined;
}

type LaterDateKey = 'interviewOn' | 'interviewedOn' | 'offeredOn' | 'acceptedOn' | 'startedOn';
const dateKeyOf: { submitted: 'submittedOn' } & Record<Exclude<PipelineStage, 'submitted'>, LaterDateKey> = {
  submitted: 'submittedOn',
  interview_booked: 'interviewOn',
  interviewed: 'interviewedOn',
  offered: 'offeredOn',
  accepted: 'acceptedOn',
  started: 'startedOn',
};

export interface StageProblem {
  path: 'on' | 'reason' | 'to';
  message: string;
}

export type MoveResult = { ok: true; next: CandidateProgress } | { ok: false; problems: StageProblem[] };

/**
 * Moves a candidate to `move.to` on `move.on`, or says why not. `today` bounds the dates: only
 * an interview can be booked for a day still to come.
 */
export function applyStageMove(current: CandidateProgress, move: StageMove, today: string): MoveResult {
  const problems: StageProblem[] = [];
  const next: CandidateProgress = { ...current };
  if (move.on > today && move.to !== 'interview_booked')
    problems.push({ path: 'on', message: 'The date cannot be in the future' });
  if (move.on < current.submittedOn && move.to !== 'submitted')
    problems.push({
      path: 'on',
      message: `The date cannot be before the person was put forward (${formatUkDate(current.submittedOn)})`,
    });

  if (isClosedStage(move.to)) {
    if (current.stage === 'started')
      problems.push({
        path: 'to',
        message:
          'Someone who has started cannot be declined or unsuccessful; move them back first if the start was wrong',
      });
    if (!move.reason?.trim())
      problems.push({
        path: 'reason',
        message: move.to === 'declined' ? 'Say why the person declined' : 'Say why the person was unsuccessful',
      });
    if (problems.length) return { ok: false, problems };
    next.stage = move.to;
    next.closedOn = move.on;
    next.closedFrom = isClosedStage(current.stage) ? current.closedFrom : current.stage;
    next.closedReason = move.reason!.trim();
    return { ok: true, next };
  }

  // A pipeline stage: reopen a closed candidacy, set this stage's date, clear the ones after it.
  const index = pipelineStages.indexOf(move.to);
  for (const earlier of pipelineStages.slice(1, index)) {
    const date = current[dateKeyOf[earlier]];
    // The interview's date is an appointment (it may have moved); the others happened in order.
    if (earlier === 'interview_booked' || !date) continue;
    if (move.on < date)
      problems.push({
        path: 'on',
        message: `The date cannot be before the ${labelOfStage(earlier).toLowerCase()} date (${formatUkDate(date)})`,
      });
  }
  if (problems.length) return { ok: false, problems };
  next.stage = move.to;
  next.closedOn = null;
  next.closedFrom = null;
  next.closedReason = null;
  next[dateKeyOf[move.to]] = move.on;
  if (move.to === 'interview_booked') next.interviewGuaranteed = move.interviewGuaranteed ?? false;
  for (const later of pipelineStages.slice(index + 1)) if (later !== 'submitted') next[dateKeyOf[later]] = null;
  if (index < pipelineStages.indexOf('interview_booked')) next.interviewGuaranteed = false;
  return { ok: true, next };
}

export function labelOfStage(code: string): string {
  return candidateStages.find((s) => s.code === code)?.label ?? code;
}

/** The outcome "started" records for a kind of vacancy: a work trial is not a job start. */
export function startOutcomeForVacancy(kind: string): 'job_start' | 'apprenticeship_start' | null {
  if (kind === 'apprenticeship') return 'apprenticeship_start';
  if (kind === 'job' || kind === 'guaranteed_interview') return 'job_start';
  return null;
}
