// How a window's host opens this computer's data file with the OS keychain, and with the recovery
// key when the keychain cannot (a rebuilt laptop, a Windows password reset by IT, a deleted key
// file). The desktop app's main process and the browser harness (told to pretend a file is the
// keychain) both run this, so the decisions are tested once without Electron:
// - the keychain's secret opens the store's keychain slot (db/store/store-keys.ts; an older app's
//   store, keyed with the same bytes, is upgraded there);
// - a store that exists but that the keychain has no secret for, or whose secret does not open
//   it, waits for its recovery key: the window asks for it, and a new keychain secret is sent
//   with it so that the store gets a keychain slot for next time;
// - the keychain keeps a new secret only once the store opened with it, so a secret that opens
//   another data file is never replaced by one that opens nothing. A brand-new store is the
//   exception: its secret is kept first (there is no secret yet to lose), so a crash while it is
//   being created cannot leave a file that only a never-shown recovery key opens.
// Secrets travel as hex: they cross Electron's structured clone and the harness's JSON.
import { recoveryKeyProblem } from './domain/key-codes';

/** What the host sends the backend to open the store with. */
export type StoreOpenKey =
  | {
      kind: 'keychain';
      secretHex: string;
      /** The secret was already kept, so it may be an older app's raw store key (store-keys.ts). */
      mayBeLegacyKey: boolean;
    }
  | { kind: 'recovery'; key: string; keychainSecretHex: string }
  | { kind: 'passphrase'; text: string };

/** One attempt to open the store: `wrongKey` when the key was refused (then the recovery key may
 * help), otherwise a failure the user cannot type their way out of. */
export type OpenAttempt<T> = { ok: true; value: T } | { ok: false; wrongKey: boolean; message: string };

/** The OS keychain's entry for this computer's data file (hex), as the host keeps it. */
export interface KeychainEntry {
  read(): string | null;
  write(secretHex: string): void;
}

/** Why the window shows the unlock screen: no secure keychain (a passphrase), or a keychain that
 * has no key for an existing data file (its recovery key). */
export type StoreLockMode = 'passphrase' | 'recovery';

export interface StoreGateState {
  locked: boolean;
  exists: boolean;
  mode: StoreLockMode;
}

export interface KeychainOpening<T> {
  /** Whether the data file exists with something in it. */
  storeExists: boolean;
  keychain: KeychainEntry;
  /** 32 random bytes as hex. */
  newSecretHex(): string;
  open(key: StoreOpenKey): Promise<OpenAttempt<T>>;
}

/** Opens the store with the keychain's secret, or says it needs its recovery key. A failure that
 * is not a refused key (a corrupt file, a second opener) is thrown, as before. */
export async function openWithKeychain<T>(
  how: KeychainOpening<T>,
): Promise<{ opened: T; needsRecovery: false } | { opened: null; needsRecovery: true }> {
  const kept = how.keychain.read();
  if (kept === null && how.storeExists) return { opened: null, needsRecovery: true };
  const secretHex = kept ?? how.newSecretHex();
  if (kept === null) how.keychain.write(secretHex);
  const attempt = await how.open({ kind: 'keychain', secretHex, mayBeLegacyKey: kept !== null });
  if (attempt.ok) return { opened: attempt.value, needsRecovery: false };
  if (attempt.wrongKey && how.storeExists) return { opened: null, needsRecovery: true };
  throw new Error(attempt.message);
}

/** Opens the store with its recovery key as typed; on success the keychain keeps the new secret
 * the store was given a slot for. */
export async function openWithRecoveryKey<T>(
  typed: string,
  how: Omit<KeychainOpening<T>, 'storeExists'>,
): Promise<OpenAttempt<T>> {
  const problem = recoveryKeyProblem(typed);
  if (problem) return { ok: false, wrongKey: true, message: problem };
  const keychainSecretHex = how.newSecretHex();
  const attempt = await how.open({ kind: 'recovery', key: typed, keychainSecretHex });
  if (attempt.ok) how.keychain.write(keychainSecretHex);
  return attempt;
}

/** Whether a key envelope (parsed JSON of `<store>.keys`) has a way in for the app's keychain: a
 * keychain slot, or the key-file slot an older app made with the keychain's bytes. A store whose
 * envelope has neither was made with a passphrase on a computer without a secure keychain. */
export function envelopeHasKeychainWay(envelope: unknown): boolean {
  if (typeof envelope !== 'object' || envelope === null || !('slots' in envelope)) return false;
  const { slots } = envelope;
  return (
    Array.isArray(slots) &&
    slots.some(
      (s: unknown) =>
        typeof s === 'object' && s !== null && 'kind' in s && (s.kind === 'keychain' || s.kind === 'key-file'),
    )
  );
}

export const RECOVERY_NEEDED_MESSAGE =
  'This computer has no key for this data file. Type the recovery key from the sheet you printed.';
