// Which columns each role reads, from the personal-data registry: the ONE rule both for the app's
// queries (a viewer's are explicit column lists that leave these columns out) and for a team
// database's grants (db/store/postgres/team-roles.ts gives the worksbook_viewer role SELECT on
// exactly these columns). So the app run under a viewer's own database login never selects a
// column the server would refuse, and on either store a viewer's queries read the same columns.
// A viewer does not read: special-category or criminal-offence columns, free text and secrets. A
// column of codes from a list with special items (a barrier code may say "ex-offender") is read,
// but never its special items: the app leaves them out of a viewer's answers on either store, and
// on a team database the server hides their rows from a viewer's login too (row-level security,
// db/store/postgres/team-roles.ts).
import { sql, type AliasedRawBuilder } from 'kysely';
import type { Role } from '../../../shared/contract/define';
import { columnRules, derivedFrom, isRegisteredTable, tableColumns, type TableName } from './personal-data';

/** Columns no viewer reads whatever the registry says of their content: secrets. */
const SECRETS: Partial<Record<TableName, readonly string[]>> = {
  staff: ['password_hash'],
  audit_keys: ['key'],
};

/** Whether a viewer may read `column` of `table`. */
export function viewerReads(table: TableName, column: string): boolean {
  // A table the registry does not know (a test's own): nothing, until it is classified.
  if (!isRegisteredTable(table)) return false;
  if (SECRETS[table]?.includes(column)) return false;
  // A column the server works out from others (a team database's folded search texts): what
  // they hold, so read only if every one of them is.
  const from = derivedFrom(table, column);
  if (from) return from.every((source) => viewerReads(table, source));
  const rule = columnRules(table)[column];
  // A table about nobody in particular (reference lists, settings), or staff: all of it.
  if (!rule) return true;
  return rule.viewers !== 'withhold' && rule.data !== 'special' && rule.data !== 'criminal';
}

/** Whether `role` reads `column` of `table` (administrators and officers read every column). */
export function roleReads(role: Role, table: TableName, column: string): boolean {
  return role !== 'viewer' || viewerReads(table, column);
}

/** A whole row of `table` as `role` may read it: each column it reads by name, each other column
 * as NULL under the same name (so the row keeps its shape and no refused column is named).
 * `alias`: the table's alias in the query. Use with `.select(...)` and `$castTo<the row type>()`. */
export function rowAs(role: Role, table: TableName, alias: string = table): AliasedRawBuilder<unknown, string>[] {
  return tableColumns(table).map((column) =>
    roleReads(role, table, column) ? sql.ref(`${alias}.${column}`).as(column) : sql`null`.as(column),
  );
}

/** One text column as `role` reads it: `ref` ('alias.column') by name, or NULL, under `as`. */
export function textAs<A extends string>(
  role: Role,
  table: TableName,
  ref: string,
  as: A,
): AliasedRawBuilder<string | null, A> {
  const column = ref.slice(ref.indexOf('.') + 1);
  return (roleReads(role, table, column) ? sql<string | null>`${sql.ref(ref)}` : sql<string | null>`null`).as(as);
}

/** The role whose columns a reading for someone who may or may not see special-category data uses. */
export const readerFor = (canSeeSpecial: boolean): Role => (canSeeSpecial ? 'officer' : 'viewer');
