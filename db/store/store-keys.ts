// Which key opens a store file, from what the opener was given (key-envelope.ts explains the
// envelope):
// - a store with an envelope beside it opens with any of its slots' secrets: the OS keychain (the
//   app), its recovery key, a passphrase or a key file (the CLI and the harness);
// - a new store (or a plaintext one given a secret, which is then encrypted in place) gets a random
//   store key, an envelope with a slot for the secret given and a recovery key, shown once;
// - the app's store from before its keychain slot (the keychain's bytes were sent as a key file):
//   the same bytes open its key-file slot, which becomes a keychain slot;
// - a store from before envelopes: the app's (its raw key was in the keychain) gets an envelope at
//   once, with the same key, so nothing is rewritten; one keyed directly with a passphrase or key
//   file still opens with it, and `cli rekey` gives it an envelope;
// - no secret: a plaintext store (demo and test data only; the callers refuse otherwise).
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { codeFromBytes, groupCode, RECOVERY_KEY_LENGTH } from '../../shared/domain/key-codes';
import {
  createEnvelope,
  envelopeFileOf,
  newStoreSecrets,
  readEnvelope,
  unlockEnvelope,
  NoSlotError,
  withoutSlots,
  withRecoveryConfirmed,
  withSlot,
  writeEnvelope,
  type Keyring,
  type UnlockSecret,
} from './key-envelope';
import { isEncryptedDatabaseFile, StoreNeedsKeyError, WrongKeyError, type StoreKey } from './sqlite/encryption';

/** What opens a store: a passphrase or key file (the CLI, the harness), the recovery key, or the
 * secret the app keeps in the OS keychain (with, from an older version, the raw key it kept there). */
export type StoreUnlock =
  | StoreKey
  | { kind: 'recovery'; key: string; keychainSecret?: Buffer | undefined }
  | { kind: 'keychain'; secret: Buffer; legacyKey?: Buffer | null | undefined };

export interface StoreKeys {
  /** What the SQLite file is opened with, in order (after an interrupted rekey, the old key second);
   * empty for a plaintext store. */
  candidates: StoreKey[];
  keyring: Keyring | null;
  envelopeFile: string;
  /** A recovery key to show once, until someone confirms writing it down. */
  recoveryKey: string | null;
  /** An envelope to write once the file has opened with its key (an older store being upgraded). */
  pendingEnvelope: Keyring | null;
  /** The secret of the way in this opening used (or added: the app's new keychain secret after
   * its recovery key), kept in memory so that a new master key can keep it working; null when
   * that was only the recovery key. */
  opener: UnlockSecret | null;
  notes: string[];
}

export class RecoveryKeyNeedsStoreError extends Error {
  constructor(file: string) {
    super(
      isEncryptedDatabaseFile(file)
        ? `The key envelope ${envelopeFileOf(file)} is missing, and the recovery key opens the data file only through ` +
            'it. Restore the newest backup instead (its .keys file carries the envelope): "restore <backup file> ' +
            '--recovery-key ..."'
        : `There is no data file at ${file} to open with a recovery key. To restore a backup onto this computer, use ` +
            '"restore <backup file> --recovery-key ..." with --db naming where the data file should go.',
    );
    this.name = 'RecoveryKeyNeedsStoreError';
  }
}

export function newRecoveryKey(): string {
  return groupCode(codeFromBytes(randomBytes(RECOVERY_KEY_LENGTH), RECOVERY_KEY_LENGTH), 5);
}

function envelopeSecret(unlock: StoreUnlock): UnlockSecret {
  switch (unlock.kind) {
    case 'raw':
      return { kind: 'key-file', bytes: unlock.bytes };
    case 'passphrase':
      return { kind: 'passphrase', text: unlock.text };
    case 'recovery':
      return { kind: 'recovery', key: unlock.key };
    case 'keychain':
      return { kind: 'keychain', secret: unlock.secret };
  }
}

function openerOf(unlock: StoreUnlock | null): UnlockSecret | null {
  if (!unlock) return null;
  if (unlock.kind === 'recovery')
    return unlock.keychainSecret ? { kind: 'keychain', secret: unlock.keychainSecret } : null;
  return envelopeSecret(unlock);
}

const rawKey = (bytes: Buffer): StoreKey => ({ kind: 'raw', bytes });

/** Works out the keys for opening `file` with `unlock`; writes the envelope of a new store. */
export function unlockStoreKeys(file: string, unlock: StoreUnlock | null, now: string): StoreKeys {
  const envelopeFile = envelopeFileOf(file);
  const envelope = readEnvelope(envelopeFile);
  const result: StoreKeys = {
    candidates: [],
    keyring: null,
    envelopeFile,
    recoveryKey: null,
    pendingEnvelope: null,
    opener: openerOf(unlock),
    notes: [],
  };
  if (envelope) {
    if (!unlock) throw new StoreNeedsKeyError();
    let keyring: Keyring;
    let changed = false;
    try {
      keyring = unlockEnvelope(envelope, envelopeSecret(unlock));
    } catch (error) {
      // The app before the keychain slot sent its keychain's bytes as a key file, so its envelope
      // holds them in a key-file slot: the same bytes open that, and the slot becomes the keychain's.
      if (!(error instanceof WrongKeyError) || unlock.kind !== 'keychain' || !unlock.legacyKey) throw error;
      keyring = unlockEnvelope(envelope, { kind: 'key-file', bytes: unlock.legacyKey });
      keyring = withoutSlots(withSlot(keyring, envelopeSecret(unlock), now), 'key-file');
      changed = true;
      result.notes.push('keychain-slot-migrated');
    }
    // Opened with the recovery key in the app: the keychain gets a new secret for next time.
    if (unlock.kind === 'recovery' && unlock.keychainSecret) {
      keyring = withSlot(keyring, { kind: 'keychain', secret: unlock.keychainSecret }, now);
      changed = true;
      result.notes.push('keychain-slot-added');
    }
    if (unlock.kind === 'recovery' && !keyring.envelope.recoveryConfirmed) {
      // Whoever typed it has it: no need to show it again.
      keyring = withRecoveryConfirmed(keyring, true);
      changed = true;
    } else if (!keyring.envelope.recoveryConfirmed) {
      // Never confirmed written down (the window closed before, say): a fresh one replaces it,
      // shown again. The one before was only ever on a screen.
      result.recoveryKey = newRecoveryKey();
      keyring = withSlot(keyring, { kind: 'recovery', key: result.recoveryKey }, now);
      changed = true;
    }
    if (changed) writeEnvelope(envelopeFile, keyring.envelope);
    result.keyring = keyring;
    result.candidates = [keyring.secrets.storeKey, ...(keyring.previousStoreKey ? [keyring.previousStoreKey] : [])].map(
      rawKey,
    );
    return result;
  }
  if (!unlock) return result;
  if (unlock.kind === 'recovery') throw new RecoveryKeyNeedsStoreError(file);
  if (isEncryptedDatabaseFile(file)) {
    // A store from before key envelopes.
    if (unlock.kind === 'keychain') {
      if (!unlock.legacyKey) throw new NoSlotError('keychain');
      result.recoveryKey = newRecoveryKey();
      result.pendingEnvelope = createEnvelope(
        { ...newStoreSecrets(), storeKey: unlock.legacyKey },
        [envelopeSecret(unlock), { kind: 'recovery', key: result.recoveryKey }],
        now,
      );
      result.keyring = result.pendingEnvelope;
      result.candidates = [rawKey(unlock.legacyKey)];
      result.notes.push('envelope-created');
      return result;
    }
    // Keyed directly with a passphrase or key file: opens as before; `cli rekey` upgrades it.
    result.candidates = [unlock];
    result.notes.push('legacy-key');
    return result;
  }
  // A new store, or a plaintext one about to be encrypted: a random key in a new envelope, written
  // before the file is keyed (an envelope without its file is harmless; the reverse is not).
  result.recoveryKey = newRecoveryKey();
  const keyring = createEnvelope(
    newStoreSecrets(),
    [envelopeSecret(unlock), { kind: 'recovery', key: result.recoveryKey }],
    now,
  );
  writeEnvelope(envelopeFile, keyring.envelope);
  result.keyring = keyring;
  result.candidates = [rawKey(keyring.secrets.storeKey)];
  result.notes.push(fs.existsSync(file) && fs.statSync(file).size > 0 ? 'envelope-created' : 'new-store-keys');
  return result;
}
