// Multi-row inserts of tens of thousands of rows (an import's people, their audit entries and
// the batch rows that undo them). Kysely builds and compiles each statement afresh: for 500 rows
// of 11 columns that is 5,500 value nodes made, walked and turned into SQL text, every chunk,
// although every full chunk gives the same SQL. Here the first statement of a size is compiled
// by Kysely as usual (so each store's dialect and plugins shape it), and the next chunks of that
// size reuse its SQL with their own values. The values of a reused statement are the rows' own
// values column by column, which is what Kysely's compiler passes; a chunk where that would not
// hold (a row with other keys, or a value Kysely would not pass as-is) is compiled by Kysely.
import type { Compilable, CompiledQuery } from 'kysely';
import type { Tx } from './schema';

/** The rows' values column by column, or null when the chunk's rows do not all carry exactly
 * `columns` with a value (undefined makes Kysely write `default`, not a value). */
function valuesOf(rows: readonly object[], columns: readonly string[]): unknown[] | null {
  const out: unknown[] = new Array(rows.length * columns.length);
  let i = 0;
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    if (Object.keys(r).length !== columns.length) return null;
    for (const c of columns) {
      const v = r[c];
      if (v === undefined) return null;
      out[i++] = v;
    }
  }
  return out;
}

/** Whether Kysely's compiled statement passes exactly `values` (it does for plain values). */
function passes(compiled: CompiledQuery, values: readonly unknown[]): boolean {
  const p = compiled.parameters;
  if (p.length !== values.length) return false;
  for (let i = 0; i < p.length; i++) if (p[i] !== values[i]) return false;
  return true;
}

/**
 * Inserts `rows` `perStatement` at a time in the caller's transaction: `build` makes the typed
 * statement for a chunk (`tx.insertInto(...).values(chunk)`, with `returning` if wanted) and is
 * called once per chunk size; the rows each statement returns come back in order, and to
 * `afterEach` as each statement returns them (an import hands its new people's ids to the audit
 * sealer's worker while the next statement runs).
 */
export async function insertMany<R extends object, O>(
  tx: Tx,
  rows: readonly R[],
  perStatement: number,
  build: (chunk: R[]) => Compilable<O>,
  afterEach?: (returned: O[]) => void | Promise<void>,
): Promise<O[]> {
  const out: O[] = [];
  const reusable = new Map<number, { columns: string; compiled: CompiledQuery<O> }>();
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    const columns = Object.keys(chunk[0]!);
    const values = valuesOf(chunk, columns);
    const same = reusable.get(chunk.length);
    let statement: CompiledQuery<O>;
    if (values && same && same.columns === columns.join(',')) statement = { ...same.compiled, parameters: values };
    else {
      statement = build(chunk).compile();
      if (values && passes(statement, values))
        reusable.set(chunk.length, { columns: columns.join(','), compiled: statement });
    }
    const result = await tx.executeQuery(statement);
    for (const r of result.rows) out.push(r);
    if (afterEach) await afterEach(result.rows);
  }
  return out;
}
