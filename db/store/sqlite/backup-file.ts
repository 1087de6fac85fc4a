// SQLite-only: writing, checking, listing, rotating and restoring backup files.
//
// Why VACUUM INTO and not better-sqlite3's db.backup(): the online backup API in
// better-sqlite3-multiple-ciphers opens the target file itself, without a key, and SQLite3MC then
// refuses ("backup is not supported with incompatible source and target databases"). VACUUM INTO
// is SQLite's other online snapshot: one read transaction gives a consistent copy while WAL lets
// other connections keep writing, SQLite3MC encrypts the copy with the store's own key, and the
// copy is compacted, so values erased with secure_delete do not linger in a backup's free pages.
// The copy goes to a temporary name, is opened with the key and integrity-checked, fsynced and
// only then renamed: a backup that exists is a backup that works.
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase, { type Database as Sqlite } from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from '../schema';
import { applyKey, type StoreKey } from './encryption';
import { integrityCheck, quickCheck } from './pragmas';
import { makePrivate } from '../private-file';

export const backupReasons = [
  'daily',
  'manual',
  'pre-migration',
  'pre-import',
  'pre-restore',
  'pre-anonymise',
  'pre-bulk',
] as const;
export type BackupReason = (typeof backupReasons)[number];

export interface BackupFileInfo {
  name: string;
  file: string;
  takenAt: string;
  reason: BackupReason;
  bytes: number;
}

const NAME = /^worksbook-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z-]+)\.sqlite$/;

export function backupFileName(at: Date, reason: BackupReason): string {
  const iso = at.toISOString(); // 2026-11-23T10:00:00.000Z
  return `worksbook-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${iso.slice(20, 23)}Z-${reason}.sqlite`;
}

export function parseBackupName(name: string): { takenAt: string; reason: BackupReason } | null {
  const m = NAME.exec(name);
  if (!m || !(backupReasons as readonly string[]).includes(m[6]!)) return null;
  return { takenAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`, reason: m[6] as BackupReason };
}

function fsync(target: string, flags: 'r' | 'r+' = 'r+'): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(target, flags);
    fs.fsyncSync(fd);
  } catch {
    // Directories cannot be fsynced on every platform (Windows); the file itself was.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** Opens a database file with a key, read-only, runs `fn`, closes it. */
function withDatabaseFile<T>(file: string, key: StoreKey | null, fn: (db: Sqlite) => T): T {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(db, key);
    return fn(db);
  } finally {
    db.close();
  }
}

export class BackupFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupFailedError';
  }
}

interface BackupTarget {
  name: string;
  final: string;
  partial: string;
}

function newBackupTarget(dir: string, reason: BackupReason, at: Date, problems: string[]): BackupTarget {
  if (problems.length)
    throw new BackupFailedError(`The data file failed its check, so no backup was taken: ${problems[0]}`);
  fs.mkdirSync(dir, { recursive: true });
  let name = backupFileName(at, reason);
  // Two backups in the same millisecond (tests, a quick retry) must not overwrite each other.
  for (let i = 1; fs.existsSync(path.join(dir, name)); i++) name = backupFileName(new Date(at.getTime() + i), reason);
  const partial = path.join(dir, `.partial-${name}`);
  fs.rmSync(partial, { force: true });
  return { name, final: path.join(dir, name), partial };
}

/** After the copy is written: checks it with the key, fsyncs it and renames it into place. */
function completeBackup(target: BackupTarget, key: StoreKey | null, reason: BackupReason): BackupFileInfo {
  const { name, final, partial } = target;
  try {
    const copyProblems = withDatabaseFile(partial, key, (db) => integrityCheck(db));
    if (copyProblems.length)
      throw new BackupFailedError(`The backup copy failed its integrity check: ${copyProblems[0]}`);
    makePrivate(partial);
    fsync(partial);
    fs.renameSync(partial, final);
    fsync(path.dirname(final), 'r');
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return { name, file: final, takenAt: parseBackupName(name)!.takenAt, reason, bytes: fs.statSync(final).size };
}

/** Snapshots the store on a raw handle (while opening it, before migrations). */
export function writeBackupFile(
  sqlite: Sqlite,
  key: StoreKey | null,
  dir: string,
  reason: BackupReason,
  at: Date,
): BackupFileInfo {
  const target = newBackupTarget(dir, reason, at, quickCheck(sqlite));
  try {
    sqlite.prepare('vacuum into ?').run(target.partial);
  } catch (error) {
    fs.rmSync(target.partial, { force: true });
    throw error;
  }
  return completeBackup(target, key, reason);
}

/** Snapshots the open store through its Kysely handle (outside any transaction: VACUUM refuses
 * to run inside one). */
export async function writeStoreBackup(
  db: Kysely<Database>,
  key: StoreKey | null,
  dir: string,
  reason: BackupReason,
  at: Date,
): Promise<BackupFileInfo> {
  const target = newBackupTarget(dir, reason, at, await pragmaProblems(db, 'quick_check'));
  try {
    await sql`vacuum into ${target.partial}`.execute(db);
  } catch (error) {
    fs.rmSync(target.partial, { force: true });
    throw error;
  }
  return completeBackup(target, key, reason);
}

/** The rows of `pragma integrity_check` or `quick_check` that are not "ok". */
export async function pragmaProblems(
  db: Kysely<Database>,
  check: 'quick_check' | 'integrity_check',
): Promise<string[]> {
  const { rows } = await sql<Record<string, string>>`pragma ${sql.raw(check)}`.execute(db);
  return rows.map((r) => String(Object.values(r)[0])).filter((r) => r !== 'ok');
}

/** Opens a backup file read-only with the key as a Kysely handle, runs `read`, closes it. */
export async function readBackupFile<T>(
  file: string,
  key: StoreKey | null,
  read: (backup: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    applyKey(sqlite, key);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  const backup = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    return await read(backup);
  } finally {
    await backup.destroy(); // closes the file
  }
}

export function listBackupFiles(dir: string): BackupFileInfo[] {
  if (!fs.existsSync(dir)) return [];
  const out: BackupFileInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const file = path.join(dir, name);
    out.push({ name, file, ...parsed, bytes: fs.statSync(file).size });
  }
  return out.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

export interface RotationPolicy {
  daily: number;
  weekly: number;
  preOperation: number;
}
export const DEFAULT_ROTATION: RotationPolicy = { daily: 7, weekly: 4, preOperation: 10 };

function isoWeek(dateIso: string): string {
  const d = new Date(`${dateIso.slice(0, 10)}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  d.setUTCDate(d.getUTCDate() - day + 3); // Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week =
    1 +
    Math.round(
      (d.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - (((firstThursday.getUTCDay() + 6) % 7) - 3) / 7,
    );
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** Which backups to keep: the newest per day for `daily` days, then the newest per week for
 * `weekly` more weeks (scheduled and manual backups); the newest `preOperation` of the rest. */
export function backupsToDelete(
  backups: BackupFileInfo[],
  policy: RotationPolicy = DEFAULT_ROTATION,
): BackupFileInfo[] {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of newestFirst.filter((x) => x.reason === 'daily' || x.reason === 'manual')) {
    const day = b.takenAt.slice(0, 10);
    const week = isoWeek(day);
    if (days.size < policy.daily && !days.has(day)) {
      days.add(day);
      keep.add(b.name);
    } else if (
      !days.has(day) &&
      weeks.size < policy.weekly &&
      !weeks.has(week) &&
      ![...days].some((d) => isoWeek(d) === week)
    ) {
      weeks.add(week);
      keep.add(b.name);
    }
  }
  for (const b of newestFirst
    .filter((x) => x.reason !== 'daily' && x.reason !== 'manual')
    .slice(0, policy.preOperation))
    keep.add(b.name);
  return newestFirst.filter((b) => !keep.has(b.name));
}

/** Deletes backups past the policy, each with its companion files (`<backup>.keys`). */
export function rotateBackupFiles(dir: string, policy: RotationPolicy = DEFAULT_ROTATION): string[] {
  const doomed = backupsToDelete(listBackupFiles(dir), policy);
  for (const b of doomed) {
    fs.rmSync(`${b.file}.keys`, { force: true });
    fs.rmSync(b.file, { force: true });
  }
  return doomed.map((b) => b.name);
}

export function removeBackupFiles(backups: readonly BackupFileInfo[]): void {
  for (const b of backups) fs.rmSync(b.file, { force: true });
}

/** Puts a checked copy of `backupFile` in place of `storeFile` (which must be closed). */
export function replaceStoreFile(storeFile: string, backupFile: string): void {
  const incoming = `${storeFile}.restoring`;
  fs.copyFileSync(backupFile, incoming);
  makePrivate(incoming);
  fsync(incoming);
  for (const ext of ['-wal', '-shm', '-journal']) fs.rmSync(`${storeFile}${ext}`, { force: true });
  fs.renameSync(incoming, storeFile);
  fsync(path.dirname(storeFile), 'r');
}
