// PostgreSQL-only: opens a team database. A pool of connections as this member of staff's own
// database login (db/store/postgres/team-connection.ts), the wire types set as on SQLite
// (pg-dialect.ts), the migrations applied in one transaction (once, whichever member's app gets
// there first: Kysely's migration lock), and one more connection that LISTENs for other
// backends' changes so every window sees them without a reload.
import { Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from '../schema';
import { migrateToLatest } from '../migrator';
import type { MigrationEntry } from '../migrations/index';
import { pgTypes, WorksbookPostgresDialect } from './pg-dialect';
import { clientConfig, displayUrl, type TeamConnection } from './team-connection';
import { rememberConnection } from './connections';
import { CHANGES_CHANNEL, parseChangeNotice } from './change-notices';
import { loginNameOf, loginRoleOf, reapplyTeamGrants } from './team-roles';
import { applyOrganisationScopes, scopesEnabled } from './team-scopes';
import { loginBindingStatements } from './team-logins';
import { auditChainGrantStatements } from './audit-chain';
import type { Role } from '../../../shared/contract/define';

export interface TeamStore {
  readonly kind: 'postgres';
  /** The connection string without its password. */
  readonly file: string;
  readonly db: Kysely<Database>;
  readonly isEncrypted: boolean;
  /** The app role this login holds on the server (team-roles.ts), or null for none (the owner). */
  readonly loginRole: Role | null;
  /** The login's name when it holds one of the app's roles (loginRole not null), else null: the
   * profile bound to it is the only one that signs in through it (login-binding.service.ts). */
  readonly loginName: string | null;
  /** Calls `listener` with the areas another backend changed, after its commit. */
  onOtherWriters(listener: (areas: string[]) => void): () => void;
  close(): Promise<void>;
}

const POOL_SIZE = 8;

/** Runs the migrations and, when they changed anything on a database whose server roles are set
 * up, sets the roles' privileges again in the same run (new tables and columns are covered without
 * running `cli team setup-roles` again). */
export async function migrateTeamDatabase(
  db: Kysely<Database>,
  list?: Record<string, MigrationEntry>,
): Promise<{ applied: string[]; grantsReapplied: boolean }> {
  const { applied } = await migrateToLatest(db, list);
  if (!applied.length) return { applied, grantsReapplied: false };
  const grantsReapplied = await db.transaction().execute(async (tx) => {
    const done = await reapplyTeamGrants(tx);
    // The checks binding each login to its profile, in their newest form.
    if (done)
      for (const statement of [...loginBindingStatements(), ...auditChainGrantStatements()])
        await statement.execute(tx);
    // A new table about people follows their organisation scope too.
    if (done && (await scopesEnabled(tx))) await applyOrganisationScopes(tx);
    return done;
  });
  return { applied, grantsReapplied };
}

export async function openTeamStore(
  connection: TeamConnection,
  options: { migrate?: boolean } = {},
): Promise<TeamStore> {
  const config = { ...clientConfig(connection), types: pgTypes };
  const pool = new pg.Pool({ ...config, max: POOL_SIZE, idleTimeoutMillis: 30_000 });
  // Our own connections, so their notices are not mistaken for another backend's.
  const ownPids = new Set<number>();
  pool.on('connect', (client) => {
    const pid = (client as unknown as { processID?: number }).processID;
    if (pid) ownPids.add(pid);
  });
  // An idle pooled connection the server drops (restart, failover) must not crash the backend.
  pool.on('error', () => {});
  const db = new Kysely<Database>({
    dialect: new WorksbookPostgresDialect({ pool }),
    // For developers only: the SQL text of a failing statement (parameters, i.e. data, never shown).
    ...(process.env.WORKSBOOK_SQL_DEBUG === '1'
      ? {
          log: (event) => {
            if (event.level === 'error')
              process.stderr.write(`SQL failed: ${String((event.error as Error).message)}\n  ${event.query.sql}\n`);
          },
        }
      : {}),
  });
  rememberConnection(db, config);
  try {
    if (options.migrate !== false) await migrateTeamDatabase(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let loginRole: Role | null;
  let loginName: string | null;
  try {
    loginRole = await loginRoleOf(db);
    loginName = loginRole ? await loginNameOf(db) : null;
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const listeners = new Set<(areas: string[]) => void>();
  let listener: pg.Client | null = null;
  let closed = false;
  const listen = async () => {
    if (closed || !listeners.size || listener) return;
    const client = new pg.Client(config);
    listener = client;
    client.on('notification', (n) => {
      if (n.channel !== CHANGES_CHANNEL || ownPids.has(n.processId)) return;
      const areas = parseChangeNotice(n.payload);
      if (areas) for (const l of listeners) l(areas);
    });
    const reconnect = () => {
      if (listener === client) listener = null;
      client.end().catch(() => {});
      if (!closed) setTimeout(() => void listen().catch(() => {}), 1000).unref();
    };
    client.on('error', reconnect);
    try {
      await client.connect();
      await client.query(`listen ${CHANGES_CHANNEL}`);
    } catch {
      reconnect();
    }
  };
  return {
    kind: 'postgres',
    file: displayUrl(connection.url),
    db,
    isEncrypted: connection.tls === 'verify-full',
    loginRole,
    loginName,
    onOtherWriters(l) {
      listeners.add(l);
      void listen();
      return () => listeners.delete(l);
    },
    async close() {
      closed = true;
      const l = listener;
      listener = null;
      await l?.end().catch(() => {});
      await db.destroy();
    },
  };
}
