// SQLite3MultipleCiphers-only: encrypting an existing plaintext store in place, the first time it
// is opened with a key (an upgrade from a version without encryption). A copy is taken first and
// kept only until the encrypted file passes integrity_check, so a failure loses nothing and
// success leaves no plaintext copy behind. Plaintext backups beside it are encrypted the same way.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { applyKey, isPlaintextDatabaseFile, rekey, type StoreKey } from './encryption';
import { integrityCheck } from './pragmas';

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Encrypts one plaintext database file with `key`. Throws (leaving the file as it was) on failure. */
export function encryptFileInPlace(file: string, key: StoreKey): void {
  if (!isPlaintextDatabaseFile(file)) throw new Error('Only a plaintext database can be encrypted in place.');
  // Fold the WAL into the main file and leave WAL mode: SQLite3MC cannot rekey a plaintext
  // database in WAL mode. (The store switches back to WAL when it is opened normally.)
  const plain = new SqliteDatabase(file);
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }
  const copy = `${file}.pre-encryption`;
  fs.copyFileSync(file, copy);
  fsyncFile(copy);
  try {
    const db = new SqliteDatabase(file);
    try {
      rekey(db, key);
    } finally {
      db.close();
    }
    const check = new SqliteDatabase(file);
    try {
      applyKey(check, key);
      const problems = integrityCheck(check);
      if (problems.length) throw new Error(`The encrypted copy failed its integrity check: ${problems[0]}`);
    } finally {
      check.close();
    }
    fs.rmSync(copy, { force: true });
  } catch (error) {
    fs.copyFileSync(copy, file);
    fs.rmSync(copy, { force: true });
    throw error;
  }
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
