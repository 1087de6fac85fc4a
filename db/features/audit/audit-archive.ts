// Audit entries a restore drops (those written after the backup was taken) are kept in an archive
// file in <data folder>/audit-archive/, which backup rotation never touches, and the restore says
// where. The entries are kept as stored (personal values stay sealed with each person's key) with
// their hashes, so the archive itself can be checked against the chain; in a store with an audit
// key the file is encrypted under a key derived from it (AES-256-GCM).
import fs from 'node:fs';
import path from 'node:path';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Db } from '../../store/schema';
import { writePrivateFile } from '../../store/private-file';

export const AUDIT_ARCHIVE_FOLDER = 'audit-archive';

function archiveKey(auditKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', auditKey, Buffer.alloc(0), 'worksbook audit archive', 32));
}

/** Entries after `afterId`, as stored. */
async function entriesAfter(db: Db, afterId: number) {
  return db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').execute();
}

/** Writes the entries after `afterId` to a new archive file; returns its path (null: none to keep). */
export async function archiveAuditEntries(
  db: Db,
  options: {
    afterId: number;
    dataDir: string;
    auditKey: Buffer | null;
    storeId: string | null;
    reason: string;
    at: Date;
  },
): Promise<{ file: string; entries: number } | null> {
  const rows = await entriesAfter(db, options.afterId);
  if (!rows.length) return null;
  const body = JSON.stringify({
    storeId: options.storeId,
    reason: options.reason,
    at: options.at.toISOString(),
    entries: rows,
  });
  let content: string;
  if (options.auditKey) {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', archiveKey(options.auditKey), iv);
    const data = Buffer.concat([cipher.update(body, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    content = JSON.stringify({
      format: 'worksbook-audit-archive',
      version: 1,
      encrypted: true,
      iv: iv.toString('base64'),
      data: data.toString('base64'),
    });
  } else
    content = JSON.stringify({
      format: 'worksbook-audit-archive',
      version: 1,
      encrypted: false,
      body: JSON.parse(body) as unknown,
    });
  const stamp = options.at.toISOString().replace(/[:.]/g, '').slice(0, 17);
  const file = path.join(
    options.dataDir,
    AUDIT_ARCHIVE_FOLDER,
    `audit-archive-${stamp}-${rows[0]!.id}-${rows.at(-1)!.id}.json`,
  );
  writePrivateFile(file, `${content}\n`);
  return { file, entries: rows.length };
}

/** Reads an archive back (the audit key opens an encrypted one). */
export function readAuditArchive(
  file: string,
  auditKey: Buffer | null,
): { reason: string; entries: Array<{ id: number; hash: string }> } {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as
    | { encrypted: true; iv: string; data: string }
    | { encrypted: false; body: { reason: string; entries: Array<{ id: number; hash: string }> } };
  if (!parsed.encrypted) return parsed.body;
  if (!auditKey) throw new Error('This archive is encrypted: it opens with the store it came from.');
  const raw = Buffer.from(parsed.data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', archiveKey(auditKey), Buffer.from(parsed.iv, 'base64'));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  const body = Buffer.concat([decipher.update(raw.subarray(0, raw.length - 16)), decipher.final()]).toString('utf8');
  return JSON.parse(body) as { reason: string; entries: Array<{ id: number; hash: string }> };
}
