// A small, strict xlsx reader for imports. It reads the zip through file-guard's capped
// inflater (ExcelJS's load() inflates without limits), keeps the raw cell values (so a phone
// stored as text stays text and date serials stay serials for our own 1900/1904 rules), and
// reports merged ranges and the workbook's date system. Every part is read in one pass by
// xml-scanner; row and column numbers are held to Excel's own limits, and rows are stored
// sparsely (a row numbered 1,000,000 does not create the 999,999 empty rows before it).
import type { RawCell } from '../../../shared/domain/import-values';
import type { MergeRange, SheetGrid } from '../../../shared/domain/import-sheet';
import { ImportFileError, importLimits, inflateEntry, readZipDirectory, type ZipEntry } from './file-guard';
import { END, EOF, MAX_TEXT_BYTES, START, TEXT, XmlDamaged, XmlScanner, unescapeOoxml } from './xml-scanner';

export interface SheetInfo {
  name: string;
  hidden: boolean;
  path: string;
}

export interface XlsxBook {
  sheets: SheetInfo[];
  date1904: boolean;
  readSheet(name: string): SheetGrid;
}

/** Excel's own sheet size (ECMA-376; "Excel specifications and limits"). */
export const excelLimits = { rows: 1_048_576, columns: 16_384 };

/** Real sheets have dozens of merged ranges; this many is a file built to cost memory. */
const MAX_MERGES = 100_000;

/** The caps a sheet is read under (from importLimits; passed explicitly into the worker). */
export interface SheetLimits {
  maxCells: number;
  maxGridCells: number;
}

const fmt = (n: number) => n.toLocaleString('en-GB');

function damaged(fileName: string, part: string, why: string): ImportFileError {
  return new ImportFileError(
    'damaged',
    `"${fileName}" is damaged: ${part} cannot be read (${why}). Open it in Excel, save it again and import the saved copy.`,
  );
}

/** Runs a part's reader, turning XML damage into a message naming the file and the part. */
function readPart<T>(fileName: string, part: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlDamaged) throw damaged(fileName, part, error.why);
    throw error;
  }
}

/** Built-in number formats that are dates (ECMA-376 18.8.30), and custom codes that look like one. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);
function isDateFormatCode(code: string): boolean {
  // Excel's format codes are at most 255 characters; a longer one is not a date format we know.
  if (code.length > 255) return false;
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare) && !/General/i.test(bare);
}

/** The text content of the element just started, up to its end tag (nested elements skipped). */
function elementText(sc: XmlScanner): string {
  if (sc.selfClosing) return '';
  const depth = sc.depth;
  let text = '';
  for (;;) {
    const tok = sc.next();
    if (tok === TEXT && sc.depth === depth) {
      text += sc.text();
      if (text.length > MAX_TEXT_BYTES) throw new XmlDamaged('a text far longer than Excel allows');
    } else if ((tok === END && sc.depth < depth) || tok === EOF) return text;
  }
}

/** Rich text (`<si>`, `<is>`): the runs' `<t>` texts, without phonetic guides (`<rPh>`). */
function richText(sc: XmlScanner): string {
  if (sc.selfClosing) return '';
  const depth = sc.depth;
  let text = '';
  for (;;) {
    const tok = sc.next();
    if (tok === START) {
      if (sc.name === 't') {
        text += elementText(sc);
        if (text.length > MAX_TEXT_BYTES) throw new XmlDamaged('a text far longer than Excel allows');
      } else if (sc.name === 'rPh') sc.skipElement();
    } else if ((tok === END && sc.depth < depth) || tok === EOF) return unescapeOoxml(text);
  }
}

function sharedStrings(xml: Uint8Array, limits: SheetLimits): string[] {
  const out: string[] = [];
  const sc = new XmlScanner(xml);
  for (let tok = sc.next(); tok !== EOF; tok = sc.next()) {
    if (tok !== START || sc.name !== 'si') continue;
    // More texts than a sheet may hold cells is no workbook; the cap also bounds this array.
    if (out.length >= limits.maxCells) throw new XmlDamaged(`more than ${fmt(limits.maxCells)} texts`);
    out.push(richText(sc));
  }
  return out;
}

function dateStyles(xml: Uint8Array | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  const sc = new XmlScanner(xml);
  let xfDepth = -1;
  for (let tok = sc.next(); tok !== EOF; tok = sc.next()) {
    if (tok === END && sc.name === 'cellXfs') xfDepth = -1;
    if (tok !== START) continue;
    if (sc.name === 'numFmt') {
      custom.set(Number(sc.attr('numFmtId')), sc.attr('formatCode') ?? '');
    } else if (sc.name === 'cellXfs' && !sc.selfClosing) xfDepth = sc.depth;
    else if (sc.name === 'xf' && xfDepth >= 0 && sc.depth <= xfDepth + 1) xfs.push(Number(sc.attr('numFmtId') ?? 0));
  }
  return xfs.map((id) => BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormatCode(custom.get(id)!)));
}

/**
 * "BC12" → { r: 11, c: 54 } (0-based); null if it is not a cell reference. A column past 3
 * letters or a row past 7 digits comes back as Excel's limit, so the caller refuses it.
 */
function cellRef(ref: string): { r: number; c: number } | null {
  let i = ref.charCodeAt(0) === 0x24 /* $ */ ? 1 : 0;
  const lettersFrom = i;
  let c = 0;
  for (let ch = ref.charCodeAt(i); ch >= 0x41 && ch <= 0x5a; ch = ref.charCodeAt(++i))
    if (i - lettersFrom < 3) c = c * 26 + (ch - 64);
  const letters = i - lettersFrom;
  if (ref.charCodeAt(i) === 0x24) i++;
  const digitsFrom = i;
  let r = 0;
  for (let ch = ref.charCodeAt(i); ch >= 0x30 && ch <= 0x39; ch = ref.charCodeAt(++i))
    if (i - digitsFrom < 8) r = r * 10 + (ch - 48);
  const digits = i - digitsFrom;
  if (!letters || !digits || i !== ref.length) return null;
  return {
    r: digits > 7 ? excelLimits.rows : r - 1,
    c: letters > 3 ? excelLimits.columns : c - 1,
  };
}

export function openXlsx(bytes: Uint8Array, fileName: string, limits: SheetLimits = importLimits): XlsxBook {
  const entries = readZipDirectory(bytes, fileName);
  // Every part is inflated now, through the capped inflater, so a zip that lies about its
  // sizes is refused when the file is opened rather than halfway through a preview.
  const inflated = new Map<string, Uint8Array>();
  for (const [path, e] of entries)
    if (/\.(xml|rels)$/i.test(path)) inflated.set(path, inflateEntry(bytes, e as ZipEntry, fileName));
  const part = (path: string): Uint8Array | null => inflated.get(path) ?? null;
  const workbook = part('xl/workbook.xml');
  if (!workbook) {
    const what = entries.has('word/document.xml')
      ? 'a Word document'
      : entries.has('ppt/presentation.xml')
        ? 'a PowerPoint file'
        : 'a zip archive';
    throw new ImportFileError('not-spreadsheet', `"${fileName}" is ${what}, not an Excel workbook.`);
  }
  const rels = new Map<string, string>();
  readPart(fileName, 'its list of parts', () => {
    const sc = new XmlScanner(part('xl/_rels/workbook.xml.rels') ?? new Uint8Array());
    for (let tok = sc.next(); tok !== EOF; tok = sc.next()) {
      if (tok !== START || sc.name !== 'Relationship') continue;
      const id = sc.attr('Id'),
        target = sc.attr('Target');
      if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`);
    }
  });
  let date1904 = false;
  const sheets: SheetInfo[] = [];
  readPart(fileName, 'its list of sheets', () => {
    const sc = new XmlScanner(workbook);
    for (let tok = sc.next(); tok !== EOF; tok = sc.next()) {
      if (tok !== START) continue;
      if (sc.name === 'workbookPr') date1904 = ['1', 'true'].includes(sc.attr('date1904') ?? '');
      else if (sc.name === 'sheet') {
        const name = sc.attr('name');
        const path = rels.get(sc.attr('r:id') ?? '') ?? '';
        if (name && entries.has(path))
          sheets.push({ name, hidden: (sc.attr('state') ?? 'visible') !== 'visible', path });
      }
    }
  });
  if (!sheets.length) throw new ImportFileError('no-sheet', `"${fileName}" has no worksheets to import.`);

  let strings: string[] | null = null;
  let styles: boolean[] | null = null;

  return {
    sheets,
    date1904,
    readSheet(name) {
      const info = sheets.find((s) => s.name === name);
      if (!info) throw new ImportFileError('no-sheet', `"${fileName}" has no sheet called "${name}".`);
      strings ??= readPart(fileName, 'its table of text values', () =>
        sharedStrings(part('xl/sharedStrings.xml') ?? new Uint8Array(), limits),
      );
      styles ??= readPart(fileName, 'its cell formats', () => dateStyles(part('xl/styles.xml')));
      const xml = part(info.path) ?? new Uint8Array();
      return readPart(fileName, `sheet "${name}"`, () =>
        parseSheet({ name, fileName, strings: strings!, isDate: styles!, limits }, xml),
      );
    },
  };
}

interface SheetContext {
  name: string;
  fileName: string;
  strings: string[];
  isDate: boolean[];
  limits: SheetLimits;
}

function parseSheet(ctx: SheetContext, xml: Uint8Array): SheetGrid {
  // Sparse on purpose: only rows that exist in the file are set.
  const rows: RawCell[][] = [];
  const merges: MergeRange[] = [];
  const state = { cells: 0, width: 0, nextRow: 0, mergedArea: 0 };
  const sc = new XmlScanner(xml);
  for (let tok = sc.next(); tok !== EOF; tok = sc.next()) {
    if (tok !== START) continue;
    if (sc.name === 'sheetData') readSheetData(ctx, sc, rows, state);
    else if (sc.name === 'mergeCell') {
      const m = mergeRange(ctx, sc.attr('ref') ?? '');
      if (!m) continue;
      // fillMerges copies values into ranges up to 10,000 cells: their total is a grid too.
      const area = (m.r2 - m.r1 + 1) * (m.c2 - m.c1 + 1);
      if (area <= 10_000) state.mergedArea += area;
      if (state.mergedArea > ctx.limits.maxGridCells)
        throw tooBig(ctx, `merged cells covering more than ${fmt(ctx.limits.maxGridCells)} cells`);
      if (merges.length >= MAX_MERGES) throw tooBig(ctx, `more than ${fmt(MAX_MERGES)} merged ranges`);
      merges.push(m);
    }
  }
  return { name: ctx.name, rows, merges };
}

function tooBig(ctx: SheetContext, what: string): ImportFileError {
  return new ImportFileError(
    'too-many-cells',
    `"${ctx.fileName}" is too large to read safely: sheet "${ctx.name}" has ${what}. ` +
      'Delete stray values far below or to the right of the table, or copy the table to a new workbook, and import that.',
  );
}

function beyondLimits(ctx: SheetContext, what: string, axis: 'row' | 'column'): ImportFileError {
  const limit = axis === 'row' ? `row (${fmt(excelLimits.rows)})` : 'column (XFD)';
  return new ImportFileError(
    'sheet-limits',
    `"${ctx.fileName}" is damaged: ${what} on sheet "${ctx.name}" is beyond Excel's last ${limit}. Open it in Excel, save it again and import the saved copy.`,
  );
}

function outOfOrder(ctx: SheetContext, what: string): ImportFileError {
  return new ImportFileError(
    'damaged',
    `"${ctx.fileName}" is damaged: ${what} on sheet "${ctx.name}" is out of order. Open it in Excel, save it again and import the saved copy.`,
  );
}

function mergeRange(ctx: SheetContext, ref: string): MergeRange | null {
  const [from, to] = ref.split(':');
  if (!from || !to) return null;
  const a = cellRef(from),
    b = cellRef(to);
  if (!a || !b) throw damaged(ctx.fileName, `sheet "${ctx.name}"`, `a merged range "${ref.slice(0, 40)}"`);
  for (const p of [a, b]) {
    if (p.r >= excelLimits.rows) throw beyondLimits(ctx, `merged range ${ref.slice(0, 40)}`, 'row');
    if (p.c >= excelLimits.columns) throw beyondLimits(ctx, `merged range ${ref.slice(0, 40)}`, 'column');
  }
  return { r1: Math.min(a.r, b.r), c1: Math.min(a.c, b.c), r2: Math.max(a.r, b.r), c2: Math.max(a.c, b.c) };
}

function readSheetData(
  ctx: SheetContext,
  sc: XmlScanner,
  rows: RawCell[][],
  state: { cells: number; width: number; nextRow: number },
): void {
  if (sc.selfClosing) return;
  const depth = sc.depth;
  for (;;) {
    const tok = sc.next();
    if ((tok === END && sc.depth < depth) || tok === EOF) return;
    if (tok !== START) continue;
    if (sc.name !== 'row') {
      sc.skipElement();
      continue;
    }
    const rAttr = sc.attr('r');
    let r = state.nextRow;
    if (rAttr !== undefined) {
      if (!/^\d{1,15}$/.test(rAttr))
        throw damaged(ctx.fileName, `sheet "${ctx.name}"`, `a row numbered "${rAttr.slice(0, 20)}"`);
      r = Number(rAttr) - 1;
    }
    if (r >= excelLimits.rows || r < 0) throw beyondLimits(ctx, `row ${rAttr ?? r + 1}`, 'row');
    if (r < state.nextRow) throw outOfOrder(ctx, `row ${r + 1} (after row ${state.nextRow})`);
    state.nextRow = r + 1;
    if (sc.selfClosing) continue;
    const row = readRow(ctx, sc, r, state);
    if (!row) continue;
    rows[r] = row;
    state.width = Math.max(state.width, row.length);
    // What the rest of the import walks is (last row) x (widest row): keep that bounded, so a
    // value in XFD1 and another in A1048576 cannot make the table 17 billion cells.
    if ((r + 1) * state.width > ctx.limits.maxGridCells)
      throw tooBig(ctx, `values spread over more than ${fmt(ctx.limits.maxGridCells)} cells`);
  }
}

/** One row's cells (holes filled with null), or null for a row with no cells at all. */
function readRow(ctx: SheetContext, sc: XmlScanner, r: number, state: { cells: number }): RawCell[] | null {
  const depth = sc.depth;
  const row: RawCell[] = [];
  let nextCol = 0;
  let hadCell = false;
  for (;;) {
    const tok = sc.next();
    if ((tok === END && sc.depth < depth) || tok === EOF) break;
    if (tok !== START) continue;
    if (sc.name !== 'c') {
      sc.skipElement();
      continue;
    }
    hadCell = true;
    // Read before the cell's content moves the scanner on.
    const ref = sc.attr('r'),
      type = sc.attr('t') ?? 'n',
      style = sc.attr('s');
    let c = nextCol;
    if (ref !== undefined) {
      const p = cellRef(ref);
      if (!p) throw damaged(ctx.fileName, `sheet "${ctx.name}"`, `a cell called "${ref.slice(0, 20)}"`);
      if (p.c >= excelLimits.columns) throw beyondLimits(ctx, `cell ${ref.slice(0, 20)}`, 'column');
      if (p.r >= excelLimits.rows) throw beyondLimits(ctx, `cell ${ref.slice(0, 20)}`, 'row');
      c = p.c;
    }
    if (c < nextCol) throw outOfOrder(ctx, `cell ${ref ?? ''} in row ${r + 1}`);
    if (c >= excelLimits.columns) throw beyondLimits(ctx, `a cell in row ${r + 1}`, 'column');
    nextCol = c + 1;
    const value = cellValue(ctx, sc, type, style);
    if (value === undefined) continue;
    row[c] = value;
    if (++state.cells > ctx.limits.maxCells)
      throw new ImportFileError(
        'too-many-cells',
        `"${ctx.fileName}" has more than ${fmt(ctx.limits.maxCells)} cells in "${ctx.name}"; split it into smaller files.`,
      );
  }
  if (!hadCell) return null;
  for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
  return row;
}

/** The value of the cell just started (`<c>`), or undefined if it holds none. */
function cellValue(ctx: SheetContext, sc: XmlScanner, t: string, s: string | undefined): RawCell | undefined {
  if (sc.selfClosing) return undefined;
  const depth = sc.depth;
  let v: string | undefined;
  let inline: string | undefined;
  for (;;) {
    const tok = sc.next();
    if ((tok === END && sc.depth < depth) || tok === EOF) break;
    if (tok !== START) continue;
    if (sc.name === 'v') v = elementText(sc);
    else if (sc.name === 'is') inline = richText(sc);
    else sc.skipElement();
  }
  if (t === 'inlineStr') return inline ?? '';
  if (v === undefined) return undefined;
  if (t === 's') return ctx.strings[Number(v)] ?? '';
  if (t === 'str' || t === 'e') return unescapeOoxml(v);
  if (t === 'b') return v === '1' || v === 'true';
  if (t === 'd') return v.slice(0, 10);
  const n = Number(v);
  if (!Number.isFinite(n)) return unescapeOoxml(v);
  return s !== undefined && ctx.isDate[Number(s)] ? { serial: n } : n;
}
