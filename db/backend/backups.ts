// Backups the backend takes by itself: before a bulk write (the dispatcher), on request and
// before a restore (`ctx.takeBackup` of an own-transactions channel), and the daily one on start.
// The file is written outside any transaction (SQLite cannot snapshot inside one); its audit row
// is a transaction of its own.
import type { BackendServices } from './context';
import { writeTransaction } from '../store/dialect';
import {
  isDailyBackupDue,
  recordBackup,
  recordErasedBackupsDeleted,
  sweepErasedBackups,
  writeCheckedBackup,
  type BackupFileInfo,
  type BackupReason,
} from '../features/trust/backup.service';

export async function takeBackup(
  services: BackendServices,
  reason: BackupReason,
  staffId: number | null = null,
): Promise<BackupFileInfo> {
  const now = services.clock.now();
  const taken = await writeCheckedBackup(services, reason, now);
  await writeTransaction(services.db).execute((tx) => recordBackup(tx, now.toISOString(), staffId, taken));
  return taken.info;
}

/** The daily backup: taken when the last daily or manual backup is over a day old. Either way,
 * backups holding people erased longer ago than the retention setting allows are deleted. */
export async function backupIfDue(services: BackendServices): Promise<BackupFileInfo | null> {
  if (isDailyBackupDue(services.db, services.backupDir, services.clock.now())) return takeBackup(services, 'daily');
  const swept = await sweepErasedBackups(services, services.clock.now());
  if (swept.length)
    await writeTransaction(services.db).execute((tx) =>
      recordErasedBackupsDeleted(tx, services.clock.now().toISOString(), swept),
    );
  return null;
}
