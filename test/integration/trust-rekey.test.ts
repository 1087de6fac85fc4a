// `cli rekey` (issue 13): a new store key through a checked copy; the old key no longer opens the
// file, the recovery key (kept, or new with --new-recovery-key) still does, data intact; a team
// database is refused; a rekey a crash interrupted settles on the next open, whichever side of the
// copy it stopped.
import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { createTestBackend, tempDir } from '../support/backend';
import { isPostgresRun } from '../support/test-store';
import { aParticipant } from '../support/builders';
import { runCli } from '../../db/cli/main';
import { openStore } from '../../db/store/connection';
import { applyKey, WrongKeyError } from '../../db/store/sqlite/encryption';
import { rekeyFile } from '../../db/store/sqlite/encrypt-in-place';
import { beginRekey, envelopeFileOf, readEnvelope, unlockEnvelope, writeEnvelope } from '../../db/store/key-envelope';
import { rekeyStore } from '../../db/backend/rekey';

const passphrase = { kind: 'passphrase' as const, text: 'the office laptop passphrase' };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function opensWithRaw(file: string, bytes: Buffer): boolean {
  const sqlite = new SqliteDatabase(file);
  try {
    applyKey(sqlite, { kind: 'raw', bytes });
    return true;
  } catch {
    return false;
  } finally {
    sqlite.close();
  }
}

async function surnames(file: string, key: Parameters<typeof openStore>[0]['key']): Promise<string[]> {
  const store = await openStore({ file, key });
  try {
    return (await store.db.selectFrom('participants').select('last_name').execute()).map((p) => p.last_name);
  } finally {
    await store.close();
  }
}

/** A passphrase store holding one person, closed; its recovery key confirmed and its store key. */
async function aClosedStore() {
  const t = await createTestBackend({ key: passphrase });
  dirs.push(t.dir);
  await aParticipant(t.backend.store.db, { last_name: 'Rekeyed' });
  const recoveryKey = (await t.ok('keys.recoveryKey', {})).recoveryKey!;
  await t.ok('keys.confirmRecoveryKey', {});
  const oldKey = t.backend.services.keys.keyring!.secrets.storeKey;
  await t.backend.close();
  return { file: t.file, recoveryKey, oldKey };
}

function cliIo() {
  const out: string[] = [];
  return { out, io: { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) } };
}

describe('cli rekey', () => {
  it('changes the store key: the old key no longer opens the file, the kept recovery key does, data intact', async () => {
    const { file, recoveryKey, oldKey } = await aClosedStore();
    const { out, io } = cliIo();
    expect(await runCli(['rekey', '--recovery-key', recoveryKey, '--db', file], io), out.join('\n')).toBe(0);
    expect(out.join('\n')).toMatch(/the recovery key is unchanged/);
    expect(opensWithRaw(file, oldKey)).toBe(false);
    const envelope = readEnvelope(envelopeFileOf(file))!;
    expect(envelope.previousKeys).toBeNull();
    const newKey = unlockEnvelope(envelope, { kind: 'recovery', key: recoveryKey }).secrets.storeKey;
    expect(newKey.equals(oldKey)).toBe(false);
    expect(opensWithRaw(file, newKey)).toBe(true);
    expect(await surnames(file, { kind: 'recovery', key: recoveryKey })).toEqual(['Rekeyed']);
    expect(await surnames(file, passphrase)).toEqual(['Rekeyed']);
    // No copy left behind, and the rekey is in the audit log.
    expect(fs.readdirSync(path.dirname(file)).filter((n) => /encrypting|partial/.test(n))).toEqual([]);
    const store = await openStore({ file, key: passphrase });
    const row = await store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity_id', '=', 'store-key')
      .executeTakeFirst();
    await store.close();
    expect(row?.summary).toMatch(/Changed the store key; the recovery key is kept/);
  }, 120_000);

  it('with --new-recovery-key prints a new recovery key once; the old one no longer opens the file', async () => {
    const { file, recoveryKey } = await aClosedStore();
    const { out, io } = cliIo();
    expect(await runCli(['rekey', '--new-recovery-key', '--recovery-key', recoveryKey, '--db', file], io)).toBe(0);
    const printed = out.join('\n').match(/[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}/)?.[0];
    expect(printed).toBeDefined();
    expect(printed).not.toBe(recoveryKey);
    await expect(openStore({ file, key: { kind: 'recovery', key: recoveryKey } })).rejects.toBeInstanceOf(
      WrongKeyError,
    );
    expect(await surnames(file, { kind: 'recovery', key: printed! })).toEqual(['Rekeyed']);
    // Printed once, so not shown again in the app.
    expect(readEnvelope(envelopeFileOf(file))!.recoveryConfirmed).toBe(true);
  }, 120_000);

  it('with --new-master: the old recovery key cannot reach the file even through a copy of the old .keys file', async () => {
    const { file, recoveryKey } = await aClosedStore();
    const oldEnvelope = path.join(path.dirname(file), 'old.keys');
    fs.copyFileSync(envelopeFileOf(file), oldEnvelope);
    const { out, io } = cliIo();
    expect(await runCli(['rekey', '--new-master', '--recovery-key', recoveryKey, '--db', file], io)).toBe(0);
    const printed = out.join('\n').match(/[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){5}/)?.[0];
    expect(printed).toBeDefined();
    expect(out.join('\n')).toMatch(/asks for the new recovery key once/);
    // The old key sheet with the old envelope put back (as a thief holding a backup companion would).
    const current = path.join(path.dirname(file), 'current.keys');
    fs.copyFileSync(envelopeFileOf(file), current);
    fs.copyFileSync(oldEnvelope, envelopeFileOf(file));
    await expect(openStore({ file, key: { kind: 'recovery', key: recoveryKey } })).rejects.toThrow();
    fs.copyFileSync(current, envelopeFileOf(file));
    await expect(openStore({ file, key: { kind: 'recovery', key: recoveryKey } })).rejects.toBeInstanceOf(
      WrongKeyError,
    );
    expect(await surnames(file, { kind: 'recovery', key: printed! })).toEqual(['Rekeyed']);
  }, 120_000);

  it('refuses a store without a store key to change', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'plain.sqlite');
    const t = await createTestBackend({ file });
    dirs.push(t.dir);
    await t.backend.close();
    const { out, io } = cliIo();
    expect(await runCli(['rekey', '--plaintext', '--db', file], io)).toBe(1);
    expect(out.join('\n')).toMatch(/not encrypted/);
    // A mistyped recovery key is told apart from a wrong one, before anything opens.
    expect(await runCli(['rekey', '--recovery-key', 'ABCDE-12345', '--db', file], io)).toBe(2);
    expect(out.join('\n')).toMatch(
      /--recovery-key: A recovery key has 30 letters and digits \(six groups of five\); this has 10/,
    );
  }, 120_000);

  it.skipIf(!isPostgresRun)('refuses a team database', async () => {
    const t = await createTestBackend();
    const record = () => Promise.reject(new Error('nothing to record'));
    await expect(
      rekeyStore({ ...t.backend.services, record }, { newRecoveryKey: false, staffId: null }),
    ).rejects.toThrow(/team database has no store key/);
    await t.close();
  });
});

describe('a rekey a crash interrupted', () => {
  it('after the copy, before the envelope forgot the old key: the next open finishes it', async () => {
    const { file, recoveryKey, oldKey } = await aClosedStore();
    const newKey = randomBytes(32);
    const keyring = unlockEnvelope(readEnvelope(envelopeFileOf(file))!, { kind: 'recovery', key: recoveryKey });
    writeEnvelope(envelopeFileOf(file), beginRekey(keyring, newKey).envelope);
    rekeyFile(file, { kind: 'raw', bytes: oldKey }, { kind: 'raw', bytes: newKey });
    // The crash: the envelope still holds both keys.
    const store = await openStore({ file, key: passphrase });
    expect(store.openNotes).toContain('rekey-settled');
    await store.close();
    const settled = readEnvelope(envelopeFileOf(file))!;
    expect(settled.previousKeys).toBeNull();
    expect(unlockEnvelope(settled, passphrase).secrets.storeKey.equals(newKey)).toBe(true);
    expect(opensWithRaw(file, oldKey)).toBe(false);
    expect(await surnames(file, { kind: 'recovery', key: recoveryKey })).toEqual(['Rekeyed']);
  }, 120_000);

  it('before the copy: the next open goes back to the old key', async () => {
    const { file, recoveryKey, oldKey } = await aClosedStore();
    const keyring = unlockEnvelope(readEnvelope(envelopeFileOf(file))!, { kind: 'recovery', key: recoveryKey });
    writeEnvelope(envelopeFileOf(file), beginRekey(keyring, randomBytes(32)).envelope);
    const store = await openStore({ file, key: passphrase });
    expect(store.openNotes).toContain('rekey-settled');
    await store.close();
    const settled = readEnvelope(envelopeFileOf(file))!;
    expect(settled.previousKeys).toBeNull();
    expect(unlockEnvelope(settled, passphrase).secrets.storeKey.equals(oldKey)).toBe(true);
    expect(await surnames(file, passphrase)).toEqual(['Rekeyed']);
  }, 120_000);
});
