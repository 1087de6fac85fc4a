// Files that hold the store's data or keys outside the store (backups, the key envelope, the
// audit head, exports): readable by this user only (0600: on Windows the folder's ACL, the
// per-user profile, does this job) and written as finished files: under a temporary name in the
// same folder, flushed to disk, then renamed over the target, so a crash or a full disk leaves the
// old file or the new one, never half of one.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export const PRIVATE_FILE_MODE = 0o600;

/** Flushes a folder's entry list (a rename is durable only then). Not possible on every platform
 * (Windows refuses to open a folder): the file itself was flushed. */
export function fsyncFolder(folder: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // See above.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Makes an existing file private (POSIX permissions; a no-op where there are none). */
export function makePrivate(file: string): void {
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    // A file system without POSIX permissions (FAT on a USB stick, some shares).
  }
}

function temporaryName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.partial`);
}

/** Writes `bytes` to `target` as a finished, private file. `durable: false` skips the flushes, for
 * a small file rewritten often whose loss in a power cut is harmless (it can only lag behind). */
export function writePrivateFile(
  target: string,
  bytes: Uint8Array | string,
  options: { durable?: boolean } = {},
): void {
  const durable = options.durable !== false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = temporaryName(target);
  try {
    const fd = fs.openSync(partial, 'wx', PRIVATE_FILE_MODE);
    try {
      fs.writeFileSync(fd, bytes);
      if (durable) fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    makePrivate(partial);
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  if (durable) fsyncFolder(path.dirname(target));
}

/** Copies `source` to `target` as a finished, private file (e.g. a backup to a second folder). */
export function copyPrivateFile(source: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = temporaryName(target);
  try {
    fs.copyFileSync(source, partial, fs.constants.COPYFILE_EXCL);
    makePrivate(partial);
    const fd = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  fsyncFolder(path.dirname(target));
}
