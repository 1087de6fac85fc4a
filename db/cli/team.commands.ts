// `team migrate --from <file> --to postgres://…`: moving a programme from one laptop's data file
// (solo mode) to a team database. `team setup-roles --db postgres://…`: the app's roles as the
// server's (db/store/postgres/team-roles.ts), run by the database's owner. The copy is db/store/team-migrate.ts (all tables, ids kept, one
// transaction); here: open both stores, copy, then check what a person would: the row counts
// match table by table and the audit chain verifies on the team database as it did on the file.
import fs from 'node:fs';
import path from 'node:path';
import { CliExit, type CliIo, type OwnStoresCommand } from './command';
import { isTeamStoreAddress, openStore, teamTlsSetting, type Store } from '../store/connection';
import { copySoloStoreToTeam, TeamMigrateRefused } from '../store/team-migrate';
import { setServerScope, setUpServerRoles, TEAM_ROLES } from '../store/team-roles';
import { resolveStoreKey } from '../backend/store-key';
import { verifyAuditChain } from '../features/trust/audit-verify';
import { auditHeadFileOf, readAuditHead } from '../features/audit/audit-head';
import { setDatabaseLogin, teamLoginsView } from '../features/trust/login-binding.service';
import { writeTransaction } from '../store/dialect';
import { AppFailure } from '../../shared/result';

function fail(io: CliIo, message: string, code = 2): never {
  io.err(`error: ${message}`);
  throw new CliExit(code);
}

export const teamCommand: OwnStoresCommand = {
  name: 'team',
  summary: 'Team database: copy a solo data file into it (migrate); set up its server roles (setup-roles)',
  usage:
    'team migrate --from <file> --to postgres://… [--json] | team setup-roles --db postgres://… | ' +
    'team scope --db postgres://… --organisation <id> --sees all|referred [--referral-source <code>] [--login <name>] | ' +
    'team login --db postgres://… --login <name> --staff <profile id>|none',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    organisation: { type: 'string' },
    sees: { type: 'string' },
    'referral-source': { type: 'string' },
    login: { type: 'string' },
    staff: { type: 'string' },
  },
  async runOwnStores(args, io) {
    if (args.positionals[0] === 'setup-roles') return setupRoles(args.values, io);
    if (args.positionals[0] === 'scope') return scope(args.values, io);
    if (args.positionals[0] === 'login') return bindLogin(args.values, io);
    if (args.positionals[0] !== 'migrate')
      fail(
        io,
        `unknown team command "${args.positionals[0] ?? ''}"; try: team migrate, team setup-roles, team scope, team login`,
      );
    const { values } = args;
    if (typeof values.from !== 'string') fail(io, '--from <data file> is required.');
    if (typeof values.to !== 'string' || !isTeamStoreAddress(values.to))
      fail(io, '--to must be a team database, postgres://login@host/database.');
    const from = path.resolve(values.from);
    // Never create an empty data file by mistake: the file to copy must be there.
    if (!fs.existsSync(from)) fail(io, `there is no data file at ${from}.`);
    const tls = tlsOption(values, io);
    const keyFile = values['key-file'];
    const key = await resolveStoreKey(from, {
      keyFile: typeof keyFile === 'string' ? keyFile : undefined,
      plaintext: values.plaintext === true,
    });

    const opened: Store[] = [];
    try {
      const source = await openStore({ file: from, key });
      opened.push(source);
      const target = await openStore({ file: values.to, tls });
      opened.push(target);
      // A data file's chain is keyed with the audit key from its envelope, its end recorded in the
      // head beside it (a keyed file always has one).
      const sourceChain = await verifyAuditChain(source.db, {
        auditKey: source.keyring?.secrets.auditKey ?? null,
        head: readAuditHead(auditHeadFileOf(from)),
      });
      if (!sourceChain.ok)
        fail(io, `the data file's audit log does not verify (${sourceChain.problem}); nothing copied.`, 1);
      const result = await copySoloStoreToTeam(source, target);
      // The team database keeps the keys of its chain itself, the file's among them (audit-chain.ts).
      const chain = await verifyAuditChain(target.db);
      // The copy adds one entry (where the team database's own audit key takes over the chain); a
      // finished copy used since has more; never fewer. On the team database the check uses the
      // keys the server keeps, the file's among them.
      const expected =
        result.outcome === 'copied' ? chain.checked === sourceChain.checked + 1 : chain.checked >= sourceChain.checked;
      if (!chain.ok || !expected)
        fail(io, `the copied audit log does not verify (${chain.problem ?? `${chain.checked} entries`}).`, 1);
      const rows = result.tables.reduce((n, t) => n + t.rows, 0);
      if (values.json)
        io.out(JSON.stringify({ ...result, auditEntriesVerified: chain.checked, to: target.file }, null, 2));
      else {
        io.out(
          result.outcome === 'copied'
            ? `Copied ${rows} rows in ${result.tables.length} tables to ${target.file}.`
            : `${target.file} already holds this data file's copy; nothing copied again.`,
        );
        io.out(`Checked: every table's row count matches; the audit log (${chain.checked} entries) verifies.`);
      }
      return 0;
    } catch (error) {
      if (error instanceof TeamMigrateRefused) fail(io, error.message, 1);
      throw error;
    } finally {
      for (const store of opened.reverse()) await store.close();
    }
  },
};

function tlsOption(values: Record<string, unknown>, io: CliIo) {
  const tlsName = values['db-tls'];
  const tls = typeof tlsName === 'string' ? teamTlsSetting(tlsName) : undefined;
  if (tls === null) fail(io, '--db-tls must be verify-full (the default) or insecure-test-server.');
  return tls;
}

async function openTeam(values: Record<string, unknown>, io: CliIo): Promise<Store> {
  const address = values.db ?? process.env.WORKSBOOK_DB_URL;
  if (typeof address !== 'string' || !isTeamStoreAddress(address))
    fail(io, '--db must be the team database, postgres://owner@host/database.');
  return openStore({ file: address, tls: tlsOption(values, io) });
}

/** `team scope`: which participants an organisation's staff see (row-level security). */
async function scope(values: Record<string, unknown>, io: CliIo): Promise<number> {
  const organisationId = Number(values.organisation);
  if (!Number.isInteger(organisationId) || organisationId < 1) fail(io, '--organisation <id> is required.');
  const source = values['referral-source'];
  if (values.sees !== 'all' && !(values.sees === 'referred' && typeof source === 'string' && source))
    fail(io, '--sees must be all, or referred with --referral-source <code> (for example jcp).');
  const login = typeof values.login === 'string' ? values.login : undefined;
  const store = await openTeam(values, io);
  try {
    await setServerScope(
      store,
      organisationId,
      values.sees === 'all' ? { sees: 'all' } : { sees: 'referred', referralSource: String(source) },
      login,
    );
    io.out(
      `Organisation ${organisationId}'s staff see ${values.sees === 'all' ? 'every participant' : `the people referred by ${String(source)}`}` +
        (login ? `; ${login} is one of them.` : '.'),
    );
    return 0;
  } catch (error) {
    if (error instanceof TeamMigrateRefused) fail(io, error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}

async function setupRoles(values: Record<string, unknown>, io: CliIo): Promise<number> {
  const store = await openTeam(values, io);
  try {
    const done = await setUpServerRoles(store);
    io.out(`Set the privileges of ${done.roles.join(', ')} on the ${done.tables} tables of ${store.file}.`);
    io.out(
      `Give each member of staff their own login in the role of their job, for example:\n` +
        `  CREATE ROLE jo_officer LOGIN PASSWORD '…' IN ROLE ${TEAM_ROLES.officer};\n` +
        `then link it to their staff profile (Settings → Staff and roles, or: team login --login jo_officer --staff <id>).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof TeamMigrateRefused) fail(io, error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}

/** `team login`: binds a staff login to a staff profile (`--staff none`: unbinds it), the same
 * statement and audit entry as Settings → Staff and roles. The database's owner runs it, for example
 * to link the first administrator's own login. */
async function bindLogin(values: Record<string, unknown>, io: CliIo): Promise<number> {
  const login = values.login;
  if (typeof login !== 'string' || !login) fail(io, '--login <name> is required.');
  const staffId = Number(values.staff);
  if (values.staff !== 'none' && !(Number.isInteger(staffId) && staffId > 0))
    fail(io, '--staff <profile id> is required (or --staff none to unlink the login).');
  const store = await openTeam(values, io);
  try {
    const actor = { staffId: null, now: new Date().toISOString() };
    if (values.staff === 'none') {
      const bound = (await teamLoginsView(store.db)).logins.find((l) => l.login === login)?.staffId ?? null;
      if (bound === null) {
        io.out(`${login} is not linked to any staff profile.`);
        return 0;
      }
      await writeTransaction(store.db).execute((tx) => setDatabaseLogin(tx, actor, { id: bound, login: null }));
      io.out(`${login} is no longer linked to a staff profile.`);
      return 0;
    }
    const staff = await writeTransaction(store.db).execute((tx) => setDatabaseLogin(tx, actor, { id: staffId, login }));
    io.out(`${login} now signs in only as ${staff.displayName}.`);
    return 0;
  } catch (error) {
    if (error instanceof AppFailure) fail(io, error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}
