// A coloured tag for a candidate's stage, and one for a fit check's verdict.
import { labelOfStage } from '../../../shared/domain/candidate-stages';

const stageColour: Record<string, string> = {
  submitted: 'tag-grey',
  interview_booked: 'tag-blue',
  interviewed: 'tag-blue',
  offered: 'tag-yellow',
  accepted: 'tag-yellow',
  started: 'tag-green',
  declined: 'tag-red',
  unsuccessful: 'tag-red',
};

export function StageTag({ stage }: { stage: string }) {
  return <span className={`tag ${stageColour[stage] ?? 'tag-grey'}`}>{labelOfStage(stage)}</span>;
}

const fitWords: Record<string, [string, string]> = {
  pass: ['Meets', 'tag-green'],
  warn: ['Check', 'tag-yellow'],
  fail: ['Does not meet', 'tag-red'],
  blocked: ['Cannot add', 'tag-red'],
};

export function FitTag({ state }: { state: string }) {
  const [label, colour] = fitWords[state] ?? ['Check', 'tag-grey'];
  return <span className={`tag ${colour}`}>{label}</span>;
}
