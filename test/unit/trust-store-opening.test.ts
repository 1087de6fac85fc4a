// The desktop app's way in (shared/store-opening.ts), without Electron: the keychain's secret
// first; an existing store it does not open waits for its recovery key; the keychain keeps a new
// secret only once the store opened with it (a brand-new store's first, so a crash while it is
// created leaves nothing only a never-shown recovery key opens).
import { describe, expect, it } from 'vitest';
import {
  envelopeHasKeychainWay,
  openWithKeychain,
  openWithRecoveryKey,
  type KeychainEntry,
  type OpenAttempt,
  type StoreOpenKey,
} from '../../shared/store-opening';

const RECOVERY = 'ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567';

function fakeKeychain(initial: string | null): KeychainEntry & { value: string | null; writes: string[] } {
  const k = {
    value: initial,
    writes: [] as string[],
    read: () => k.value,
    write(secret: string) {
      k.value = secret;
      k.writes.push(secret);
    },
  };
  return k;
}

/** A store opened by `opens` (the keys it accepts); records every attempt and what the keychain
 * held at that moment. */
function fakeStore(opens: (key: StoreOpenKey) => boolean | 'broken') {
  const attempts: StoreOpenKey[] = [];
  const open = async (key: StoreOpenKey): Promise<OpenAttempt<string>> => {
    attempts.push(key);
    const verdict = opens(key);
    if (verdict === 'broken')
      return { ok: false, wrongKey: false, message: 'The data file failed its integrity check.' };
    return verdict
      ? { ok: true, value: 'backend' }
      : { ok: false, wrongKey: true, message: 'That key does not open it.' };
  };
  return { open, attempts };
}

let counter = 0;
const newSecretHex = () => `${++counter}`.padStart(64, '0');

describe('opening with the keychain', () => {
  it('opens with the kept secret, which may be an older raw key, and keeps it', async () => {
    const keychain = fakeKeychain('a'.repeat(64));
    const store = fakeStore((k) => k.kind === 'keychain' && k.secretHex === 'a'.repeat(64));
    const outcome = await openWithKeychain({ storeExists: true, keychain, newSecretHex, open: store.open });
    expect(outcome).toEqual({ opened: 'backend', needsRecovery: false });
    expect(store.attempts).toEqual([{ kind: 'keychain', secretHex: 'a'.repeat(64), mayBeLegacyKey: true }]);
    expect(keychain.writes).toEqual([]);
  });

  it('a new store: a new secret, kept before the store is created', async () => {
    const keychain = fakeKeychain(null);
    let keptWhenOpened: string | null = null;
    const store = fakeStore(() => {
      keptWhenOpened = keychain.value;
      return true;
    });
    const outcome = await openWithKeychain({ storeExists: false, keychain, newSecretHex, open: store.open });
    expect(outcome.needsRecovery).toBe(false);
    expect(store.attempts[0]).toMatchObject({ kind: 'keychain', mayBeLegacyKey: false });
    expect(keptWhenOpened).toBe((store.attempts[0] as { secretHex: string }).secretHex);
  });

  it('an existing store with no key in this keychain waits for its recovery key, without trying anything', async () => {
    const keychain = fakeKeychain(null);
    const store = fakeStore(() => true);
    const outcome = await openWithKeychain({ storeExists: true, keychain, newSecretHex, open: store.open });
    expect(outcome).toEqual({ opened: null, needsRecovery: true });
    expect(store.attempts).toEqual([]);
    expect(keychain.writes).toEqual([]);
  });

  it('an existing store that refuses the kept secret waits for its recovery key, and the secret is not replaced', async () => {
    const keychain = fakeKeychain('b'.repeat(64));
    const store = fakeStore(() => false);
    const outcome = await openWithKeychain({ storeExists: true, keychain, newSecretHex, open: store.open });
    expect(outcome.needsRecovery).toBe(true);
    expect(keychain.value).toBe('b'.repeat(64));
  });

  it('a failure no key would change is reported as before', async () => {
    const store = fakeStore(() => 'broken');
    await expect(
      openWithKeychain({ storeExists: true, keychain: fakeKeychain('c'.repeat(64)), newSecretHex, open: store.open }),
    ).rejects.toThrow(/integrity check/);
  });
});

describe('opening with the recovery key', () => {
  it('a mistyped key is refused with how a recovery key looks, before anything is tried', async () => {
    const keychain = fakeKeychain(null);
    const store = fakeStore(() => true);
    const attempt = await openWithRecoveryKey('ABCDE-FGHJK', { keychain, newSecretHex, open: store.open });
    expect(attempt).toMatchObject({ ok: false, wrongKey: true, message: expect.stringMatching(/six groups of five/) });
    expect(store.attempts).toEqual([]);
  });

  it('a wrong key leaves the keychain as it was', async () => {
    const keychain = fakeKeychain('d'.repeat(64));
    const store = fakeStore(() => false);
    const attempt = await openWithRecoveryKey(RECOVERY, { keychain, newSecretHex, open: store.open });
    expect(attempt.ok).toBe(false);
    expect(keychain.value).toBe('d'.repeat(64));
  });

  it('the right key sends a new keychain secret with it, kept only after the store opened', async () => {
    const keychain = fakeKeychain('e'.repeat(64));
    let keptWhenOpened: string | null = null;
    const store = fakeStore((k) => {
      keptWhenOpened = keychain.value;
      return k.kind === 'recovery';
    });
    const attempt = await openWithRecoveryKey(RECOVERY, { keychain, newSecretHex, open: store.open });
    expect(attempt.ok).toBe(true);
    const sent = store.attempts[0];
    expect(sent).toMatchObject({ kind: 'recovery', key: RECOVERY });
    expect(keptWhenOpened).toBe('e'.repeat(64));
    expect(keychain.value).toBe(sent?.kind === 'recovery' ? sent.keychainSecretHex : 'missing');
  });
});

describe('which stores the keychain can open', () => {
  it('a keychain slot or an older app key-file slot, not a passphrase store', () => {
    expect(envelopeHasKeychainWay({ slots: [{ kind: 'keychain' }, { kind: 'recovery' }] })).toBe(true);
    expect(envelopeHasKeychainWay({ slots: [{ kind: 'key-file' }, { kind: 'recovery' }] })).toBe(true);
    expect(envelopeHasKeychainWay({ slots: [{ kind: 'passphrase' }, { kind: 'recovery' }] })).toBe(false);
    expect(envelopeHasKeychainWay(null)).toBe(false);
    expect(envelopeHasKeychainWay({ slots: 'x' })).toBe(false);
  });
});
