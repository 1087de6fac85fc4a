// From a sheet's grid of cells to a table: merged cells filled, the header row found below any
// title rows, blank and total rows skipped, trailing blanks trimmed. Pure (used by the backend
// and its tests); sheet rows are reported 1-based as the user sees them in Excel.
import { cellText, type RawCell } from './import-values';
import { importFields } from './import-profile';
import { nameKey } from './person-match';

export interface MergeRange {
  /** 0-based, inclusive. */
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

export interface SheetGrid {
  name: string;
  rows: RawCell[][];
  merges: MergeRange[];
}

export interface SheetTable {
  sheet: string;
  /** 1-based row number of the header. */
  headerRow: number;
  headers: string[];
  rows: Array<{ rowNumber: number; cells: RawCell[] }>;
  skippedBlank: number;
  skippedTotals: number;
}

/** Copies each merged range's top-left value into the whole range (only small ranges). */
export function fillMerges(rows: RawCell[][], merges: MergeRange[]): void {
  for (const m of merges) {
    if ((m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1) > 10_000) continue;
    const value = rows[m.r1]?.[m.c1] ?? null;
    for (let r = m.r1; r <= m.r2; r++) {
      const row = (rows[r] ??= []);
      for (let c = m.c1; c <= m.c2; c++) if (r !== m.r1 || c !== m.c1) row[c] = value;
    }
  }
}

const isBlank = (cell: RawCell | undefined) =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
const TOTAL = /^(grand\s+)?(sub-?)?totals?\b|^sum\b|^count\b|^end of (report|list)/i;

function filledCount(row: RawCell[] | undefined): number {
  return (row ?? []).filter((c) => !isBlank(c)).length;
}

let knownWords: Set<string> | null = null;
function isKnownHeader(label: string): boolean {
  knownWords ??= new Set(Object.values(importFields).flatMap((fields) => fields.flatMap((f) => f.synonyms)));
  return knownWords.has(nameKey(label));
}

/**
 * The header row: among the first 30 rows, the one of distinct text labels (no digits, unlike
 * data rows of dates, phones and postcodes), best if they are words we know ("Surname", "DOB").
 * Title rows ("Referrals — March 2026") have one filled cell and lose.
 */
export function detectHeaderRow(rows: RawCell[][]): number {
  const limit = Math.min(rows.length, 30);
  let best = 0,
    bestScore = -1;
  for (let r = 0; r < limit; r++) {
    const filled = filledCount(rows[r]);
    const labels = new Set(
      (rows[r] ?? [])
        .filter((c): c is string => typeof c === 'string' && c.trim() !== '' && c.length <= 80 && !/\d{2}/.test(c))
        .map((c) => c.trim().toLowerCase()),
    );
    if (filled < 2 || labels.size < 2 || labels.size < filled * 0.6) continue;
    const known = [...labels].filter(isKnownHeader).length;
    const score = labels.size + known * 3;
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Header labels for a header row. A group label merged across columns in the row above
 * ("Personal details" over three columns) is used only where the header cell itself is blank.
 */
export function headersAt(rows: RawCell[][], headerIndex: number, width: number): string[] {
  const row = rows[headerIndex] ?? [];
  const above = rows[headerIndex - 1] ?? [];
  const seen = new Map<string, number>();
  const out: string[] = [];
  for (let c = 0; c < width; c++) {
    let label = cellText(row[c] ?? null).replace(/\s+/g, ' ');
    if (!label) label = cellText(above[c] ?? null).replace(/\s+/g, ' ');
    if (!label) label = `Column ${columnLetter(c)}`;
    // Duplicate labels (merged header cells copied across) get a suffix so each stays distinct.
    const n = seen.get(label.toLowerCase()) ?? 0;
    seen.set(label.toLowerCase(), n + 1);
    out.push(n ? `${label} (${n + 1})` : label);
  }
  return out;
}

export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The table under a header row (detected unless given, 1-based), without blank and total rows. */
export function tableOf(grid: SheetGrid, headerRow?: number): SheetTable {
  const rows = grid.rows;
  fillMerges(
    rows,
    grid.merges.filter((m) => m.r2 - m.r1 < 5),
  ); // header-area merges; tall merges are data
  const headerIndex = headerRow ? headerRow - 1 : detectHeaderRow(rows);
  // Width: the header's last label (trailing blank columns are dropped).
  let width = 0;
  const hdr = rows[headerIndex] ?? [];
  for (let c = 0; c < hdr.length; c++) if (!isBlank(hdr[c])) width = c + 1;
  const headers = headersAt(rows, headerIndex, width);
  const out: SheetTable['rows'] = [];
  let skippedBlank = 0,
    skippedTotals = 0;
  for (let r = headerIndex + 1; r < rows.length; r++) {
    const src = rows[r];
    // A row absent from a sparse sheet is blank: skipped without walking the header's width.
    if (src === undefined) {
      skippedBlank++;
      continue;
    }
    const cells: RawCell[] = new Array(width);
    let filled = 0;
    for (let c = 0; c < width; c++) {
      let v = src[c] ?? null;
      if (typeof v === 'string') {
        v = v.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');
        if (v === '') v = null;
      }
      cells[c] = v;
      if (v !== null) filled++;
    }
    if (filled === 0) {
      skippedBlank++;
      continue;
    }
    const first = cells.find((c) => c !== null);
    if (typeof first === 'string' && TOTAL.test(first)) {
      skippedTotals++;
      continue;
    }
    out.push({ rowNumber: r + 1, cells });
  }
  // Blank rows after the last data row are not worth mentioning.
  return { sheet: grid.name, headerRow: headerIndex + 1, headers, rows: out, skippedBlank, skippedTotals };
}
