// Encryption at rest: raw keys and passphrases, wrong keys, and plaintext stores encrypted in
// place on upgrade (with their backups), leaving no plaintext copy behind.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../../db/store/connection';
import {
  applyKey,
  isEncryptedDatabaseFile,
  isPlaintextDatabaseFile,
  StoreNeedsKeyError,
  WrongKeyError,
  type StoreKey,
} from '../../db/store/sqlite/encryption';
import { writeBackupFile } from '../../db/store/sqlite/backup-file';
import { aParticipant } from '../support/builders';
import { tempDir } from '../support/backend';

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir('worksbook-enc-');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const raw: StoreKey = { kind: 'raw', bytes: Buffer.alloc(32, 7) };
const pass: StoreKey = { kind: 'passphrase', text: "correct horse 'battery' staple" };

describe('keys', () => {
  it('a raw key skips key derivation; a passphrase is the same key as PRAGMA key = text', () => {
    const dir = fresh();
    const a = path.join(dir, 'raw.sqlite');
    const db = new SqliteDatabase(a);
    applyKey(db, raw);
    db.exec("create table t(x); insert into t values ('hello')");
    db.close();
    // The raw form is what SQLite3MC documents for SQLCipher-compatible raw keys.
    const again = new SqliteDatabase(a);
    again.pragma(`key = "x'${raw.kind === 'raw' ? raw.bytes.toString('hex') : ''}'"`);
    expect(again.prepare('select x from t').get()).toEqual({ x: 'hello' });
    again.close();

    const b = path.join(dir, 'pass.sqlite');
    const pdb = new SqliteDatabase(b);
    applyKey(pdb, pass);
    pdb.exec('create table t(x)');
    pdb.close();
    const viaPragma = new SqliteDatabase(b);
    viaPragma.pragma('kdf_iter = 600000'); // applyKey's PBKDF2 count for passphrases (OWASP)
    viaPragma.pragma(`key = '${pass.kind === 'passphrase' ? pass.text.replace(/'/g, "''") : ''}'`);
    expect(viaPragma.prepare('select count(*) as n from t').get()).toEqual({ n: 0 });
    viaPragma.close();
    expect(isEncryptedDatabaseFile(a) && isEncryptedDatabaseFile(b)).toBe(true);
  });

  it('a wrong key and a missing key give clear errors and change nothing', async () => {
    const file = path.join(fresh(), 'w.sqlite');
    const store = await openStore({ file, key: pass });
    await store.close();
    const before = fs.readFileSync(file);
    await expect(openStore({ file, key: { kind: 'passphrase', text: 'not it' } })).rejects.toBeInstanceOf(
      WrongKeyError,
    );
    await expect(openStore({ file, key: raw })).rejects.toBeInstanceOf(WrongKeyError);
    await expect(openStore({ file, key: null })).rejects.toBeInstanceOf(StoreNeedsKeyError);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('upgrading a plaintext store', () => {
  it('encrypts it in place (and its plaintext backups), keeps every row and leaves no plaintext copy', async () => {
    const dir = fresh();
    const file = path.join(dir, 'worksbook.sqlite');
    const plain = await openStore({ file, key: null });
    for (let i = 0; i < 300; i++)
      await aParticipant(plain.db, { last_name: `Zanzibarova${i}`, ni_number: `QQ12${String(i).padStart(4, '0')}C` });
    writeBackupFile(plain.sqlite, null, path.join(dir, 'backups'), 'manual', new Date('2026-01-01T00:00:00Z'));
    // Leave recent writes in the WAL, as a crash or a running app would.
    plain.sqlite.pragma('wal_autocheckpoint = 0');
    await aParticipant(plain.db, { last_name: 'Walonly' });
    await plain.close();
    expect(isPlaintextDatabaseFile(file)).toBe(true);
    expect(fs.readFileSync(file).includes('Zanzibarova1')).toBe(true);

    const store = await openStore({ file, key: raw });
    expect(store.openNotes).toContain('encrypted-in-place');
    expect(store.openNotes).toContain('backups-encrypted');
    const n = await store.db
      .selectFrom('participants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(301);
    expect(String(store.sqlite.pragma('journal_mode', { simple: true }))).toBe('wal');
    await store.close();

    for (const f of [file, ...fs.readdirSync(path.join(dir, 'backups')).map((b) => path.join(dir, 'backups', b))]) {
      expect(isEncryptedDatabaseFile(f), f).toBe(true);
      expect(fs.readFileSync(f).includes('Zanzibarova'), f).toBe(false);
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('pre-encryption'))).toEqual([]);
    // Opening again is a normal keyed open.
    const again = await openStore({ file, key: raw });
    expect(again.openNotes).toEqual([]);
    await again.close();
  });
});
