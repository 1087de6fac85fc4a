// PostgreSQL-only: a staff member's database login belongs to one staff profile (staff.database_login,
// migration 0255). The app offers and signs in only the profile bound to the login it connected
// with (db/features/trust/login-binding.service.ts); the server holds every login to the same rule
// whatever program it uses (psql included):
// - an audit entry written under a staff login names no one (staff_id NULL: a failed sign-in, a
//   job's own entry) or the profile bound to that login;
// - only an administrator's login (or the database's owner) binds or unbinds a login.
// The database's owner and superusers (no staff role: the set-up tools, `cli team …`) are not held.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Role } from '../../../shared/contract/define';
import { TEAM_ROLES } from './team-roles';

const IS_STAFF_LOGIN = 'worksbook_is_staff_login';
const AUDIT_NAMES_LOGIN = 'worksbook_audit_names_login';
const STAFF_LOGIN_CHANGE = 'worksbook_staff_login_change';

/** The statements that install the two checks (safe to repeat; run by the owner). */
export function loginBindingStatements() {
  // 'usage' as in team-roles.ts#loginRoleOf (the owner who created the roles is no staff login).
  const member = (role: string) => `pg_has_role(session_user, '${role}', 'usage')`;
  return [
    // Whether the session's login holds a staff role (the rule of team-roles.ts#loginRoleOf).
    sql.raw(`create or replace function ${IS_STAFF_LOGIN}() returns boolean
      language sql stable security definer set search_path = public as $$
        select not coalesce((select rolsuper from pg_roles where rolname = session_user), false)
          and (${Object.values(TEAM_ROLES).map(member).join(' or ')})
      $$`),
    sql.raw(`create or replace function ${AUDIT_NAMES_LOGIN}() returns trigger
      language plpgsql security definer set search_path = public as $$
      declare bound integer;
      begin
        if new.staff_id is null or not ${IS_STAFF_LOGIN}() then return new; end if;
        select id into bound from staff where database_login = session_user;
        if bound is distinct from new.staff_id then
          raise exception 'The database login % writes audit entries only under the staff profile bound to it', session_user
            using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$`),
    sql.raw(`drop trigger if exists audit_log_names_login on audit_log`),
    sql.raw(`create trigger audit_log_names_login before insert on audit_log
      for each row execute function ${AUDIT_NAMES_LOGIN}()`),
    sql.raw(`create or replace function ${STAFF_LOGIN_CHANGE}() returns trigger
      language plpgsql security definer set search_path = public as $$
      begin
        if (tg_op = 'INSERT' and new.database_login is null)
          or (tg_op = 'UPDATE' and new.database_login is not distinct from old.database_login) then
          return new;
        end if;
        if ${IS_STAFF_LOGIN}() and not ${member(TEAM_ROLES.administrator)} then
          raise exception 'Only an administrator binds a database login to a staff profile'
            using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$`),
    sql.raw(`drop trigger if exists staff_login_change on staff`),
    sql.raw(`create trigger staff_login_change before insert or update on staff
      for each row execute function ${STAFF_LOGIN_CHANGE}()`),
  ];
}

/** Installs the checks in one transaction (`cli team setup-roles`). */
export async function installLoginBinding(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (const statement of loginBindingStatements()) await statement.execute(tx);
  });
}

/** The server's staff logins: roles that can log in, hold one of the app's roles directly (using
 * its privileges: not the owner who created it), and are not superusers; each with the strongest
 * app role it holds. */
export async function staffLogins(db: Kysely<Database>): Promise<Array<{ login: string; role: Role }>> {
  const { rows } = await sql<{ login: string; grp: string }>`
    select r.rolname::text as login, g.rolname::text as grp
    from pg_roles r
    join pg_auth_members m on m.member = r.oid
    join pg_roles g on g.oid = m.roleid
    where g.rolname in (${sql.join(Object.values(TEAM_ROLES))}) and r.rolcanlogin and not r.rolsuper
      and pg_has_role(r.oid, g.oid, 'usage')
    order by 1`.execute(db);
  const strongest = new Map<string, Role>();
  for (const role of ['viewer', 'officer', 'administrator'] as const)
    for (const r of rows) if (r.grp === TEAM_ROLES[role]) strongest.set(r.login, role);
  return [...strongest].map(([login, role]) => ({ login, role }));
}
