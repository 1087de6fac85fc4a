// CSV files: the encoding is detected (UTF-8 with or without BOM, UTF-16 LE/BE, else
// Windows-1252 as Excel writes on UK Windows), the delimiter guessed, and every value kept as
// text (csv-parse, never ExcelJS, whose CSV reader turns "07700900123" into a number).
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import type { RawCell } from '../../../shared/domain/import-values';
import type { SheetGrid } from '../../../shared/domain/import-sheet';
import { ImportFileError, importLimits } from './file-guard';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function decodeText(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  // UTF-16 without a BOM: ASCII text leaves every other byte zero.
  const sample = buf.subarray(0, 4096);
  let evenZero = 0,
    oddZero = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] !== 0) continue;
    if (i % 2) oddZero++;
    else evenZero++;
  }
  const half = sample.length / 2;
  if (oddZero > half * 0.3 && evenZero < half * 0.05)
    return { text: iconv.decode(buf, 'utf-16le'), encoding: 'utf-16le' };
  if (evenZero > half * 0.3 && oddZero < half * 0.05)
    return { text: iconv.decode(buf, 'utf-16be'), encoding: 'utf-16be' };
  if (evenZero + oddZero > 0)
    throw new ImportFileError('not-spreadsheet', `"${fileName}" is not a spreadsheet or a text (CSV) file.`);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(buf, 'win1252'), encoding: 'windows-1252' };
  }
}

/** The delimiter that splits the first lines most consistently (comma, semicolon, tab or pipe). */
export function guessDelimiter(text: string): string {
  const lines = text
    .split(/\r\n|\n|\r/)
    .slice(0, 20)
    .filter((l) => l.trim());
  let best = ',',
    bestScore = -1;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.replace(/"[^"]*"/g, '').split(d).length - 1);
    const max = Math.max(0, ...counts);
    const consistent = counts.filter((c) => c === max).length;
    const score = max === 0 ? 0 : consistent * 10 + max;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

export function readCsv(
  bytes: Uint8Array,
  fileName: string,
  limits: { maxCells: number } = importLimits,
): { grid: SheetGrid; encoding: TextEncodingName; delimiter: string } {
  const { text, encoding } = decodeText(bytes, fileName);
  if (!text.trim()) throw new ImportFileError('empty', `"${fileName}" has no rows.`);
  const delimiter = guessDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      max_record_size: 1_000_000,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportFileError(
      'bad-csv',
      `"${fileName}" could not be read as CSV${line ? ` (near line ${line})` : ''}: check for an unclosed quote.`,
    );
  }
  let cells = 0;
  for (const r of records) cells += r.length;
  if (cells > limits.maxCells)
    throw new ImportFileError(
      'too-many-cells',
      `"${fileName}" has more than ${limits.maxCells.toLocaleString('en-GB')} values; split it into smaller files.`,
    );
  const rows: RawCell[][] = records.map((r) => r.map((v) => (v === '' ? null : v)));
  return {
    grid: { name: fileName.replace(/\.[^.]+$/, '').slice(0, 31) || 'CSV', rows, merges: [] },
    encoding,
    delimiter,
  };
}
