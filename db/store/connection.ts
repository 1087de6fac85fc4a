// Opens the store: one SQLite file, owned by one process, with the durability settings asserted,
// the quick check run and the migrations applied; or, given a postgres:// address, a team
// database on a PostgreSQL server (./postgres/open-team-store.ts). Everything SQLite-specific
// stays in ./sqlite, everything PostgreSQL-specific in ./postgres.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase, { type Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import { Kysely } from 'kysely';
import { WorksbookSqliteDialect } from './sqlite/dialect';
import type { Database } from './schema';
import { applyDurabilityPragmas, assertDurabilityPragmas, quickCheck } from './sqlite/pragmas';
import {
  applyKey,
  isPlaintextDatabaseFile,
  PASSPHRASE_KDF_ITERATIONS,
  passphraseKdfIterations,
  WrongKeyError,
  type StoreKey,
} from './sqlite/encryption';
import { encryptFileInPlace, encryptPlaintextBackups, shredLeftoverPlaintext } from './sqlite/encrypt-in-place';
import { unlockStoreKeys, type StoreKeys, type StoreUnlock } from './store-keys';
import { envelopeFileOf, settleRekey, writeEnvelope, type Keyring, type UnlockSecret } from './key-envelope';
import { makePrivate } from './private-file';
import { writeBackupFile } from './sqlite/backup-file';
import { withTolerantRollback } from './sqlite/tolerant-rollback';
import { assertLocalStorePath } from './sqlite/network-path';
import { appliedMigrations, migrateToLatest } from './migrator';
import { migrations } from './migrations/index';
import { acquireStoreLock, type StoreLock } from './store-lock';
import { openTeamStore } from './postgres/open-team-store';
import { isTeamDatabaseUrl, tlsFromEnvironment, type TeamTls } from './postgres/team-connection';
import type { StoreKind } from './dialect';
import type { Role } from '../../shared/contract/define';

export interface Store {
  readonly kind: StoreKind;
  /** The data file, or a team database's address without its password. */
  readonly file: string;
  /** The SQLite handle (SQLite tools and tests only; a team store throws when asked for it). */
  readonly sqlite: Sqlite;
  readonly db: Kysely<Database>;
  readonly isEncrypted: boolean;
  /** Kept in memory only, to open this store's backups (they share its key). */
  readonly key: StoreKey | null;
  /** The opened key envelope (store key, audit key, master key); null for a plaintext store or
   * one keyed directly with a passphrase from before envelopes. */
  readonly keyring: Keyring | null;
  /** The envelope's file beside the store. */
  readonly envelopeFile: string | null;
  /** The secret of the way in it was opened with, in memory only (store-keys.ts). */
  readonly opener: UnlockSecret | null;
  /** A recovery key made while opening (a new store, or one never confirmed), to show once. */
  readonly recoveryKey: string | null;
  /** What happened while opening: an in-place encryption, a backup before migrations. */
  readonly openNotes: string[];
  /** This process's ownership of the file (store-lock); null in memory. */
  readonly lock: StoreLock | null;
  /** A team database: the app role its login holds on the server (worksbook_viewer → 'viewer'...),
   * the most a staff member signed in through it may do; null when the login is in none of the
   * roles (the database's owner) and for a data file, whose key opens everything. */
  readonly loginRole: Role | null;
  /** That login's name, when loginRole is not null (null for the owner and for a data file). */
  readonly loginName: string | null;
  /** Calls `listener` with the data areas another process changed (a team database's other
   * members; a SQLite store has one owner, so never). */
  onOtherWriters(listener: (areas: string[]) => void): () => void;
  /** Closes the store and, unless kept (to reopen it after a restore), releases its lock. */
  close(options?: { keepLock?: boolean }): Promise<void>;
}

export interface OpenStoreOptions {
  /** Path of the data file, ':memory:' for tests that need no file, or a team database's
   * postgres:// connection string. */
  file: string;
  /** What opens it (store-keys.ts); none for a plaintext store. */
  key?: StoreUnlock | null;
  /** A team database's TLS setting (default: WORKSBOOK_DB_TLS, else verify-full). */
  tls?: TeamTls;
  /** Skip migrations (tests that build a database at an older version). */
  migrate?: boolean;
  /** Where backups go (before migrations, and plaintext ones to encrypt); default <dir>/backups. */
  backupDir?: string;
  /** Run SQLite's quick_check before the store is used (default true). It reads every page, so
   * it grows with the store (seconds at 100,000 people); a backend that starts with
   * `storeCheck: 'after-start'` runs it itself just after it starts answering (backend.ts). */
  quickCheck?: boolean;
  /** The lock this process already holds on the file (kept across a restore's reopen). */
  lock?: StoreLock | null;
  /** Keys already unlocked (reopening after a restore or a rekey): `key` is then not used. */
  keyring?: Keyring | null;
  /** With `keyring`: the secret of the way in the store was first opened with (store-keys.ts). */
  opener?: UnlockSecret | null;
}

/** Whether a --db value or a saved choice names a team database (a postgres:// connection string)
 * rather than a SQLite file: callers outside db/store ask here, never the PostgreSQL side. */
export function isTeamStoreAddress(text: string): boolean {
  return isTeamDatabaseUrl(text);
}

/** A team database's TLS setting by its name (--db-tls), or null if the name is not one. */
export function teamTlsSetting(text: string): TeamTls | null {
  return text === 'verify-full' || text === 'insecure-test-server' ? text : null;
}

export function defaultBackupDir(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

export class StoreCorruptError extends Error {
  constructor(readonly problems: string[]) {
    super(`The data file failed its integrity check (${problems.slice(0, 3).join('; ')}). Restore a backup.`);
    this.name = 'StoreCorruptError';
  }
}

/** Opens the store as its one owner: a second opener is refused (StoreLockedError) before anything is touched. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (options.file === ':memory:') return openOwnedStore(options, null);
  if (isTeamDatabaseUrl(options.file)) {
    const team = await openTeamStore(
      { url: options.file, tls: options.tls ?? tlsFromEnvironment() },
      { migrate: options.migrate !== false },
    );
    return {
      ...team,
      get sqlite(): Sqlite {
        throw new Error('This is a team database (PostgreSQL): there is no SQLite handle.');
      },
      key: null,
      // The server holds the data and its logins guard it: no store key, envelope or recovery key.
      keyring: null,
      envelopeFile: null,
      opener: null,
      recoveryKey: null,
      openNotes: [],
      lock: null,
      close: () => team.close(),
    };
  }
  // Before anything touches the disk, the lock file included: a store on a network share is
  // refused, not created there. The lock file sits beside the store, so its folder comes first.
  assertLocalStorePath(options.file);
  fs.mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
  const lock = options.lock ?? acquireStoreLock(options.file);
  try {
    return await openOwnedStore(options, lock);
  } catch (error) {
    if (!options.lock) lock.release();
    throw error;
  }
}

function keysInHand(file: string, keyring: Keyring, opener: UnlockSecret | null): StoreKeys {
  const candidates: StoreKey[] = [
    keyring.secrets.storeKey,
    ...(keyring.previousStoreKey ? [keyring.previousStoreKey] : []),
  ].map((bytes) => ({ kind: 'raw', bytes }));
  return {
    candidates,
    keyring,
    envelopeFile: envelopeFileOf(file),
    recoveryKey: null,
    pendingEnvelope: null,
    opener,
    notes: [],
  };
}

/** Opens the SQLite file with the first key that works (after an interrupted rekey, the old one). */
function applyFirstKey(sqlite: Sqlite, candidates: StoreKey[]): { isEncrypted: boolean; key: StoreKey | null } {
  if (!candidates.length) return { isEncrypted: applyKey(sqlite, null), key: null };
  for (const [i, key] of candidates.entries()) {
    try {
      return { isEncrypted: applyKey(sqlite, key), key };
    } catch (error) {
      if (!(error instanceof WrongKeyError) || i === candidates.length - 1) throw error;
    }
  }
  throw new WrongKeyError();
}

async function openOwnedStore(options: OpenStoreOptions, lock: StoreLock | null): Promise<Store> {
  const inMemory = options.file === ':memory:';
  const keys: StoreKeys = inMemory
    ? {
        candidates: [],
        keyring: null,
        envelopeFile: '',
        recoveryKey: null,
        pendingEnvelope: null,
        opener: null,
        notes: [],
      }
    : options.keyring
      ? keysInHand(options.file, options.keyring, options.opener ?? null)
      : unlockStoreKeys(options.file, options.key ?? null, new Date().toISOString());
  const first = keys.candidates[0] ?? null;
  const backupDir = options.backupDir ?? defaultBackupDir(options.file);
  const openNotes: string[] = [...keys.notes];
  if (!inMemory) {
    // A plaintext copy left by an encryption that a crash interrupted is removed for good.
    if (shredLeftoverPlaintext(options.file) > 0) openNotes.push('plaintext-leftover-shredded');
    // An existing plaintext store opened with a key is an upgrade: encrypt it (and its backups).
    if (first && isPlaintextDatabaseFile(options.file)) {
      encryptFileInPlace(options.file, first);
      openNotes.push('encrypted-in-place');
    }
    if (first && encryptPlaintextBackups(backupDir, first) > 0) openNotes.push('backups-encrypted');
  }
  const sqlite = new SqliteDatabase(options.file);
  try {
    const { isEncrypted, key } = applyFirstKey(sqlite, keys.candidates);
    // Upgrading a store from before key envelopes: its envelope is written once the key is proven.
    if (keys.pendingEnvelope) writeEnvelope(keys.envelopeFile, keys.pendingEnvelope.envelope);
    let keyring = keys.keyring;
    // A rekey a crash interrupted: the envelope follows whichever key the file opened with.
    if (keyring?.envelope.previousKeys && key?.kind === 'raw') {
      keyring = settleRekey(keyring, key.bytes);
      writeEnvelope(keys.envelopeFile, keyring.envelope);
      openNotes.push('rekey-settled');
    }
    if (!inMemory) makePrivate(options.file);
    // Keyed before the current PBKDF2 count: it opens, and moves to the current count on its next rekey.
    if (key?.kind === 'passphrase' && passphraseKdfIterations(sqlite) !== PASSPHRASE_KDF_ITERATIONS[0])
      openNotes.push('passphrase-kdf-legacy');
    applyDurabilityPragmas(sqlite);
    assertDurabilityPragmas(sqlite, inMemory);
    const problems = options.quickCheck === false ? [] : quickCheck(sqlite);
    if (problems.length) throw new StoreCorruptError(problems);
    const db = new Kysely<Database>({
      dialect: new WorksbookSqliteDialect({ database: withTolerantRollback(sqlite) }),
    });
    if (options.migrate !== false) {
      // A store that already has data gets a backup before its schema changes.
      const applied = await appliedMigrations(db);
      const pending = Object.keys(migrations).filter((m) => !applied.includes(m));
      if (!inMemory && applied.length > 0 && pending.length > 0) {
        writeBackupFile(sqlite, key, backupDir, 'pre-migration', new Date());
        openNotes.push('backup-before-migration');
      }
      await migrateToLatest(db);
    }
    return {
      kind: 'sqlite',
      file: options.file,
      sqlite,
      db,
      isEncrypted,
      key,
      keyring,
      envelopeFile: keyring ? keys.envelopeFile : null,
      opener: keyring ? keys.opener : null,
      recoveryKey: keys.recoveryKey,
      openNotes,
      lock,
      loginRole: null,
      loginName: null,
      onOtherWriters: () => () => {},
      async close({ keepLock = false } = {}) {
        await db.destroy(); // closes the sqlite handle too
        if (!keepLock) lock?.release();
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}
