// What a handler receives besides its parsed input: the store, who is calling, the clock, a way
// to push events and to start long jobs.
import type { Kysely } from 'kysely';
import type { Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import type { Session } from '../../shared/contract/app.contract';
import type { BackendEvent } from '../../shared/events';
import type { Database } from '../store/schema';
import type { Clock } from './clock';
import type { JobRunner } from './jobs';
import type { StoreKey } from '../store/sqlite/encryption';

export interface BackendServices {
  db: Kysely<Database>;
  sqlite: Sqlite;
  storeFile: string;
  isEncrypted: boolean;
  clock: Clock;
  emit(event: BackendEvent): void;
  jobs: JobRunner;
  /** Folder beside the store for evidence files, backups and exports' temporary files. */
  dataDir: string;
  /** Where backups are written (<dataDir>/backups). */
  backupDir: string;
  /** The store's key, in memory only, to open its backups (they share it). */
  storeKey: StoreKey | null;
  /** Closes the store, runs `between` (e.g. putting a backup in place), opens it again and
   * signs everyone out. The shared services are updated in place; a handler's own context is a
   * copy, so it must use the handles returned. */
  reopenStore(between: () => Promise<void> | void): Promise<{ db: Kysely<Database>; sqlite: Sqlite }>;
  /** Sign-in rules the dispatcher applies; updated when an administrator changes them. */
  trust: { autoLockMinutes: number };
}

/** One caller: a window in the app, a browser tab set in the harness, the CLI. */
export interface Client {
  id: string;
  session: Session | null;
  lastActivity: number;
}

export interface HandlerContext extends BackendServices {
  client: Client;
  /** The signed-in staff member; handlers behind a role can rely on it being present. */
  staffId: number | null;
}
