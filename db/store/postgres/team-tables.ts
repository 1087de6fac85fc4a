// PostgreSQL-only: the team database's own tables as a copy needs them (db/store/team-migrate.ts):
// every table of the current schema with its columns (those the server generates apart), parents
// before children by their foreign keys, and the identity counters moved past the ids a copy
// brought in.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';

export interface TeamTable {
  name: string;
  /** The columns a copy writes. */
  columns: string[];
  /** Columns the server works out from the others (generated: a copy may not write them, the
   * server fills them from the copied row; personal-data.ts `storeDerivedColumns`). */
  generated: string[];
  /** The identity column (numbered by the database), if the table has one. */
  identity: string | null;
  /** Columns referring to another row of the same table by its identity column (a merged
   * record's survivor, an outcome's parent): a copy fills them after every row is in. */
  selfReferences: string[];
}

/** Kysely's own bookkeeping: written by the migrations, never copied. */
const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
/** The server's own settings (organisation scopes, ./team-scopes.ts; the audit chain's keys,
 * ./audit-chain.ts): not the programme's data, so neither copied nor in the personal-data registry. */
const SERVER_TABLE_PREFIX = 'worksbook_';
export const isServerSettingsTable = (name: string): boolean => name.startsWith(SERVER_TABLE_PREFIX);

/** The programme's tables, each after every table it refers to (a table's references to itself
 * aside). */
export async function tablesInCopyOrder(db: Kysely<Database>): Promise<TeamTable[]> {
  const columns = await sql<{ table_name: string; column_name: string; is_identity: string; is_generated: string }>`
    select c.table_name, c.column_name, c.is_identity, c.is_generated
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
    order by c.table_name, c.ordinal_position`.execute(db);
  const refs = await sql<{ child: string; parent: string; column: string }>`
    select c.relname as child, p.relname as parent, a.attname as column
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db);
  const tables = new Map<string, TeamTable>();
  for (const c of columns.rows) {
    if (MIGRATION_TABLES.has(c.table_name) || isServerSettingsTable(c.table_name)) continue;
    const t = tables.get(c.table_name) ?? {
      name: c.table_name,
      columns: [],
      generated: [],
      identity: null,
      selfReferences: [],
    };
    (c.is_generated === 'ALWAYS' ? t.generated : t.columns).push(c.column_name);
    if (c.is_identity === 'YES') t.identity = c.column_name;
    tables.set(c.table_name, t);
  }
  const parents = new Map<string, Set<string>>();
  for (const r of refs.rows)
    if (r.child !== r.parent) parents.set(r.child, (parents.get(r.child) ?? new Set()).add(r.parent));
    else tables.get(r.child)?.selfReferences.push(r.column);
  const ordered: TeamTable[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: string[]) => {
    if (placed.has(name) || !tables.has(name)) return;
    if (path.includes(name))
      throw new Error(`The team database's tables refer to each other in a loop: ${path.join(' → ')}`);
    for (const parent of [...(parents.get(name) ?? [])].sort()) visit(parent, [...path, name]);
    placed.add(name);
    ordered.push(tables.get(name)!);
  };
  for (const name of [...tables.keys()].sort()) visit(name, []);
  return ordered;
}

/** Moves each identity counter past the largest id now in its table. */
export async function moveIdentitiesOn(db: Kysely<Database>, tables: TeamTable[]): Promise<void> {
  for (const t of tables) {
    if (!t.identity) continue;
    await sql`select setval(pg_get_serial_sequence(${t.name}, ${t.identity}),
      coalesce((select max(${sql.ref(t.identity)}) from ${sql.table(t.name)}), 0) + 1, false)`.execute(db);
  }
}

/**
 * Runs `copy` (a bulk load into the team database, in the caller's transaction) with the GIN
 * indexes that take each entry at once (fastupdate off: the participant search's, migration 0250)
 * collecting entries in their pending list instead, then merges the list into each index in one
 * pass and turns fastupdate off again before the transaction ends: inserting entry by entry made
 * a copy of 10,000 people several times slower.
 */
export async function withGinPendingLists<T>(db: Kysely<Database>, copy: () => Promise<T>): Promise<T> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_am a on a.oid = c.relam
    where n.nspname = current_schema() and c.relkind = 'i' and a.amname = 'gin'
      and 'fastupdate=off' = any(c.reloptions)`.execute(db);
  for (const { name } of rows) await sql`alter index ${sql.id(name)} set (fastupdate = on)`.execute(db);
  const result = await copy();
  for (const { name } of rows) {
    await sql`select gin_clean_pending_list(${name}::regclass)`.execute(db);
    await sql`alter index ${sql.id(name)} set (fastupdate = off)`.execute(db);
  }
  return result;
}
