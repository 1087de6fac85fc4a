// PostgreSQL-only: which server settings each open team-database handle was made with, for the
// few things that need a connection of their own (pg_dump, the LISTEN connection).
import type { ClientConfig } from 'pg';

const configs = new WeakMap<object, ClientConfig>();

export function rememberConnection(db: object, config: ClientConfig): void {
  configs.set(db, config);
}

export function connectionOf(db: object): ClientConfig | null {
  return configs.get(db) ?? null;
}
