// The file an export job writes between the job's end and the window collecting it: first under a
// temporary name, renamed only once complete, so a cancelled or failed export never leaves a
// partial workbook behind; read back (and removed) when the window collects it. It holds personal
// data outside the store, so it is sealed with a key of its own (AES-256-GCM) that lives only in
// this process's memory, never in the job's result (which goes to the window in job events): the
// file is unreadable to anyone who copies the folder, and once the backend ends, to everyone
// (RELIABILITY: no canary in exports' temporary files). It is also private to
// this user, removed as the backend closes when nobody collected it, and removed a day later by a
// backend opening in the folder after a crash (removeStaleExportFiles).
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { PRIVATE_FILE_MODE } from '../../store/private-file';

/** How old an export file must be before a backend starting in its folder removes it: older than
 * any job of a backend that may still be running there (another store in the same folder). */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Each sealed file's key, by the file's path (a random name: one backend's files never meet
 * another's). */
const keys = new Map<string, Buffer>();

/** Seals `bytes` with a new key into `<dir>/<id>.xlsx.sealed` through a `.partial` name; returns
 * the file's path. */
export function writeExportFile(dir: string, bytes: Uint8Array): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.xlsx.sealed`);
  const partial = `${file}.partial`;
  const key = randomBytes(32);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(bytes), cipher.final()]);
  try {
    fs.writeFileSync(partial, Buffer.concat([iv, cipher.getAuthTag(), sealed]), { mode: PRIVATE_FILE_MODE });
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  keys.set(file, key);
  return file;
}

/** Opens a finished export's file and removes it with its key (each file is handed over once);
 * null when it is gone. A file changed on disk fails its authentication and is refused. */
export function takeExportFile(file: string): Uint8Array<ArrayBuffer> | null {
  const key = keys.get(file);
  keys.delete(file);
  if (!key || !fs.existsSync(file)) return null;
  const held = fs.readFileSync(file);
  fs.rmSync(file, { force: true });
  const decipher = createDecipheriv('aes-256-gcm', key, held.subarray(0, IV_BYTES));
  decipher.setAuthTag(held.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  const opened = Buffer.concat([decipher.update(held.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  return new Uint8Array(opened.buffer.slice(opened.byteOffset, opened.byteOffset + opened.byteLength));
}

/** Removes an export's file and forgets its key (a job that failed after writing it, or nobody
 * collected it). */
export function discardExportFile(file: string): void {
  keys.delete(file);
  fs.rmSync(file, { force: true });
}

/** Removes the export files in `dir` left by a backend that ended without handing them over
 * (a crash, a power cut); returns how many. */
export function removeStaleExportFiles(dir: string, now = Date.now()): number {
  if (!fs.existsSync(dir)) return 0;
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    if (!stat?.isFile() || !/\.xlsx(\.sealed)?(\.partial)?$/.test(name) || now - stat.mtimeMs < STALE_AFTER_MS)
      continue;
    fs.rmSync(file, { force: true });
    removed++;
  }
  return removed;
}
