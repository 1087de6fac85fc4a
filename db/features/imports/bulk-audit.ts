// Appends many audit entries at once for an import of thousands of rows: the same rows and the
// same hash chain as appendAudit (audit.repository), computed in memory and written with
// multi-row inserts inside the caller's transaction.
import type { Tx } from '../../store/schema';
import { auditHash, GENESIS_HASH, type AuditEntry } from '../audit/audit.repository';
import { ensureAuditKeys, sealAuditText } from '../audit/audit-crypto';

const CHUNK = 500;

export async function appendAuditMany(tx: Tx, at: string, staffId: number | null, entries: AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prevHash = last?.hash ?? GENESIS_HASH;
  // Entries about a person are sealed with that person's audit key, exactly as appendAudit does,
  // so anonymising them later shreds these too.
  const keys = await ensureAuditKeys(tx, entries.flatMap((e) => (e.participantId == null ? [] : [e.participantId])), at);
  const seal = (participantId: number | null, field: string, text: string | null) =>
    text === null || participantId === null ? text : sealAuditText(keys.get(participantId)!, participantId, field, text);
  const rows = entries.map((entry) => {
    const participantId = entry.participantId ?? null;
    const row = {
      at,
      staff_id: staffId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId == null ? null : String(entry.entityId),
      participant_id: participantId,
      summary: seal(participantId, 'summary', entry.summary)!,
      before_json: seal(participantId, 'before', entry.before === undefined ? null : JSON.stringify(entry.before)),
      after_json: seal(participantId, 'after', entry.after === undefined ? null : JSON.stringify(entry.after)),
    };
    const hash = auditHash(prevHash, row);
    const full = { ...row, prev_hash: prevHash, hash };
    prevHash = hash;
    return full;
  });
  for (let i = 0; i < rows.length; i += CHUNK) await tx.insertInto('audit_log').values(rows.slice(i, i + CHUNK)).execute();
}
