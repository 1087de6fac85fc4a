// The store's own plan for every statement a piece of code runs (SQLite's EXPLAIN QUERY PLAN,
// PostgreSQL's EXPLAIN), for the plan tests: the code runs as it would in the app, its statements
// are captured on the way to the store, then each is explained with its own parameters.
import type { Kysely, KyselyPlugin, RootOperationNode } from 'kysely';
import type { Database } from '../../db/store/schema';
import { storeKindOf } from '../../db/store/dialect';

type Db = Kysely<Database>;

/** Runs `run` on `db`, then returns the plan of each statement it ran, in order, one line per step. */
export async function statementPlans(db: Db, run: (db: Db) => Promise<unknown>): Promise<string[]> {
  const nodes: RootOperationNode[] = [];
  const capture: KyselyPlugin = {
    transformQuery: (args) => (nodes.push(args.node), args.node),
    transformResult: async (args) => args.result,
  };
  await run(db.withPlugin(capture));
  const sqlite = storeKindOf(db) === 'sqlite';
  const plans: string[] = [];
  for (const node of nodes) {
    const compiled = db.getExecutor().compileQuery(node, { queryId: 'plan' });
    const { rows } = await db.executeQuery<Record<string, string>>({
      ...compiled,
      sql: `${sqlite ? 'explain query plan' : 'explain'} ${compiled.sql}`,
    });
    plans.push(rows.map((r) => (sqlite ? r.detail : r['QUERY PLAN'])).join('\n'));
  }
  return plans;
}
