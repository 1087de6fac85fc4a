// Every backup file has a companion, `<backup>.keys`: a copy of the store's key envelope as it was
// (so the backup opens on a new computer with the recovery key alone) and the audit log's head as
// the backup holds it, sealed with the audit key (so a restored log can be checked for a cut too).
// Written as a finished, private file beside the backup, and copied with it to a second folder.
import fs from 'node:fs';
import { z } from 'zod';
import type { Db } from '../../store/schema';
import { envelopeJson, parseEnvelope, type KeyEnvelope, type Keyring } from '../../store/key-envelope';
import { copyPrivateFile, writePrivateFile } from '../../store/private-file';
import { envelopeFileOf } from '../../store/key-envelope';
import { storeBackups, type StoreKey } from '../../store/dialect';
import { auditHeadFileOf, parseAuditHead, sealHead, writeAuditHead, type AuditHead } from '../audit/audit-head';
import { keyedFromInStore, lastAuditEntry } from '../audit/audit-epochs.repository';

export const companionFileOf = (backupFile: string) => `${backupFile}.keys`;

export interface BackupCompanion {
  envelope: KeyEnvelope | null;
  auditHead: AuditHead | null;
}

const companionSchema = z.object({
  format: z.literal('worksbook-backup-keys'),
  version: z.literal(1),
  envelope: z.unknown(),
  auditHead: z.unknown(),
});

/** What a backup needs to describe itself: the store handle (its dialect), key, keys and head. */
export interface CompanionSource {
  db: Db;
  storeKey: StoreKey | null;
  keyring: Keyring | null;
  anchors: AuditHead['anchors'];
}

/** Reads the audit head the backup file holds and writes the companion beside it. */
export async function writeBackupCompanion(backupFile: string, source: CompanionSource, at: Date): Promise<void> {
  const { db, storeKey, keyring } = source;
  const end = await storeBackups(db).read(backupFile, storeKey, async (backup) => ({
    last: await lastAuditEntry(backup),
    keyedFrom: await keyedFromInStore(backup),
  }));
  const auditHead = sealHead(
    {
      format: 'worksbook-audit-head',
      version: 1,
      storeId: keyring?.envelope.storeId ?? null,
      lastId: end.last?.id ?? 0,
      hash: end.last?.hash ?? '0'.repeat(64),
      at: at.toISOString(),
      keyedFrom: end.keyedFrom,
      anchors: source.anchors,
    },
    keyring?.secrets.auditKey ?? null,
  );
  const envelope = keyring ? (JSON.parse(envelopeJson(keyring.envelope)) as unknown) : null;
  writePrivateFile(
    companionFileOf(backupFile),
    `${JSON.stringify({ format: 'worksbook-backup-keys', version: 1, envelope, auditHead }, null, 2)}\n`,
  );
}

export function readBackupCompanion(backupFile: string): BackupCompanion | null {
  const file = companionFileOf(backupFile);
  if (!fs.existsSync(file)) return null;
  try {
    const parsed = companionSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) return null;
    return { envelope: parseEnvelope(parsed.data.envelope), auditHead: parseAuditHead(parsed.data.auditHead) };
  } catch {
    return null;
  }
}

/** A new computer (no keychain entry, no data file): puts a backup in place as the data file, with
 * the key envelope its companion carries, so the recovery key opens it. Refuses to overwrite. */
export function placeBackupAsNewStore(backupFile: string, storeFile: string): void {
  if (fs.existsSync(storeFile))
    throw new Error(`There is already a data file at ${storeFile}; restore into it instead.`);
  const companion = readBackupCompanion(backupFile);
  if (!companion?.envelope)
    throw new Error(
      `The backup has no key companion (${companionFileOf(backupFile)}): copy it from beside the backup, or use its key file.`,
    );
  writePrivateFile(envelopeFileOf(storeFile), `${envelopeJson(companion.envelope)}\n`, { durable: true });
  // The head the backup holds, as recorded when it was taken: the restored log is checked against it.
  if (companion.auditHead) writeAuditHead(auditHeadFileOf(storeFile), companion.auditHead, true);
  copyPrivateFile(backupFile, storeFile);
}
