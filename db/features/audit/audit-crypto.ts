// Personal data inside audit entries is encrypted with a key per participant (AES-256-GCM), so
// that anonymising a person can make it unreadable without editing the append-only log: the
// key row is deleted (crypto-shredding) and the ciphertext left behind is noise. The hash chain
// covers the stored ciphertext, so it still verifies after shredding.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../store/schema';
import { insertMany } from '../../store/insert-many';

const PREFIX = 'enc1:';
export const ERASED = '[erased when the person was anonymised]';

export async function participantAuditKey(tx: Tx, participantId: number, at: string): Promise<Buffer> {
  const row = await tx
    .selectFrom('audit_keys')
    .select('key')
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
  if (row) return Buffer.from(row.key);
  const key = randomBytes(32);
  await tx.insertInto('audit_keys').values({ participant_id: participantId, key, created_at: at }).execute();
  return key;
}

// Fresh random bytes for IVs and keys, drawn from the CSPRNG a block at a time: an import seals
// 100,000 texts and makes 50,000 keys, and one randomBytes call each cost more than the
// encryption. Every byte handed out is used once (a spent block is dropped, never refilled).
const BLOCK = 64 * 1024;
let block = Buffer.alloc(0);
let used = 0;
function freshBytes(n: number): Buffer {
  if (used + n > block.length) {
    block = randomBytes(BLOCK);
    used = 0;
  }
  // A copy, so a key kept in a map does not pin (or share) the whole block.
  const out = Buffer.from(block.subarray(used, used + n));
  // Handed-out bytes may be a person's key: not left behind in the block.
  block.fill(0, used, used + n);
  used += n;
  return out;
}

function aad(participantId: number, field: string): Buffer {
  return Buffer.from(`audit:${participantId}:${field}`);
}

export function sealAuditText(key: Buffer, participantId: number, field: string, text: string): string {
  const iv = freshBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad(participantId, field));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function isSealed(text: string | null): boolean {
  return !!text && text.startsWith(PREFIX);
}

/** Opens a sealed audit text; plain text passes through; a shredded key gives ERASED. */
export function openAuditText(
  key: Buffer | null,
  participantId: number | null,
  field: string,
  text: string | null,
): string | null {
  if (text === null || !isSealed(text)) return text;
  if (!key || participantId === null) return ERASED;
  try {
    const raw = Buffer.from(text.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(aad(participantId, field));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return '[unreadable]';
  }
}

/** Keys for a set of participants, for reading audit rows back. */
export async function auditKeysFor(db: Db, participantIds: number[]): Promise<Map<number, Buffer>> {
  const ids = [...new Set(participantIds)];
  const out = new Map<number, Buffer>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('audit_keys')
      .select(['participant_id', 'key'])
      .where('participant_id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.participant_id, Buffer.from(r.key));
  }
  return out;
}

/** Keys for many participants at once, creating the missing ones (bulk writes such as imports). */
export async function ensureAuditKeys(tx: Tx, participantIds: number[], at: string): Promise<Map<number, Buffer>> {
  const keys = await auditKeysFor(tx, participantIds);
  const missing = [...new Set(participantIds)].filter((id) => !keys.has(id));
  const rows = missing.map((id) => ({ participant_id: id, key: freshBytes(32), created_at: at }));
  await insertMany(tx, rows, 500, (chunk) => tx.insertInto('audit_keys').values(chunk));
  for (const r of rows) keys.set(r.participant_id, r.key);
  return keys;
}
