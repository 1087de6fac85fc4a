// Keys and passwords (issue 13): the CLI (and harness) refuse to create or open an unencrypted
// store unless --plaintext is given; a passphrase that keys a store needs 12 characters; a
// passphrase is stretched with 600,000 PBKDF2-HMAC-SHA256 iterations, stores keyed with the old
// 64,007 still open and move on their next rekey; staff passwords are hashed with scrypt
// N=2^17, r=8, p=1, and older hashes are replaced at sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { scryptSync, randomBytes } from 'node:crypto';
import { runCli } from '../../db/cli/main';
import { openStore } from '../../db/store/connection';
import {
  isEncryptedDatabaseFile,
  PASSPHRASE_KDF_ITERATIONS,
  rekey,
  type StoreKey,
} from '../../db/store/sqlite/encryption';
import { passphraseProblem } from '../../db/backend/store-key';
import { hashPassword, needsRehash, verifyPassword } from '../../db/features/staff/password';
import { createTestBackend, tempDir } from '../support/backend';
import { setLogSink } from '../../db/backend/log';
import { envelopeFileOf, readEnvelope, unlockEnvelope } from '../../db/store/key-envelope';

const passphraseSecret = { kind: 'passphrase', text: 'correct horse battery staple' } as const;

const dirs: string[] = [];
beforeAll(() => setLogSink(() => {}));
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const newFile = () => {
  const dir = tempDir('worksbook-keys-');
  dirs.push(dir);
  return path.join(dir, 'new.sqlite');
};

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return { code: await runCli(args, io), out: out.join('\n') };
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

/** Whether a passphrase store's file opens with this many PBKDF2 iterations. */
function opensWith(file: string, text: string, iterations: number): boolean {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    db.pragma(`kdf_iter = ${iterations}`);
    db.pragma(`hexkey = '${Buffer.from(text, 'utf8').toString('hex')}'`);
    db.prepare('select count(*) from sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

describe('no unencrypted store unless asked for', () => {
  it('`cli demo --db new.sqlite` without a key refuses and creates nothing; with --plaintext it runs', async () => {
    const file = newFile();
    const refused = await cli(['demo', '--participants', '10', '--db', file]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/ERR error: No key was given for .*new\.sqlite.*add --plaintext\./);
    expect(fs.existsSync(file)).toBe(false);
    expect((await cli(['demo', '--participants', '10', '--db', file, '--plaintext'])).code).toBe(0);
    // Opening the plaintext store again needs the flag (or WORKSBOOK_PLAINTEXT=1) too.
    expect((await cli(['info', '--db', file])).code).toBe(1);
    expect((await cli(['info', '--db', file], { WORKSBOOK_PLAINTEXT: '1' })).code).toBe(0);
  }, 60_000);

  it('refuses a short passphrase for a new store and accepts a long one, which encrypts it', async () => {
    const file = newFile();
    const short = await cli(['info', '--db', file], { WORKSBOOK_PASSPHRASE: 'Tr0ub4dor&3' });
    expect(short.code).toBe(1);
    expect(short.out).toMatch(/The passphrase has 11 characters; a store's passphrase needs at least 12/);
    expect(fs.existsSync(file)).toBe(false);
    expect(passphraseProblem('aaaaaaaaaaaaaaaa')).toMatch(/one character repeated/);
    expect(passphraseProblem('correct horse battery staple')).toBeNull();
    expect((await cli(['info', '--db', file], { WORKSBOOK_PASSPHRASE: 'correct horse battery staple' })).code).toBe(0);
    // The passphrase opens the store's key envelope, which holds its random store key.
    expect(isEncryptedDatabaseFile(file)).toBe(true);
    expect(() => unlockEnvelope(readEnvelope(envelopeFileOf(file))!, passphraseSecret)).not.toThrow();
  }, 60_000);
});

describe('passphrase key derivation', () => {
  const pass: StoreKey = { kind: 'passphrase', text: 'an old short one' };

  it('keys new stores with a random key, wrapped for the passphrase with scrypt N=2^17, r=8, p=1', async () => {
    // A store keyed directly with a passphrase (from before key envelopes) uses 600,000 PBKDF2 iterations.
    expect(PASSPHRASE_KDF_ITERATIONS[0]).toBe(600_000);
    const file = newFile();
    const store = await openStore({ file, key: pass });
    expect(store.openNotes).not.toContain('passphrase-kdf-legacy');
    await store.close();
    expect(opensWith(file, pass.text, 600_000)).toBe(false);
    expect(opensWith(file, pass.text, 64_007)).toBe(false);
    const envelope = readEnvelope(envelopeFileOf(file))!;
    expect(envelope.slots.find((s) => s.kind === 'passphrase')?.kdf).toEqual({ name: 'scrypt', N: 131072, r: 8, p: 1 });
    expect(unlockEnvelope(envelope, { kind: 'passphrase', text: pass.text }).secrets.storeKey).toHaveLength(32);
  }, 60_000);

  it('still opens a store keyed with the old 64,007 iterations, and moves it to 600,000 on rekey', async () => {
    const file = newFile();
    // A store as the previous version made it: SQLite3MC's default count.
    const old = new SqliteDatabase(file);
    old.pragma(`hexkey = '${Buffer.from(pass.text, 'utf8').toString('hex')}'`);
    old.exec('create table kept (v text); insert into kept values (1)');
    old.close();
    expect(opensWith(file, pass.text, 64_007)).toBe(true);

    const store = await openStore({ file, key: pass, migrate: false });
    expect(store.openNotes).toContain('passphrase-kdf-legacy');
    rekey(store.sqlite, pass);
    await store.close();
    expect(opensWith(file, pass.text, 600_000)).toBe(true);
    expect(opensWith(file, pass.text, 64_007)).toBe(false);
    const again = await openStore({ file, key: pass, migrate: false });
    expect(again.openNotes).not.toContain('passphrase-kdf-legacy');
    expect(again.sqlite.prepare('select v from kept').get()).toEqual({ v: '1' });
    await again.close();
  }, 60_000);
});

describe('staff password hashing', () => {
  /** A hash in the format and with the parameters used before issue 13. */
  const oldHash = (password: string) => {
    const salt = randomBytes(16);
    const hash = scryptSync(password.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
    return `scrypt$16384$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
  };

  it('hashes with scrypt N=2^17, r=8, p=1 and still verifies older hashes', () => {
    const hash = hashPassword('a long staff password');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(verifyPassword('a long staff password', hash)).toBe(true);
    expect(verifyPassword('another password', hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
    const old = oldHash('a long staff password');
    expect(verifyPassword('a long staff password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('replaces an older hash when its owner signs in', async () => {
    const t = await createTestBackend();
    try {
      const staffId = await t.signInAs('officer', 'Old Hash');
      await t.backend.store.db
        .updateTable('staff')
        .set({ password_hash: oldHash('an officer password') })
        .where('id', '=', staffId)
        .execute();
      expect(await t.call('session.start', { staffId, password: 'an officer password' })).toMatchObject({ ok: true });
      const row = await t.backend.store.db
        .selectFrom('staff')
        .select('password_hash')
        .where('id', '=', staffId)
        .executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);
      expect(verifyPassword('an officer password', row.password_hash!)).toBe(true);
    } finally {
      await t.close();
    }
  }, 60_000);
});
