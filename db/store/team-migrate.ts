// Moving up to team mode: copies a solo store (SQLite) into an empty team database (PostgreSQL),
// every table with its ids (people, history, the audit log with its hash chain, evidence files
// with their bytes, reference data as the programme left it), then checks that every table
// holds as many rows as the solo store (the audit log one more: the entry where the team
// database's own audit key takes over the chain, postgres/audit-chain.ts). The copy is one transaction on the team database: a
// failure part-way leaves it as empty as before, so running it again starts cleanly; running it
// again after a finished copy finds the same rows and the same audit chain head and only checks.
// A team database that holds anything else (staff, people or an audit log of its own) is refused.
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import type { Store } from './connection';
import { moveIdentitiesOn, tablesInCopyOrder, withGinPendingLists, type TeamTable } from './postgres/team-tables';
import { startServerAuditChain } from './postgres/audit-chain';

export class TeamMigrateRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TeamMigrateRefused';
  }
}

export interface TeamMigrateResult {
  /** copied: this run copied the store; already-copied: an earlier run had (its audit chain carries this file's head). */
  outcome: 'copied' | 'already-copied';
  tables: Array<{ table: string; rows: number }>;
}

/** Rows per INSERT, kept well under PostgreSQL's 65,535 parameters a statement. */
const PARAMETERS_PER_INSERT = 30_000;

/** Tables whose rows only a programme in use has: a team database with any is not empty. */
const IN_USE_TABLES = ['staff', 'participants', 'audit_log'] as const;

async function countRows(db: Kysely<Database>, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The first entry a data file chained with its audit key (audit_epochs), or null. */
async function keyedFrom(db: Kysely<Database>): Promise<number | null> {
  const row = await db
    .selectFrom('audit_epochs')
    .select((eb) => eb.fn.min('first_entry_id').as('first'))
    .where('chain', '=', 'hmac-sha256')
    .executeTakeFirst();
  return row?.first == null ? null : Number(row.first);
}

async function chainHead(db: Kysely<Database>): Promise<{ id: number; hash: string } | null> {
  const row = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row ? { id: Number(row.id), hash: row.hash } : null;
}

/** Whether the team database's audit chain continues this file's: the entry at the file's head
 * is the same one (people may have worked in the team database since, signing in at least). */
async function continuesChainOf(target: Kysely<Database>, source: Kysely<Database>): Promise<boolean> {
  const head = await chainHead(source);
  if (!head) return false;
  const there = await target.selectFrom('audit_log').select('hash').where('id', '=', head.id).executeTakeFirst();
  return there?.hash === head.hash;
}

async function copyTable(from: Kysely<Database>, to: Kysely<Database>, table: TeamTable): Promise<void> {
  const columns = sql.join(table.columns.map((c) => sql.ref(c)));
  // The whole table in one read: paging by offset needs an order that is unique in every table.
  const rows = (await sql<Record<string, unknown>>`select ${columns} from ${sql.table(table.name)}`.execute(from)).rows;
  const perInsert = Math.max(1, Math.floor(PARAMETERS_PER_INSERT / table.columns.length));
  // A row may name a later row of its own table (a survivor numbered after the record merged
  // into it): those links are filled in once every row is in.
  const later = new Set(table.identity ? table.selfReferences : []);
  for (let i = 0; i < rows.length; i += perInsert) {
    const values = rows
      .slice(i, i + perInsert)
      .map((row) => sql`(${sql.join(table.columns.map((c) => sql`${later.has(c) ? null : (row[c] ?? null)}`))})`);
    // Ids are copied as they are (identity columns are "by default"): links between rows hold.
    await sql`insert into ${sql.table(table.name)} (${columns}) values ${sql.join(values)}`.execute(to);
  }
  if (!table.identity) return;
  for (const column of later)
    for (const row of rows)
      if (row[column] != null)
        await sql`update ${sql.table(table.name)} set ${sql.ref(column)} = ${row[column]}
          where ${sql.ref(table.identity)} = ${row[table.identity]}`.execute(to);
}

/** Copies `source` (a solo store, open) into `target` (a team database, open and migrated). */
export async function copySoloStoreToTeam(source: Store, target: Store): Promise<TeamMigrateResult> {
  if (source.kind !== 'sqlite') throw new TeamMigrateRefused('The store to copy from must be a data file (solo mode).');
  if (target.kind !== 'postgres')
    throw new TeamMigrateRefused('The store to copy to must be a team database (postgres://…).');
  const tables = await tablesInCopyOrder(target.db);
  const counts = async (db: Kysely<Database>) =>
    Promise.all(tables.map(async (t) => ({ table: t.name, rows: await countRows(db, t.name) })));
  const sourceCounts = await counts(source.db);

  const inUse = await Promise.all(IN_USE_TABLES.map((t) => countRows(target.db, t)));
  if (inUse.some((n) => n > 0)) {
    // A finished copy, perhaps used since: its audit chain carries this file's head.
    if (await continuesChainOf(target.db, source.db)) return { outcome: 'already-copied', tables: sourceCounts };
    throw new TeamMigrateRefused(
      'The team database already holds a programme that is not a copy of this data file ' +
        '(it has staff, people or an audit log). Copy into a new, empty team database.',
    );
  }

  await target.db.transaction().execute(async (tx) => {
    // What the migrations seeded (reference lists, indicator sets) is replaced by the solo
    // store's own, edited as that programme edited them. The audit log is empty (checked above).
    for (const t of [...tables].reverse())
      if (t.name !== 'audit_log') await sql`delete from ${sql.table(t.name)}`.execute(tx);
    await withGinPendingLists(tx, async () => {
      for (const t of tables) await copyTable(source.db, tx, t);
    });
    await moveIdentitiesOn(tx, tables);
    // The chain goes on keyed: the server keeps the file's audit key for the copied entries and its
    // own key for every entry after the copy, and chains each new entry itself (audit-chain.ts).
    await startServerAuditChain(tx, {
      fileKey: source.keyring?.secrets.auditKey ?? null,
      fileKeyedFrom: await keyedFrom(source.db),
      at: new Date().toISOString(),
    });
  });

  const copied = await counts(target.db);
  // The copy's own entry, where the team database's key takes over, and its epoch.
  const added: Record<string, number> = { audit_log: 1, audit_epochs: 1 };
  const short = copied.filter((c, i) => c.rows !== sourceCounts[i]!.rows + (added[c.table] ?? 0));
  if (short.length)
    throw new Error(
      `The copy does not match: ${short.map((c) => `${c.table} has ${c.rows} rows`).join(', ')} (the data file has others).`,
    );
  return { outcome: 'copied', tables: copied };
}
