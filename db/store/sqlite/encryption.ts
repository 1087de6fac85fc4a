// SQLite3MultipleCiphers-only: keying the store. The key never lives beside the data; where it
// comes from (Electron safeStorage, a passphrase, a key file) is the caller's business.
//
// Verified against this build (SQLite3MC, default cipher chacha20; test/unit/trust-encryption):
// - `PRAGMA key = "x'<64 hex>'"` is a RAW key: it skips PBKDF2 (opening takes <1 ms instead
//   of ~20 ms) and is the documented SQLCipher-compatible raw-key form that SQLite3MC accepts.
// - A passphrase goes through `PRAGMA hexkey = '<utf-8 bytes as hex>'`, which is byte-for-byte
//   the same key as `PRAGMA key = '<text>'` but needs no quoting and can never be mistaken for
//   the raw form (a passphrase that happened to look like x'…' would otherwise be used raw).
// - A wrong key (or no key on an encrypted file) reads as SQLITE_NOTADB.
// - `PRAGMA rekey` of a plaintext database is refused in WAL mode ("Rekeying an unencrypted
//   database is not supported in WAL journal mode"): switch to DELETE first, then back.
// - A passphrase is stretched by SQLite3MC with PBKDF2-HMAC-SHA256 over the 16-byte random salt
//   kept at the start of the file; the iteration count is the connection's `PRAGMA kdf_iter`
//   (chacha20's default, 64,007, is a tenth of what OWASP asks today). The count is not written
//   in the file, so opening tries the known counts, newest first (see PASSPHRASE_KDF_ITERATIONS).
import fs from 'node:fs';
import type { Database as Sqlite } from 'better-sqlite3-multiple-ciphers';

/** A raw 32-byte key, or a passphrase that the cipher derives a key from. */
export type StoreKey = { kind: 'raw'; bytes: Buffer } | { kind: 'passphrase'; text: string };

export class WrongKeyError extends Error {
  constructor() {
    super('The data file could not be opened with this key or passphrase.');
    this.name = 'WrongKeyError';
  }
}

export class StoreNeedsKeyError extends Error {
  constructor() {
    super(
      'This data file is encrypted. Give its recovery key (--recovery-key or WORKSBOOK_RECOVERY_KEY), passphrase ' +
        '(WORKSBOOK_PASSPHRASE) or key file (WORKSBOOK_KEY_FILE or --key-file).',
    );
    this.name = 'StoreNeedsKeyError';
  }
}

/**
 * PBKDF2-HMAC-SHA256 iterations for passphrase-keyed stores, newest first. 600,000 is the OWASP
 * Password Storage Cheat Sheet's figure for PBKDF2-HMAC-SHA256; new stores (and every rekey)
 * use it. 64,007 is SQLite3MC's chacha20 default, which stores keyed before issue 13 used: they
 * still open, and move to the current count on their next rekey. Raw keys are not stretched.
 */
export const PASSPHRASE_KDF_ITERATIONS = [600_000, 64_007] as const;

function keyPragma(verb: 'key' | 'rekey', key: StoreKey): string {
  if (key.kind === 'raw') {
    if (key.bytes.length !== 32) throw new Error('A raw store key must be 32 bytes.');
    return `${verb} = "x'${key.bytes.toString('hex')}'"`;
  }
  if (!key.text) throw new Error('The passphrase is empty.');
  return `${verb === 'key' ? 'hexkey' : 'hexrekey'} = '${Buffer.from(key.text, 'utf8').toString('hex')}'`;
}

const isNotADatabase = (error: unknown) => String((error as { code?: string }).code) === 'SQLITE_NOTADB';

/** Applies the key (if any) and proves it works by reading the schema. Returns whether keyed. */
export function applyKey(sqlite: Sqlite, key: StoreKey | null): boolean {
  const counts = key?.kind === 'passphrase' ? PASSPHRASE_KDF_ITERATIONS : [null];
  for (const [i, count] of counts.entries()) {
    if (count !== null) sqlite.pragma(`kdf_iter = ${count}`);
    if (key) sqlite.pragma(keyPragma('key', key));
    try {
      sqlite.prepare('select count(*) from sqlite_master').get();
      return key !== null;
    } catch (error) {
      if (!isNotADatabase(error)) throw error;
      if (i === counts.length - 1) throw key ? new WrongKeyError() : new StoreNeedsKeyError();
    }
  }
  throw new WrongKeyError();
}

/** The PBKDF2 iterations a passphrase-keyed connection was opened with (see applyKey). */
export function passphraseKdfIterations(sqlite: Sqlite): number {
  return Number(sqlite.pragma('kdf_iter', { simple: true }));
}

/**
 * Changes the key of an open, keyed store (or encrypts a plaintext one not in WAL mode). A
 * passphrase is stretched with the current iteration count, so a rekey also moves a store
 * keyed with an older count onto it.
 */
export function rekey(sqlite: Sqlite, key: StoreKey): void {
  if (key.kind === 'passphrase') sqlite.pragma(`kdf_iter = ${PASSPHRASE_KDF_ITERATIONS[0]}`);
  sqlite.pragma(keyPragma('rekey', key));
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** A plaintext SQLite file starts with a known header; an encrypted one looks like noise. */
export function isPlaintextDatabaseFile(file: string): boolean {
  if (!fs.existsSync(file) || fs.statSync(file).size < SQLITE_HEADER.length) return false;
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    fs.readSync(fd, head, 0, head.length, 0);
    return head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether a non-empty file exists that is not plaintext SQLite (so needs a key). */
export function isEncryptedDatabaseFile(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).size > 0 && !isPlaintextDatabaseFile(file);
}
