// Where backups are copied besides the backups folder: a second folder on another drive or a
// network share, so one failed disk or one stolen laptop does not take every copy. Each backup
// (with its `.keys` companion) is copied there as a finished file after it is taken, and the same
// rotation applies there. The folder and how the last copy went are kept in the settings table.
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { copyPrivateFile } from '../../store/private-file';
import { storeBackups } from '../../store/dialect';
import { companionFileOf } from './backup-companion';

const KEY = 'backup.settings';

export interface SecondCopyStatus {
  at: string;
  ok: boolean;
  message: string;
}

export interface BackupSettings {
  secondFolder: string | null;
  lastCopy: SecondCopyStatus | null;
}

export async function readBackupSettings(db: Db): Promise<BackupSettings> {
  const row = await db.selectFrom('settings').select('value_json').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { secondFolder: null, lastCopy: null };
  try {
    const parsed = JSON.parse(row.value_json) as Partial<BackupSettings>;
    return { secondFolder: parsed.secondFolder ?? null, lastCopy: parsed.lastCopy ?? null };
  } catch {
    return { secondFolder: null, lastCopy: null };
  }
}

async function writeBackupSettings(tx: Tx, settings: BackupSettings, at: string): Promise<void> {
  const value_json = JSON.stringify(settings);
  await tx
    .insertInto('settings')
    .values({ key: KEY, value_json, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: at }))
    .execute();
}

/** Checks a second folder can be used now: absolute, not the backups folder itself, writable. */
export function secondFolderProblem(folder: string, backupDir: string): string | null {
  if (!path.isAbsolute(folder))
    return 'Give the full path of the folder (like D:\\Backups or \\\\server\\share\\worksbook)';
  if (path.resolve(folder) === path.resolve(backupDir)) return 'Choose a folder other than the backups folder itself';
  try {
    fs.mkdirSync(folder, { recursive: true });
    const probe = path.join(folder, `.worksbook-probe-${process.pid}`);
    fs.writeFileSync(probe, 'ok', { mode: 0o600 });
    fs.rmSync(probe, { force: true });
  } catch {
    return 'Worksbook cannot write to that folder now: check it is connected and you may write there';
  }
  return null;
}

export async function saveSecondFolder(
  tx: Tx,
  folder: string | null,
  backupDir: string,
  actor: { staffId: number | null; now: string },
): Promise<BackupSettings> {
  const problem = folder ? secondFolderProblem(folder, backupDir) : null;
  if (problem) throw new AppFailure('validation', problem, [{ path: ['secondFolder'], message: problem }]);
  const before = await readBackupSettings(tx);
  const next = { secondFolder: folder ? path.resolve(folder) : null, lastCopy: folder ? before.lastCopy : null };
  await writeBackupSettings(tx, next, actor.now);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'settings',
    entityId: 'backup',
    summary: folder
      ? `Backups are also copied to ${next.secondFolder}`
      : 'Backups are no longer copied to a second folder',
    before: { secondFolder: before.secondFolder },
    after: { secondFolder: next.secondFolder },
  });
  return next;
}

/** Copies a backup and its companion to the second folder as finished files, then rotates there.
 * Never throws: a share that is offline must not fail the backup itself. */
export function copyToSecondFolder(db: Db, backupFile: string, folder: string, at: Date): SecondCopyStatus {
  try {
    const target = path.join(folder, path.basename(backupFile));
    const companion = companionFileOf(backupFile);
    // The companion first: a backup present in the folder always has its keys beside it.
    if (fs.existsSync(companion)) copyPrivateFile(companion, companionFileOf(target));
    copyPrivateFile(backupFile, target);
    storeBackups(db).rotate(folder);
    return { at: at.toISOString(), ok: true, message: `Copied to ${folder}` };
  } catch (error) {
    const reason = (error as { code?: string }).code ?? (error instanceof Error ? error.name : 'error');
    return { at: at.toISOString(), ok: false, message: `The copy to ${folder} failed (${reason})` };
  }
}

/** Records how the copy went (in the backup's own transaction). */
export async function recordSecondCopy(tx: Tx, status: SecondCopyStatus, at: string): Promise<void> {
  const settings = await readBackupSettings(tx);
  await writeBackupSettings(tx, { ...settings, lastCopy: status }, at);
}
