// PostgreSQL-only: the app's roles as the server's own roles, so a staff member's database login
// is held to its role even outside the app (psql, a spreadsheet's ODBC link). Three group roles;
// each staff member's login is made a member of one (GRANT worksbook_viewer TO their_login).
// - worksbook_admin and worksbook_officer read and write every table;
// - worksbook_viewer reads, column by column, only what the app itself reads for a viewer
//   (db/store/tables/readable-columns.ts, from the personal-data registry): no special-category or
//   criminal-offence column, no free text, no column whose codes include special items, no secrets;
// - the audit log: SELECT and INSERT only, for every role (the owner aside, whose triggers refuse
//   UPDATE, DELETE and TRUNCATE too); its epochs (where the chain's keys change): SELECT only. Run again after an upgrade adds tables: it starts from
//   nothing each time (REVOKE ALL, then the grants), so it is safe to repeat.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { Role } from '../../../shared/contract/define';
import { participantTables, type TableName } from '../tables/personal-data';
import { referenceListsWithSpecialItems, referenceSeeds } from '../../../shared/domain/reference-lists';
import { viewerReads } from '../tables/readable-columns';
import { tablesInCopyOrder, type TeamTable } from './team-tables';

export const TEAM_ROLES = {
  administrator: 'worksbook_admin',
  officer: 'worksbook_officer',
  viewer: 'worksbook_viewer',
} as const;

const ALL = Object.values(TEAM_ROLES);

const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** The columns of `table` a viewer may SELECT: the app's own rule for a viewer's queries. */
export function viewerColumns(table: TeamTable): string[] {
  return [...table.columns, ...table.generated].filter((column) => viewerReads(table.name as TableName, column));
}

/** The statements that set the roles' privileges on every table, from nothing. */
export function grantStatements(tables: TeamTable[]) {
  const roles = sql.join(ALL.map((r) => sql.id(r)));
  const writers = sql.join([sql.id(TEAM_ROLES.administrator), sql.id(TEAM_ROLES.officer)]);
  const statements = [
    sql`revoke all on all tables in schema ${sql.id('public')} from ${roles}`,
    sql`grant usage on schema ${sql.id('public')} to ${roles}`,
    sql`grant usage, select on all sequences in schema ${sql.id('public')} to ${roles}`,
    ...MIGRATION_TABLES.map((t) => sql`grant select on ${sql.table(t)} to ${roles}`),
  ];
  for (const table of tables) {
    const name = sql.table(table.name);
    if (table.name === 'audit_log') statements.push(sql`grant select, insert on ${name} to ${writers}`);
    // Where the chain's keys change: written by the owner only (a copy into the team database,
    // postgres/audit-chain.ts); the app writes none on a team database.
    else if (table.name === 'audit_epochs') statements.push(sql`grant select on ${name} to ${writers}`);
    else statements.push(sql`grant select, insert, update, delete on ${name} to ${writers}`);
    const columns = viewerColumns(table);
    if (columns.length)
      statements.push(
        sql`grant select (${sql.join(columns.map((c) => sql.id(c)))}) on ${name} to ${sql.id(TEAM_ROLES.viewer)}`,
      );
  }
  // A viewer's own bookkeeping: what they looked at is audited, their grid views are theirs.
  statements.push(sql`grant insert on ${sql.table('audit_log')} to ${sql.id(TEAM_ROLES.viewer)}`);
  statements.push(sql`grant insert, update, delete on ${sql.table('saved_views')} to ${sql.id(TEAM_ROLES.viewer)}`);
  return statements;
}

/** The app role the connected login holds: the strongest of the three group roles whose privileges
 * it uses (a member, directly or through another role, that inherits them), or null for none (the
 * database's owner, a superuser's own tools). 'usage', not 'member': from PostgreSQL 16 the owner
 * who created the roles (CREATEROLE) is made a member of each, with ADMIN OPTION but without
 * inheriting their privileges, and must not be taken for a staff login. A staff member signed in
 * through this login may do no more than this role. */
export async function loginRoleOf(db: Kysely<Database>): Promise<Role | null> {
  const { rows } = await sql<{ rolname: string }>`
    select rolname from pg_roles
    where rolname in (${sql.join(ALL)}) and pg_has_role(current_user, oid, 'usage')
      and not (select rolsuper from pg_roles where rolname = current_user)`.execute(db);
  const held = new Set(rows.map((r) => r.rolname));
  for (const role of ['administrator', 'officer', 'viewer'] as const) if (held.has(TEAM_ROLES[role])) return role;
  return null;
}

/** The name of the connected login (the one its password was checked for). */
export async function loginNameOf(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ login: string }>`select session_user::text as login`.execute(db);
  return rows[0]!.login;
}

const SPECIAL_ITEM = 'worksbook_special_item';

/** A viewer reads a column of codes from a list with special items (readable-columns.ts), but
 * never the rows holding a special item: PostgreSQL hides them from the viewer role, by a
 * restrictive policy, as the app leaves them out of a viewer's answers. Special as the reference
 * data says (special-items.repository.ts): seeded so, or marked in the stored item's extra_json. */
function specialItemStatements(tables: TeamTable[]) {
  const names = new Set(tables.map((t) => t.name));
  const seeded = referenceListsWithSpecialItems.flatMap((list) =>
    referenceSeeds[list].filter((o) => o.specialCategory).map((o) => sql`(${sql.lit(list)}, ${sql.lit(o.code)})`),
  );
  const statements = [
    sql`create or replace function ${sql.id(SPECIAL_ITEM)}(p_list text, p_code text) returns boolean
      language sql stable security definer set search_path = public as $$
        select (p_list, p_code) in (values ${sql.join(seeded)})
          or exists (select 1 from reference_items r where r.list = p_list and r.code = p_code
                     and r.extra_json ~ '"specialCategory"\s*:\s*true')
      $$`,
  ];
  for (const table of participantTables()) {
    if (!names.has(table.table)) continue;
    for (const [column, rule] of Object.entries(table.columns)) {
      if (rule.viewers !== 'special-items' || !rule.items || !viewerReads(table.table, column)) continue;
      const name = sql.table(table.table);
      const policy = sql.id(`worksbook_special_${column}`);
      statements.push(
        sql`alter table ${name} enable row level security`,
        // Row-level security admits only what a permissive policy allows: every row for the three
        // roles, unless organisation scopes (team-scopes.ts) have already narrowed it per person.
        sql.raw(`do $$ begin
          if not exists (select 1 from pg_policies where schemaname = current_schema()
                         and tablename = '${table.table}' and policyname = '${ROWS_POLICY}') then
            create policy ${ROWS_POLICY} on ${table.table} to ${ALL.join(', ')} using (true);
          end if;
        end $$`),
        sql`drop policy if exists ${policy} on ${name}`,
        sql`create policy ${policy} on ${name} as restrictive for select to ${sql.id(TEAM_ROLES.viewer)}
          using (not ${sql.id(SPECIAL_ITEM)}(${sql.lit(rule.items)}, ${sql.ref(column)}))`,
      );
    }
  }
  return statements;
}

/** The permissive policy of a table with row-level security: which rows the three roles reach. */
export const ROWS_POLICY = 'worksbook_rows';

/** Sets the roles' privileges again on a database whose server roles were set up (`setup-roles`
 * granted them something here): after migrations have added tables or columns (a viewer's grants
 * are column by column, so a new column would otherwise be refused to them until `setup-roles` ran
 * again). Another database on the same server whose owner never set the roles up is left alone:
 * the roles belong to the whole server. Run by whoever ran the migrations (the owner), in their
 * transaction. Returns whether it re-applied them. */
export async function reapplyTeamGrants(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_roles where rolname in (${sql.join(ALL)})`.execute(db);
  if (Number(rows[0]?.n ?? 0) < ALL.length) return false;
  const setUp = await sql<{ granted: boolean }>`
    select has_table_privilege(${TEAM_ROLES.viewer}, ${MIGRATION_TABLES[0]}, 'select') as granted`.execute(db);
  if (!setUp.rows[0]?.granted) return false;
  const tables = await tablesInCopyOrder(db);
  for (const statement of [...grantStatements(tables), ...specialItemStatements(tables)]) await statement.execute(db);
  return true;
}

/** Creates the three group roles if they are missing and sets their privileges on this
 * database. Needs the database's owner with CREATEROLE (or a superuser). */
export async function setUpTeamRoles(db: Kysely<Database>): Promise<{ roles: string[]; tables: number }> {
  const tables = await tablesInCopyOrder(db);
  await db.transaction().execute(async (tx) => {
    for (const role of ALL) {
      // Roles belong to the whole server: another database's set-up may be creating it this moment.
      await sql
        .raw(
          `do $$ begin create role ${role} nologin; exception when duplicate_object or unique_violation then null; end $$`,
        )
        .execute(tx);
    }
    for (const statement of [...grantStatements(tables), ...specialItemStatements(tables)]) await statement.execute(tx);
  });
  return { roles: [...ALL], tables: tables.length };
}
