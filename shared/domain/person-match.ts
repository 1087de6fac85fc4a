// Is this the same person? An explained score used by registration, every save, imports and
// reconciliation alike, so "possible duplicate" means the same thing everywhere.
import { plural } from './labels';
import { distance } from 'fastest-levenshtein';
import { doubleMetaphone } from 'double-metaphone';
import { normaliseNi, normalisePostcode, phoneDigits } from './identifiers';

export interface PersonKeys {
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  niNumber: string | null;
  postcode: string | null;
  phone: string | null;
}

export interface MatchReason {
  code:
    | 'same_ni'
    | 'different_ni'
    | 'same_dob'
    | 'dob_day_month_swapped'
    | 'dob_digit_typo'
    | 'different_dob'
    | 'same_surname'
    | 'similar_surname'
    | 'same_first_name'
    | 'similar_first_name'
    | 'similar_name'
    | 'same_postcode'
    | 'same_phone';
  text: string;
  points: number;
}

export type MatchLevel = 'certain' | 'probable' | 'possible' | 'none';

export interface MatchScore {
  score: number;
  level: MatchLevel;
  reasons: MatchReason[];
}

/** Lower case, accents and punctuation removed: "O'Brien-Smith" → "obriensmith". */
export function nameKey(name: string): string {
  // Most names are plain letters, which the steps below only lower-case (an import keys 100,000).
  if (/^[A-Za-z]*$/.test(name)) return name.toLowerCase();
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * How a name sounds (Double Metaphone's primary code): "Nowak" and "Nowack" → "NK", "Ionescu"
 * and "Ionesco" → "ANSK", "Shaw" and "Shaww" → "X". Null for a name with no letters. Stored
 * beside each name (participants.first_name_sound / last_name_sound) so close matches are found
 * by an index, and used here to score names that are spelt differently but said the same.
 */
export function nameSound(name: string | null | undefined): string | null {
  const key = nameKey(name ?? '');
  return key ? doubleMetaphone(key)[0] || null : null;
}

/** Letters apart, counting one swap of neighbouring letters ("Smiht" / "Smith") as one. */
export function nameDistance(a: string, b: string): number {
  const ka = nameKey(a),
    kb = nameKey(b);
  return isAdjacentSwap(ka, kb) ? 1 : distance(ka, kb);
}

/** Same length, the same characters but for one pair of neighbours swapped. */
function isAdjacentSwap(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** A typing slip between two name keys (nameKey): one letter apart (two in a long name); for
 * surnames (`soundOf` given) also two spellings said the same ("Ionescu" / "Ionesco"). Not for
 * first names, where short names that sound alike are often different people ("John" / "Jane"). */
function similarKeys(ka: string, kb: string, soundOf?: (key: string) => string | null): boolean {
  if (!ka || !kb || ka === kb) return false;
  const d = isAdjacentSwap(ka, kb) ? 1 : distance(ka, kb);
  if (d <= (Math.max(ka.length, kb.length) >= 7 ? 2 : 1)) return true;
  return !!soundOf && ka.length >= 3 && kb.length >= 3 && soundOf(ka) === soundOf(kb);
}

/**
 * Whether two surnames, as name keys, are close as scorePersonMatch counts them: the same, or
 * similar (a slip apart or said the same). Short of the same NI number, every probable match
 * needs it, so matching a whole file asks this first and scores only the people who pass: most
 * people sharing a postcode or a birth date with a row have another surname. `soundOf` lets a
 * caller comparing one key with many remember each key's sound (nameSound's by default).
 */
export function surnameKeysClose(ka: string, kb: string, soundOf: (key: string) => string | null = nameSound): boolean {
  return ka === kb || similarKeys(ka, kb, soundOf);
}

export type BirthDateCloseness = 'same' | 'day_month_swapped' | 'digit_typo' | 'different';

/**
 * How close two ISO dates of birth are as someone might mistype one: the same; day and month
 * swapped (07/04/1989 for 04/07/1989, the US order); one digit wrong or two neighbouring digits
 * swapped (1998 for 1989); or different.
 */
export function compareBirthDates(a: string, b: string): BirthDateCloseness {
  if (a === b) return 'same';
  const [ya, ma, da] = a.split('-'),
    [yb, mb, db] = b.split('-');
  if (ya === yb && ma === db && da === mb) return 'day_month_swapped';
  const digitsA = a.replace(/-/g, ''),
    digitsB = b.replace(/-/g, '');
  if (digitsA.length !== digitsB.length) return 'different';
  if (isAdjacentSwap(digitsA, digitsB)) return 'digit_typo';
  let differing = 0;
  for (let i = 0; i < digitsA.length; i++) if (digitsA[i] !== digitsB[i]) differing++;
  return differing === 1 ? 'digit_typo' : 'different';
}

/** The dates a mistyped date of birth may stand for (swapped day and month, neighbouring digits
 * swapped) that are real dates: looked up beside the exact date when finding candidates. */
export function nearBirthDates(iso: string): string[] {
  const out = new Set<string>();
  const [y, m, d] = iso.split('-');
  if (y && m && d) out.add(`${y}-${d}-${m}`);
  const digits = iso.replace(/-/g, '');
  for (let i = 0; i + 1 < digits.length; i++) {
    if (digits[i] === digits[i + 1]) continue;
    const swapped = digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
    out.add(`${swapped.slice(0, 4)}-${swapped.slice(4, 6)}-${swapped.slice(6, 8)}`);
  }
  out.delete(iso);
  return [...out].filter(isRealDate).sort();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic, not a Date: an import checks about eight near dates for each of 50,000 rows.
function isRealDate(iso: string): boolean {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  if (!(y >= 1900 && m >= 1 && m <= 12 && d >= 1)) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!);
}

function nameDifference(a: string, b: string, what: string): string {
  const d = nameDistance(a, b);
  return d <= 2 || nameSound(a) !== nameSound(b) ? `${what} differs by ${plural(d, 'letter')}` : `${what}s sound alike`;
}

export function scorePersonMatch(a: PersonKeys, b: PersonKeys): MatchScore {
  const reasons: MatchReason[] = [];
  const niA = a.niNumber ? normaliseNi(a.niNumber) : null;
  const niB = b.niNumber ? normaliseNi(b.niNumber) : null;
  if (niA && niB) {
    if (niA === niB) reasons.push({ code: 'same_ni', text: 'same National Insurance number', points: 70 });
    else reasons.push({ code: 'different_ni', text: 'different National Insurance numbers', points: -40 });
  }
  if (a.dateOfBirth && b.dateOfBirth) {
    const closeness = compareBirthDates(a.dateOfBirth, b.dateOfBirth);
    if (closeness === 'same') reasons.push({ code: 'same_dob', text: 'same date of birth', points: 30 });
    else if (closeness === 'day_month_swapped')
      reasons.push({
        code: 'dob_day_month_swapped',
        text: 'date of birth with the day and month swapped',
        points: 20,
      });
    else if (closeness === 'digit_typo')
      reasons.push({ code: 'dob_digit_typo', text: 'date of birth one typing slip apart', points: 15 });
    else reasons.push({ code: 'different_dob', text: 'different date of birth', points: -25 });
  }
  const lastA = nameKey(a.lastName),
    lastB = nameKey(b.lastName);
  if (lastA === lastB) reasons.push({ code: 'same_surname', text: 'same surname', points: 25 });
  else if (surnameKeysClose(lastA, lastB))
    reasons.push({ code: 'similar_surname', text: nameDifference(a.lastName, b.lastName, 'surname'), points: 18 });
  const firstA = nameKey(a.firstName),
    firstB = nameKey(b.firstName);
  if (firstA === firstB) reasons.push({ code: 'same_first_name', text: 'same first name', points: 15 });
  else if (similarKeys(firstA, firstB) || firstA.startsWith(firstB) || firstB.startsWith(firstA))
    reasons.push({
      code: 'similar_first_name',
      text: nameDifference(a.firstName, b.firstName, 'first name'),
      points: 8,
    });
  const pcA = a.postcode ? normalisePostcode(a.postcode) : null;
  const pcB = b.postcode ? normalisePostcode(b.postcode) : null;
  if (pcA && pcA === pcB) reasons.push({ code: 'same_postcode', text: 'same postcode', points: 15 });
  const phA = phoneDigits(a.phone),
    phB = phoneDigits(b.phone);
  if (phA && phA === phB) reasons.push({ code: 'same_phone', text: 'same phone number', points: 20 });

  const score = Math.max(
    0,
    Math.min(
      100,
      reasons.reduce((s, r) => s + r.points, 0),
    ),
  );
  const has = (code: MatchReason['code']) => reasons.some((r) => r.code === code);
  const surnameClose = has('same_surname') || has('similar_surname');
  const nameClose = surnameClose && (has('same_first_name') || has('similar_first_name'));
  // A date of birth one slip from the other's is evidence, not a contradiction.
  const nearDob = has('dob_day_month_swapped') || has('dob_digit_typo');
  let level: MatchLevel = 'none';
  if (has('same_ni') && !has('different_dob')) level = 'certain';
  else if (has('same_ni')) level = 'probable';
  else if (has('different_ni')) level = score >= 70 ? 'possible' : 'none';
  else if (has('same_dob') && surnameClose) level = nameClose ? 'probable' : 'possible';
  else if (nearDob && nameClose) level = 'probable';
  else if (nameClose && (has('same_postcode') || has('same_phone')))
    level = has('different_dob') ? 'possible' : 'probable';
  else if (nearDob && surnameClose) level = 'possible';
  else if (score >= 60) level = 'possible';
  return { score, level, reasons };
}

/** "same date of birth, surname differs by one letter" */
export function explainMatch(match: MatchScore): string {
  return match.reasons
    .filter((r) => r.points > 0)
    .map((r) => r.text)
    .join(', ');
}
