// SQLite3MultipleCiphers-only: keying the store. The key never lives beside the data; where it
// comes from (Electron safeStorage, a passphrase, a key file) is the caller's business.
import type { Database as Sqlite } from 'better-sqlite3-multiple-ciphers';

/** A raw 32-byte key, or a passphrase that the cipher derives a key from. */
export type StoreKey = { kind: 'raw'; bytes: Buffer } | { kind: 'passphrase'; text: string };

export class WrongKeyError extends Error {
  constructor() {
    super('The data file could not be opened with this key or passphrase.');
    this.name = 'WrongKeyError';
  }
}

function keyPragmaValue(key: StoreKey): string {
  if (key.kind === 'raw') return `"x'${key.bytes.toString('hex')}'"`;
  return `'${key.text.replace(/'/g, "''")}'`;
}

/** Applies the key (if any) and proves it works by reading the schema. Returns whether keyed. */
export function applyKey(sqlite: Sqlite, key: StoreKey | null): boolean {
  if (key) sqlite.pragma(`key = ${keyPragmaValue(key)}`);
  try {
    sqlite.prepare('select count(*) from sqlite_master').get();
  } catch (error) {
    if (String((error as { code?: string }).code) === 'SQLITE_NOTADB') throw new WrongKeyError();
    throw error;
  }
  return key !== null;
}

export function rekey(sqlite: Sqlite, key: StoreKey): void {
  sqlite.pragma(`rekey = ${keyPragmaValue(key)}`);
}
