// The app's keychain entry for its data file: 32 random bytes, kept on disk only as encrypted by
// the operating system's keychain (Electron safeStorage), never beside the data in the clear.
// Linux's "basic_text" backend is not encryption at all, so it is refused. The secret opens the
// store's keychain slot (db/store/key-envelope.ts); what happens when it does not is decided in
// shared/store-opening.ts.
import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import { envelopeHasKeychainWay, type KeychainEntry } from '../shared/store-opening';

export class InsecureKeychainError extends Error {
  constructor() {
    super(
      'This computer has no secure keychain (Electron safeStorage uses "basic_text"). Worksbook will not store its key unprotected.',
    );
    this.name = 'InsecureKeychainError';
  }
}

const KEY_FILE = 'store-key.bin';

/** Whether the data file exists with something in it. */
export function storeFileHasData(storeFile: string): boolean {
  return fs.existsSync(storeFile) && fs.statSync(storeFile).size > 0;
}

function readEnvelopeJson(storeFile: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(`${storeFile}.keys`, 'utf8'));
  } catch {
    return null;
  }
}

/** A store that exists, is encrypted, has no stored key and no way in for a keychain was created
 * with a passphrase (on a computer without a secure keychain): it keeps using its passphrase. One
 * with a keychain slot (or an older app's key-file slot) asks for its recovery key instead. */
export function storeNeedsPassphrase(userDataDir: string, storeFile: string): boolean {
  if (fs.existsSync(path.join(userDataDir, KEY_FILE)) || !storeFileHasData(storeFile)) return false;
  const fd = fs.openSync(storeFile, 'r');
  try {
    const head = Buffer.alloc(16);
    fs.readSync(fd, head, 0, 16, 0);
    if (head.toString('latin1') === 'SQLite format 3\0') return false;
  } finally {
    fs.closeSync(fd);
  }
  return !envelopeHasKeychainWay(readEnvelopeJson(storeFile));
}

/** The keychain's entry for this computer's data file; throws InsecureKeychainError without a
 * secure keychain. */
export function osKeychainEntry(userDataDir: string): KeychainEntry {
  if (!safeStorage.isEncryptionAvailable()) throw new InsecureKeychainError();
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
    throw new InsecureKeychainError();
  const keyFile = path.join(userDataDir, KEY_FILE);
  return {
    read() {
      if (!fs.existsSync(keyFile)) return null;
      try {
        return safeStorage.decryptString(fs.readFileSync(keyFile));
      } catch {
        // The keychain that encrypted it is gone (a Windows password reset by IT, another user
        // profile): the same as no key, so the window asks for the recovery key.
        return null;
      }
    },
    write(secretHex) {
      fs.mkdirSync(userDataDir, { recursive: true });
      // A temporary name, then rename: a crash never leaves half a key file.
      const temporary = `${keyFile}.tmp`;
      fs.writeFileSync(temporary, safeStorage.encryptString(secretHex), { mode: 0o600 });
      fs.renameSync(temporary, keyFile);
    },
  };
}
