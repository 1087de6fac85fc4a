// CSCS rules (DOMAIN.md §2): the HS&E test pass mark and how long a pass counts for a card
// application, CSCS card types and their default terms (the 1 Feb 2025 labourer-card change).
//
// Boundaries, decided once here: an "expires on" date is the LAST day something is valid, and
// it is valid on that day (inclusive). A term of N years runs from the start date to the same
// date N years later (29 Feb + 2 years = 28 Feb, clamped, never 1 Mar), so a pass taken on
// 10/03/2024 and valid 2 years expires on 10/03/2026 and is no longer valid on 11/03/2026.
import { addYearsIso, formatUkDate } from './dates';

export const HSE_MAX_SCORE = 50;
export const HSE_PASS_MARK = 45;
/** From this date a first Labourer card lasts 2 years and the HS&E pass used for it 3 years. */
export const LABOURER_RULE_CHANGE = '2025-02-01';
export const HSE_VALID_YEARS = 2;
export const HSE_VALID_YEARS_FIRST_LABOURER = 3;
export const FIRST_LABOURER_CARD_YEARS = 2;
export const STANDARD_CARD_YEARS = 5;

export interface CardTypeOption {
  code: string;
  label: string;
  colour: string;
}

/** CSCS card types (colour and occupation). Stored as codes; the number is free text. */
export const cscsCardTypes: CardTypeOption[] = [
  { code: 'green_labourer', label: 'Labourer (green)', colour: 'green' },
  { code: 'red_trainee', label: 'Trainee (red)', colour: 'red' },
  { code: 'red_apprentice', label: 'Apprentice (red)', colour: 'red' },
  { code: 'red_experienced_worker', label: 'Experienced worker (red)', colour: 'red' },
  { code: 'blue_skilled_worker', label: 'Skilled worker (blue)', colour: 'blue' },
  { code: 'gold_advanced_craft', label: 'Advanced craft (gold)', colour: 'gold' },
  { code: 'gold_supervisor', label: 'Supervisor (gold)', colour: 'gold' },
  { code: 'black_manager', label: 'Manager (black)', colour: 'black' },
  { code: 'white_aqp', label: 'Academically qualified person (white)', colour: 'white' },
  { code: 'white_pqp', label: 'Professionally qualified person (white)', colour: 'white' },
  { code: 'yellow_visitor', label: 'Visitor (yellow)', colour: 'yellow' },
];

export function cardTypeLabel(code: string): string {
  return cscsCardTypes.find((c) => c.code === code)?.label ?? code;
}

export const isLabourerCard = (cardType: string) => cardType === 'green_labourer';

export function isHsePass(score: number): boolean {
  return Number.isInteger(score) && score >= HSE_PASS_MARK && score <= HSE_MAX_SCORE;
}

/**
 * Last day an HS&E pass counts for a card application. `usedForFirstLabourerCardOn`: when the
 * pass backs a first Labourer card applied for on that date (on/after 1 Feb 2025 it gets 3 years).
 * Returns null for a fail: a fail is never valid.
 */
export function hsePassExpiresOn(
  takenOn: string,
  score: number,
  usedForFirstLabourerCardOn?: string | null,
): string | null {
  if (!isHsePass(score)) return null;
  const years =
    usedForFirstLabourerCardOn && usedForFirstLabourerCardOn >= LABOURER_RULE_CHANGE
      ? HSE_VALID_YEARS_FIRST_LABOURER
      : HSE_VALID_YEARS;
  return addYearsIso(takenOn, years);
}

/** Whether an HS&E result can back a card application made on `applicationDate`. */
export function isHsePassValidOn(
  takenOn: string,
  score: number,
  applicationDate: string,
  forFirstLabourerCard = false,
): boolean {
  const expires = hsePassExpiresOn(takenOn, score, forFirstLabourerCard ? applicationDate : null);
  return expires !== null && takenOn <= applicationDate && applicationDate <= expires;
}

/** Term of a card in years: a first Labourer card issued on/after 1 Feb 2025 lasts 2; others 5. */
export function cardTermYears(cardType: string, issuedOn: string, isFirstLabourerCard: boolean): number {
  return isLabourerCard(cardType) && isFirstLabourerCard && issuedOn >= LABOURER_RULE_CHANGE
    ? FIRST_LABOURER_CARD_YEARS
    : STANDARD_CARD_YEARS;
}

/** The expiry date a new card gets unless the officer types the one printed on the card. */
export function defaultCardExpiry(cardType: string, issuedOn: string, isFirstLabourerCard: boolean): string {
  return addYearsIso(issuedOn, cardTermYears(cardType, issuedOn, isFirstLabourerCard));
}

export function isCardValidOn(card: { issuedOn: string; expiresOn: string }, on: string): boolean {
  return card.issuedOn <= on && on <= card.expiresOn;
}

export interface HseRecord {
  takenOn: string;
  score: number;
}

export interface CardCheck {
  /** Why the card cannot be recorded (null: it can). */
  refusal: string | null;
  warnings: string[];
}

/**
 * Whether a card can be recorded given the person's HS&E tests and L1 Awards on file. A card
 * needs an HS&E pass: when the latest test before the card is a fail and no pass is valid for
 * it, the card is refused (a 38/50 learner cannot hold a card). With no HS&E pass or no L1
 * Award on file at all it is accepted with a warning: the partner may hold the evidence.
 */
export function checkCardAgainstRecords(
  card: { cardType: string; issuedOn: string; isFirstLabourerCard: boolean },
  hseTests: HseRecord[],
  l1Awards: Array<{ achievedOn: string }>,
): CardCheck {
  const warnings: string[] = [];
  const before = hseTests.filter((t) => t.takenOn <= card.issuedOn).sort((a, b) => a.takenOn.localeCompare(b.takenOn));
  const firstLabourer = card.isFirstLabourerCard && isLabourerCard(card.cardType);
  const backed = before.some((t) => isHsePassValidOn(t.takenOn, t.score, card.issuedOn, firstLabourer));
  const latest = before.at(-1);
  if (!backed && latest && !isHsePass(latest.score))
    return {
      refusal:
        `The HS&E score ${latest.score}/50 (${formatUkDate(latest.takenOn)}) is below the pass mark ` +
        `(${HSE_PASS_MARK}/50): a CSCS card needs an HS&E pass`,
      warnings,
    };
  if (!backed)
    warnings.push(
      latest
        ? `The HS&E pass on file (${formatUkDate(latest.takenOn)}) had lapsed by the card's issue date`
        : 'No HS&E pass on file for this card',
    );
  if (isLabourerCard(card.cardType) && !l1Awards.some((a) => a.achievedOn <= card.issuedOn))
    warnings.push('No Level 1 Award on file for this Labourer card');
  return { refusal: null, warnings };
}

/**
 * Why an officer cannot sign someone off as site ready on a date: their HS&E record shows a
 * fail, with no pass still valid and no valid CSCS card (which would prove a pass).
 */
export function signoffRefusal(
  hseTests: HseRecord[],
  cards: Array<{ issuedOn: string; expiresOn: string }>,
  on: string,
): string | null {
  const before = hseTests.filter((t) => t.takenOn <= on).sort((a, b) => a.takenOn.localeCompare(b.takenOn));
  const latest = before.at(-1);
  if (!latest || isHsePass(latest.score)) return null;
  if (before.some((t) => isHsePassValidOn(t.takenOn, t.score, on, true))) return null;
  if (cards.some((c) => isCardValidOn(c, on))) return null;
  return (
    `The HS&E score ${latest.score}/50 (${formatUkDate(latest.takenOn)}) is below the pass mark ` +
    `(${HSE_PASS_MARK}/50) and there is no valid CSCS card: they cannot be signed off as site ready`
  );
}
