// The file an export job writes: first under a temporary name, renamed only once complete, so a
// cancelled or failed export never leaves a partial workbook behind; read back (and removed) when
// the window collects it. It holds personal data outside the encrypted store until then, so it
// is private to this user, and a file nobody collected is removed when the backend closes (or,
// after a crash, when a backend next opens a store in the folder: staleExportFiles).
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PRIVATE_FILE_MODE } from '../../store/private-file';

/** How old an export file must be before a backend starting in its folder removes it: older than
 * any job of a backend that may still be running there (another store in the same folder). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Writes `bytes` to `<dir>/<id>.xlsx` through `<id>.xlsx.partial`; returns the final path. */
export function writeExportFile(dir: string, bytes: Uint8Array): string {
  fs.mkdirSync(dir, { recursive: true });
  const final = path.join(dir, `${randomUUID()}.xlsx`);
  const partial = `${final}.partial`;
  try {
    fs.writeFileSync(partial, bytes, { mode: PRIVATE_FILE_MODE });
    fs.renameSync(partial, final);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return final;
}

/** Reads a finished export's file and removes it (each file is handed over once). */
export function takeExportFile(file: string): Uint8Array<ArrayBuffer> | null {
  if (!fs.existsSync(file)) return null;
  const bytes = new Uint8Array(fs.readFileSync(file));
  fs.rmSync(file, { force: true });
  return bytes;
}

/** Removes the export files in `dir` left by a backend that ended without handing them over
 * (a crash, a power cut); returns how many. */
export function removeStaleExportFiles(dir: string, now = Date.now()): number {
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || !/\.xlsx(\.partial)?$/.test(name) || now - stat.mtimeMs < STALE_AFTER_MS) continue;
    fs.rmSync(file, { force: true });
    removed++;
  }
  return removed;
}
