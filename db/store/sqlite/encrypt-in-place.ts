// SQLite3MultipleCiphers-only: encrypting an existing plaintext store, the first time it is opened
// with a key (an upgrade from a version without encryption), and re-encrypting a store under a new
// key (`cli rekey`). The work is done on a copy under a temporary name beside the store, checked,
// flushed and renamed over the original: a crash at any point leaves the original as it was, plus
// at most the temporary copy, which the next start finds and shreds (overwritten, then removed) as
// it does the `.pre-encryption` copies older versions kept. Plaintext backups beside the store are
// encrypted the same way.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { applyKey, isPlaintextDatabaseFile, rekey, type StoreKey } from './encryption';
import { integrityCheck } from './pragmas';
import { fsyncFolder, makePrivate } from '../private-file';

/** Temporary copies a crash may leave beside the store: ours, and older versions' safety copy. */
const LEFTOVER_SUFFIXES = ['.encrypting', '.pre-encryption'];

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Overwrites a file with zeros, flushes it, removes it. (On an SSD or a copy-on-write file system
 * the old blocks may survive in the device's spare area; full-disk encryption covers that.) */
function shredFile(file: string): void {
  const size = fs.statSync(file).size;
  const fd = fs.openSync(file, 'r+');
  try {
    const zeros = Buffer.alloc(Math.min(size, 1 << 20));
    for (let at = 0; at < size; at += zeros.length) fs.writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.rmSync(file, { force: true });
}

/** Finds and shreds the temporary copies an interrupted encryption left beside `file` (they may
 * hold the plaintext). Returns how many. */
export function shredLeftoverPlaintext(file: string): number {
  let n = 0;
  for (const suffix of LEFTOVER_SUFFIXES) {
    const leftover = `${file}${suffix}`;
    if (!fs.existsSync(leftover)) continue;
    shredFile(leftover);
    for (const ext of ['-journal', '-wal', '-shm']) fs.rmSync(`${leftover}${ext}`, { force: true });
    n++;
  }
  return n;
}

/** Puts `file`, re-keyed to `to`, in its own place: copied to a temporary name, keyed there,
 * checked and renamed over it. `from` is its current key (null: plaintext). */
function rekeyThroughCopy(file: string, from: StoreKey | null, to: StoreKey): void {
  const temporary = `${file}.encrypting`;
  shredLeftoverPlaintext(file);
  fs.copyFileSync(file, temporary);
  makePrivate(temporary);
  try {
    const db = new SqliteDatabase(temporary);
    try {
      applyKey(db, from);
      // SQLite3MC cannot rekey a plaintext database in WAL mode; the copy is not in use, so DELETE.
      db.pragma('journal_mode = DELETE');
      rekey(db, to);
    } finally {
      db.close();
    }
    const check = new SqliteDatabase(temporary);
    try {
      applyKey(check, to);
      const problems = integrityCheck(check);
      if (problems.length) throw new Error(`The encrypted copy failed its integrity check: ${problems[0]}`);
    } finally {
      check.close();
    }
    fsyncFile(temporary);
    for (const ext of ['-wal', '-shm', '-journal']) fs.rmSync(`${file}${ext}`, { force: true });
    fs.renameSync(temporary, file);
    fsyncFolder(path.dirname(file));
  } catch (error) {
    if (fs.existsSync(temporary)) shredFile(temporary);
    throw error;
  }
}

/** Folds the WAL into the main file so a copy of the file alone holds everything. */
function checkpoint(file: string, key: StoreKey | null): void {
  const db = new SqliteDatabase(file);
  try {
    applyKey(db, key);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** Encrypts one plaintext database file with `key`. Throws (leaving the file as it was) on failure. */
export function encryptFileInPlace(file: string, key: StoreKey): void {
  if (!isPlaintextDatabaseFile(file)) throw new Error('Only a plaintext database can be encrypted in place.');
  checkpoint(file, null);
  rekeyThroughCopy(file, null, key);
}

/** Re-encrypts a closed store from key `from` to key `to` (the store's WAL is folded in first). */
export function rekeyFile(file: string, from: StoreKey, to: StoreKey): void {
  checkpoint(file, from);
  rekeyThroughCopy(file, from, to);
}

/** Encrypts any plaintext backups left in `dir` (taken before the store was encrypted). */
export function encryptPlaintextBackups(dir: string, key: StoreKey): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!name.endsWith('.sqlite') || !isPlaintextDatabaseFile(file)) continue;
    encryptFileInPlace(file, key);
    n++;
  }
  return n;
}
