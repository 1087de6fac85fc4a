// Whether a transaction has changed any row so far: SQLite counts every row a connection has
// inserted, updated or deleted (`total_changes()`), and the store has one connection, so the
// difference across a transaction is that transaction's changes.
import { sql } from 'kysely';
import type { Db, Tx } from '../schema';

/** Rows changed on the store's one connection since it opened: a cheap "has anything changed" key. */
export async function totalChanges(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`select total_changes() as n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Starts watching `tx`; the function returned answers "has it changed anything since?". */
export async function watchWrites(tx: Tx): Promise<() => Promise<boolean>> {
  const before = await totalChanges(tx);
  return async () => (await totalChanges(tx)) > before;
}
