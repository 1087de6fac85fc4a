// A funding agreement's dates against a return's period: a period wholly outside the agreement
// cannot be claimed (refused); one that runs past either end is counted only within the agreement
// and says so; after the closure date for final claims the funder may no longer accept a claim.
import { formatUkDate } from './dates';

export interface AgreementDates {
  name: string;
  startsOn: string;
  /** Null: open-ended (e.g. the council's own core funding). */
  endsOn: string | null;
  /** The last day the funder accepts final claims; null when not known. */
  closureOn: string | null;
}

export interface AgreementCheck {
  /** 'none': the set has no agreement; 'inside'; 'partly': clipped; 'outside': nothing to claim. */
  status: 'none' | 'inside' | 'partly' | 'outside';
  /** The part of the period the return counts (equal to the period unless clipped). */
  countedFrom: string;
  countedTo: string;
  /** What staff are told, plainly; empty when there is nothing to say. */
  messages: string[];
}

export function checkAgreement(
  agreement: AgreementDates | null,
  from: string,
  to: string,
  today: string,
): AgreementCheck {
  if (!agreement) return { status: 'none', countedFrom: from, countedTo: to, messages: [] };
  const end = agreement.endsOn;
  const span = `${formatUkDate(agreement.startsOn)} to ${end ? formatUkDate(end) : 'no end date'}`;
  if (to < agreement.startsOn || (end !== null && from > end)) {
    return {
      status: 'outside',
      countedFrom: from,
      countedTo: to,
      messages: [
        `This period is outside the funding agreement "${agreement.name}" (${span}). Nothing in it can be claimed from this ` +
          'funder: the return cannot be exported or submitted. Choose a period within the agreement.',
      ],
    };
  }
  const countedFrom = from < agreement.startsOn ? agreement.startsOn : from;
  const countedTo = end !== null && to > end ? end : to;
  const messages: string[] = [];
  if (countedFrom !== from || countedTo !== to)
    messages.push(
      `This period runs outside the funding agreement "${agreement.name}" (${span}): only ${formatUkDate(countedFrom)} to ` +
        `${formatUkDate(countedTo)} is counted.`,
    );
  if (agreement.closureOn && today > agreement.closureOn)
    messages.push(
      `The closure date for final claims under "${agreement.name}" was ${formatUkDate(agreement.closureOn)}: ` +
        'this return is for the record (closure reporting, audit); the funder may not accept a new claim.',
    );
  const clipped = countedFrom !== from || countedTo !== to;
  return { status: clipped ? 'partly' : 'inside', countedFrom, countedTo, messages };
}
