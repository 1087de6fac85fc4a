// What a handler receives besides its parsed input: the store, who is calling, the clock, a way
// to push events and to start long jobs.
import type { Kysely } from 'kysely';
import type { Session } from '../../shared/contract/app.contract';
import type { Role } from '../../shared/contract/define';
import type { BackendEvent } from '../../shared/events';
import type { DataArea } from '../../shared/contract/define';
import type { Database, Tx } from '../store/schema';
import type { Clock } from './clock';
import type { JobRunner } from './jobs';
import type { StoreKey } from '../store/sqlite/encryption';
import type { BackupFileInfo, BackupReason } from '../store/dialect';
import type { AuditVerification } from '../features/trust/audit-verify';
import type { AuditAnchorKeeper, ReanchorRequest } from './audit-anchor';
import type { Keyring, UnlockSecret } from '../store/key-envelope';
import type { ReadCache } from './read-cache';

/** Checks and upkeep of the whole store, through the store's dialect (db/store/dialect.ts) on its
 * own handle. They run outside any transaction (a flush cannot run inside one, and a query on the
 * handle would wait forever behind a transaction holding SQLite's one connection), so only the
 * channels that hold none get them: `read` and `own` channels. */
export interface StoreMaintenance {
  integrityProblems(): Promise<string[]>;
  foreignKeyProblemCount(): Promise<number>;
  verifyAuditChain(): Promise<AuditVerification>;
  /** After erasing: leaves no old copy of an erased page in the store's files (the SQLite WAL). */
  flushErasedPages(): Promise<void>;
  /** How much space the store takes (its file; a team database's size on the server). */
  storeBytes(): Promise<number>;
}

export interface BackendServices {
  db: Kysely<Database>;
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
  /** The store's keys (key-envelope.ts): the envelope, store and audit keys; updated in place
   * when they change (a rekey, a new recovery key). Null for a plaintext store. */
  keys: StoreKeysState;
  /** The audit log's key and recorded head (audit-anchor.ts); replaced when the store reopens. */
  audit: AuditAnchorKeeper;
  /** Closes the store, runs `between` (e.g. putting a backup in place), opens it again and
   * signs everyone out. The shared services are updated in place; a handler's own context is a
   * copy, so it must use the handles returned. `reanchor`: the audit head is recorded afresh
   * (a restore), not compared. */
  reopenStore(
    between: () => Promise<void> | void,
    options?: { reanchor?: ReanchorRequest },
  ): Promise<{ db: Kysely<Database> }>;
  /** A team database: the app role the server holds this login to (Store.loginRole). A staff
   * member signed in through it works with no more than that role; a viewer's login also stands
   * in for the app's password, which it cannot read (the server checked the login's). */
  loginRole: Role | null;
  /** That login's name (Store.loginName): only the staff profile bound to it signs in. */
  loginName: string | null;
  /** Sign-in rules the dispatcher applies; updated when an administrator changes them. */
  trust: { autoLockMinutes: number; sessionHours: number };
  maintenance: StoreMaintenance;
  /** Answers of costly reads kept until the data they read changes (read-cache.ts). */
  readCache: ReadCache;
}

export interface StoreKeysState {
  keyring: Keyring | null;
  envelopeFile: string | null;
  /** Shown once to an administrator until someone confirms writing it down. */
  pendingRecoveryKey: string | null;
  /** The secret of the way in the store was opened with, in memory only: a new master key keeps it. */
  opener: UnlockSecret | null;
}

/** One caller: a window in the app, a browser tab set in the harness, the CLI. */
export interface Client {
  id: string;
  session: Session | null;
  lastActivity: number;
}

/** What every handler gets whatever its effect: who is calling, the clock, jobs, files. Never a
 * store handle, a way to emit events or the store's maintenance: those come with the effect. */
export interface CallContext extends Omit<BackendServices, 'db' | 'emit' | 'reopenStore' | 'maintenance'> {
  client: Client;
  /** The signed-in staff member; handlers behind a role can rely on it being present. */
  staffId: number | null;
}

/** A `read` channel: the store, for queries. */
export interface ReadContext extends CallContext {
  db: Kysely<Database>;
  maintenance: StoreMaintenance;
}

/** A `write` channel: the one transaction the dispatcher opened, and nothing else to write with
 * (a query on another handle would wait for this transaction forever on SQLite's one
 * connection). */
export interface WriteContext extends CallContext {
  tx: Tx;
}

/** An `own` channel (jobs, sign-in, restore): reads on `db`, writes through `transact`, each call
 * one transaction with the same audit check and `data-changed` event as a `write` channel. */
export interface OwnTransactionsContext extends CallContext {
  db: Kysely<Database>;
  maintenance: StoreMaintenance;
  transact<T>(work: (tx: Tx) => Promise<T>, options?: { areas?: readonly DataArea[] }): Promise<T>;
  /** Closes the store, runs `between`, opens it again and signs everyone out (restore). */
  reopenStore: BackendServices['reopenStore'];
  /** Takes a checked backup now (outside any transaction: SQLite cannot snapshot inside one),
   * with its audit row, and rotates old ones. */
  takeBackup(reason: BackupReason): Promise<BackupFileInfo>;
}
