// The store's recovery key as administrators meet it (key-envelope.ts explains the envelope): the
// key made when the store was set up is held in memory (services.keys.pendingRecoveryKey) and shown
// until someone confirms writing it down; an administrator may also replace it with a new one,
// shown once the same way. The key itself never reaches the audit log or the backend log: the audit
// row says only what happened.
import { AppFailure } from '../../../shared/result';
import type { Tx } from '../../store/schema';
import type { StoreKeysState } from '../../backend/context';
import { withoutSlots, withRecoveryConfirmed, withSlot, writeEnvelope, type Keyring } from '../../store/key-envelope';
import { newRecoveryKey } from '../../store/store-keys';
import { appendAudit } from '../audit/audit.repository';

export interface RecoveryKeyStatus {
  /** Whether the store has a key envelope at all (a plaintext store or a team database has none). */
  hasRecoveryKey: boolean;
  /** The key to show, until someone confirms writing it down; null once confirmed. */
  recoveryKey: string | null;
}

export function recoveryKeyStatus(keys: StoreKeysState): RecoveryKeyStatus {
  const keyring = keys.keyring;
  if (!keyring) return { hasRecoveryKey: false, recoveryKey: null };
  const hasRecoveryKey = keyring.envelope.slots.some((s) => s.kind === 'recovery');
  return { hasRecoveryKey, recoveryKey: keyring.envelope.recoveryConfirmed ? null : keys.pendingRecoveryKey };
}

export function envelopeOf(keys: StoreKeysState): { keyring: Keyring; file: string } {
  if (!keys.keyring || !keys.envelopeFile)
    throw new AppFailure(
      'conflict',
      'This data file has no recovery key: it is not encrypted with a key envelope (a team database is protected by its server).',
    );
  return { keyring: keys.keyring, file: keys.envelopeFile };
}

/** Writes the envelope, then keeps it as the one in use. */
function keep(keys: StoreKeysState, file: string, keyring: Keyring): void {
  writeEnvelope(file, keyring.envelope);
  keys.keyring = keyring;
}

/** "I have written it down": the key is not shown again. Nothing to do when already confirmed. */
export function confirmRecoveryKey(keys: StoreKeysState): boolean {
  const { keyring, file } = envelopeOf(keys);
  keys.pendingRecoveryKey = null;
  if (keyring.envelope.recoveryConfirmed) return false;
  keep(keys, file, withRecoveryConfirmed(keyring, true));
  return true;
}

/** A new recovery key replaces the old one (whose slot is removed), shown until confirmed. */
export function replaceRecoveryKey(keys: StoreKeysState, now: string): string {
  const { keyring, file } = envelopeOf(keys);
  const recoveryKey = newRecoveryKey();
  const next = withRecoveryConfirmed(
    withSlot(withoutSlots(keyring, 'recovery'), { kind: 'recovery', key: recoveryKey }, now),
    false,
  );
  keep(keys, file, next);
  keys.pendingRecoveryKey = recoveryKey;
  return recoveryKey;
}

export async function recordRecoveryKeyEvent(
  tx: Tx,
  actor: { staffId: number | null; now: string },
  event: 'confirmed' | 'replaced',
): Promise<void> {
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'settings',
    entityId: 'recovery-key',
    summary:
      event === 'confirmed'
        ? 'Confirmed the recovery key is written down or printed; it is no longer shown'
        : 'Made a new recovery key; the old one no longer opens the data file (backups taken before still open with it)',
  });
}
