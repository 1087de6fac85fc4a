// PostgreSQL-only: backups of a team database. The server is the council's, and so are its
// backups (base backups and WAL archiving give point-in-time recovery): a laptop's copy of the
// whole team's data would be one more copy of everyone's personal data to protect. So nothing is
// copied automatically (not daily, not before a bulk write: `beforeBulkWrites` is false), and a
// backup asked for by an administrator is a pg_dump file when pg_dump is installed and able to
// dump this server; otherwise the answer says that the server's backups apply. Restoring is the
// database administrator's job (pg_restore), never the app's.
import { AppFailure } from '../../../shared/result';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { BackupFileInfo, BackupReason } from '../sqlite/backup-file';
import { backupReasons } from '../sqlite/backup-file';
import type { Database } from '../schema';
import type { StoreBackups } from '../dialect';
import { connectionOf } from './connections';

/** A typed refusal (the caller hears why), not an internal error: the server's backups are the real ones. */
export class ServerBackupsApply extends AppFailure {
  constructor(reason: string) {
    super(
      'conflict',
      `This is a team database: the server's own backups apply (${reason}). ` +
        'Ask the database administrator for its backup and restore arrangements.',
    );
    this.name = 'ServerBackupsApply';
  }
}

const NAME = /^worksbook-(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z-([a-z-]+)\.pgdump$/;

function dumpName(at: Date, reason: BackupReason): string {
  const iso = at.toISOString();
  return `worksbook-${iso.slice(0, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${iso.slice(20, 23)}Z-${reason}.pgdump`;
}

/** The newest pg_dump on this computer: PATH first, then Debian's versioned folders. */
export function findPgDump(): string | null {
  const onPath = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  if (onPath.status === 0) return 'pg_dump';
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'pg_dump')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0]!, 'bin', 'pg_dump') : null;
}

async function writeDump(db: Kysely<Database>, dir: string, reason: BackupReason, at: Date): Promise<BackupFileInfo> {
  const pgDump = findPgDump();
  if (!pgDump) throw new ServerBackupsApply('pg_dump is not installed on this computer');
  const config = connectionOf(db);
  if (!config) throw new ServerBackupsApply('this connection cannot be dumped');
  fs.mkdirSync(dir, { recursive: true });
  const name = dumpName(at, reason);
  const file = path.join(dir, name);
  const partial = `${file}.partial`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PGHOST: String(config.host ?? ''),
    PGPORT: String(config.port ?? 5432),
    PGUSER: String(config.user ?? ''),
    PGDATABASE: String(config.database ?? ''),
    PGPASSWORD: typeof config.password === 'string' ? config.password : '',
    // The same TLS rule as the app's own connections (team-connection.ts).
    PGSSLMODE: !config.ssl
      ? 'disable'
      : config.ssl === true || config.ssl.rejectUnauthorized
        ? 'verify-full'
        : 'require',
  };
  try {
    execFileSync(pgDump, ['--format=custom', '--no-owner', `--file=${partial}`], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    const why = /server version mismatch/i.test(stderr)
      ? 'the pg_dump on this computer is older than the server'
      : /permission denied/i.test(stderr)
        ? 'this login may not read every table'
        : 'pg_dump could not dump the database';
    throw new ServerBackupsApply(why);
  }
  fs.renameSync(partial, file);
  return { name, file, takenAt: at.toISOString(), reason, bytes: fs.statSync(file).size };
}

function listDumps(dir: string): BackupFileInfo[] {
  if (!fs.existsSync(dir)) return [];
  const found: BackupFileInfo[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = NAME.exec(name);
    if (!m || !(backupReasons as readonly string[]).includes(m[6]!)) continue;
    const file = path.join(dir, name);
    found.push({
      name,
      file,
      takenAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`,
      reason: m[6] as BackupReason,
      bytes: fs.statSync(file).size,
    });
  }
  return found.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

export const postgresBackups: StoreBackups = {
  beforeBulkWrites: false,
  write: (db, _key, dir, reason, at) => writeDump(db, dir, reason, at),
  list: listDumps,
  // Dumps are taken only on request: the administrator keeps or deletes them.
  rotate: () => [],
  // A dump holding people erased too long ago goes, as a SQLite backup would (docs/retention.md).
  remove(backups) {
    for (const b of backups) fs.rmSync(b.file, { force: true });
  },
  read() {
    throw new ServerBackupsApply('a team database is restored with pg_restore by its administrator');
  },
  replaceStore() {
    throw new ServerBackupsApply('a team database is restored with pg_restore by its administrator');
  },
  rekeyCopy() {
    throw new ServerBackupsApply('a team database has no store key: its server and logins protect it');
  },
};
