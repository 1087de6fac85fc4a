// PostgreSQL-only: other backends' changes, as NOTIFY messages. A write unit sends the areas it
// changed inside its transaction (PostgreSQL delivers a notification only when the transaction
// commits, and not at all when it rolls back); every other backend LISTENing turns it into the
// same `data-changed` event its own writes produce.
import { sql } from 'kysely';
import type { Tx } from '../schema';

export const CHANGES_CHANNEL = 'worksbook_data_changed';

export async function announceChanges(tx: Tx, areas: readonly string[]): Promise<void> {
  if (areas.length) await sql`select pg_notify(${CHANGES_CHANNEL}, ${JSON.stringify(areas)})`.execute(tx);
}

/** The areas in a notice, or null when it is not one of ours. */
export function parseChangeNotice(payload: string | undefined): string[] | null {
  try {
    const value: unknown = JSON.parse(payload ?? '');
    return Array.isArray(value) && value.every((a) => typeof a === 'string') ? value : null;
  } catch {
    return null;
  }
}
