// Reads a whole partner file (already sniffed by file-guard) into its sheets of raw cells. This
// is the work that runs inside the read worker (import-read.worker.ts), where a time and memory
// limit can stop it; it is synchronous and pure so tests can also call it directly.
import type { SheetGrid } from '../../../shared/domain/import-sheet';
import type { FileKind } from './file-guard';
import { openXlsx, type SheetLimits } from './xlsx-reader';
import { readCsv, type TextEncodingName } from './csv-reader';

export interface ReadFile {
  kind: FileKind;
  encoding: TextEncodingName | null;
  date1904: boolean;
  /** Every sheet, in workbook order; rows are sparse (see xlsx-reader). */
  sheets: Array<{ name: string; hidden: boolean; grid: SheetGrid }>;
}

export function readImportFile(bytes: Uint8Array, fileName: string, kind: FileKind, limits: SheetLimits): ReadFile {
  if (kind === 'xlsx') {
    const book = openXlsx(bytes, fileName, limits);
    return {
      kind,
      encoding: null,
      date1904: book.date1904,
      sheets: book.sheets.map(({ name, hidden }) => ({ name, hidden, grid: book.readSheet(name) })),
    };
  }
  const { grid, encoding } = readCsv(bytes, fileName, limits);
  return { kind, encoding, date1904: false, sheets: [{ name: grid.name, hidden: false, grid }] };
}
