// Labour-market status at entry checked against time out of work (ESF convention, DOMAIN.md §7):
// long-term unemployed is 12 months or more out of work, or 6 months or more for people under 25.
// Pure: the form prompts with it, the review list finds the records that disagree, and nothing
// changes a stored status by itself.
import { ageOn } from './dates';
import { labelOf, labourMarketStatuses, timeOutOfWork } from './reference-lists';

/** Months out of work at least, by the time-out-of-work answer (null: says nothing about it). */
const monthsAtLeast: Record<string, number | null> = {
  in_work: null,
  under_6_months: 0,
  '6_to_12_months': 6,
  '12_to_24_months': 12,
  over_24_months: 24,
  never_worked: null,
};

/** Months that make someone long-term unemployed at this age. */
export function longTermThreshold(ageAtEntry: number | null): number {
  return ageAtEntry !== null && ageAtEntry < 25 ? 6 : 12;
}

export interface LabourMarketFacts {
  status: string | null;
  timeOutOfWork: string | null;
  dateOfBirth: string | null;
  /** Start date, else referral date, else today: when the status was true. */
  entryDate: string;
}

export interface LabourMarketProblem {
  message: string;
  /** The status the answers point to, when they point to one. */
  suggested: string | null;
}

/** Why the status and the time out of work disagree, or null when they agree (or say too little). */
export function labourMarketProblem(f: LabourMarketFacts): LabourMarketProblem | null {
  if (!f.status || !f.timeOutOfWork) return null;
  const age = f.dateOfBirth && f.dateOfBirth <= f.entryDate ? ageOn(f.dateOfBirth, f.entryDate) : null;
  const threshold = longTermThreshold(age);
  const months = monthsAtLeast[f.timeOutOfWork];
  const time = labelOf(timeOutOfWork, f.timeOutOfWork).toLowerCase();
  const who = age === null ? '' : age < 25 ? ` at ${age} (under 25)` : ` at ${age}`;
  const rule = `long-term unemployed means out of work ${threshold} months or more${threshold === 6 ? ' for people under 25' : ''}`;
  const label = (code: string) => labelOf(labourMarketStatuses, code);

  if (f.status === 'employed') {
    if (f.timeOutOfWork === 'in_work') return null;
    return {
      message: `${label('employed')} but time out of work is "${time}": choose "In work" or check the status`,
      suggested: null,
    };
  }
  if (f.timeOutOfWork === 'in_work' && (f.status === 'unemployed' || f.status === 'long_term_unemployed'))
    return {
      message: `${label(f.status)} but time out of work is "In work": check both answers`,
      suggested: 'employed',
    };
  if (months === null || months === undefined) return null;
  const isLongTerm = months >= threshold;
  if (f.status === 'unemployed' && isLongTerm)
    return {
      message: `Out of work ${time}${who}: ${rule}. Choose "${label('long_term_unemployed')}" or check the time out of work`,
      suggested: 'long_term_unemployed',
    };
  if (f.status === 'long_term_unemployed' && !isLongTerm)
    return {
      message: `Out of work ${time}${who}: ${rule}. Choose "${label('unemployed')}" or check the time out of work`,
      suggested: 'unemployed',
    };
  return null;
}
