// The audit log's head, recorded outside the store: the last entry's id and hash, where keyed
// chaining began, and the re-anchorings (a restore that dropped entries, say), sealed with an HMAC
// under the audit key. It sits beside the store (`<store>.audit-head`), travels with every backup
// (in its `.keys` companion) and is printed in every audit export. Cutting entries off the end of
// the log leaves it shorter than its recorded head; rewriting the last one changes its hash; and
// without the audit key the head cannot be rewritten to match.
import fs from 'node:fs';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { writePrivateFile } from '../../store/private-file';

export const auditHeadFileOf = (storeFile: string) => `${storeFile}.audit-head`;

const anchorSchema = z.object({
  at: z.string(),
  reason: z.enum(['keyed', 'restore', 're-anchor']),
  /** The log's last entry before this anchoring, and the one it anchored at. */
  lastIdBefore: z.number().int().nullable(),
  lastIdAfter: z.number().int(),
  note: z.string(),
});
export type AuditAnchor = z.infer<typeof anchorSchema>;

const headSchema = z.object({
  format: z.literal('worksbook-audit-head'),
  version: z.literal(1),
  storeId: z.string().nullable(),
  lastId: z.number().int(),
  hash: z.string(),
  at: z.string(),
  /** The first entry chained with the audit key (null: none yet). */
  keyedFrom: z.number().int().nullable(),
  /** The latest anchorings, newest last (a few are kept: they explain a head that moved back). */
  anchors: z.array(anchorSchema),
  /** HMAC-SHA256 of the rest under the audit key; null for a store without one (demo, tests). */
  mac: z.string().nullable(),
});
export type AuditHead = z.infer<typeof headSchema>;
export type UnsealedHead = Omit<AuditHead, 'mac'>;

export type HeadRead = { kind: 'missing' } | { kind: 'unreadable' } | { kind: 'found'; head: AuditHead };

const MAX_ANCHORS = 20;

function macOf(key: Buffer, head: UnsealedHead): string {
  const { format, version, storeId, lastId, hash, at, keyedFrom, anchors } = head;
  // Fields in a fixed order: an anchor built in memory and one read back (zod orders its keys) must
  // give the same bytes.
  const fixed = anchors.map((a) => [a.at, a.reason, a.lastIdBefore, a.lastIdAfter, a.note]);
  const canonical = JSON.stringify([format, version, storeId, lastId, hash, at, keyedFrom, fixed]);
  return createHmac('sha256', key).update(canonical).digest('hex');
}

export function sealHead(head: UnsealedHead, key: Buffer | null): AuditHead {
  const anchors = head.anchors.slice(-MAX_ANCHORS);
  const trimmed = { ...head, anchors };
  return { ...trimmed, mac: key ? macOf(key, trimmed) : null };
}

/** Whether the head is as sealed with `key` (a store with an audit key accepts no unsealed head). */
export function headSealIsValid(head: AuditHead, key: Buffer | null): boolean {
  if (!key) return head.mac === null;
  if (!head.mac) return false;
  const expected = Buffer.from(macOf(key, head), 'hex');
  const actual = Buffer.from(head.mac, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function parseAuditHead(json: unknown): AuditHead | null {
  const checked = headSchema.safeParse(json);
  return checked.success ? checked.data : null;
}

export function readAuditHead(file: string): HeadRead {
  if (!fs.existsSync(file)) return { kind: 'missing' };
  try {
    const head = parseAuditHead(JSON.parse(fs.readFileSync(file, 'utf8')));
    return head ? { kind: 'found', head } : { kind: 'unreadable' };
  } catch {
    return { kind: 'unreadable' };
  }
}

/** Written after every committed write: a temporary name and a rename, not flushed (a power cut can
 * only leave it behind the log, which the check allows), except when `durable`. */
export function writeAuditHead(file: string, head: AuditHead, durable = false): void {
  writePrivateFile(file, `${JSON.stringify(head)}\n`, { durable });
}
