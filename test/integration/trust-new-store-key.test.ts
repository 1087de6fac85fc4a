// "Give the data file a new key" (Settings → Sign-in and data file): the remedy when a recovery
// key sheet is lost or seen by someone else. "Show a new recovery key" keeps the master key, so
// the old recovery key with an older copy of the envelope (a backup's .keys) still reaches the
// store key; a new key puts the envelope under a new master key, so afterwards the old recovery
// key opens neither the data file nor, through an old envelope, its new key. The way in this
// process opened with (a passphrase here, the app's keychain) keeps working.
import { afterAll, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createTestBackend, tempDir } from '../support/backend';
import { sqliteOnly } from '../support/test-store';
import { aParticipant } from '../support/builders';
import { openStore } from '../../db/store/connection';
import { readEnvelope, unlockEnvelope } from '../../db/store/key-envelope';
import { WrongKeyError } from '../../db/store/sqlite/encryption';
import { rekeyStore } from '../../db/backend/rekey';
import { runWrite } from '../../db/backend/write-unit';
import { openWithFileKeychain } from '../../db/harness/keychain-open';
import type { Tx } from '../../db/store/schema';

const passphrase = { kind: 'passphrase' as const, text: 'the office laptop passphrase' };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

sqliteOnly('the data file, its key envelope and its recovery key belong to a SQLite store')(
  'a new data file key',
  () => {
    it('needs the password (counted), and afterwards the old recovery key opens nothing; the passphrase and the new key do', async () => {
      const t = await createTestBackend({ key: passphrase });
      const { file, dir } = t;
      dirs.push(dir);
      const oldRecovery = t.backend.services.keys.pendingRecoveryKey!;
      await t.ok('keys.confirmRecoveryKey', {});
      const password = 'admin pass phrase 7';
      await t.ok('staff.changeOwnPassword', { newPassword: password });
      await aParticipant(t.backend.store.db, { last_name: 'Rekeyed' });
      // An older copy of the envelope, as every backup's companion holds.
      const oldEnvelope = readEnvelope(`${file}.keys`)!;

      const wrong = await t.call('keys.newStoreKey', { password: 'not my password', confirm: true });
      expect(wrong.ok ? '' : wrong.error.message).toMatch(/password is not right/);
      const failed = await t.backend.store.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'sign-in-failed')
        .execute();
      expect(failed.map((f) => f.summary)).toEqual([expect.stringMatching(/new data file key/)]);

      const done = await t.call('keys.newStoreKey', { password, confirm: true });
      expect(done.ok).toBe(true);
      // The new recovery key waits to be shown after the next sign-in, until confirmed.
      const newRecovery = t.backend.services.keys.pendingRecoveryKey!;
      expect(newRecovery).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}$/);
      expect(newRecovery).not.toBe(oldRecovery);
      const envelope = readEnvelope(`${file}.keys`)!;
      expect(envelope.slots.map((s) => s.kind).sort()).toEqual(['passphrase', 'recovery']);
      expect(envelope.recoveryConfirmed).toBe(false);
      expect(envelope.previousKeys).toBeNull();
      const audit = await t.backend.store.db.selectFrom('audit_log').select('summary').execute();
      expect(audit.map((a) => a.summary)).toContain(
        'Gave the data file a new key and a new recovery key; the old recovery key opens only older backups',
      );
      expect(JSON.stringify(audit)).not.toContain(newRecovery);

      // The old recovery key with the old envelope gives the old master key, which opens nothing now.
      const oldRing = unlockEnvelope(oldEnvelope, { kind: 'recovery', key: oldRecovery });
      const newRing = unlockEnvelope(envelope, { kind: 'recovery', key: newRecovery });
      expect(oldRing.master.equals(newRing.master)).toBe(false);
      expect(oldRing.secrets.storeKey.equals(newRing.secrets.storeKey)).toBe(false);
      expect(() =>
        unlockEnvelope({ ...envelope, slots: oldEnvelope.slots }, { kind: 'recovery', key: oldRecovery }),
      ).toThrow(/damaged/);
      // The audit key is kept: the chain still verifies.
      expect(newRing.secrets.auditKey.equals(oldRing.secrets.auditKey)).toBe(true);
      await t.backend.close();

      await expect(openStore({ file, key: { kind: 'recovery', key: oldRecovery } })).rejects.toBeInstanceOf(
        WrongKeyError,
      );
      // (The new recovery key first: opened with a passphrase while it is unconfirmed, a fresh one would replace it.)
      for (const key of [{ kind: 'recovery' as const, key: newRecovery }, passphrase]) {
        const store = await openStore({ file, key });
        const people = await store.db.selectFrom('participants').select('last_name').execute();
        expect(people.map((p) => p.last_name)).toContain('Rekeyed');
        await store.close();
      }
    }, 120_000);

    it('in the app, the keychain keeps opening the data file after its new key', async () => {
      const dir = tempDir('worksbook-new-store-key-');
      dirs.push(dir);
      const file = path.join(dir, 'worksbook.sqlite');
      const keychain = path.join(dir, 'keychain.hex');
      const { backend } = await openWithFileKeychain(keychain, { file });
      const oldRecovery = backend!.services.keys.pendingRecoveryKey!;
      const { services } = backend!;
      const record = (work: (tx: Tx) => Promise<void>) =>
        runWrite(services, { channel: 'keys.newStoreKey', areas: ['settings'], staffId: null }, work);
      await rekeyStore({ ...services, record }, { newRecoveryKey: true, newMaster: true, staffId: null });
      await backend!.close();
      expect(
        readEnvelope(`${file}.keys`)!
          .slots.map((s) => s.kind)
          .sort(),
      ).toEqual(['keychain', 'recovery']);
      const next = await openWithFileKeychain(keychain, { file });
      expect(next.locked).toBeNull();
      await next.backend!.close();
      await expect(openStore({ file, key: { kind: 'recovery', key: oldRecovery } })).rejects.toBeInstanceOf(
        WrongKeyError,
      );
    });
  },
);
