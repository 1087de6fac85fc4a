// Raw SQL in tests, on either store: `?` placeholders (numbered $1, $2... for PostgreSQL), run on
// the store's own handle. For checks a test makes behind the app's back (a row it cannot reach
// through a channel, a trigger it drops as an attacker would).
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from '../../db/store/schema';
import { storeKindOf } from '../../db/store/dialect';

function compile(db: Kysely<Database>, text: string, params: unknown[]): CompiledQuery {
  let n = 0;
  const sqlText = storeKindOf(db) === 'postgres' ? text.replace(/\?/g, () => `$${++n}`) : text;
  return CompiledQuery.raw(sqlText, params);
}

export async function sqlRows<T = Record<string, unknown>>(
  db: Kysely<Database>,
  text: string,
  ...params: unknown[]
): Promise<T[]> {
  return (await db.executeQuery<T>(compile(db, text, params))).rows;
}

export async function sqlRow<T = Record<string, unknown>>(
  db: Kysely<Database>,
  text: string,
  ...params: unknown[]
): Promise<T | undefined> {
  return (await sqlRows<T>(db, text, ...params))[0];
}

export async function sqlRun(db: Kysely<Database>, text: string, ...params: unknown[]): Promise<void> {
  await db.executeQuery(compile(db, text, params));
}

/** Drops one of the audit log's append-only triggers, as an attacker with the store would. */
export async function dropTrigger(db: Kysely<Database>, trigger: string, table: string): Promise<void> {
  await sqlRun(db, storeKindOf(db) === 'postgres' ? `drop trigger ${trigger} on ${table}` : `drop trigger ${trigger}`);
}

/** PostgreSQL's plan for a query when reading whole tables is ruled out (a test store holds a
 * few rows, which the planner rightly reads without an index): which indexes could serve it. */
export async function explainWithoutSeqScans(
  db: Kysely<Database>,
  query: { sql: string; parameters: readonly unknown[] },
): Promise<string> {
  return db.transaction().execute(async (tx) => {
    await tx.executeQuery(CompiledQuery.raw('set local enable_seqscan = off'));
    const { rows } = await tx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain ${query.sql}`, [...query.parameters]),
    );
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
}
