// Is this the same person? An explained score used by registration, every save, imports and
// reconciliation alike, so "possible duplicate" means the same thing everywhere.
import { distance } from 'fastest-levenshtein';
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
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function letterDifference(a: string, b: string): number {
  return distance(nameKey(a), nameKey(b));
}

function similarEnough(a: string, b: string): boolean {
  const ka = nameKey(a),
    kb = nameKey(b);
  if (!ka || !kb) return false;
  const d = distance(ka, kb);
  return d <= (Math.max(ka.length, kb.length) >= 7 ? 2 : 1);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function scorePersonMatch(a: PersonKeys, b: PersonKeys): MatchScore {
  const reasons: MatchReason[] = [];
  const niA = a.niNumber ? normaliseNi(a.niNumber) : null;
  const niB = b.niNumber ? normaliseNi(b.niNumber) : null;
  if (niA && niB) {
    if (niA === niB) reasons.push({ code: 'same_ni', text: 'same National Insurance number', points: 70 });
    else reasons.push({ code: 'different_ni', text: 'different National Insurance numbers', points: -40 });
  }
  if (a.dateOfBirth && b.dateOfBirth) {
    if (a.dateOfBirth === b.dateOfBirth) reasons.push({ code: 'same_dob', text: 'same date of birth', points: 30 });
    else reasons.push({ code: 'different_dob', text: 'different date of birth', points: -25 });
  }
  const surnameDiff = letterDifference(a.lastName, b.lastName);
  if (surnameDiff === 0) reasons.push({ code: 'same_surname', text: 'same surname', points: 25 });
  else if (similarEnough(a.lastName, b.lastName))
    reasons.push({ code: 'similar_surname', text: `surname differs by ${plural(surnameDiff, 'letter')}`, points: 18 });
  const firstDiff = letterDifference(a.firstName, b.firstName);
  if (firstDiff === 0) reasons.push({ code: 'same_first_name', text: 'same first name', points: 15 });
  else if (
    similarEnough(a.firstName, b.firstName) ||
    nameKey(a.firstName).startsWith(nameKey(b.firstName)) ||
    nameKey(b.firstName).startsWith(nameKey(a.firstName))
  )
    reasons.push({
      code: 'similar_first_name',
      text: `first name differs by ${plural(firstDiff, 'letter')}`,
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
  const nameClose =
    (has('same_surname') || has('similar_surname')) && (has('same_first_name') || has('similar_first_name'));
  let level: MatchLevel = 'none';
  if (has('same_ni') && !has('different_dob')) level = 'certain';
  else if (has('same_ni')) level = 'probable';
  else if (has('different_ni')) level = score >= 70 ? 'possible' : 'none';
  else if (has('same_dob') && (has('same_surname') || has('similar_surname')))
    level = nameClose ? 'probable' : 'possible';
  else if (nameClose && (has('same_postcode') || has('same_phone')))
    level = has('different_dob') ? 'possible' : 'probable';
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
