// Referrals of one person (issue 20): the first participation is the record itself (its referral,
// start and leave dates: ESF counts start data from the first participation); a person referred
// again gets a new referral on the same record, never a changed first one. Pure rules, shared by
// the Referrals tab, the backend and imports.
import { formatUkDate } from './dates';

export interface ReferralDates {
  /** The record's own (first) referral date. */
  first: string | null;
  /** Later referrals already recorded. */
  later: readonly string[];
}

/** Whether a referral date from a form or a partner's file is a new referral of this person: after
 * the first one and not one already recorded. (A date before the first one corrects the first.) */
export function isNewReferral(dates: ReferralDates, referralDate: string): boolean {
  return !!dates.first && referralDate > dates.first && !dates.later.includes(referralDate);
}

/** Why a new referral on `referralDate` (starting `startDate`) cannot be added, by field; empty when it can. */
export function newReferralProblems(
  dates: ReferralDates,
  input: { referralDate: string; startDate: string | null },
  today: string,
): Array<{ path: string[]; message: string }> {
  const out: Array<{ path: string[]; message: string }> = [];
  if (input.referralDate > today)
    out.push({ path: ['referralDate'], message: 'The referral date cannot be in the future' });
  else if (dates.later.includes(input.referralDate) || dates.first === input.referralDate)
    out.push({
      path: ['referralDate'],
      message: `This person already has a referral on ${formatUkDate(input.referralDate)}`,
    });
  else if (dates.first && input.referralDate < dates.first)
    out.push({
      path: ['referralDate'],
      message: `A new referral comes after the first one (${formatUkDate(dates.first)}); to correct the first referral, change it on the Details tab`,
    });
  if (input.startDate && input.startDate < input.referralDate)
    out.push({ path: ['startDate'], message: 'The start date must be on or after the referral date' });
  if (input.startDate && input.startDate > today)
    out.push({ path: ['startDate'], message: 'The start date cannot be in the future' });
  return out;
}
