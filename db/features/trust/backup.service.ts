// Backups of the store: taken on request, daily (on start when the last is over a day old),
// before migrations (see store/connection.ts), before imports and anonymisation; previewed and
// restored in one action. Every backup is checked before it is kept, then old ones are rotated.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { BackendServices } from '../../backend/context';
import { log } from '../../backend/log';
import { appendAudit } from '../audit/audit.repository';
import { integrityProblems, storeBackups, type BackupFileInfo, type BackupReason } from '../../store/dialect';
import { appliedMigrations } from '../../store/migrator';
import { migrations } from '../../store/migrations/index';

export type { BackupFileInfo, BackupReason };

const DAY_MS = 24 * 60 * 60 * 1000;

/** Takes a checked backup now and rotates old ones. */
export async function takeBackup(
  services: BackendServices,
  reason: BackupReason,
  staffId: number | null = null,
): Promise<BackupFileInfo> {
  const backups = storeBackups(services.db);
  const info = await backups.write(services.db, services.storeKey, services.backupDir, reason, services.clock.now());
  const removed = backups.rotate(services.backupDir);
  await appendAudit(services.db, services.clock.now().toISOString(), staffId, {
    action: 'backup',
    entity: 'store',
    entityId: info.name,
    summary: `Backup taken (${reason})${removed.length ? `; ${removed.length} older backup(s) rotated out` : ''}`,
  });
  log('info', 'backup', { reason, bytes: info.bytes, rotated: removed.length });
  return info;
}

/** Called by the imports area before an import writes anything: a checked backup to go back to. */
export async function backupBefore(
  services: BackendServices,
  reason: 'import' | 'anonymise',
  staffId: number | null = null,
): Promise<BackupFileInfo> {
  return takeBackup(services, reason === 'import' ? 'pre-import' : 'pre-anonymise', staffId);
}

export function lastScheduledBackup(services: BackendServices): BackupFileInfo | null {
  return (
    storeBackups(services.db)
      .list(services.backupDir)
      .find((b) => b.reason === 'daily' || b.reason === 'manual') ?? null
  );
}

/** The daily backup: taken when the last daily or manual backup is over a day old. */
export async function backupIfDue(services: BackendServices): Promise<BackupFileInfo | null> {
  const last = lastScheduledBackup(services);
  if (last && services.clock.now().getTime() - new Date(last.takenAt).getTime() < DAY_MS) return null;
  return takeBackup(services, 'daily');
}

function findBackup(services: BackendServices, name: string): BackupFileInfo {
  const found = storeBackups(services.db)
    .list(services.backupDir)
    .find((b) => b.name === name);
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
export async function previewBackupFile(
  file: string,
  services: Pick<BackendServices, 'db' | 'storeKey'>,
  takenAt: string,
): Promise<BackupPreview & { newer: string[] }> {
  try {
    return await storeBackups(services.db).read(file, services.storeKey, async (backup) => {
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
      return {
        name: path.basename(file),
        takenAt,
        schemaVersion: applied.at(-1) ?? '(empty)',
        participants: await count('participants'),
        outcomes: await count('outcomes'),
        staff: await count('staff'),
        auditEntries: await count('audit_log'),
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

export async function previewBackup(services: BackendServices, name: string): Promise<BackupPreview> {
  const b = findBackup(services, name);
  const { newer: _newer, ...preview } = await previewBackupFile(b.file, services, b.takenAt);
  return preview;
}

/** Replaces the store with a backup file: checks it, takes a safety backup of the current data,
 * closes the store, puts the copy in place and reopens (everyone signs in again). */
export async function restoreFromFile(
  services: BackendServices,
  file: string,
  staffId: number | null,
  label: string,
): Promise<{ restored: string; safetyBackup: string }> {
  const preview = await previewBackupFile(file, services, '');
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
  if (services.jobs.list().some((j) => j.state === 'running'))
    throw new AppFailure('conflict', 'Wait for the running jobs to finish (or cancel them) before restoring.');
  const safety = await takeBackup(services, 'pre-restore', staffId);
  // Copy the chosen file aside first: rotation or the safety backup must not touch it mid-way.
  const staged = path.join(services.backupDir, `.staged-restore-${Date.now()}.sqlite`);
  fs.copyFileSync(file, staged);
  let reopened;
  try {
    const backups = storeBackups(services.db);
    reopened = await services.reopenStore(() => backups.replaceStore(services.storeFile, staged));
  } finally {
    fs.rmSync(staged, { force: true });
  }
  await appendAudit(reopened.db, services.clock.now().toISOString(), staffId, {
    action: 'restore',
    entity: 'store',
    entityId: label,
    summary: `Data restored from backup ${label}; the data before it is in ${safety.name}`,
  });
  return { restored: label, safetyBackup: safety.name };
}

export async function restoreBackup(services: BackendServices, name: string, staffId: number | null) {
  const b = findBackup(services, name);
  return restoreFromFile(services, b.file, staffId, b.name);
}
