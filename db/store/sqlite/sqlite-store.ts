// SQLite-only: the SQLite answers to everything db/store/dialect.ts asks of a store, assembled
// from the small modules beside this one. Features never import this; they import dialect.ts.
import fs from 'node:fs';
import { sql } from 'kysely';
import type { StoreDialect } from '../dialect';
import {
  listBackupFiles,
  pragmaProblems,
  readBackupFile,
  replaceStoreFile,
  rotateBackupFiles,
  removeBackupFiles,
  writeStoreBackup,
} from './backup-file';
import {
  mergeParticipantSearch,
  participantSearchCondition,
  participantSearchPage,
  purgeParticipantSearchTrace,
  withParticipantIndexFilledOnce,
} from './participant-search';
import { totalChanges, watchWrites } from './write-watch';
import { rekeyFile } from './encrypt-in-place';

export const sqliteStore: StoreDialect = {
  name: 'sqlite',
  participantSearchCondition,
  // INDEXED BY: fails loudly ("no such index") rather than silently reading the wide rows.
  // The alias carries the INDEXED BY clause, which SQLite takes after it: `participants as p indexed by …`.
  participantsByIdNarrow: (alias) =>
    sql.table('participants').as(sql`${sql.id(alias)} indexed by participants_id_person`),
  participantSearchPage,
  purgeParticipantSearchTrace,
  mergeParticipantSearch,
  withParticipantIndexFilledOnce,
  watchWrites,
  // Every row any statement changed on this connection, and the store has one connection.
  dataVersion: async (db) => String(await totalChanges(db)),
  integrityProblems: (db) => pragmaProblems(db, 'integrity_check'),
  quickCheckProblems: (db) => pragmaProblems(db, 'quick_check'),
  async foreignKeyProblemCount(db) {
    const { rows } = await sql`pragma foreign_key_check`.execute(db);
    return rows.length;
  },
  async flushErasedPages(db) {
    // Fold the WAL (which holds old copies of pages) into the file, where secure_delete zeroed them.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  },
  storeBytes: async (_db, file) => (file === ':memory:' ? 0 : fs.statSync(file).size),
  // One owner process: nobody else to tell, and writers never race (BEGIN IMMEDIATE).
  async announceChanges() {},
  isRetryableConflict: () => false,
  describeFailure(error) {
    const raw = (error as { code?: unknown } | null)?.code;
    const code = typeof raw === 'string' ? raw : null;
    // SQLite's messages name columns and constraints, never values.
    const safeMessage = error instanceof Error ? error.message.slice(0, 200) : '';
    const kind = code?.startsWith('SQLITE_FULL')
      ? 'disk-full'
      : code?.startsWith('SQLITE_IOERR')
        ? 'io'
        : code?.startsWith('SQLITE_CONSTRAINT')
          ? 'constraint'
          : null;
    return { kind, code, safeMessage };
  },
  backups: {
    beforeBulkWrites: true,
    write: writeStoreBackup,
    list: listBackupFiles,
    rotate: (dir) => rotateBackupFiles(dir),
    remove: removeBackupFiles,
    read: readBackupFile,
    replaceStore: replaceStoreFile,
    rekeyCopy: rekeyFile,
  },
};
