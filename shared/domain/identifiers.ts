// UK identifiers: National Insurance numbers (HMRC NIM39110), postcodes, ULNs and phone
// numbers. Identifiers are text: normalise the form, never the meaning (a leading 0 stays).

/** Upper case, no spaces: "ab 12 34 56 c" → "AB123456C". */
export function normaliseNi(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

const NI_BAD_FIRST = new Set([...'DFIQUV']);
const NI_BAD_SECOND = new Set([...'DFIOQUV']);
const NI_BAD_PREFIX = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/** Why an NI number is not valid, or null if it is. Expects a normalised value. */
export function niNumberProblem(ni: string): string | null {
  if (!/^[A-Z]{2}\d{6}[A-Z]$/.test(ni))
    return 'Enter a National Insurance number in the right format, like JK 12 34 56 C';
  const [first, second] = [ni[0]!, ni[1]!];
  if (NI_BAD_FIRST.has(first)) return `A National Insurance number cannot start with ${first}`;
  if (NI_BAD_SECOND.has(second)) return `The second letter of a National Insurance number cannot be ${second}`;
  if (NI_BAD_PREFIX.has(ni.slice(0, 2))) return `${ni.slice(0, 2)} is not a prefix used for National Insurance numbers`;
  if (!/[A-D]$/.test(ni)) return 'The last letter of a National Insurance number must be A, B, C or D';
  return null;
}

export function isValidNi(raw: string): boolean {
  return niNumberProblem(normaliseNi(raw)) === null;
}

/** "JK123456C" → "JK 12 34 56 C" for display. */
export function formatNi(ni: string | null | undefined): string {
  if (!ni) return '';
  const n = normaliseNi(ni);
  return /^[A-Z]{2}\d{6}[A-Z]$/.test(n)
    ? `${n.slice(0, 2)} ${n.slice(2, 4)} ${n.slice(4, 6)} ${n.slice(6, 8)} ${n[8]}`
    : ni;
}

const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/;

/** Upper case with one space before the inward code: "sg11aa" → "SG1 1AA"; null if not a postcode shape. */
export function normalisePostcode(raw: string): string | null {
  const compact = raw.replace(/\s+/g, '').toUpperCase();
  const m = POSTCODE.exec(compact);
  return m ? `${m[1]} ${m[2]}` : null;
}

/** The outward code (district), e.g. "SG1" from "SG1 1AA". */
export function postcodeDistrict(postcode: string | null | undefined): string | null {
  if (!postcode) return null;
  const n = normalisePostcode(postcode);
  return n ? n.split(' ')[0]! : null;
}

/** ULN: 10 digits; weights 10..2 over the first 9, mod 11; remainder 0 invalid; check = 10 - r. */
export function ulnProblem(uln: string): string | null {
  if (!/^\d{10}$/.test(uln)) return 'Enter a Unique Learner Number of 10 digits';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(uln[i]) * (10 - i);
  const remainder = sum % 11;
  if (remainder === 0) return 'This is not a valid Unique Learner Number (check digit)';
  if (10 - remainder !== Number(uln[9])) return 'This is not a valid Unique Learner Number (check digit)';
  return null;
}

/** Digits only, with a UK +44 prefix folded to 0, for matching: "+44 7700 900123" → "07700900123". */
export function phoneDigits(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let d = raw.replace(/\D/g, '');
  if (d.startsWith('44') && d.length === 12) d = `0${d.slice(2)}`;
  return d.length >= 6 ? d : null;
}
