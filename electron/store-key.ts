// The store's key in the app: 32 random bytes, kept on disk only as encrypted by the operating
// system's keychain (Electron safeStorage), never beside the data in the clear. Linux's
// "basic_text" backend is not encryption at all, so it is refused.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { safeStorage } from 'electron';

export class InsecureKeychainError extends Error {
  constructor() {
    super(
      'This computer has no secure keychain (Electron safeStorage uses "basic_text"). Worksbook will not store its key unprotected.',
    );
    this.name = 'InsecureKeychainError';
  }
}

/** A store that exists, is encrypted and has no stored key was created with a passphrase (on a
 * computer without a secure keychain): it keeps using its passphrase. */
export function storeNeedsPassphrase(userDataDir: string, storeFile: string): boolean {
  if (fs.existsSync(path.join(userDataDir, 'store-key.bin')) || !fs.existsSync(storeFile)) return false;
  const fd = fs.openSync(storeFile, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    return fs.statSync(storeFile).size > 0 && head.toString('latin1') !== 'SQLite format 3\0';
  } finally {
    fs.closeSync(fd);
  }
}

export function loadOrCreateStoreKey(userDataDir: string): { kind: 'raw'; hex: string } {
  if (!safeStorage.isEncryptionAvailable()) throw new InsecureKeychainError();
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    throw new InsecureKeychainError();
  const keyFile = path.join(userDataDir, 'store-key.bin');
  if (fs.existsSync(keyFile)) {
    return { kind: 'raw', hex: safeStorage.decryptString(fs.readFileSync(keyFile)) };
  }
  const hex = randomBytes(32).toString('hex');
  fs.mkdirSync(userDataDir, { recursive: true });
  fs.writeFileSync(keyFile, safeStorage.encryptString(hex), { mode: 0o600 });
  return { kind: 'raw', hex };
}
