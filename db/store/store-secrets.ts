// The audit key of an open store, bound to its Kysely handle. Every transaction on a handle shares
// the handle's dialect adapter (Kysely creates it once per instance and hands it to each
// transaction), so appendAudit, called with a transaction from a hundred places, finds the key
// without each caller carrying it. The key lives in memory only, for as long as the handle.
import type { Kysely } from 'kysely';

const keys = new WeakMap<object, Buffer>();

type Handle = Pick<Kysely<unknown>, 'getExecutor'>;

export function bindAuditKey(db: Handle, key: Buffer | null): void {
  const adapter = db.getExecutor().adapter;
  if (key) keys.set(adapter, key);
  else keys.delete(adapter);
}

/** The audit key bound to this store handle or transaction; null when the store has none. */
export function auditKeyOf(db: Handle): Buffer | null {
  return keys.get(db.getExecutor().adapter) ?? null;
}
