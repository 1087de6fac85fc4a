// What a handler receives besides its parsed input: the store, who is calling, the clock, a way
// to push events and to start long jobs.
import type { Kysely } from 'kysely';
import type { Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import type { Session } from '../../shared/contract/app.contract';
import type { BackendEvent } from '../../shared/events';
import type { Database } from '../store/schema';
import type { Clock } from './clock';
import type { JobRunner } from './jobs';

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
