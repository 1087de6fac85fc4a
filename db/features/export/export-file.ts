// The file an export job writes: first under a temporary name, renamed only once complete, so a
// cancelled or failed export never leaves a partial workbook behind; read back (and removed) when
// the window collects it.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

/** Writes `bytes` to `<dir>/<id>.xlsx` through `<id>.xlsx.partial`; returns the final path. */
export function writeExportFile(dir: string, bytes: Uint8Array): string {
  fs.mkdirSync(dir, { recursive: true });
  const final = path.join(dir, `${randomUUID()}.xlsx`);
  const partial = `${final}.partial`;
  try {
    fs.writeFileSync(partial, bytes);
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
