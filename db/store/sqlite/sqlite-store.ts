// SQLite-only: the SQLite answers to everything db/store/dialect.ts asks of a store, assembled
// from the small modules beside this one. Features never import this; they import dialect.ts.
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
import { participantSearchCondition, purgeParticipantSearchTrace } from './participant-search';
import { totalChanges, watchWrites } from './write-watch';

export const sqliteStore: StoreDialect = {
  name: 'sqlite',
  participantSearchCondition,
  purgeParticipantSearchTrace,
  watchWrites,
  // Every row any statement changed on this connection, and the store has one connection.
  dataVersion: async (db) => String(await totalChanges(db)),
  integrityProblems: (db) => pragmaProblems(db, 'integrity_check'),
  async foreignKeyProblemCount(db) {
    const { rows } = await sql`pragma foreign_key_check`.execute(db);
    return rows.length;
  },
  async flushErasedPages(db) {
    // Fold the WAL (which holds old copies of pages) into the file, where secure_delete zeroed them.
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
  },
  backups: {
    write: writeStoreBackup,
    list: listBackupFiles,
    rotate: (dir) => rotateBackupFiles(dir),
    remove: removeBackupFiles,
    read: readBackupFile,
    replaceStore: replaceStoreFile,
  },
};
