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

function fail(io: CliIo, message: string, code = 2): never {
  io.err(`error: ${message}`);
  throw new CliExit(code);
}

export const teamCommand: OwnStoresCommand = {
  name: 'team',
  summary: 'Team database: copy a solo data file into it (migrate); set up its server roles (setup-roles)',
  usage:
    'team migrate --from <file> --to postgres://… [--json] | team setup-roles --db postgres://… | ' +
    'team scope --db postgres://… --organisation <id> --sees all|referred [--referral-source <code>] [--login <name>]',
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    organisation: { type: 'string' },
    sees: { type: 'string' },
    'referral-source': { type: 'string' },
    login: { type: 'string' },
  },
  async runOwnStores(args, io) {
    if (args.positionals[0] === 'setup-roles') return setupRoles(args.values, io);
    if (args.positionals[0] === 'scope') return scope(args.values, io);
    if (args.positionals[0] !== 'migrate')
      fail(io, `unknown team command "${args.positionals[0] ?? ''}"; try: team migrate, team setup-roles`);
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
      // A data file's chain is keyed with the audit key from its envelope; the copy carries the same entries.
      const keyed = { auditKey: source.keyring?.secrets.auditKey ?? null, head: { kind: 'missing' as const } };
      const sourceChain = await verifyAuditChain(source.db, keyed);
      if (!sourceChain.ok)
        fail(io, `the data file's audit log does not verify (${sourceChain.problem}); nothing copied.`, 1);
      const result = await copySoloStoreToTeam(source, target);
      const chain = await verifyAuditChain(target.db, keyed);
      // A finished copy used since has more entries than the file; never fewer.
      const expected =
        result.outcome === 'copied' ? chain.checked === sourceChain.checked : chain.checked >= sourceChain.checked;
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
        `  CREATE ROLE jo_officer LOGIN PASSWORD '…' IN ROLE ${TEAM_ROLES.officer};`,
    );
    return 0;
  } catch (error) {
    if (error instanceof TeamMigrateRefused) fail(io, error.message, 1);
    throw error;
  } finally {
    await store.close();
  }
}
