// PostgreSQL-only: how a team database's connection string becomes the `pg` driver's settings.
// Each member of staff connects with their own database login (the server checks the password
// by SCRAM; the password never travels in clear), and the connection is TLS with the server's
// certificate and name verified (libpq's sslmode=verify-full) unless the setting says this is a
// test server. Anything weaker in the connection string is refused rather than quietly used.
import fs from 'node:fs';
import type { ClientConfig } from 'pg';

/** `verify-full`: TLS, certificate chain and host name checked (the default). `insecure-test-server`:
 * whatever the connection string says, TLS optional and unchecked: for a test server only. */
export type TeamTls = 'verify-full' | 'insecure-test-server';

export interface TeamConnection {
  url: string;
  tls: TeamTls;
}

export function isTeamDatabaseUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text.trim());
}

/** The TLS setting from the environment (WORKSBOOK_DB_TLS), verify-full when unset. */
export function tlsFromEnvironment(env: NodeJS.ProcessEnv = process.env): TeamTls {
  const value = env.WORKSBOOK_DB_TLS?.trim();
  if (!value) return 'verify-full';
  if (value === 'verify-full' || value === 'insecure-test-server') return value;
  throw new TeamConnectionError(
    `WORKSBOOK_DB_TLS is "${value}"; it must be verify-full (the default) or insecure-test-server.`,
  );
}

export class TeamConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamConnectionError';
  }
}

const WEAK_SSLMODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca']);

/** The connection string without its password, for messages, logs and the status screen. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return 'postgres://(unreadable connection string)';
  }
}

/** The driver's settings for a connection string, or a TeamConnectionError saying what to change. */
export function clientConfig(connection: TeamConnection): ClientConfig {
  let u: URL;
  try {
    u = new URL(connection.url);
  } catch {
    throw new TeamConnectionError('The team database address is not a valid postgres:// connection string.');
  }
  const params = u.searchParams;
  const sslmode = params.get('sslmode') ?? 'verify-full';
  const insecure = connection.tls === 'insecure-test-server';
  if (!insecure && WEAK_SSLMODES.has(sslmode))
    throw new TeamConnectionError(
      `The connection string asks for sslmode=${sslmode}; Worksbook connects to a team database only with ` +
        'sslmode=verify-full (TLS with the server certificate and name checked). For a test server only, ' +
        'set WORKSBOOK_DB_TLS=insecure-test-server (or --db-tls insecure-test-server).',
    );
  if (sslmode !== 'verify-full' && !WEAK_SSLMODES.has(sslmode))
    throw new TeamConnectionError(`Unknown sslmode "${sslmode}" in the connection string.`);
  const rootCert = params.get('sslrootcert') ?? process.env.WORKSBOOK_DB_CA ?? null;
  const socketHost = params.get('host');
  const host = socketHost ?? decodeURIComponent(u.hostname);
  const ssl: ClientConfig['ssl'] =
    insecure && (sslmode === 'disable' || !params.has('sslmode'))
      ? false
      : insecure
        ? { rejectUnauthorized: false }
        : {
            rejectUnauthorized: true,
            servername: host,
            ...(rootCert ? { ca: fs.readFileSync(rootCert, 'utf8') } : {}),
          };
  return {
    host,
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || process.env.PGUSER || undefined,
    password: u.password ? decodeURIComponent(u.password) : process.env.PGPASSWORD,
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || undefined,
    ssl,
    application_name: 'worksbook',
  };
}
