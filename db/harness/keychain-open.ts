// `npm run web -- --keychain <file>`: the harness opens the data file as the desktop app does
// (shared/store-opening.ts), with a plain file standing in for the OS keychain, so the recovery
// screen can be reached and tested in a browser: delete the file, or put another secret in it,
// and the window asks for the recovery key. The secret sits in the file in the clear: for tests
// and trying the app only, never for real data.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createBackend, type Backend, type BackendOptions } from '../backend/backend';
import { isRefusedKey, unlockFromOpenKey } from '../backend/store-key';
import { writePrivateFile } from '../store/private-file';
import {
  openWithKeychain,
  openWithRecoveryKey,
  type KeychainEntry,
  type OpenAttempt,
  type StoreOpenKey,
} from '../../shared/store-opening';
import type { LockedStore } from './server';

export function fileKeychain(file: string): KeychainEntry {
  return {
    read: () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : null),
    write(secretHex) {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      writePrivateFile(file, secretHex);
    },
  };
}

const newSecretHex = () => randomBytes(32).toString('hex');

/** Opens the store with the stand-in keychain; a store it does not open waits for its recovery key. */
export async function openWithFileKeychain(
  keychainFile: string,
  options: Omit<BackendOptions, 'key'>,
): Promise<{ backend: Backend; locked: null } | { backend: null; locked: LockedStore }> {
  const keychain = fileKeychain(keychainFile);
  const open = async (key: StoreOpenKey): Promise<OpenAttempt<Backend>> => {
    try {
      return { ok: true, value: await createBackend({ ...options, key: unlockFromOpenKey(key) }) };
    } catch (error) {
      return {
        ok: false,
        wrongKey: isRefusedKey(error),
        message: error instanceof Error ? error.message : 'The data file could not be opened.',
      };
    }
  };
  const exists = fs.existsSync(options.file) && fs.statSync(options.file).size > 0;
  const outcome = await openWithKeychain({ storeExists: exists, keychain, newSecretHex, open });
  if (!outcome.needsRecovery) return { backend: outcome.opened, locked: null };
  return {
    backend: null,
    locked: {
      exists,
      async unlock(text) {
        const attempt = await openWithRecoveryKey(text, { keychain, newSecretHex, open });
        return attempt.ok ? { ok: true, backend: attempt.value } : { ok: false, message: attempt.message };
      },
    },
  };
}
