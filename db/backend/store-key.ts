// Where the CLI and the harness get the store's key: a key file (--key-file, or the file named by
// WORKSBOOK_KEY_FILE) or a passphrase (WORKSBOOK_PASSPHRASE). A key file holding exactly 64 hex
// digits is a raw 256-bit key; anything else in it is a passphrase. With no key, an encrypted
// store is refused with a message saying how to give one; a new store is created encrypted
// whenever a key is given, and an existing plaintext store is encrypted in place. Only
// development and tests run without a key. The Electron app gets its key from safeStorage.
import fs from 'node:fs';
import { isEncryptedDatabaseFile, StoreNeedsKeyError, type StoreKey } from '../store/sqlite/encryption';

export function keyFromFile(keyFile: string): StoreKey {
  if (!fs.existsSync(keyFile)) throw new Error(`The key file ${keyFile} does not exist.`);
  const text = fs.readFileSync(keyFile, 'utf8').trim();
  if (!text) throw new Error('The key file is empty.');
  if (/^[0-9a-fA-F]{64}$/.test(text)) return { kind: 'raw', bytes: Buffer.from(text, 'hex') };
  return { kind: 'passphrase', text };
}

export async function resolveStoreKey(file: string, options: { keyFile?: string } = {}): Promise<StoreKey | null> {
  const keyFile = options.keyFile ?? process.env.WORKSBOOK_KEY_FILE;
  if (keyFile) return keyFromFile(keyFile);
  if (process.env.WORKSBOOK_PASSPHRASE) return { kind: 'passphrase', text: process.env.WORKSBOOK_PASSPHRASE };
  if (isEncryptedDatabaseFile(file)) throw new StoreNeedsKeyError();
  return null;
}
