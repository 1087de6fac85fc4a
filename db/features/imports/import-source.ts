// Opens a partner file once: checks it (file-guard), then reads it as xlsx or CSV into sheets of
// raw cells. The result stays in memory while the user maps and previews it.
import { createHash } from 'node:crypto';
import type { SheetGrid } from '../../../shared/domain/import-sheet';
import { sniffFile, ImportFileError, type FileKind } from './file-guard';
import { openXlsx } from './xlsx-reader';
import { readCsv, type TextEncodingName } from './csv-reader';

export interface ImportSource {
  fileName: string;
  sha256: string;
  size: number;
  kind: FileKind;
  encoding: TextEncodingName | null;
  date1904: boolean;
  sheets: Array<{ name: string; hidden: boolean }>;
  readSheet(name: string): SheetGrid;
}

export function openImportSource(fileName: string, bytes: Uint8Array): ImportSource {
  const kind = sniffFile(bytes, fileName);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (kind === 'xlsx') {
    const book = openXlsx(bytes, fileName);
    const cache = new Map<string, SheetGrid>();
    return {
      fileName,
      sha256,
      size: bytes.length,
      kind,
      encoding: null,
      date1904: book.date1904,
      sheets: book.sheets.map(({ name, hidden }) => ({ name, hidden })),
      readSheet(name) {
        // Each read gets its own copy of the rows: filling merged cells changes them.
        let grid = cache.get(name);
        if (!grid) {
          grid = book.readSheet(name);
          cache.set(name, grid);
        }
        return { name: grid.name, merges: grid.merges, rows: grid.rows.map((r) => r.slice()) };
      },
    };
  }
  const { grid, encoding } = readCsv(bytes, fileName);
  return {
    fileName,
    sha256,
    size: bytes.length,
    kind,
    encoding,
    date1904: false,
    sheets: [{ name: grid.name, hidden: false }],
    readSheet(name) {
      if (name !== grid.name) throw new ImportFileError('no-sheet', `"${fileName}" has no sheet called "${name}".`);
      return { name: grid.name, merges: [], rows: grid.rows.map((r) => r.slice()) };
    },
  };
}
