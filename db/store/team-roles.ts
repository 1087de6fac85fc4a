// Team mode's server roles for callers outside db/store (the CLI): the app's roles as PostgreSQL
// roles with grants (./postgres/team-roles.ts). A data file has no such thing: refused.
import type { Store } from './connection';
import { setUpTeamRoles, TEAM_ROLES } from './postgres/team-roles';
import { TeamMigrateRefused } from './team-migrate';

export { TEAM_ROLES };

export async function setUpServerRoles(store: Store): Promise<{ roles: string[]; tables: number }> {
  if (store.kind !== 'postgres')
    throw new TeamMigrateRefused('Server roles are for a team database (--db postgres://…), not a data file.');
  return setUpTeamRoles(store.db);
}
