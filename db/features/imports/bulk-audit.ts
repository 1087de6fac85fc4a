// Appends many audit entries at once for an import of thousands of rows: the same rows and the
// same hash chain as appendAudit (audit.repository), computed in memory and written with
// multi-row inserts inside the caller's transaction.
import type { Tx } from '../../store/schema';
import { auditRow, chainHash, GENESIS_HASH, type AuditEntry } from '../audit/audit.repository';
import { auditKeyOf } from '../../store/store-secrets';
import { ensureAuditKeys } from '../audit/audit-crypto';
import { insertMany } from '../../store/insert-many';

const CHUNK = 500;

export async function appendAuditMany(
  tx: Tx,
  at: string,
  staffId: number | null,
  entries: AuditEntry[],
): Promise<void> {
  if (!entries.length) return;
  const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  const auditKey = auditKeyOf(tx);
  const keys = await ensureAuditKeys(
    tx,
    entries.flatMap((e) => (e.participantId == null ? [] : [e.participantId])),
    at,
  );
  const rows = entries.map((entry) => {
    const row = auditRow(at, staffId, entry, entry.participantId == null ? null : keys.get(entry.participantId)!);
    const hash = chainHash(auditKey, prevHash, row);
    const full = { ...row, prev_hash: prevHash, hash };
    prevHash = hash;
    return full;
  });
  await insertMany(tx, rows, CHUNK, (chunk) => tx.insertInto('audit_log').values(chunk));
}
