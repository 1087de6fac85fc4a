// The audit log: every change, view of special-category data, export and import, appended in
// the same transaction as the change itself and chained by hash so an edited row is detected.
import { createHash } from 'node:crypto';
import type { Tx } from '../../store/schema';

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'view' | 'export' | 'import' | 'merge' | 'unmerge' | 'undo' | 'sign-in' | 'sign-out' | 'verify' | string;
  entity: string;
  entityId?: string | number | null;
  participantId?: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(prevHash: string, row: Record<string, unknown>): string {
  const canonical = JSON.stringify([
    row.at, row.staff_id, row.action, row.entity, row.entity_id, row.participant_id, row.summary, row.before_json, row.after_json,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export async function appendAudit(tx: Tx, at: string, staffId: number | null, entry: AuditEntry): Promise<void> {
  const last = await tx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at,
    staff_id: staffId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    participant_id: entry.participantId ?? null,
    summary: entry.summary,
    before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
    after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
  };
  await tx.insertInto('audit_log').values({ ...row, prev_hash: prevHash, hash: auditHash(prevHash, row) }).execute();
}

/** Field-level difference of two flat records, for "who changed what" history. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { before: Record<string, unknown>; after: Record<string, unknown> } {
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
