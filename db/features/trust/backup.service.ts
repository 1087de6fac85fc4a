// Backups of the store: taken on request, daily (on start when the last is over a day old),
// before migrations (see store/connection.ts), before bulk writes (the dispatcher takes them,
// db/backend/backups.ts); previewed and restored in one action. Every backup is checked before it
// is kept, then old ones are rotated. Nothing here opens a transaction: the audit rows are written
// in the caller's. The files themselves are the store dialect's (db/store/dialect.ts).
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { JobRunner } from '../../backend/jobs';
import type { OwnTransactionsContext } from '../../backend/context';
import { log } from '../../backend/log';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import {
  integrityProblems,
  storeBackups,
  type BackupFileInfo,
  type BackupReason,
  type StoreKey,
} from '../../store/dialect';
import { appliedMigrations } from '../../store/migrator';
import { auditKeyOf } from '../../store/store-secrets';
import { archiveAuditEntries } from '../audit/audit-archive';

async function lastAuditId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max<number | null>('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

async function auditEntriesAfter(db: Db, id: number): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('id', '>', id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
import { readRetentionSettings } from './retention-settings';
import { latestErasureBefore } from './retention.repository';
import { migrations } from '../../store/migrations/index';

export type { BackupFileInfo, BackupReason };

const DAY_MS = 24 * 60 * 60 * 1000;

/** What writing a backup file needs: the open store's handle (the snapshot is taken through it,
 * outside any transaction), its key (the copy shares it) and the folder. */
export interface BackupTarget {
  db: Db;
  storeKey: StoreKey | null;
  backupDir: string;
}

/** Writes a checked backup file now and rotates old ones out (and those holding erased people past
 * the limit); the caller records it (`recordBackup`) in its transaction. */
export async function writeCheckedBackup(
  target: BackupTarget,
  reason: BackupReason,
  at: Date,
): Promise<{ info: BackupFileInfo; rotated: string[] }> {
  const backups = storeBackups(target.db);
  const info = await backups.write(target.db, target.storeKey, target.backupDir, reason, at);
  const rotated = [...backups.rotate(target.backupDir), ...(await sweepErasedBackups(target, at))];
  log('info', 'backup', { reason, bytes: info.bytes, rotated: rotated.length });
  return { info, rotated };
}

/**
 * Which backups still hold people erased more than `days` ago. A backup taken before an
 * anonymisation or an erasure on request holds those people's data and their audit keys (the live
 * store shredded them); each such backup goes once that erasure is `days` old, and a pre-anonymise
 * backup goes `days` after it was taken whatever followed. So no backup keeps an erased person, or
 * the key to their audit entries, longer than `days` after the erasure (while the app runs: the
 * check is made at every backup and at start-up; docs/retention.md).
 */
export function backupsPastErasureLimit(
  backups: readonly BackupFileInfo[],
  latestErasureBeforeLimit: string | null,
  now: Date,
  days: number,
): BackupFileInfo[] {
  const limit = new Date(now.getTime() - days * DAY_MS).toISOString();
  return backups.filter(
    (b) =>
      (latestErasureBeforeLimit !== null && b.takenAt < latestErasureBeforeLimit) ||
      (b.reason === 'pre-anonymise' && b.takenAt < limit),
  );
}

/** Deletes the backups past the erasure limit (the retention setting); returns their names. */
export async function sweepErasedBackups(target: BackupTarget, now: Date): Promise<string[]> {
  const days = (await readRetentionSettings(target.db)).erasedBackupDays;
  const limit = new Date(now.getTime() - days * DAY_MS).toISOString();
  const backups = storeBackups(target.db);
  const doomed = backupsPastErasureLimit(
    backups.list(target.backupDir),
    await latestErasureBefore(target.db, limit),
    now,
    days,
  );
  backups.remove(doomed);
  if (doomed.length) log('info', 'backups-past-erasure-limit', { deleted: doomed.length, days });
  return doomed.map((b) => b.name);
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

/** The audit row of backups deleted because they held people erased longer ago than the limit. */
export async function recordErasedBackupsDeleted(tx: Tx, at: string, names: string[]): Promise<void> {
  await appendAudit(tx, at, null, {
    action: 'backup',
    entity: 'store',
    summary: `${names.length} backup(s) deleted: they held people erased longer ago than the retention setting allows`,
    after: { deleted: names },
  });
}

/** The backups in `backupDir`, newest first (`db` names the store's dialect; nothing is read). */
function backupsIn(db: Db, backupDir: string): BackupFileInfo[] {
  return storeBackups(db).list(backupDir);
}

export function lastScheduledBackup(db: Db, backupDir: string): BackupFileInfo | null {
  return backupsIn(db, backupDir).find((b) => b.reason === 'daily' || b.reason === 'manual') ?? null;
}

/** How recent a checked backup of the store must be for an import to go ahead without taking
 * another (BENCHMARKS.md, "the pre-import backup"): an hour. */
export const IMPORT_BACKUP_FRESH_MS = 60 * 60 * 1000;

/** The newest backup that holds this store as it was when taken and from then on: any but the one
 * taken just before a restore (that holds the store the restore replaced), if taken within `withinMs`. */
export function recentStoreBackup(db: Db, backupDir: string, now: Date, withinMs: number): BackupFileInfo | null {
  const newest = backupsIn(db, backupDir).find((b) => b.reason !== 'pre-restore');
  if (!newest) return null;
  const age = now.getTime() - new Date(newest.takenAt).getTime();
  return age >= 0 && age < withinMs ? newest : null;
}

/** The newest backup taken for `reason` (e.g. the one the dispatcher took before a bulk write). */
export function newestBackup(db: Db, backupDir: string, reason: BackupReason): BackupFileInfo | null {
  return backupsIn(db, backupDir).find((b) => b.reason === reason) ?? null;
}

/** Whether the daily backup is due: the last daily or manual backup is over a day old. */
export function isDailyBackupDue(db: Db, backupDir: string, now: Date): boolean {
  const last = lastScheduledBackup(db, backupDir);
  return !last || now.getTime() - new Date(last.takenAt).getTime() >= DAY_MS;
}

function findBackup(db: Db, backupDir: string, name: string): BackupFileInfo {
  const found = backupsIn(db, backupDir).find((b) => b.name === name);
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
  /** Audit entries of the current store after the backup's last: a restore drops them (they are
   * kept in an archive file, audit-archive.ts). */
  auditEntriesDropped: number;
  integrity: string;
}

/** Opens a backup file read-only with the store's key and says what it holds. */
export async function previewBackupFile(
  file: string,
  db: Db,
  storeKey: StoreKey | null,
  takenAt: string,
): Promise<BackupPreview & { newer: string[]; lastAuditId: number }> {
  try {
    return await storeBackups(db).read(file, storeKey, async (backup) => {
      const tables = new Set((await backup.introspection.getTables()).map((t) => t.name));
      // A backup from an older version may not have every table yet.
      const count = async (table: 'participants' | 'outcomes' | 'staff' | 'audit_log') => {
        if (!tables.has(table)) return 0;
        let q = backup.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
        if (table === 'participants') q = q.where(sql<boolean>`status != 'merged'`);
        return Number((await q.executeTakeFirstOrThrow()).n);
      };
      const applied = await appliedMigrations(backup);
      const problems = await integrityProblems(backup);
      const backupLastId = tables.has('audit_log') ? await lastAuditId(backup) : 0;
      return {
        name: path.basename(file),
        takenAt,
        schemaVersion: applied.at(-1) ?? '(empty)',
        participants: await count('participants'),
        outcomes: await count('outcomes'),
        staff: await count('staff'),
        auditEntries: await count('audit_log'),
        auditEntriesDropped: await auditEntriesAfter(db, backupLastId),
        lastAuditId: backupLastId,
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

export async function previewBackup(
  db: Db,
  backupDir: string,
  storeKey: StoreKey | null,
  name: string,
): Promise<BackupPreview> {
  const b = findBackup(db, backupDir, name);
  const { newer: _newer, lastAuditId: _last, ...preview } = await previewBackupFile(b.file, db, storeKey, b.takenAt);
  return preview;
}

/** What a restore needs: it is the one operation that closes the store, so it gets the
 * dispatcher's own-transaction tools rather than a transaction. */
export type RestoreTools = Pick<
  OwnTransactionsContext,
  'db' | 'storeFile' | 'backupDir' | 'storeKey' | 'clock' | 'staffId' | 'transact' | 'reopenStore' | 'takeBackup'
> & { jobs: Pick<JobRunner, 'list'> };

/** Replaces the store with a backup file: checks it, takes a safety backup of the current data,
 * closes the store, puts the copy in place and reopens (everyone signs in again). */
export async function restoreFromFile(
  tools: RestoreTools,
  file: string,
  label: string,
): Promise<{ restored: string; safetyBackup: string; auditEntriesArchived: number; auditArchive: string | null }> {
  // The dialect is picked before the store is closed and reopened (the handle is replaced).
  const backups = storeBackups(tools.db);
  const preview = await previewBackupFile(file, tools.db, tools.storeKey, '');
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
  // The audit entries written since the backup are dropped by the restore: kept first in an
  // archive file that rotation never deletes, and the log's head is recorded afresh (re-anchored).
  const lastBefore = await lastAuditId(tools.db);
  const archived = await archiveAuditEntries(tools.db, {
    afterId: preview.lastAuditId,
    dataDir: path.dirname(tools.storeFile),
    auditKey: auditKeyOf(tools.db),
    storeId: null,
    reason: `restore of ${label}`,
    at: tools.clock.now(),
  });
  const note = archived
    ? `restored ${label}; ${archived.entries} audit entries after ${preview.lastAuditId} kept in ${archived.file}`
    : `restored ${label}`;
  try {
    await tools.reopenStore(() => backups.replaceStore(tools.storeFile, staged), {
      reanchor: { reason: 'restore', note, lastIdBefore: lastBefore },
    });
  } finally {
    fs.rmSync(staged, { force: true });
  }
  // The restored store is the one open now: `transact` writes to it.
  await tools.transact((tx) =>
    appendAudit(tx, tools.clock.now().toISOString(), tools.staffId, {
      action: 'restore',
      entity: 'store',
      entityId: label,
      summary:
        `Data restored from backup ${label}; the data before it is in ${safety.name}` +
        (archived ? `; the ${archived.entries} audit entries it dropped are kept in ${archived.file}` : ''),
    }),
  );
  return {
    restored: label,
    safetyBackup: safety.name,
    auditEntriesArchived: archived?.entries ?? 0,
    auditArchive: archived?.file ?? null,
  };
}

export async function restoreBackup(tools: RestoreTools, name: string) {
  const b = findBackup(tools.db, tools.backupDir, name);
  return restoreFromFile(tools, b.file, b.name);
}
