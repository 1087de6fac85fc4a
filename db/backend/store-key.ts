// Where the CLI and the harness get the store's key: WORKSBOOK_PASSPHRASE, or a key file named
// by WORKSBOOK_KEY_FILE. No key means an unencrypted store (development and tests only); the
// trust area tightens this. The Electron app gets its key from safeStorage instead.
import fs from 'node:fs';
import type { StoreKey } from '../store/sqlite/encryption';

export async function resolveStoreKey(_file: string): Promise<StoreKey | null> {
  if (process.env.WORKSBOOK_PASSPHRASE) return { kind: 'passphrase', text: process.env.WORKSBOOK_PASSPHRASE };
  if (process.env.WORKSBOOK_KEY_FILE) {
    const text = fs.readFileSync(process.env.WORKSBOOK_KEY_FILE, 'utf8').trim();
    if (!text) throw new Error('The key file is empty.');
    return { kind: 'passphrase', text };
  }
  return null;
}
