// The desktop app's way in with the recovery key (issue 13), on real files: the harness's
// stand-in keychain (db/harness/keychain-open.ts) runs the same decisions as Electron's main
// process (shared/store-opening.ts) and the same backend opening as its utility process. A
// rebuilt laptop (no keychain entry) waits for the recovery key, which gives the store a keychain
// slot so the next start asks nothing; stores made by earlier versions of the app keep opening.
import { afterAll, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../support/backend';
import { sqliteOnly } from '../support/test-store';
import { openWithFileKeychain } from '../../db/harness/keychain-open';
import { openStore } from '../../db/store/connection';
import { readEnvelope } from '../../db/store/key-envelope';
import { encryptFileInPlace } from '../../db/store/sqlite/encrypt-in-place';
import type { Backend } from '../../db/backend/backend';
import type { LockedStore } from '../../db/harness/server';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function place() {
  const dir = tempDir('worksbook-app-keychain-');
  dirs.push(dir);
  return { file: path.join(dir, 'worksbook.sqlite'), keychain: path.join(dir, 'keychain', 'store-key.hex') };
}

const slotKinds = (file: string) =>
  readEnvelope(`${file}.keys`)!
    .slots.map((s) => s.kind)
    .sort();

async function opens(keychain: string, file: string): Promise<Backend> {
  const outcome = await openWithFileKeychain(keychain, { file });
  expect(outcome.locked, 'the store should open without asking').toBeNull();
  return outcome.backend!;
}

async function waits(keychain: string, file: string): Promise<LockedStore> {
  const outcome = await openWithFileKeychain(keychain, { file });
  expect(outcome.backend, 'the store should wait for its recovery key').toBeNull();
  return outcome.locked!;
}

sqliteOnly('the data file, its key envelope and the keychain are a SQLite store on this computer')(
  'the app and its keychain',
  () => {
    it('a rebuilt laptop: the recovery key opens the store and gives it a keychain slot; the next start asks nothing', async () => {
      const { file, keychain } = place();
      const first = await opens(keychain, file);
      const recoveryKey = first.services.keys.pendingRecoveryKey!;
      expect(recoveryKey).toBeTruthy();
      await first.close();
      expect(slotKinds(file)).toEqual(['keychain', 'recovery']);
      const oldSecret = fs.readFileSync(keychain, 'utf8');

      // The keychain entry is gone (a new laptop, a reset by IT): nothing opens without the recovery key.
      fs.rmSync(keychain);
      const locked = await waits(keychain, file);
      expect(locked.exists).toBe(true);
      const wrong = await locked.unlock('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
      expect(wrong).toEqual({ ok: false, message: expect.stringMatching(/recovery key does not open this data file/) });
      expect(fs.existsSync(keychain)).toBe(false);
      const short = await locked.unlock('AAAAA');
      expect(short).toEqual({ ok: false, message: expect.stringMatching(/six groups of five/) });

      const right = await locked.unlock(recoveryKey.toLowerCase().replace(/-/g, ' '));
      expect(right.ok).toBe(true);
      await (right.ok ? right.backend.close() : null);
      const newSecret = fs.readFileSync(keychain, 'utf8');
      expect(newSecret).toMatch(/^[0-9a-f]{64}$/);
      expect(newSecret).not.toBe(oldSecret);
      expect(slotKinds(file)).toEqual(['keychain', 'recovery']);

      // Next start: the new keychain entry opens it; the recovery key is unchanged and still works.
      await (await opens(keychain, file)).close();
      const again = await openStore({ file, key: { kind: 'recovery', key: recoveryKey } });
      await again.close();
    });

    it('a keychain entry that opens nothing here (another data file) is kept until the recovery key opens this one', async () => {
      const { file, keychain } = place();
      const first = await opens(keychain, file);
      const recoveryKey = first.services.keys.pendingRecoveryKey!;
      await first.close();
      const other = randomBytes(32).toString('hex');
      fs.writeFileSync(keychain, other);
      const locked = await waits(keychain, file);
      expect((await locked.unlock('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA')).ok).toBe(false);
      expect(fs.readFileSync(keychain, 'utf8')).toBe(other);
      const right = await locked.unlock(recoveryKey);
      await (right.ok ? right.backend.close() : null);
      expect(fs.readFileSync(keychain, 'utf8')).not.toBe(other);
      await (await opens(keychain, file)).close();
    });

    it('a store the previous app made (keychain bytes in a key-file slot) opens, and the slot becomes the keychain slot', async () => {
      const { file, keychain } = place();
      const secret = randomBytes(32);
      const old = await openStore({ file, key: { kind: 'raw', bytes: secret } });
      await old.close();
      expect(slotKinds(file)).toEqual(['key-file', 'recovery']);
      fs.mkdirSync(path.dirname(keychain), { recursive: true });
      fs.writeFileSync(keychain, secret.toString('hex'));

      const backend = await opens(keychain, file);
      expect(backend.store.openNotes).toContain('keychain-slot-migrated');
      await backend.close();
      expect(slotKinds(file)).toEqual(['keychain', 'recovery']);
      const next = await opens(keychain, file);
      expect(next.store.openNotes).not.toContain('keychain-slot-migrated');
      await next.close();
    });

    it('a store from before key envelopes (keyed with the keychain key itself) gets an envelope with a keychain slot', async () => {
      const { file, keychain } = place();
      const plain = await openStore({ file, key: null });
      await plain.close();
      const secret = randomBytes(32);
      encryptFileInPlace(file, { kind: 'raw', bytes: secret });
      fs.mkdirSync(path.dirname(keychain), { recursive: true });
      fs.writeFileSync(keychain, secret.toString('hex'));

      const backend = await opens(keychain, file);
      expect(backend.store.openNotes).toContain('envelope-created');
      await backend.close();
      expect(slotKinds(file)).toEqual(['keychain', 'recovery']);
    });

    it('without its key envelope, the recovery key says where the envelope is to be found', async () => {
      const { file, keychain } = place();
      await (await opens(keychain, file)).close();
      fs.rmSync(`${file}.keys`);
      fs.rmSync(keychain);
      const locked = await waits(keychain, file);
      const attempt = await locked.unlock('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
      expect(attempt).toEqual({ ok: false, message: expect.stringMatching(/key envelope .* is missing/) });
    });
  },
);
