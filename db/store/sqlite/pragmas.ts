// SQLite-only: the pragmas that make the store durable, and a check that they took effect.
// (A PostgreSQL store would have none of this; keep it in this one module.)
import type { Database as SqliteDatabase } from 'better-sqlite3-multiple-ciphers';

export const BUSY_TIMEOUT_MS = 5000;

export function applyDurabilityPragmas(sqlite: SqliteDatabase): void {
  sqlite.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL at synchronous=NORMAL, which can lose a committed transaction on
  // power loss. An acknowledged save must survive, so FULL.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Erased values (anonymisation, merges) must not linger in free pages.
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma('temp_store = MEMORY');
  sqlite.pragma('cache_size = -65536');
}

export interface PragmaReport {
  journalMode: string;
  synchronous: number;
  foreignKeys: number;
  busyTimeout: number;
  secureDelete: number;
}

export function readPragmas(sqlite: SqliteDatabase): PragmaReport {
  return {
    journalMode: String(sqlite.pragma('journal_mode', { simple: true })),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    foreignKeys: Number(sqlite.pragma('foreign_keys', { simple: true })),
    busyTimeout: Number(sqlite.pragma('busy_timeout', { simple: true })),
    secureDelete: Number(sqlite.pragma('secure_delete', { simple: true })),
  };
}

/** Refuses to run on a store whose settings did not take: better no app than a fragile one. */
export function assertDurabilityPragmas(sqlite: SqliteDatabase, inMemory: boolean): PragmaReport {
  const p = readPragmas(sqlite);
  const problems: string[] = [];
  if (!inMemory && p.journalMode !== 'wal') problems.push(`journal_mode is ${p.journalMode}, expected wal`);
  if (p.synchronous !== 2) problems.push(`synchronous is ${p.synchronous}, expected 2 (FULL)`);
  if (p.foreignKeys !== 1) problems.push('foreign_keys is off');
  if (p.busyTimeout < 1000) problems.push(`busy_timeout is ${p.busyTimeout}`);
  if (p.secureDelete !== 1) problems.push('secure_delete is off');
  if (problems.length) throw new Error(`Store settings did not take effect: ${problems.join('; ')}`);
  return p;
}

/** `quick_check` at start-up: cheap enough to run every time, catches most corruption. */
export function quickCheck(sqlite: SqliteDatabase): string[] {
  const rows = sqlite.pragma('quick_check') as Array<{ quick_check: string }>;
  return rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
}

export function integrityCheck(sqlite: SqliteDatabase): string[] {
  const rows = sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
}

export function foreignKeyCheck(sqlite: SqliteDatabase): unknown[] {
  return sqlite.pragma('foreign_key_check') as unknown[];
}
