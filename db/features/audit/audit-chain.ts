// The audit chain's pure part: an entry's stored row (texts about a person sealed with their key)
// and the hash that chains it to the one before. audit.repository.ts appends one entry with it;
// an import seals tens of thousands with it in a worker thread (imports/bulk-audit.worker.ts),
// which is why nothing here touches the store: the same functions make the same chain anywhere.
import { createHash, createHmac } from 'node:crypto';
import { sealAuditText } from './audit-crypto';
import { AUDIT_HASHED_FIELDS } from '../../store/tables/foundation.tables';

export interface AuditEntry {
  action:
    | 'create'
    | 'update'
    | 'delete'
    | 'view'
    | 'export'
    | 'import'
    | 'merge'
    | 'unmerge'
    | 'undo'
    | 'sign-in'
    | 'sign-out'
    | 'verify'
    | string;
  entity: string;
  entityId?: string | number | null;
  participantId?: number | null;
  summary: string;
  before?: unknown;
  after?: unknown;
  /** `after` already written as JSON, used instead of writing it again: an import writes the same
   * text to the batch row that undoes it, for 50,000 rows at a time. */
  afterJson?: string;
}

export const GENESIS_HASH = '0'.repeat(64);

function canonicalEntry(row: Record<string, unknown>): string {
  return JSON.stringify(AUDIT_HASHED_FIELDS.map((name) => row[name]));
}

/** The plain chain: SHA-256 of the previous hash and the entry (entries from before the audit key). */
export function auditHash(prevHash: string, row: Record<string, unknown>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalEntry(row)).digest('hex');
}

/** The keyed chain: HMAC-SHA256 under the store's audit key. */
export function keyedAuditHash(key: Buffer, prevHash: string, row: Record<string, unknown>): string {
  return createHmac('sha256', key).update(prevHash).update('\n').update(canonicalEntry(row)).digest('hex');
}

/** The hash of the next entry: keyed when the store has an audit key. */
export function chainHash(key: Buffer | null, prevHash: string, row: Record<string, unknown>): string {
  return key ? keyedAuditHash(key, prevHash, row) : auditHash(prevHash, row);
}

/** The stored form of an entry (before its hash): entries about a person are sealed with that
 * person's audit key, which anonymisation deletes (see audit-crypto.ts); others stay readable.
 * appendAudit and bulk writers (imports) both build rows here, so the chain is the same. */
export function auditRow(at: string, staffId: number | null, entry: AuditEntry, key: Buffer | null) {
  const participantId = entry.participantId ?? null;
  const seal = (field: string, text: string | null) =>
    text === null || participantId === null || !key ? text : sealAuditText(key, participantId, field, text);
  return {
    at,
    staff_id: staffId,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId == null ? null : String(entry.entityId),
    participant_id: participantId,
    summary: seal('summary', entry.summary)!,
    before_json: seal('before', entry.before === undefined ? null : JSON.stringify(entry.before)),
    after_json: seal('after', entry.afterJson ?? (entry.after === undefined ? null : JSON.stringify(entry.after))),
  };
}

/** An entry's stored row with its place in the chain. */
export type ChainedAuditRow = ReturnType<typeof auditRow> & { prev_hash: string; hash: string };

/** Seals and chains `entries` in order after `prevHash` (`keys`: each person's audit key). */
export function chainRows(
  at: string,
  staffId: number | null,
  auditKey: Buffer | null,
  prevHash: string,
  entries: readonly AuditEntry[],
  keys: ReadonlyMap<number, Buffer>,
): { rows: ChainedAuditRow[]; lastHash: string } {
  let prev = prevHash;
  const rows = entries.map((entry) => {
    const row = auditRow(at, staffId, entry, entry.participantId == null ? null : keys.get(entry.participantId)!);
    const hash = chainHash(auditKey, prev, row);
    const full = { ...row, prev_hash: prev, hash };
    prev = hash;
    return full;
  });
  return { rows, lastHash: prev };
}
