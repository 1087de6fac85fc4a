// Backups the backend takes by itself: before a bulk write (the dispatcher), on request and
// before a restore (`ctx.takeBackup` of an own-transactions channel), and the daily one on start.
// The file is written outside any transaction (SQLite cannot snapshot inside one); its audit row
// is a transaction of its own.
import type { BulkReason } from '../../shared/contract/define';
import type { BackendServices } from './context';
import { log } from './log';
import { storeBackups, writeTransaction } from '../store/dialect';
import { writeBackupCompanion } from '../features/trust/backup-companion';
import { copyToSecondFolder, readBackupSettings, recordSecondCopy } from '../features/trust/backup-settings';
import {
  IMPORT_BACKUP_FRESH_MS,
  isDailyBackupDue,
  recentStoreBackup,
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
  // Its companion (<backup>.keys: the key envelope and the audit head it holds), so the backup
  // opens on a new computer with the recovery key alone; then the copy to the second folder.
  await writeBackupCompanion(
    taken.info.file,
    {
      db: services.db,
      storeKey: services.storeKey,
      keyring: services.keys.keyring,
      anchors: services.audit.head?.anchors ?? [],
    },
    now,
  );
  const { secondFolder } = await readBackupSettings(services.db);
  const copied = secondFolder ? copyToSecondFolder(services.db, taken.info.file, secondFolder, now) : null;
  await writeTransaction(services.db).execute(async (tx) => {
    await recordBackup(tx, now.toISOString(), staffId, taken);
    if (copied) await recordSecondCopy(tx, copied, now.toISOString());
  });
  await services.audit.record();
  return taken.info;
}

/** The channel whose bulk write goes ahead on a recent backup: an import's commit, whose batch
 * keeps what Undo needs to put back every row it writes. */
const IMPORT_COMMIT = 'imports.commit';

/**
 * The backup before a bulk write (the dispatcher's, for `bulkWrites`/`ownBulkTransactions`). An
 * import's commit takes one only when the store has no checked backup from the last hour: the
 * import's own rows are restorable at any time by Undo (its batch keeps every created row and
 * every changed field's value before), and the whole store by that backup, which is at most an
 * hour older than the import. Every other bulk write (accepting a partner's values, anonymising,
 * a rule re-applied to everyone, an undo) takes its own, as before. At 100,000 people a checked
 * backup holds the backend for about 9 s, so a morning's imports after the daily backup no longer
 * each wait for one.
 */
export async function backupBeforeBulkWrite(
  services: BackendServices,
  unit: { channel: string; bulk: BulkReason; staffId: number | null },
): Promise<BackupFileInfo | null> {
  if (unit.channel === IMPORT_COMMIT) {
    const recent = recentStoreBackup(services.db, services.backupDir, services.clock.now(), IMPORT_BACKUP_FRESH_MS);
    if (recent) {
      log('info', 'pre-import-backup-recent', { reason: recent.reason, takenAt: recent.takenAt });
      return null;
    }
  }
  return takeBackup(services, unit.bulk, unit.staffId);
}

/** The daily backup (a SQLite store's): taken when the last daily or manual backup is over a day old.
 * Either way, backups holding people erased longer ago than the retention setting allows are deleted. */
export async function backupIfDue(services: BackendServices): Promise<BackupFileInfo | null> {
  // A team database is backed up by its server (db/store/postgres/backups.ts).
  if (!storeBackups(services.db).beforeBulkWrites) return null;
  if (isDailyBackupDue(services.db, services.backupDir, services.clock.now())) return takeBackup(services, 'daily');
  const swept = await sweepErasedBackups(services, services.clock.now());
  if (swept.length)
    await writeTransaction(services.db).execute((tx) =>
      recordErasedBackupsDeleted(tx, services.clock.now().toISOString(), swept),
    );
  return null;
}
