// `cli rekey`: a new random store key for the data file (key-envelope.ts explains the envelope).
// The file is re-encrypted through a checked copy while the store is closed (the lock stays held),
// in three steps, each safe to stop after:
//   1. the envelope is written holding the new key and, as `previousKeys`, the old one;
//   2. the file is replaced by a re-encrypted, integrity-checked copy (temp name, fsync, rename);
//   3. the envelope forgets the old key.
// A crash between 1 and 3 is settled on the next open (connection.ts, settleRekey): the envelope
// follows whichever key the file opens with. Every slot keeps working (the master key is kept), so
// the keychain, passphrase and recovery key open the file as before; `newRecoveryKey` replaces
// the recovery key as well (printed once by the CLI, so it counts as written down).
//
// `newMaster` (Settings → Sign-in and data file, "Give the data file a new key") also puts the
// envelope under a new master key, with a new recovery key and the way in this process was opened
// with (the app's keychain, the CLI's passphrase) as its only other slot. The remedy when a recovery
// key sheet is lost or seen: a copy of the old envelope (a backup's companion) opened with the old
// recovery key gives the old master key, which opens neither the new store key nor the file. The
// new recovery key is shown after the next sign-in, until someone confirms keeping it.
import { randomBytes } from 'node:crypto';
import type { BackendServices } from './context';
import type { Tx } from '../store/schema';
import { storeBackups } from '../store/dialect';
import { isTeamStoreAddress } from '../store/connection';
import {
  beginRekey,
  finishRekey,
  withNewMaster,
  withoutSlots,
  withRecoveryConfirmed,
  withSlot,
  writeEnvelope,
} from '../store/key-envelope';
import { newRecoveryKey } from '../store/store-keys';
import { appendAudit } from '../features/audit/audit.repository';

export class RekeyRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RekeyRefusedError';
  }
}

export interface RekeyResult {
  /** The new recovery key when one was asked for (shown once), else null: the old one still works. */
  recoveryKey: string | null;
}

/** What a rekey needs: the services, and a way to write its audit row in one transaction. */
export type RekeyTools = Pick<
  BackendServices,
  'storeFile' | 'isEncrypted' | 'keys' | 'clock' | 'db' | 'reopenStore'
> & {
  record(work: (tx: Tx) => Promise<void>): Promise<void>;
};

export async function rekeyStore(
  services: RekeyTools,
  options: { newRecoveryKey: boolean; staffId: number | null; newMaster?: boolean },
): Promise<RekeyResult> {
  if (isTeamStoreAddress(services.storeFile))
    throw new RekeyRefusedError('A team database has no store key to change: its server and logins protect it.');
  const { keys } = services;
  const start = keys.keyring;
  const envelopeFile = keys.envelopeFile;
  if (!start || !envelopeFile)
    throw new RekeyRefusedError(
      services.isEncrypted
        ? 'This data file is keyed directly with its passphrase or key file, from before key envelopes: it has no ' +
            'separate store key to change yet.'
        : 'This data file is not encrypted: open it with a passphrase or key file to encrypt it first.',
    );
  const now = services.clock.now().toISOString();
  const oldKey = start.secrets.storeKey;
  const newKey = randomBytes(32);
  let keyring = beginRekey(start, newKey);
  const recoveryKey = options.newRecoveryKey || options.newMaster ? newRecoveryKey() : null;
  if (recoveryKey && options.newMaster) {
    const opener = keys.opener?.kind === 'recovery' ? null : keys.opener;
    keyring = withRecoveryConfirmed(
      withNewMaster(keyring, [...(opener ? [opener] : []), { kind: 'recovery', key: recoveryKey }], now),
      false,
    );
  } else if (recoveryKey)
    keyring = withRecoveryConfirmed(
      withSlot(withoutSlots(keyring, 'recovery'), { kind: 'recovery', key: recoveryKey }, now),
      true,
    );
  const file = services.storeFile;
  await services.reopenStore(() => {
    writeEnvelope(envelopeFile, keyring.envelope);
    // From here the store reopens with either key (the new one first).
    keys.keyring = keyring;
    storeBackups(services.db).rekeyCopy(file, { kind: 'raw', bytes: oldKey }, { kind: 'raw', bytes: newKey });
    keyring = finishRekey(keyring);
    writeEnvelope(envelopeFile, keyring.envelope);
    keys.keyring = keyring;
  });
  // The CLI printed it (written down); the app shows it after the next sign-in until confirmed.
  keys.pendingRecoveryKey =
    recoveryKey && options.newMaster ? recoveryKey : recoveryKey ? null : keys.pendingRecoveryKey;
  await services.record(async (tx) => {
    await appendAudit(tx, now, options.staffId, {
      action: 'update',
      entity: 'settings',
      entityId: 'store-key',
      summary: options.newMaster
        ? 'Gave the data file a new key and a new recovery key; the old recovery key opens only older backups'
        : recoveryKey
          ? 'Changed the store key and made a new recovery key (the old recovery key opens only older backups)'
          : 'Changed the store key; the recovery key is kept',
    });
  });
  return { recoveryKey };
}
