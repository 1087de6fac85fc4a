// The store's quick_check after start (backend.ts, storeCheck: 'after-start'): the app starts
// answering without reading every page of the store first (seconds at 100,000 people), yet no
// record is written before the check has passed, and a damaged store is refused as its open
// would have been, with no backup taken of it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { setLogSink } from '../../db/backend/log';
import { listBackupFiles } from '../../db/store/sqlite/backup-file';
import { createTestBackend, tempDir, TEST_NOW } from '../support/backend';
import { aParticipant } from '../support/builders';
import { sqliteOnly } from '../support/test-store';

setLogSink(() => {});
const opened: Backend[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const b of opened.splice(0)) await b.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const person = { firstName: 'Amira', lastName: 'Khan', dateOfBirth: '14/02/1998', niStatus: 'not_yet_known' as const };

/** A store holding one person, closed, ready to be opened by the backend under test. */
async function aStore(): Promise<{ file: string; staffId: number }> {
  const dir = tempDir();
  dirs.push(dir);
  const file = path.join(dir, 'worksbook.sqlite');
  const t = await createTestBackend({ file });
  await aParticipant(t.backend.store.db, { last_name: 'Fairbrother', preferred_name: null });
  const staffId = t.staffId;
  await t.backend.close();
  return { file, staffId };
}

async function open(file: string, storeCheck: 'after-start' | 'before-serving') {
  const backend = await createBackend({
    file,
    key: null,
    clock: fixedClock(TEST_NOW),
    automaticBackups: 'after-start',
    startupBackupDelayMs: 60_000,
    storeCheck,
    storeCheckDelayMs: 60_000,
  });
  opened.push(backend);
  return backend;
}

/** Damage SQLite's quick_check finds: a NOT NULL column that holds a null. */
function damage(file: string) {
  const sqlite = new Database(file);
  sqlite.unsafeMode(true); // lets the schema be written, to make the damage
  sqlite.pragma('writable_schema = 1');
  sqlite
    .prepare(
      `update sqlite_master set sql = replace(sql, '"preferred_name" text,', '"preferred_name" text not null,')
      where name = 'participants'`,
    )
    .run();
  sqlite.close();
}

sqliteOnly('quick_check of the SQLite file')('the store check after start', () => {
  it('answers before the check; a write waits for it and goes ahead on a sound store', async () => {
    const { file, staffId } = await aStore();
    const backend = await open(file, 'after-start');
    expect((await backend.call('w', 'session.start', { staffId })).ok).toBe(true);
    expect((await backend.call('w', 'participants.options', {})).ok).toBe(true);
    const created = await backend.call('w', 'participants.create', { record: person });
    expect(created.ok).toBe(true);
  });

  it('a damaged store: refused at open before serving; after start, reads until the check, no write, no backup', async () => {
    const { file, staffId } = await aStore();
    damage(file);
    await expect(open(file, 'before-serving')).rejects.toThrow(/integrity check/);
    opened.splice(0);
    const backend = await open(file, 'after-start');
    // Signing in and the first screen's reads are answered before the check.
    expect((await backend.call('w', 'session.start', { staffId })).ok).toBe(true);
    expect((await backend.call('w', 'participants.options', {})).ok).toBe(true);
    // The first write starts the check and is refused: nothing is written.
    const created = await backend.call('w', 'participants.create', { record: person });
    expect(created).toMatchObject({ ok: false, error: { kind: 'io', message: /failed its integrity check/ } });
    const count = new Database(file, { readonly: true }).prepare('select count(*) as n from participants').get();
    expect(count).toEqual({ n: 1 });
    // From then on every request is refused, and the daily backup is not taken of the damage.
    expect((await backend.call('w', 'participants.options', {})).ok).toBe(false);
    await backend.startupBackup();
    expect(listBackupFiles(path.join(path.dirname(file), 'backups'))).toEqual([]);
  });
});
