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
import { randomBytes } from 'node:crypto';
import type { BackendServices } from './context';
import { runWrite } from './write-unit';
import { storeBackups } from '../store/dialect';
import { isTeamStoreAddress } from '../store/connection';
import {
  beginRekey,
  finishRekey,
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

export async function rekeyStore(
  services: BackendServices,
  options: { newRecoveryKey: boolean; staffId: number | null },
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
  const recoveryKey = options.newRecoveryKey ? newRecoveryKey() : null;
  if (recoveryKey)
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
  if (recoveryKey) keys.pendingRecoveryKey = null;
  await runWrite(services, { channel: 'cli.rekey', areas: ['settings'], staffId: options.staffId }, (tx) =>
    appendAudit(tx, now, options.staffId, {
      action: 'update',
      entity: 'settings',
      entityId: 'store-key',
      summary: recoveryKey
        ? 'Changed the store key and made a new recovery key (the old recovery key opens only older backups)'
        : 'Changed the store key; the recovery key is kept',
    }),
  );
  return { recoveryKey };
}
