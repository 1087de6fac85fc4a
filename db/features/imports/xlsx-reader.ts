// A small, strict xlsx reader for imports. It reads the zip through file-guard's capped
// inflater (ExcelJS's load() inflates without limits), keeps the raw cell values (so a phone
// stored as text stays text and date serials stay serials for our own 1900/1904 rules), and
// reports merged ranges and the workbook's date system.
import type { RawCell } from '../../../shared/domain/import-values';
import type { MergeRange, SheetGrid } from '../../../shared/domain/import-sheet';
import { ImportFileError, importLimits, inflateEntry, readZipDirectory, type ZipEntry } from './file-guard';

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

const decoder = new TextDecoder('utf-8');

const ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0) return s;
  return s
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
        : ENTITY[e]!,
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([\w:]+)\s*=\s*"([^"]*)"|([\w:]+)\s*=\s*'([^']*)'/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out[m[1] ?? m[3]!] = unescapeXml(m[2] ?? m[4]!);
  return out;
}

/** Built-in number formats that are dates (ECMA-376 18.8.30), and custom codes that look like one. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 30, 36, 45, 46, 47, 50, 57]);
function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare) && !/General/i.test(bare);
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  const si = /<si>([\s\S]*?)<\/si>|<si\/>/g;
  let m: RegExpExecArray | null;
  while ((m = si.exec(xml))) out.push(m[1] === undefined ? '' : runText(m[1]));
  return out;
}

function runText(inner: string): string {
  const body = inner.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  const t = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  let m: RegExpExecArray | null;
  while ((m = t.exec(body))) text += m[1];
  return unescapeXml(text);
}

function dateStyles(xml: string | null): boolean[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b([^>]*?)\/?>/g)].map((m) => {
    const id = Number(attrs(m[1]!).numFmtId ?? 0);
    return BUILTIN_DATE_FORMATS.has(id) || (custom.has(id) && isDateFormatCode(custom.get(id)!));
  });
}

/** "BC12" → { r: 11, c: 54 } (0-based). */
function cellRef(ref: string): { r: number; c: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return { r: Number(m[2]) - 1, c: c - 1 };
}

export function openXlsx(bytes: Uint8Array, fileName: string): XlsxBook {
  const entries = readZipDirectory(bytes, fileName);
  // Every part is inflated now, through the capped inflater, so a zip that lies about its
  // sizes is refused when the file is opened rather than halfway through a preview.
  const inflated = new Map<string, Uint8Array>();
  for (const [path, e] of entries)
    if (/\.(xml|rels)$/i.test(path)) inflated.set(path, inflateEntry(bytes, e as ZipEntry, fileName));
  const text = (path: string): string | null => {
    const data = inflated.get(path);
    return data ? decoder.decode(data) : null;
  };
  const workbook = text('xl/workbook.xml');
  if (!workbook) {
    const what = entries.has('word/document.xml')
      ? 'a Word document'
      : entries.has('ppt/presentation.xml')
        ? 'a PowerPoint file'
        : 'a zip archive';
    throw new ImportFileError('not-spreadsheet', `"${fileName}" is ${what}, not an Excel workbook.`);
  }
  const pr = /<workbookPr\b([^>]*)/.exec(workbook);
  const date1904 = pr ? ['1', 'true'].includes(attrs(pr[1]!).date1904 ?? '') : false;
  const rels = new Map<string, string>();
  for (const m of (text('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    if (a.Id && a.Target)
      rels.set(a.Id, a.Target.startsWith('/') ? a.Target.slice(1) : `xl/${a.Target.replace(/^\.\//, '')}`);
  }
  const sheets: SheetInfo[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    const path = rels.get(a['r:id'] ?? '') ?? '';
    if (a.name && entries.has(path)) sheets.push({ name: a.name, hidden: (a.state ?? 'visible') !== 'visible', path });
  }
  if (!sheets.length) throw new ImportFileError('no-sheet', `"${fileName}" has no worksheets to import.`);

  let strings: string[] | null = null;
  let styles: boolean[] | null = null;

  return {
    sheets,
    date1904,
    readSheet(name) {
      const info = sheets.find((s) => s.name === name);
      if (!info) throw new ImportFileError('no-sheet', `"${fileName}" has no sheet called "${name}".`);
      strings ??= sharedStrings(text('xl/sharedStrings.xml') ?? '');
      styles ??= dateStyles(text('xl/styles.xml'));
      return parseSheet(name, text(info.path) ?? '', strings, styles, fileName);
    },
  };
}

function parseSheet(name: string, xml: string, strings: string[], isDate: boolean[], fileName: string): SheetGrid {
  const rows: RawCell[][] = [];
  let cells = 0;
  const sheetData = xml.indexOf('<sheetData');
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  rowRe.lastIndex = Math.max(0, sheetData);
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  let rm: RegExpExecArray | null;
  let nextRow = 0;
  while ((rm = rowRe.exec(xml))) {
    const rAttr = /\br="(\d+)"/.exec(rm[1]!);
    const r = rAttr ? Number(rAttr[1]) - 1 : nextRow;
    nextRow = r + 1;
    if (!rm[2]) continue;
    const row: RawCell[] = [];
    let nextCol = 0;
    cellRe.lastIndex = 0;
    let cm: RegExpExecArray | null;
    while ((cm = cellRe.exec(rm[2]))) {
      const a = cm[1]!;
      const ref = /\br="([A-Z]+\d+)"/.exec(a);
      const c = ref ? (cellRef(ref[1]!)?.c ?? nextCol) : nextCol;
      nextCol = c + 1;
      const inner = cm[2];
      if (!inner) continue;
      const t = /\bt="(\w+)"/.exec(a)?.[1] ?? 'n';
      let value: RawCell;
      if (t === 'inlineStr') value = runText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
      else {
        const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
        if (v === undefined) continue;
        if (t === 's') value = strings[Number(v)] ?? '';
        else if (t === 'str' || t === 'e') value = unescapeXml(v);
        else if (t === 'b') value = v === '1' || v === 'true';
        else if (t === 'd') value = unescapeXml(v).slice(0, 10);
        else {
          const n = Number(v);
          if (!Number.isFinite(n)) value = unescapeXml(v);
          else {
            const s = /\bs="(\d+)"/.exec(a);
            value = s && isDate[Number(s[1])] ? { serial: n } : n;
          }
        }
      }
      row[c] = value;
      if (++cells > importLimits.maxCells)
        throw new ImportFileError(
          'too-many-cells',
          `"${fileName}" has more than ${importLimits.maxCells.toLocaleString('en-GB')} cells in "${name}"; split it into smaller files.`,
        );
    }
    for (let i = 0; i < row.length; i++) if (row[i] === undefined) row[i] = null;
    rows[r] = row;
  }
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  const merges: MergeRange[] = [];
  for (const m of xml.matchAll(/<mergeCell\b[^>]*\bref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const a = cellRef(m[1]!),
      b = cellRef(m[2]!);
    if (a && b) merges.push({ r1: a.r, c1: a.c, r2: b.r, c2: b.c });
  }
  return { name, rows, merges };
}
