// Backups of the store: taken on request, daily (on start when the last is over a day old),
// before migrations (see store/connection.ts), before bulk writes (the dispatcher takes them,
// db/backend/backups.ts); previewed and restored in one action. Every backup is checked before it
// is kept, then old ones are rotated. Nothing here opens a transaction: the audit rows are written
// in the caller's.
import fs from 'node:fs';
import path from 'node:path';
import type { Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import { AppFailure } from '../../../shared/result';
import type { JobRunner } from '../../backend/jobs';
import type { OwnTransactionsContext } from '../../backend/context';
import { log } from '../../backend/log';
import type { Tx } from '../../store/schema';
import type { StoreKey } from '../../store/sqlite/encryption';
import { appendAudit } from '../audit/audit.repository';
import {
  listBackupFiles,
  replaceStoreFile,
  rotateBackupFiles,
  withDatabaseFile,
  writeBackupFile,
  type BackupFileInfo,
  type BackupReason,
} from '../../store/sqlite/backup-file';
import { integrityCheck } from '../../store/sqlite/pragmas';
import { migrations } from '../../store/migrations/index';

export type { BackupFileInfo, BackupReason };

const DAY_MS = 24 * 60 * 60 * 1000;

/** What writing a backup file needs: the open store's handle (SQLite snapshots it outside any
 * transaction), its key (the copy shares it) and the folder. */
export interface BackupTarget {
  sqlite: Sqlite;
  storeKey: StoreKey | null;
  backupDir: string;
}

/** Writes a checked backup file now and rotates old ones out; the caller records it
 * (`recordBackup`) in its transaction. */
export function writeCheckedBackup(
  target: BackupTarget,
  reason: BackupReason,
  at: Date,
): { info: BackupFileInfo; rotated: string[] } {
  const info = writeBackupFile(target.sqlite, target.storeKey, target.backupDir, reason, at);
  const rotated = rotateBackupFiles(target.backupDir);
  log('info', 'backup', { reason, bytes: info.bytes, rotated: rotated.length });
  return { info, rotated };
}

/** The audit row of a backup taken. */
export async function recordBackup(
  tx: Tx,
  at: string,
  staffId: number | null,
  taken: { info: BackupFileInfo; rotated: string[] },
): Promise<void> {
  const { info, rotated } = taken;
  await appendAudit(tx, at, staffId, {
    action: 'backup',
    entity: 'store',
    entityId: info.name,
    summary: `Backup taken (${info.reason})${rotated.length ? `; ${rotated.length} older backup(s) rotated out` : ''}`,
  });
}

export function lastScheduledBackup(backupDir: string): BackupFileInfo | null {
  return listBackupFiles(backupDir).find((b) => b.reason === 'daily' || b.reason === 'manual') ?? null;
}

/** The newest backup taken for `reason` (e.g. the one the dispatcher took before a bulk write). */
export function newestBackup(backupDir: string, reason: BackupReason): BackupFileInfo | null {
  return listBackupFiles(backupDir).find((b) => b.reason === reason) ?? null;
}

/** Whether the daily backup is due: the last daily or manual backup is over a day old. */
export function isDailyBackupDue(backupDir: string, now: Date): boolean {
  const last = lastScheduledBackup(backupDir);
  return !last || now.getTime() - new Date(last.takenAt).getTime() >= DAY_MS;
}

function findBackup(backupDir: string, name: string): BackupFileInfo {
  const found = listBackupFiles(backupDir).find((b) => b.name === name);
  if (!found)
    throw new AppFailure('not-found', 'That backup is no longer in the backups folder.', [
      { path: ['name'], message: 'Choose a backup from the list' },
    ]);
  return found;
}

export interface BackupPreview {
  name: string;
  takenAt: string;
  schemaVersion: string;
  participants: number;
  outcomes: number;
  staff: number;
  auditEntries: number;
  integrity: string;
}

/** Opens a backup file read-only with the store's key and says what it holds. */
export function previewBackupFile(
  file: string,
  storeKey: StoreKey | null,
  takenAt: string,
): BackupPreview & { newer: string[] } {
  try {
    return withDatabaseFile(file, storeKey, (db) => {
      const count = (table: string, where = '') => {
        const exists = db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table);
        return exists
          ? Number((db.prepare(`select count(*) as n from "${table}" ${where}`).get() as { n: number }).n)
          : 0;
      };
      const hasMigrations = db.prepare("select 1 from sqlite_master where name = 'kysely_migration'").get();
      const applied = hasMigrations
        ? (db.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map(
            (r) => r.name,
          )
        : [];
      const problems = integrityCheck(db);
      return {
        name: path.basename(file),
        takenAt,
        schemaVersion: applied.at(-1) ?? '(empty)',
        participants: count('participants', "where status != 'merged'"),
        outcomes: count('outcomes'),
        staff: count('staff'),
        auditEntries: count('audit_log'),
        integrity: problems.length ? problems.slice(0, 3).join('; ') : 'ok',
        newer: applied.filter((m) => !(m in migrations)),
      };
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'WrongKeyError' || name === 'StoreNeedsKeyError')
      throw new AppFailure(
        'validation',
        'That backup was made with a different key or passphrase and cannot be opened with this one.',
      );
    if ((error as { code?: string }).code === 'SQLITE_NOTADB')
      throw new AppFailure('validation', 'That file is not a Worksbook backup.');
    throw error;
  }
}

export function previewBackup(backupDir: string, storeKey: StoreKey | null, name: string): BackupPreview {
  const b = findBackup(backupDir, name);
  const { newer: _newer, ...preview } = previewBackupFile(b.file, storeKey, b.takenAt);
  return preview;
}

/** What a restore needs: it is the one operation that closes the store, so it gets the
 * dispatcher's own-transaction tools rather than a transaction. */
export type RestoreTools = Pick<
  OwnTransactionsContext,
  'storeFile' | 'backupDir' | 'storeKey' | 'clock' | 'staffId' | 'transact' | 'reopenStore' | 'takeBackup'
> & { jobs: Pick<JobRunner, 'list'> };

/** Replaces the store with a backup file: checks it, takes a safety backup of the current data,
 * closes the store, puts the copy in place and reopens (everyone signs in again). */
export async function restoreFromFile(
  tools: RestoreTools,
  file: string,
  label: string,
): Promise<{ restored: string; safetyBackup: string }> {
  const preview = previewBackupFile(file, tools.storeKey, '');
  if (preview.integrity !== 'ok')
    throw new AppFailure(
      'validation',
      `That backup failed its integrity check (${preview.integrity}); it was not restored.`,
    );
  if (preview.newer.length)
    throw new AppFailure(
      'validation',
      'That backup was made by a newer version of Worksbook; install it to restore this backup.',
    );
  if (tools.jobs.list().some((j) => j.state === 'running'))
    throw new AppFailure('conflict', 'Wait for the running jobs to finish (or cancel them) before restoring.');
  const safety = await tools.takeBackup('pre-restore');
  // Copy the chosen file aside first: rotation or the safety backup must not touch it mid-way.
  const staged = path.join(tools.backupDir, `.staged-restore-${Date.now()}.sqlite`);
  fs.copyFileSync(file, staged);
  try {
    await tools.reopenStore(() => replaceStoreFile(tools.storeFile, staged));
  } finally {
    fs.rmSync(staged, { force: true });
  }
  // The restored store is the one open now: `transact` writes to it.
  await tools.transact((tx) =>
    appendAudit(tx, tools.clock.now().toISOString(), tools.staffId, {
      action: 'restore',
      entity: 'store',
      entityId: label,
      summary: `Data restored from backup ${label}; the data before it is in ${safety.name}`,
    }),
  );
  return { restored: label, safetyBackup: safety.name };
}

export async function restoreBackup(tools: RestoreTools, name: string) {
  const b = findBackup(tools.backupDir, name);
  return restoreFromFile(tools, b.file, b.name);
}
