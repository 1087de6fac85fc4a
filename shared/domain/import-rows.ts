// One table row + a profile → typed values for our fields, with a problem per bad cell (naming
// its column) and warnings. Blank cells give no value at all, so blanks never overwrite data.
import { columnLetter, type SheetTable } from './import-sheet';
import { isIdentifierWord, nameWordsWithDigits } from './quick-search-words';
import {
  cscsFactFields,
  fieldOf,
  headerIndex,
  importFields,
  type ImportField,
  type ImportProfile,
} from './import-profile';
import {
  cellText,
  mapValue,
  mapsToNothing,
  parseDateCell,
  parseEmailCell,
  parseNiCell,
  parseNumberCell,
  parsePhoneCell,
  parsePostcodeCell,
  parseUlnCell,
  type RawCell,
  type ValueResult,
} from './import-values';

export type FieldValue = string | number;

export interface CellProblem {
  field: string;
  /** The partner's column header and letter, e.g. "DOB (C)". */
  column: string;
  message: string;
}

export interface TypedRow {
  rowNumber: number;
  values: Record<string, FieldValue>;
  problems: CellProblem[];
  warnings: CellProblem[];
  /** Fields whose cell the profile maps to nothing (e.g. "Withdrawn" → no result). */
  cleared: string[];
}

export interface ColumnBinding {
  field: ImportField;
  index: number;
  header: string;
}

/** Which column feeds each field; a problem for each mapped header the sheet lacks. */
export function bindColumns(
  profile: ImportProfile,
  headers: string[],
): { bindings: ColumnBinding[]; missing: string[] } {
  const bindings: ColumnBinding[] = [];
  const missing: string[] = [];
  for (const [key, header] of Object.entries(profile.columns)) {
    const field = fieldOf(profile.kind, key);
    if (!field) continue;
    const index = headerIndex(headers, header);
    if (index < 0) missing.push(header);
    else bindings.push({ field, index, header: headers[index]! });
  }
  return { bindings, missing };
}

/** "Work experience" → "work_experience", for matching code lists. */
export function codeKey(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** "Smith, John" → John / Smith; "John Paul Smith" → John Paul / Smith. */
export function splitFullName(full: string): { first: string; last: string } {
  const t = full.trim().replace(/\s+/g, ' ');
  const comma = t.indexOf(',');
  if (comma > 0) return { last: t.slice(0, comma).trim(), first: t.slice(comma + 1).trim() };
  const i = t.lastIndexOf(' ');
  return i > 0 ? { first: t.slice(0, i), last: t.slice(i + 1) } : { first: '', last: t };
}

function tidyName(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  // SHOUTED or whispered names get title case; mixed case (McDonald, de Souza) is kept.
  if (t === t.toUpperCase() || t === t.toLowerCase())
    return t.toLowerCase().replace(/(^|[\s'-])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
  return t;
}

/** A name is accepted as the partner wrote it; a word in it with a digit is a warning, as on the
 * form (quick search reads such a word as an identifier, so it will not find the person by it). */
function nameResult(field: ImportField, value: string): ValueResult<FieldValue> {
  if (!isIdentifierWord(value)) return { ok: true, value }; // no digit: the common case, without splitting
  const words = nameWordsWithDigits(value);
  const quoted = words.map((w) => `"${w}"`).join(', ');
  return {
    ok: true,
    value,
    warning:
      `${field.label} ${quoted} ${words.length === 1 ? 'has a digit' : 'have digits'}: quick search reads a word ` +
      'with a digit as a postcode, NI number, phone number or reference, so this person will not be found by ' +
      (words.length === 1 ? 'that word' : 'those words'),
  };
}

export function parseFieldValue(
  field: ImportField,
  cell: RawCell,
  profile: ImportProfile,
  date1904: boolean,
  codes?: readonly string[],
): ValueResult<FieldValue> {
  const map = profile.valueMaps[field.key];
  if (map && cell !== null && typeof cell !== 'object' && mapsToNothing(cellText(cell), map))
    return { ok: true, value: '' };
  if (typeof cell === 'string' && map) cell = mapValue(cell, map, false);
  switch (field.type) {
    case 'date':
      return parseDateCell(cell, profile.dateConvention, date1904);
    case 'ni':
      return parseNiCell(cell);
    case 'postcode':
      return parsePostcodeCell(cell);
    case 'phone':
      return parsePhoneCell(cell);
    case 'uln':
      return parseUlnCell(cell);
    case 'email':
      return parseEmailCell(cell);
    case 'number':
      return parseNumberCell(cell);
    case 'name':
      return nameResult(field, tidyName(cellText(cell)));
    case 'code': {
      const text = mapValue(cellText(cell), map, true);
      const allowed = codes ?? field.codes;
      if (!allowed) return { ok: true, value: text };
      const key = codeKey(text);
      const hit = allowed.find((c) => c === key || codeKey(c) === key);
      return hit
        ? { ok: true, value: hit }
        : { ok: false, reason: `"${cellText(cell)}" is not one of: ${allowed.join(', ')} (add a value mapping)` };
    }
    default:
      return { ok: true, value: cellText(cell) };
  }
}

/** Types every row of a table with a profile. `codes` overrides code lists (e.g. outcome types from the store). */
export function typeRows(
  table: SheetTable,
  profile: ImportProfile,
  date1904: boolean,
  codes: Record<string, readonly string[]> = {},
): { rows: TypedRow[]; missingColumns: string[] } {
  const { bindings, missing } = bindColumns(profile, table.headers);
  const fields = importFields[profile.kind];
  const rows: TypedRow[] = table.rows.map(({ rowNumber, cells }) => {
    const values: Record<string, FieldValue> = {};
    const problems: CellProblem[] = [];
    const warnings: CellProblem[] = [];
    const cleared: string[] = [];
    for (const b of bindings) {
      const cell = cells[b.index] ?? null;
      if (cell === null || (typeof cell === 'string' && cell.trim() === '')) continue;
      const parsed = parseFieldValue(b.field, cell, profile, date1904, codes[b.field.key]);
      const column = `${b.header} (${columnLetter(b.index)})`;
      if (parsed.ok) {
        if (parsed.value !== '') values[b.field.key] = parsed.value;
        else if (typeof cell !== 'object' && mapsToNothing(cellText(cell), profile.valueMaps[b.field.key]))
          cleared.push(b.field.key);
        if (parsed.warning) warnings.push({ field: b.field.key, column, message: parsed.warning });
      } else problems.push({ field: b.field.key, column, message: `${b.field.label} ${parsed.reason}` });
    }
    for (const [key, text] of Object.entries(profile.defaults)) {
      const field = fields.find((f) => f.key === key);
      if (!field || key in values || cleared.includes(key)) continue;
      const parsed = parseFieldValue(field, text, profile, date1904, codes[key]);
      if (parsed.ok) values[key] = parsed.value;
      else problems.push({ field: key, column: 'profile default', message: `${field.label} ${parsed.reason}` });
    }
    if (typeof values.full_name === 'string' && (!values.first_name || !values.last_name)) {
      const { first, last } = splitFullName(values.full_name);
      values.first_name ??= first;
      values.last_name ??= last;
    }
    delete values.full_name;
    const missing = (f: ImportField) => {
      const b = bindings.find((x) => x.field.key === f.key);
      problems.push({
        field: f.key,
        column: b ? `${b.header} (${columnLetter(b.index)})` : f.label,
        message: `${f.label} is missing`,
      });
    };
    for (const f of fields)
      if (f.required && !(f.key in values) && !cleared.includes(f.key) && !problems.some((p) => p.field === f.key))
        missing(f);
    // A results row records a result or CSCS facts; a result the profile maps to nothing is neither.
    if (
      profile.kind === 'results' &&
      !('result' in values) &&
      !cleared.includes('result') &&
      !cscsFactFields.some((k) => k in values) &&
      !problems.length
    )
      missing(fieldOf('results', 'result')!);
    return { rowNumber, values, problems, warnings, cleared };
  });
  return { rows, missingColumns: missing };
}
