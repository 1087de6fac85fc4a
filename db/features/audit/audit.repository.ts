// The audit log: every change, view of special-category data, export and import, appended in
// the same transaction as the change itself and chained by hash so an edited row is detected.
// A store with an audit key (kept in its key envelope, never in the store) chains with
// HMAC-SHA256 under it, so someone holding only the store key cannot rewrite the log and
// recompute the chain; entries from before the key (the audit_epochs table) keep plain SHA-256.
import type { Db, Tx } from '../../store/schema';
import { auditKeyOf } from '../../store/store-secrets';
import { auditKeysFor, isSealed, openAuditText, participantAuditKey } from './audit-crypto';
import { auditRow, chainHash, GENESIS_HASH, type AuditEntry } from './audit-chain';
import type { Role } from '../../../shared/contract/define';
import { roleReads } from '../../store/tables/readable-columns';

// The chain's pure part (entries, rows, hashes) lives in audit-chain.ts, which the bulk sealer's
// worker thread loads without the store.
export { auditHash, auditRow, chainHash, GENESIS_HASH, keyedAuditHash, type AuditEntry } from './audit-chain';

/** What a viewer reads of an audit entry's text about a person. */
export const WITHHELD_FROM_VIEWERS = 'A change to the record (the details are not shown to viewers)';

/** Appends one entry after the last; returns its id. */
export async function appendAudit(tx: Tx, at: string, staffId: number | null, entry: AuditEntry): Promise<number> {
  const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const key = entry.participantId == null ? null : await participantAuditKey(tx, entry.participantId, at);
  const row = auditRow(at, staffId, entry, key);
  const inserted = await tx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: prevHash, hash: chainHash(auditKeyOf(tx), prevHash, row) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Field-level difference of two flat records, for "who changed what" history. */
export function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === 'updated_at' || key === 'version' || key === 'updated_by') continue;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

/** Audit rows as people read them: summaries and values about a person opened with their key
 * (or marked erased after anonymisation). Use this wherever audit rows are shown or exported.
 * A viewer reads no audit keys (readable-columns.ts: a viewer's login may not, since the entries
 * hold the special-category values changed): sealed texts read as withheld from viewers. */
export async function readableAuditRows<
  R extends { participant_id: number | null; summary: string; before_json: string | null; after_json: string | null },
>(db: Db, rows: R[], reader: Role = 'administrator'): Promise<R[]> {
  if (!roleReads(reader, 'audit_keys', 'key'))
    return rows.map((r) => ({
      ...r,
      summary: isSealed(r.summary) ? WITHHELD_FROM_VIEWERS : r.summary,
      before_json: isSealed(r.before_json) ? null : r.before_json,
      after_json: isSealed(r.after_json) ? null : r.after_json,
    }));
  const keys = await auditKeysFor(
    db,
    rows.map((r) => r.participant_id).filter((id): id is number => id !== null),
  );
  return rows.map((r) => {
    if (r.participant_id === null) return r;
    const key = keys.get(r.participant_id) ?? null;
    return {
      ...r,
      summary: openAuditText(key, r.participant_id, 'summary', r.summary) ?? '',
      before_json: openAuditText(key, r.participant_id, 'before', r.before_json),
      after_json: openAuditText(key, r.participant_id, 'after', r.after_json),
    };
  });
}
