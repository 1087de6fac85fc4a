// Opens a partner file once: checks it (file-guard), then reads it as xlsx or CSV into sheets of
// raw cells. The checks are cheap and done at once (`screenImportFile`); the reading runs in a
// worker with time and memory limits (`readImportSource`). The result stays in memory while the
// user maps and previews it.
import { createHash } from 'node:crypto';
import type { SheetGrid } from '../../../shared/domain/import-sheet';
import { sniffFile, ImportFileError, readZipDirectory, type FileKind } from './file-guard';
import type { TextEncodingName } from './csv-reader';
import { readInWorker, type ReadOptions } from './import-read.host';

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

export interface ScreenedFile {
  fileName: string;
  bytes: Uint8Array;
  kind: FileKind;
  sha256: string;
}

/** What the file is, refusing hostile or unusable ones; looks only at the header and zip directory. */
export function screenImportFile(fileName: string, bytes: Uint8Array): ScreenedFile {
  const kind = sniffFile(bytes, fileName);
  if (kind === 'xlsx') readZipDirectory(bytes, fileName);
  return { fileName, bytes, kind, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Reads every sheet of a screened file, in a worker that a hostile file cannot take down with it. */
export async function readImportSource(file: ScreenedFile, options?: ReadOptions): Promise<ImportSource> {
  const { fileName, kind, sha256 } = file;
  const read = await readInWorker(file.bytes, fileName, kind, options);
  const grids = new Map(read.sheets.map((s) => [s.name, s.grid]));
  return {
    fileName,
    sha256,
    size: file.bytes.length,
    kind,
    encoding: read.encoding,
    date1904: read.date1904,
    sheets: read.sheets.map(({ name, hidden }) => ({ name, hidden })),
    readSheet(name) {
      const grid = grids.get(name);
      if (!grid) throw new ImportFileError('no-sheet', `"${fileName}" has no sheet called "${name}".`);
      // Each read gets its own copy of the rows (filling merged cells changes them); map keeps
      // the holes of a sparse sheet as holes.
      return { name: grid.name, merges: grid.merges, rows: grid.rows.map((r) => r.slice()) };
    },
  };
}

export async function openImportSource(fileName: string, bytes: Uint8Array, options?: ReadOptions) {
  return readImportSource(screenImportFile(fileName, bytes), options);
}
