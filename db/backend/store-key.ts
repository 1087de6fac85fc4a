// Where the CLI and the harness get the store's key: a key file (--key-file, or the file named by
// WORKSBOOK_KEY_FILE) or a passphrase (WORKSBOOK_PASSPHRASE). A key file holding exactly 64 hex
// digits is a raw 256-bit key; anything else in it is a passphrase. The recovery key
// (--recovery-key or WORKSBOOK_RECOVERY_KEY) opens any store with a key envelope, the app's too. With no key, an encrypted
// store is refused with a message saying how to give one, and so is a new or plaintext store
// unless plaintext is asked for (--plaintext or WORKSBOOK_PLAINTEXT=1: demo data and tests).
// A new store is created encrypted whenever a key is given, and an existing plaintext store is
// encrypted in place; a passphrase that is about to key a store must be strong enough. The
// Electron app sends its keychain's secret, or the recovery key typed in the window
// (shared/store-opening.ts), as a StoreOpenKey.
import fs from 'node:fs';
import { isEncryptedDatabaseFile, StoreNeedsKeyError, WrongKeyError, type StoreKey } from '../store/sqlite/encryption';
import type { StoreUnlock } from '../store/store-keys';
import type { StoreOpenKey } from '../../shared/store-opening';

export class PlaintextRefusedError extends Error {
  constructor(file: string) {
    super(
      `No key was given for ${file}, and Worksbook does not create or open an unencrypted store unless told to. ` +
        'Give a passphrase (WORKSBOOK_PASSPHRASE) or a key file (--key-file or WORKSBOOK_KEY_FILE); ' +
        'for demo or test data only, add --plaintext.',
    );
    this.name = 'PlaintextRefusedError';
  }
}

/**
 * OWASP ASVS 4.0 (2.1.1) and NIST SP 800-63B: length is what makes a secret strong, so at
 * least 12 characters and no composition rules. (zxcvbn-style scoring was considered: the
 * original package is unmaintained since 2017 and its maintained port ships megabytes of
 * dictionaries for a check made when a store is created.) A single character repeated is
 * refused too: long but not secret.
 */
export const MIN_PASSPHRASE_LENGTH = 12;

export function passphraseProblem(text: string): string | null {
  const chars = [...text.normalize('NFKC')];
  if (chars.length < MIN_PASSPHRASE_LENGTH)
    return (
      `The passphrase has ${chars.length} characters; a store's passphrase needs at least ${MIN_PASSPHRASE_LENGTH} ` +
      '(a few words are easier to remember than symbols).'
    );
  if (new Set(chars).size === 1) return 'The passphrase is one character repeated; use a few words instead.';
  return null;
}

export class WeakPassphraseError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = 'WeakPassphraseError';
  }
}

export function keyFromFile(keyFile: string): StoreKey {
  if (!fs.existsSync(keyFile)) throw new Error(`The key file ${keyFile} does not exist.`);
  const text = fs.readFileSync(keyFile, 'utf8').trim();
  if (!text) throw new Error('The key file is empty.');
  if (/^[0-9a-fA-F]{64}$/.test(text)) return { kind: 'raw', bytes: Buffer.from(text, 'hex') };
  return { kind: 'passphrase', text };
}

export async function resolveStoreKey(
  file: string,
  options: { keyFile?: string; plaintext?: boolean; recoveryKey?: string } = {},
): Promise<StoreUnlock | null> {
  // The recovery key shown at set-up opens the app's own store (key-envelope.ts), e.g. on a new
  // machine whose keychain has no entry for it.
  const recoveryKey = options.recoveryKey ?? process.env.WORKSBOOK_RECOVERY_KEY;
  if (recoveryKey) return { kind: 'recovery', key: recoveryKey };
  const keyFile = options.keyFile ?? process.env.WORKSBOOK_KEY_FILE;
  const passphrase = process.env.WORKSBOOK_PASSPHRASE;
  const key: StoreKey | null = keyFile
    ? keyFromFile(keyFile)
    : passphrase
      ? { kind: 'passphrase', text: passphrase }
      : null;
  if (key) {
    // An existing encrypted store keeps opening with the passphrase it has; a passphrase that
    // is about to key a store (a new one, or a plaintext one encrypted in place) must be strong.
    const problem = key.kind === 'passphrase' && !isEncryptedDatabaseFile(file) ? passphraseProblem(key.text) : null;
    if (problem) throw new WeakPassphraseError(problem);
    return key;
  }
  if (isEncryptedDatabaseFile(file)) throw new StoreNeedsKeyError();
  if (options.plaintext || process.env.WORKSBOOK_PLAINTEXT === '1') return null;
  throw new PlaintextRefusedError(file);
}

const secretBytes = (hex: string): Buffer => {
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error("The keychain's secret is not 32 bytes of hex.");
  return Buffer.from(hex, 'hex');
};

/** What the app's window host sent (hex, to cross the process boundary) as what opens the store. */
export function unlockFromOpenKey(key: StoreOpenKey): StoreUnlock {
  switch (key.kind) {
    case 'keychain': {
      const secret = secretBytes(key.secretHex);
      return { kind: 'keychain', secret, legacyKey: key.mayBeLegacyKey ? secret : null };
    }
    case 'recovery':
      return { kind: 'recovery', key: key.key, keychainSecret: secretBytes(key.keychainSecretHex) };
    case 'passphrase':
      return key;
  }
}

/** Whether opening failed because the key was refused (the keychain's secret, a mistyped recovery
 * key), so the window can ask for another, rather than for a reason no key would change. */
export function isRefusedKey(error: unknown): boolean {
  return error instanceof WrongKeyError;
}
