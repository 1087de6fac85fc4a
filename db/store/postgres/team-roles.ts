// PostgreSQL-only: the app's roles as the server's own roles, so a staff member's database login
// is held to its role even outside the app (psql, a spreadsheet's ODBC link). Three group roles;
// each staff member's login is made a member of one (GRANT worksbook_viewer TO their_login).
// - worksbook_admin and worksbook_officer read and write every table;
// - worksbook_viewer reads, column by column, only what the personal-data registry
//   (db/store/tables/personal-data.ts) lets a viewer receive: no special-category or criminal-
//   offence column, no free text, no column whose codes include special items, no secrets;
// - the audit log: SELECT and INSERT only, for every role (the owner aside, whose triggers refuse
//   UPDATE, DELETE and TRUNCATE too). Run again after an upgrade adds tables: it starts from
//   nothing each time (REVOKE ALL, then the grants), so it is safe to repeat.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import { columnRules, type TableName } from '../tables/personal-data';
import { tablesInCopyOrder, type TeamTable } from './team-tables';

export const TEAM_ROLES = {
  administrator: 'worksbook_admin',
  officer: 'worksbook_officer',
  viewer: 'worksbook_viewer',
} as const;

const ALL = Object.values(TEAM_ROLES);

/** Columns no viewer reads whatever the registry says of their content: secrets. */
const SECRETS: Record<string, readonly string[]> = {
  staff: ['password_hash'],
  audit_keys: ['key'],
};

const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** The columns of `table` a viewer may SELECT. */
export function viewerColumns(table: TeamTable): string[] {
  const rules = columnRules(table.name as TableName);
  return table.columns.filter((column) => {
    if (SECRETS[table.name]?.includes(column)) return false;
    const rule = rules[column];
    // A table about nobody in particular (reference lists, settings): all of it.
    if (!rule) return true;
    return rule.viewers === 'see' && rule.data !== 'special' && rule.data !== 'criminal';
  });
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

/** Creates the three group roles if they are missing and sets their privileges on this
 * database. Needs the database's owner with CREATEROLE (or a superuser). */
export async function setUpTeamRoles(db: Kysely<Database>): Promise<{ roles: string[]; tables: number }> {
  const tables = await tablesInCopyOrder(db);
  await db.transaction().execute(async (tx) => {
    for (const role of ALL) {
      const found = await sql<{ n: number }>`select 1 as n from pg_roles where rolname = ${role}`.execute(tx);
      if (!found.rows.length) await sql`create role ${sql.id(role)} nologin`.execute(tx);
    }
    for (const statement of grantStatements(tables)) await statement.execute(tx);
  });
  return { roles: [...ALL], tables: tables.length };
}
