// A team database login belongs to one staff profile (issue 18). The server checked the login's own
// password (SCRAM) when the app connected, so the login says who is at the keyboard; the profile
// bound to it (staff.database_login) is then the only one offered and signed in through it, and
// the audit log cannot name someone else. The team database holds every login to the same rule
// (db/store/postgres/team-logins.ts).
//
// An unbound login signs in as no one until an administrator binds it (Settings → Staff and roles,
// or `cli team login` by the database's owner). Considered and not chosen: matching the login's
// name with a profile's (names and login names rarely agree: "Jo Bloggs" and "jbloggs"; a match
// found today may be someone else's tomorrow), and binding on first sign-in (whoever connects
// first would claim the profile, which is the mistake this rule removes). Binding is one audited
// decision by someone accountable for staff accounts.
//
// A data file, and the database's owner (no staff role: set-up tools), have no login to bind:
// every profile signs in as before.
import { AppFailure } from '../../../shared/result';
import type { Role } from '../../../shared/contract/define';
import type { ManagedStaff } from '../../../shared/contract/trust.contract';
import type { Db, Tx } from '../../store/schema';
import type { StaffRow } from '../../store/tables/foundation.tables';
import { readStaffLogins } from '../../store/team-roles';
import { appendAudit } from '../audit/audit.repository';
import { listStaff, updateStaffRow } from '../staff/staff.repository';
import { managed, type StaffActor } from './staff-admin.service';

/** The connection's staff login, as the backend knows it. */
export interface LoginContext {
  loginName: string | null;
  loginRole: Role | null;
}

const HOW_TO_BIND = 'An administrator links it under Settings → Staff and roles.';

/** The profiles a login may sign in as: the one bound to it (active), or, with no staff login, every
 * active profile. Read as the login reads them. */
export async function profilesForLogin(db: Db, login: LoginContext): Promise<StaffRow[]> {
  const active = (await listStaff(db, login.loginRole ?? 'administrator')).filter((s) => s.is_active === 1);
  return login.loginName ? active.filter((s) => s.database_login === login.loginName) : active;
}

/** Refuses to sign `staff` in through a login bound to someone else, or to no one. */
export async function refuseUnlessBound(db: Db, login: LoginContext, staff: StaffRow): Promise<void> {
  const name = login.loginName;
  if (!name || staff.database_login === name) return;
  const bound = (await listStaff(db, login.loginRole ?? 'administrator')).find((s) => s.database_login === name);
  throw new AppFailure(
    'forbidden',
    bound
      ? `This team database login (${name}) belongs to ${bound.display_name}'s profile, not ${staff.display_name}'s. ` +
          `Connect with ${staff.display_name}'s own database login to sign in as them.`
      : `This team database login (${name}) is not linked to a staff profile yet, so it cannot sign in as ` +
          `${staff.display_name}. ${HOW_TO_BIND}`,
  );
}

/** The team database's staff logins, each with its role and the profile bound to it. */
export async function teamLoginsView(db: Db) {
  const logins = await readStaffLogins(db);
  if (!logins) return { teamMode: false, logins: [] };
  const boundTo = new Map(
    (await listStaff(db)).flatMap((s) => (s.database_login ? [[s.database_login, s.id] as const] : [])),
  );
  return { teamMode: true, logins: logins.map((l) => ({ ...l, staffId: boundTo.get(l.login) ?? null })) };
}

/** Binds `login` to a profile (null: unbinds it), audited. Refused on a data file, for a login the
 * server does not have among its staff logins, and for a login bound to another profile. */
export async function setDatabaseLogin(
  tx: Tx,
  actor: StaffActor,
  input: { id: number; login: string | null },
): Promise<ManagedStaff> {
  const logins = await readStaffLogins(tx);
  if (!logins) throw new AppFailure('conflict', 'Database logins are for a team database; a data file has none.');
  const staff = (await listStaff(tx)).find((s) => s.id === input.id);
  if (!staff) throw new AppFailure('not-found', 'That staff account does not exist.');
  const login = input.login;
  if (staff.database_login === login) return managed(tx, staff.id, actor.now);
  if (login !== null) {
    const known = logins.find((l) => l.login === login);
    if (!known)
      throw new AppFailure('validation', `The team database has no staff login called ${login}.`, [
        { path: ['login'], message: 'Choose one of the logins the database owner made' },
      ]);
    const other = (await listStaff(tx)).find((s) => s.database_login === login);
    if (other)
      throw new AppFailure(
        'conflict',
        `${login} already belongs to ${other.display_name}'s profile: unlink it there first.`,
        [{ path: ['login'], message: `Already linked to ${other.display_name}` }],
      );
  }
  await updateStaffRow(tx, staff.id, { database_login: login });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'staff',
    entityId: staff.id,
    summary: login
      ? `Database login ${login} linked to ${staff.display_name}'s profile` +
        (staff.database_login ? ` (was ${staff.database_login})` : '')
      : `Database login ${staff.database_login ?? ''} unlinked from ${staff.display_name}'s profile`,
    before: { database_login: staff.database_login },
    after: { database_login: login },
  });
  return managed(tx, staff.id, actor.now);
}
