// Typed parsing of partner spreadsheet values that never mangles data: identifiers keep their
// text, dates are read day-first (or as the profile says), Excel serials in both date systems.
// Pure and time-zone free: every date is computed with Date.UTC.
import { normaliseNi, niNumberProblem, normalisePostcode, ulnProblem, phoneDigits } from './identifiers';

/** One cell as read from a file: text, a number, a boolean, a date-formatted number, or empty. */
export type RawCell = string | number | boolean | { serial: number } | null;

export type DateConvention = 'dmy' | 'mdy' | 'ymd';

export type ValueResult<T> = { ok: true; value: T; warning?: string } | { ok: false; reason: string };

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_MS = 86_400_000;

function isoFromParts(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Excel serial day → ISO date. In the 1900 system serial 1 is 1 Jan 1900 and serial 60 is the
 * 29 Feb 1900 that never existed (Lotus's bug, kept by Excel), so serials after it are one day
 * late; in the 1904 system serial 0 is 1 Jan 1904. Any time of day is dropped.
 */
export function excelSerialToIso(serial: number, date1904 = false): ValueResult<string> {
  if (!Number.isFinite(serial) || serial < 0) return { ok: false, reason: 'is not a date' };
  const days = Math.floor(serial);
  let ms: number;
  if (date1904) ms = Date.UTC(1904, 0, 1) + days * DAY_MS;
  else {
    if (days === 0) return { ok: false, reason: 'is Excel day 0 (an empty date), not a real date' };
    if (days === 60) return { ok: false, reason: 'is 29/02/1900, a date that does not exist (an Excel quirk)' };
    ms = days < 60 ? Date.UTC(1899, 11, 31) + days * DAY_MS : Date.UTC(1899, 11, 30) + days * DAY_MS;
  }
  const d = new Date(ms);
  const iso = isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  return iso ? { ok: true, value: iso } : { ok: false, reason: 'is outside the years 1900 to 2100' };
}

/** ISO date → Excel serial (1900 system, or 1904), the inverse of excelSerialToIso. */
export function isoToExcelSerial(iso: string, date1904 = false): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  if (date1904) return Math.round((ms - Date.UTC(1904, 0, 1)) / DAY_MS);
  const days = Math.round((ms - Date.UTC(1899, 11, 30)) / DAY_MS);
  return days <= 60 ? days - 1 : days;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthFromName(name: string): number | null {
  const k = name.toLowerCase().slice(0, 3);
  const i = MONTHS.indexOf(k === 'sep' || name.toLowerCase().startsWith('sept') ? 'sep' : k);
  return i >= 0 ? i + 1 : null;
}

function fullYear(y: string): number {
  const n = Number(y);
  if (y.length === 4) return n;
  // Two-digit years: dates of birth and programme dates both make sense in a 1941-2040 window.
  return n > 40 ? 1900 + n : 2000 + n;
}

/** Numeric day/month/year forms: "05/03/2024", "5-3-24", "5.3.2024", "2024-03-05", "20240305". */
const NUMERIC = /^(\d{1,4})[/.\- ](\d{1,2})[/.\- ](\d{1,4})$/;
const NAMED_DMY = /^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*([A-Za-z]{3,9})\.?[\s\-/.,]*(\d{2}|\d{4})$/;
const NAMED_MDY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;

/** Parses a date written as text, in the given convention for numeric forms. */
export function parseDateText(input: string, convention: DateConvention = 'dmy'): ValueResult<string> {
  // A time after the date ("05/03/2024 00:00", "2024-03-05T00:00:00") is common in exports.
  const text = input
    .trim()
    .replace(/[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[AaPp][Mm])?$/, '')
    .trim();
  if (!text) return { ok: false, reason: 'is empty' };
  let m = NUMERIC.exec(text);
  if (m) {
    const [a, b, c] = [m[1]!, m[2]!, m[3]!];
    let iso: string | null;
    if (a.length === 4) iso = isoFromParts(Number(a), Number(b), Number(c));
    else if (c.length === 4 || c.length === 2) {
      const y = fullYear(c);
      iso = convention === 'mdy' ? isoFromParts(y, Number(a), Number(b)) : isoFromParts(y, Number(b), Number(a));
    } else iso = null;
    return iso ? { ok: true, value: iso } : { ok: false, reason: `"${text}" is not a real date` };
  }
  if (/^\d{8}$/.test(text)) {
    const ymd = isoFromParts(Number(text.slice(0, 4)), Number(text.slice(4, 6)), Number(text.slice(6, 8)));
    const dmy = isoFromParts(Number(text.slice(4, 8)), Number(text.slice(2, 4)), Number(text.slice(0, 2)));
    const iso = convention === 'ymd' ? (ymd ?? dmy) : (dmy ?? ymd);
    return iso ? { ok: true, value: iso } : { ok: false, reason: `"${text}" is not a real date` };
  }
  m = NAMED_DMY.exec(text);
  if (m) {
    const month = monthFromName(m[2]!);
    const iso = month ? isoFromParts(fullYear(m[3]!), month, Number(m[1])) : null;
    return iso ? { ok: true, value: iso } : { ok: false, reason: `"${text}" is not a real date` };
  }
  m = NAMED_MDY.exec(text);
  if (m) {
    const month = monthFromName(m[1]!);
    const iso = month ? isoFromParts(Number(m[3]), month, Number(m[2])) : null;
    return iso ? { ok: true, value: iso } : { ok: false, reason: `"${text}" is not a real date` };
  }
  return { ok: false, reason: `"${text}" is not a date we can read (use day/month/year)` };
}

/** A cell in a date column: a date-formatted serial, a plain number that is a serial, or text. */
export function parseDateCell(cell: RawCell, convention: DateConvention, date1904: boolean): ValueResult<string> {
  if (cell === null || cell === '') return { ok: false, reason: 'is empty' };
  if (typeof cell === 'object') return excelSerialToIso(cell.serial, date1904);
  if (typeof cell === 'number') {
    // An unformatted serial in a date column (a common export habit), within 1927-2118.
    if (cell >= 10_000 && cell <= 80_000) return excelSerialToIso(cell, date1904);
    return { ok: false, reason: `${cell} is a number, not a date` };
  }
  if (typeof cell === 'boolean') return { ok: false, reason: 'is TRUE/FALSE, not a date' };
  return parseDateText(cell, convention);
}

export interface DateColumnVerdict {
  /** Numeric day/month texts were seen. */
  numericForms: number;
  /** Some first part was > 12 (so it must be the day). */
  dayFirstEvidence: number;
  /** Some second part was > 12 (so the month comes first). */
  monthFirstEvidence: number;
  /** Every numeric date could be read either way: the user must confirm the convention. */
  ambiguous: boolean;
  suggested: DateConvention;
}

/** Looks at a column's text dates to tell day-first from month-first, or flag it as ambiguous. */
export function judgeDateColumn(cells: RawCell[]): DateColumnVerdict {
  let numericForms = 0,
    dayFirstEvidence = 0,
    monthFirstEvidence = 0;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const m = NUMERIC.exec(cell.trim().replace(/[T\s]+\d{1,2}:\d{2}.*$/, ''));
    if (!m || m[1]!.length === 4) continue;
    numericForms++;
    if (Number(m[1]) > 12) dayFirstEvidence++;
    if (Number(m[2]) > 12) monthFirstEvidence++;
  }
  const suggested: DateConvention = monthFirstEvidence > dayFirstEvidence ? 'mdy' : 'dmy';
  return {
    numericForms,
    dayFirstEvidence,
    monthFirstEvidence,
    ambiguous: numericForms > 0 && dayFirstEvidence === 0 && monthFirstEvidence === 0,
    suggested,
  };
}

/** A cell as text, without scientific notation or float noise: 7700900123 → "7700900123". */
export function cellText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  if (typeof cell === 'object') return String(cell.serial);
  if (Number.isInteger(cell) && Math.abs(cell) < 1e21) return cell.toFixed(0);
  return String(Number(cell.toPrecision(15)));
}

export function parseNiCell(cell: RawCell): ValueResult<string> {
  const ni = normaliseNi(cellText(cell));
  const problem = niNumberProblem(ni);
  return problem ? { ok: false, reason: `"${cellText(cell)}": ${problem}` } : { ok: true, value: ni };
}

export function parsePostcodeCell(cell: RawCell): ValueResult<string> {
  const pc = normalisePostcode(cellText(cell));
  return pc ? { ok: true, value: pc } : { ok: false, reason: `"${cellText(cell)}" is not a UK postcode` };
}

/** Phone numbers stay text. A number cell lost its leading 0 in Excel: it is put back, with a warning. */
export function parsePhoneCell(cell: RawCell): ValueResult<string> {
  if (typeof cell === 'number') {
    const digits = cellText(cell);
    if (/^[1-9]\d{8,9}$/.test(digits))
      return { ok: true, value: `0${digits}`, warning: 'the leading 0 was restored (the cell was stored as a number)' };
    return { ok: false, reason: `${digits} is not a phone number` };
  }
  const text = cellText(cell);
  return phoneDigits(text) ? { ok: true, value: text } : { ok: false, reason: `"${text}" is not a phone number` };
}

export function parseUlnCell(cell: RawCell): ValueResult<string> {
  const uln = cellText(cell).replace(/\s/g, '');
  const problem = ulnProblem(uln);
  return problem ? { ok: false, reason: `"${uln}": ${problem}` } : { ok: true, value: uln };
}

export function parseNumberCell(cell: RawCell): ValueResult<number> {
  if (typeof cell === 'number') return { ok: true, value: cell };
  const text = cellText(cell).replace(/[£,\s]/g, '');
  const n = Number(text);
  return text !== '' && Number.isFinite(n)
    ? { ok: true, value: n }
    : { ok: false, reason: `"${cellText(cell)}" is not a number` };
}

export function parseEmailCell(cell: RawCell): ValueResult<string> {
  const text = cellText(cell);
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)
    ? { ok: true, value: text }
    : { ok: false, reason: `"${text}" is not an email address` };
}

/** Words partners use for yes/no and results; a profile's value mappings come first. */
export const builtInValueWords: Record<string, string> = {
  y: 'yes',
  yes: 'yes',
  true: 'yes',
  '1': 'yes',
  '✓': 'yes',
  '✔': 'yes',
  x: 'yes',
  n: 'no',
  no: 'no',
  false: 'no',
  '0': 'no',
  '✗': 'no',
  '✘': 'no',
  pass: 'passed',
  passed: 'passed',
  achieved: 'passed',
  p: 'passed',
  competent: 'passed',
  fail: 'failed',
  failed: 'failed',
  'not achieved': 'failed',
  f: 'failed',
  'not yet competent': 'failed',
};

const mapKey = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** Whether the profile maps this value to nothing (an empty mapping): the cell is then ignored. */
export function mapsToNothing(text: string, mapping: Record<string, string> | undefined): boolean {
  if (!mapping) return false;
  const key = mapKey(text);
  return Object.entries(mapping).some(([from, to]) => to.trim() === '' && mapKey(from) === key);
}

/** Applies a value mapping (case- and space-insensitive) to a cell's text. */
export function mapValue(text: string, mapping: Record<string, string> | undefined, useBuiltIn: boolean): string {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (mapping)
    for (const [from, to] of Object.entries(mapping))
      if (from.trim().toLowerCase().replace(/\s+/g, ' ') === key) return to;
  if (useBuiltIn && key in builtInValueWords) return builtInValueWords[key]!;
  return text.trim();
}
