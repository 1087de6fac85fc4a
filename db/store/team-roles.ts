// Team mode's server roles and organisation scopes for callers outside db/store (the CLI): the
// app's roles as PostgreSQL roles with grants (./postgres/team-roles.ts), and which participants
// each organisation's staff see, by row-level security (./postgres/team-scopes.ts). A data file
// has neither: refused.
import type { Store } from './connection';
import { setUpTeamRoles, TEAM_ROLES } from './postgres/team-roles';
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { storeKindOf } from './dialect';
import {
  enableOrganisationScopes,
  organisationScopes,
  scopesEnabled,
  setLoginOrganisation,
  setOrganisationScope,
} from './postgres/team-scopes';
import { TeamMigrateRefused } from './team-migrate';
import { installLoginBinding, staffLogins } from './postgres/team-logins';
import {
  auditChainGrantStatements,
  mayKeyAuditChain,
  serverChainKeys,
  startServerAuditChain,
} from './postgres/audit-chain';
import type { Role } from '../../shared/contract/define';

export { TEAM_ROLES };

function teamOnly(store: Store): void {
  if (store.kind !== 'postgres')
    throw new TeamMigrateRefused('Server roles are for a team database (--db postgres://…), not a data file.');
}

export async function setUpServerRoles(store: Store): Promise<{ roles: string[]; tables: number }> {
  teamOnly(store);
  const done = await setUpTeamRoles(store.db);
  await installLoginBinding(store.db);
  for (const statement of auditChainGrantStatements()) await statement.execute(store.db);
  await enableOrganisationScopes(store.db);
  return done;
}

/** What an organisation's staff see, and optionally a login joining it. */
export async function setServerScope(
  store: Store,
  organisationId: number,
  scope: OrganisationScope,
  login?: string,
): Promise<void> {
  teamOnly(store);
  await enableOrganisationScopes(store.db);
  await setOrganisationScope(store.db, organisationId, scope);
  if (login) await setLoginOrganisation(store.db, login, organisationId);
}

export type OrganisationScope = { sees: 'all' } | { sees: 'referred'; referralSource: string };

/** The organisations' scopes as the app shows them: null when this is not a team database, or its
 * scopes have not been set up (`cli team setup-roles`). */
export async function readServerScopes(
  db: Kysely<Database>,
): Promise<Array<{ organisationId: number; sees: 'all' | 'referred'; referralSource: string | null }> | null> {
  if (storeKindOf(db) !== 'postgres' || !(await scopesEnabled(db))) return null;
  return organisationScopes(db);
}

/** Changes an organisation's scope from the app, in the caller's transaction: the same statement
 * as `cli team scope`. Refused on a data file, or before the scopes are set up. */
export async function writeServerScope(tx: Kysely<Database>, organisationId: number, scope: OrganisationScope) {
  if (storeKindOf(tx) !== 'postgres')
    throw new TeamMigrateRefused('Organisation scopes are for a team database, not a data file.');
  if (!(await scopesEnabled(tx)))
    throw new TeamMigrateRefused(
      "This team database's server roles are not set up yet: its owner runs `cli team setup-roles` first.",
    );
  await setOrganisationScope(tx, organisationId, scope);
}

/** The team database's staff logins with their roles: null on a data file, which has none. */
export async function readStaffLogins(db: Kysely<Database>): Promise<Array<{ login: string; role: Role }> | null> {
  return storeKindOf(db) === 'postgres' ? staffLogins(db) : null;
}

/** The keys a team database chains its audit log with, by epoch (postgres/audit-chain.ts): null on a
 * data file or a team database that keeps none; 'refused' for a login that may not read them. */
export async function readServerChainKeys(db: Kysely<Database>) {
  return storeKindOf(db) === 'postgres' ? serverChainKeys(db) : null;
}

/**
 * A team database started empty (not copied from a data file) is keyed when its first administrator
 * is made, in that transaction, by the database's owner: from then on the database chains every
 * entry with a key of its own (postgres/audit-chain.ts), as after a copy, so a staff login with
 * psql cannot write an entry that chains as the app's would. Nothing on a data file (its envelope
 * keys its chain), on a database already keyed, or through a login that cannot set it up (the
 * chain then stays as the app writes it, as before). `team migrate` is not affected: it copies
 * only into a database with no staff, and this runs as the first staff profile is made.
 */
export async function keyNewTeamAuditChain(tx: Kysely<Database>, at: string): Promise<void> {
  if (storeKindOf(tx) !== 'postgres') return;
  if ((await serverChainKeys(tx)) !== null || !(await mayKeyAuditChain(tx))) return;
  await startServerAuditChain(tx, { fileKey: null, fileKeyedFrom: null, at, startedEmpty: true });
}
