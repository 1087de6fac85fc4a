// Backups: checked copies taken while another process writes, previewed, restored in one action
// (closing and reopening the store), rotated; and a backup before migrations.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import SqliteDatabase from 'better-sqlite3-multiple-ciphers';
import { createBackend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { openStore } from '../../db/store/connection';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations, latestMigration } from '../../db/store/migrations/index';
import { applyKey, type StoreKey } from '../../db/store/sqlite/encryption';
import { integrityCheck } from '../../db/store/sqlite/pragmas';
import { backupsToDelete, listBackupFiles, type BackupFileInfo } from '../../db/store/sqlite/backup-file';
import { backupIfDue, takeBackup } from '../../db/backend/backups';
import { createTestBackend, tempDir, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { runCli } from '../../db/cli/main';
import { isPostgresRun } from '../support/test-store';

const KEY = Buffer.alloc(32, 3);
const opened: TestBackend[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

function digest(file: string, key: StoreKey | null): string {
  const db = new SqliteDatabase(file, { readonly: true });
  try {
    applyKey(db, key);
    const parts = ['participants', 'staff', 'audit_log'].map((t) =>
      JSON.stringify(db.prepare(`select * from ${t} order by id`).all()),
    );
    return parts.join('\n');
  } finally {
    db.close();
  }
}

describe('backups', () => {
  it('taken while the store is being written, each passes integrity_check; restoring one reproduces its data exactly', async () => {
    const t = await createTestBackend({ key: { kind: 'raw', bytes: KEY } });
    opened.push(t);
    for (let i = 0; i < 50; i++) await aParticipant(t.backend.store.db);
    // The store has one owner (store-lock: another process is refused), so the writes come
    // from the owner itself, interleaved with the backups as the app's own saves would be.
    let written = 0;
    const writing = (async () => {
      for (let i = 0; i < 400; i++) {
        await aParticipant(t.backend.store.db, { last_name: `Busy${i}` });
        written++;
        if (i % 10 === 0) await new Promise((r) => setTimeout(r, 1));
      }
    })();
    const taken = [];
    for (let i = 0; i < 4; i++) {
      taken.push(await t.ok('backup.create', {}));
      await new Promise((r) => setTimeout(r, 40));
    }
    await writing;
    expect(written).toBe(400);
    const files = listBackupFiles(t.backend.services.backupDir);
    // Manual backups rotate one per day; the checks below use the copies as they were taken.
    expect(files.length).toBeGreaterThan(0);
    for (const b of files) {
      const db = new SqliteDatabase(b.file, { readonly: true });
      // The store's own key (random, in its key envelope), which its backups share.
      applyKey(db, t.backend.store.key);
      expect(integrityCheck(db)).toEqual([]);
      db.close();
    }
    const chosen = files[0]!;
    const expected = digest(chosen.file, t.backend.store.key);
    const preview = await t.ok('backup.preview', { name: chosen.name });
    expect(preview.integrity).toBe('ok');
    expect(preview.participants).toBeGreaterThanOrEqual(50);
    expect(preview.schemaVersion).toBe(Object.keys(migrations).sort().at(-1));

    await aParticipant(t.backend.store.db, { last_name: 'AfterTheBackup' });
    const restored = await t.ok('backup.restore', { name: chosen.name, confirm: true });
    expect(restored.safetyBackup).toMatch(/pre-restore/);
    // Everyone signs in again after a restore.
    expect((await t.call('staff.list', {})).ok).toBe(false);
    const after = digest(t.file, t.backend.store.key);
    // The restored store holds the backup's rows, plus the audit entry recording the restore.
    const [p, s, a] = after.split('\n');
    const [ep, es, ea] = expected.split('\n');
    expect(p).toBe(ep);
    expect(s).toBe(es);
    expect(JSON.parse(a!).slice(0, -1)).toEqual(JSON.parse(ea!));
    expect(JSON.parse(a!).at(-1).action).toBe('restore');
    expect(fs.readFileSync(t.file).includes('AfterTheBackup')).toBe(false);
  }, 120_000);

  it('refuses a restore that is not a backup of this store, changing nothing', async () => {
    const t = await createTestBackend({ key: { kind: 'raw', bytes: KEY } });
    opened.push(t);
    const b = await t.ok('backup.create', {});
    const other = path.join(t.backend.services.backupDir, b.name.replace('manual', 'pre-import'));
    const foreign = await openStore({
      file: path.join(t.dir, 'other.sqlite'),
      key: { kind: 'passphrase', text: 'someone else' },
    });
    await foreign.close();
    fs.copyFileSync(path.join(t.dir, 'other.sqlite'), other);
    const r = await t.call('backup.restore', { name: path.basename(other), confirm: true });
    expect(r.ok ? '' : r.error.message).toMatch(/different key/);
    const unconfirmed = await t.call('backup.restore', { name: b.name });
    expect(unconfirmed.ok ? [] : unconfirmed.error.fields?.map((f) => f.path[0])).toEqual(['confirm']);
    expect((await t.call('staff.list', {})).ok).toBe(true);
  });

  // SQLite only: backups before bulk writes are a SQLite store's own; a team database's backups are the server's (beforeBulkWrites: false).
  it.skipIf(isPostgresRun)(
    'daily backup only when the last is over a day old; a pre-import backup beside it',
    async () => {
      const t = await createTestBackend();
      opened.push(t);
      expect(await backupIfDue(t.backend.services)).not.toBeNull();
      expect(await backupIfDue(t.backend.services)).toBeNull();
      const pre = await takeBackup(t.backend.services, 'pre-import', t.staffId);
      expect(pre.reason).toBe('pre-import');
      expect(
        listBackupFiles(t.backend.services.backupDir)
          .map((b) => b.reason)
          .sort(),
      ).toEqual(['daily', 'pre-import']);
    },
  );

  it('a store with pending migrations is backed up before they run', async () => {
    const dir = tempDir('worksbook-premig-');
    const file = path.join(dir, 'w.sqlite');
    const old = await openStore({ file, migrate: false });
    const older = Object.fromEntries(Object.entries(migrations).filter(([name]) => name !== latestMigration));
    await migrateToLatest(old.db, older);
    await old.close();
    const store = await openStore({ file });
    expect(store.openNotes).toContain('backup-before-migration');
    await store.close();
    expect(listBackupFiles(path.join(dir, 'backups')).map((b) => b.reason)).toEqual(['pre-migration']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the backend can take the daily backup on start', async () => {
    const dir = tempDir('worksbook-auto-');
    const b = await createBackend({
      file: path.join(dir, 'w.sqlite'),
      clock: fixedClock('2026-11-23T10:00:00Z'),
      automaticBackups: true,
    });
    expect(listBackupFiles(b.services.backupDir).map((x) => x.reason)).toEqual(['daily']);
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the app takes the daily backup after start, so it never keeps the first screen waiting', async () => {
    const dir = tempDir('worksbook-after-start-');
    const b = await createBackend({
      file: path.join(dir, 'w.sqlite'),
      clock: fixedClock('2026-11-23T10:00:00Z'),
      automaticBackups: 'after-start',
      startupBackupDelayMs: 60_000,
    });
    // The backend answers before any backup is taken…
    expect(listBackupFiles(b.services.backupDir)).toEqual([]);
    expect((await b.call('test', 'app.info', {})).ok).toBe(true);
    // …and the backup follows (here started at once rather than after the delay).
    await b.startupBackup();
    expect(listBackupFiles(b.services.backupDir).map((x) => x.reason)).toEqual(['daily']);
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('an app left open takes the next daily backup when the last is a day old, without a restart', async () => {
    const dir = tempDir('worksbook-daily-timer-');
    let now = new Date('2026-11-23T10:00:00Z').getTime();
    const b = await createBackend({
      file: path.join(dir, 'w.sqlite'),
      clock: { now: () => new Date(now) },
      automaticBackups: 'after-start',
      startupBackupDelayMs: 0,
      dailyBackupCheckMs: 50,
    });
    const dailies = () => listBackupFiles(b.services.backupDir).filter((x) => x.reason === 'daily').length;
    await b.startupBackup();
    expect(dailies()).toBe(1);
    // Hourly checks the same day take nothing more…
    await new Promise((r) => setTimeout(r, 200));
    expect(dailies()).toBe(1);
    // …the next day's check takes the next one.
    now += 25 * 3_600_000;
    await expect.poll(dailies, { timeout: 10_000 }).toBe(2);
    await b.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('closing before the after-start backup is due does not take it (the next start does)', async () => {
    const dir = tempDir('worksbook-after-start-close-');
    const b = await createBackend({
      file: path.join(dir, 'w.sqlite'),
      clock: fixedClock('2026-11-23T10:00:00Z'),
      automaticBackups: 'after-start',
      startupBackupDelayMs: 60_000,
    });
    const backupDir = b.services.backupDir;
    await b.close();
    expect(listBackupFiles(backupDir)).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the CLI backs up, checks and restores, reopening the store in its own process', async () => {
    const dir = tempDir('worksbook-cli-');
    const file = path.join(dir, 'w.sqlite');
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    process.env.WORKSBOOK_PASSPHRASE = 'cli pass phrase';
    try {
      expect(await runCli(['demo', '--participants', '20', '--db', file], io)).toBe(0);
      expect(await runCli(['backup', '--db', file], io)).toBe(0);
      const name = listBackupFiles(path.join(dir, 'backups')).find((b) => b.reason === 'manual')!.name;
      expect(await runCli(['check', '--db', file], io)).toBe(0);
      expect(out.join('\n')).toMatch(/Audit log: +ok/);
      expect(await runCli(['restore', name, '--db', file], io)).toBe(2);
      expect(await runCli(['restore', name, '--yes', '--db', file], io)).toBe(0);
      expect(out.join('\n')).toMatch(/Restored worksbook-.*-manual\.sqlite/);
      expect(await runCli(['check', '--db', file], io)).toBe(0);
      delete process.env.WORKSBOOK_PASSPHRASE;
      expect(await runCli(['check', '--db', file], io)).toBe(1);
      expect(out.at(-1)).toMatch(/encrypted\. Give its recovery key/);
    } finally {
      delete process.env.WORKSBOOK_PASSPHRASE;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('rotation', () => {
  const b = (takenAt: string, reason: BackupFileInfo['reason']): BackupFileInfo => ({
    name: `${takenAt}-${reason}`,
    file: '',
    takenAt,
    reason,
    bytes: 1,
  });
  it('keeps 7 daily, 4 weekly and the last 10 pre-operation backups', () => {
    const all: BackupFileInfo[] = [];
    for (let d = 0; d < 60; d++) all.push(b(new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString(), 'daily'));
    for (let i = 0; i < 15; i++) all.push(b(new Date(Date.UTC(2026, 1, 1, 12, i)).toISOString(), 'pre-import'));
    const doomed = new Set(backupsToDelete(all).map((x) => x.name));
    const kept = all.filter((x) => !doomed.has(x.name)).sort((x, y) => y.takenAt.localeCompare(x.takenAt));
    expect(kept.filter((x) => x.reason === 'pre-import')).toHaveLength(10);
    const daily = kept.filter((x) => x.reason === 'daily').map((x) => x.takenAt.slice(0, 10));
    expect(daily).toHaveLength(11);
    expect(daily.slice(0, 7)).toEqual([
      '2026-03-01',
      '2026-02-28',
      '2026-02-27',
      '2026-02-26',
      '2026-02-25',
      '2026-02-24',
      '2026-02-23',
    ]);
    // The 4 weekly ones are a week or more apart.
    const weekly = daily.slice(7).map((d) => new Date(d).getTime());
    for (let i = 1; i < weekly.length; i++)
      expect(weekly[i - 1]! - weekly[i]!).toBeGreaterThanOrEqual(7 * 86_400_000 - 1);
  });
});
