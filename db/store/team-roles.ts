// Team mode's server roles and organisation scopes for callers outside db/store (the CLI): the
// app's roles as PostgreSQL roles with grants (./postgres/team-roles.ts), and which participants
// each organisation's staff see, by row-level security (./postgres/team-scopes.ts). A data file
// has neither: refused.
import type { Store } from './connection';
import { setUpTeamRoles, TEAM_ROLES } from './postgres/team-roles';
import { enableOrganisationScopes, setLoginOrganisation, setOrganisationScope } from './postgres/team-scopes';
import { TeamMigrateRefused } from './team-migrate';

export { TEAM_ROLES };

function teamOnly(store: Store): void {
  if (store.kind !== 'postgres')
    throw new TeamMigrateRefused('Server roles are for a team database (--db postgres://…), not a data file.');
}

export async function setUpServerRoles(store: Store): Promise<{ roles: string[]; tables: number }> {
  teamOnly(store);
  const done = await setUpTeamRoles(store.db);
  await enableOrganisationScopes(store.db);
  return done;
}

/** What an organisation's staff see, and optionally a login joining it. */
export async function setServerScope(
  store: Store,
  organisationId: number,
  scope: { sees: 'all' } | { sees: 'referred'; referralSource: string },
  login?: string,
): Promise<void> {
  teamOnly(store);
  await enableOrganisationScopes(store.db);
  await setOrganisationScope(store.db, organisationId, scope);
  if (login) await setLoginOrganisation(store.db, login, organisationId);
}
