// Queries on the audit log's epochs (audit_epochs) and its last entry, for keying and anchoring.
import type { Db, Tx } from '../../store/schema';

/** The first entry chained with the audit key, as the store records it (null: none). */
export async function keyedFromInStore(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('audit_epochs')
    .select((eb) => eb.fn.min('first_entry_id').as('first'))
    .where('chain', '=', 'hmac-sha256')
    .executeTakeFirst();
  return row?.first == null ? null : Number(row.first);
}

export async function insertAuditEpoch(
  tx: Tx,
  values: { first_entry_id: number; chain: 'sha256' | 'hmac-sha256'; reason: string; note: string; created_at: string },
): Promise<void> {
  await tx.insertInto('audit_epochs').values(values).execute();
}

/** The log's last entry (id and hash); null when it is empty. */
export async function lastAuditEntry(db: Db): Promise<{ id: number; hash: string } | null> {
  return (
    (await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst()) ?? null
  );
}

export async function auditEntryHash(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst();
  return row?.hash ?? null;
}
