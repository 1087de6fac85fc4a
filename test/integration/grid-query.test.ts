// The one grid-query-to-SQL module on a real SQLite store: every text, number and date operator
// as AG Grid applies it (NULL, '' and whitespace-only values included), combined AND/OR
// conditions, set filters, LIKE metacharacters typed as text, sort with NULLs and paging, and
// unknown column ids (constructor and __proto__ too) refused as validation errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openStore, type Store } from '../../db/store/connection';
import type { Database } from '../../db/store/schema';
import {
  applyGridFilters,
  applyGridPage,
  applyGridSort,
  checkGridQuery,
  escapeLike,
  gridColumnRules,
  gridColumns,
} from '../../db/features/grid/grid-query';
import { gridQuerySchema, type GridQuery } from '../../shared/contract/common';
import { AppFailure } from '../../shared/result';

interface ProbeTable {
  id: number;
  name: string | null;
  n: number | null;
  d: string | null;
  at: string | null;
}
interface ProbeRow {
  name: string | null;
  n: number | null;
  d: string | null;
  at: string | null;
  label: string | null;
  fixed: string;
}

const rows: ProbeTable[] = [
  { id: 1, name: 'Alice', n: 10, d: '2026-04-01', at: '2026-04-01T09:30:00.000Z' },
  { id: 2, name: 'alan%', n: 20, d: '2026-04-02', at: null },
  { id: 3, name: 'Bob_b', n: null, d: null, at: '2026-04-03T00:00:00.000Z' },
  { id: 4, name: '', n: 5, d: '2026-03-31', at: '2026-03-31T23:59:59.999Z' },
  { id: 5, name: null, n: 30, d: '2026-04-30', at: null },
  { id: 6, name: 'back\\slash', n: 15, d: '2026-04-15', at: null },
  { id: 7, name: '   ', n: 15.5, d: '2026-04-16', at: null },
];

const columns = gridColumns<ProbeRow>({
  name: { sql: 'probe.name', filter: 'text' },
  n: { sql: 'probe.n', filter: 'number' },
  d: { sql: 'probe.d', filter: 'date' },
  at: { sql: 'probe.at', filter: 'date' },
  label: { sql: sql`upper(probe.name)`, filter: 'text' },
  fixed: { sql: 'probe.id', sortable: false },
});

let store: Store;
let db: Kysely<Database & { probe: ProbeTable }>;

beforeAll(async () => {
  store = await openStore({ file: ':memory:' });
  db = store.db.withTables<{ probe: ProbeTable }>();
  await db.schema
    .createTable('probe')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text')
    .addColumn('n', 'real')
    .addColumn('d', 'text')
    .addColumn('at', 'text')
    .execute();
  await db.insertInto('probe').values(rows).execute();
});
afterAll(async () => store.close());

type Filters = GridQuery['filters'];

/** The ids a filter model lets through, parsed by the contract as the window's would be. */
async function ids(filters: unknown): Promise<number[]> {
  const parsed = gridQuerySchema.parse({ filters });
  const q = applyGridFilters(db.selectFrom('probe').select('probe.id'), columns, parsed.filters);
  return (await q.orderBy('probe.id').execute()).map((r) => r.id);
}

const text = (type: string, filter?: string | null) => ({ filterType: 'text', type, filter });
const num = (type: string, filter?: number | null, filterTo?: number) => ({
  filterType: 'number',
  type,
  filter,
  filterTo,
});
const date = (type: string, dateFrom?: string, dateTo?: string) => ({ filterType: 'date', type, dateFrom, dateTo });

describe('text filters', () => {
  it('applies every operator case-insensitively, letting NULL through the negative ones only', async () => {
    expect(await ids({ name: text('contains', 'AL') })).toEqual([1, 2]);
    expect(await ids({ name: text('notContains', 'al') })).toEqual([3, 4, 5, 6, 7]);
    expect(await ids({ name: text('equals', 'ALICE') })).toEqual([1]);
    expect(await ids({ name: text('notEqual', 'alice') })).toEqual([2, 3, 4, 5, 6, 7]);
    expect(await ids({ name: text('startsWith', 'b') })).toEqual([3, 6]);
    expect(await ids({ name: text('endsWith', '_B') })).toEqual([3]);
  });

  it('counts NULL, empty and whitespace-only text as blank', async () => {
    expect(await ids({ name: text('blank') })).toEqual([4, 5, 7]);
    expect(await ids({ name: text('notBlank') })).toEqual([1, 2, 3, 6]);
  });

  it('matches %, _ and \\ as the characters typed', async () => {
    expect(await ids({ name: text('contains', '%') })).toEqual([2]);
    expect(await ids({ name: text('contains', '_') })).toEqual([3]);
    expect(await ids({ name: text('contains', '\\') })).toEqual([6]);
    expect(await ids({ name: text('endsWith', '%') })).toEqual([2]);
    expect(await ids({ name: text('startsWith', 'a_') })).toEqual([]);
    expect(await ids({ name: text('equals', 'bob_b') })).toEqual([3]);
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('leaves out a condition with nothing typed, and filters on an expression column', async () => {
    expect(await ids({ name: text('contains', '') })).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await ids({ name: text('equals', null) })).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await ids({ label: text('equals', 'alice') })).toEqual([1]);
  });
});

describe('number filters', () => {
  it('applies every operator; NULL passes only "blank" (AG Grid without includeBlanks*)', async () => {
    expect(await ids({ n: num('equals', 10) })).toEqual([1]);
    expect(await ids({ n: num('notEqual', 10) })).toEqual([2, 4, 5, 6, 7]);
    expect(await ids({ n: num('lessThan', 15) })).toEqual([1, 4]);
    expect(await ids({ n: num('lessThanOrEqual', 15) })).toEqual([1, 4, 6]);
    expect(await ids({ n: num('greaterThan', 15) })).toEqual([2, 5, 7]);
    expect(await ids({ n: num('greaterThanOrEqual', 15) })).toEqual([2, 5, 6, 7]);
    expect(await ids({ n: num('blank') })).toEqual([3]);
    expect(await ids({ n: num('notBlank') })).toEqual([1, 2, 4, 5, 6, 7]);
  });

  it('takes "in range" without its ends, as AG Grid does by default', async () => {
    expect(await ids({ n: num('inRange', 10, 20) })).toEqual([6, 7]);
    expect(await ids({ n: num('inRange', 10) })).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('date filters', () => {
  it('compares days, for columns holding a day and columns holding a moment', async () => {
    expect(await ids({ d: date('equals', '2026-04-01 00:00:00') })).toEqual([1]);
    expect(await ids({ at: date('equals', '2026-04-01 00:00:00') })).toEqual([1]);
    expect(await ids({ d: date('notEqual', '2026-04-01') })).toEqual([2, 4, 5, 6, 7]);
    expect(await ids({ d: date('lessThan', '2026-04-01') })).toEqual([4]);
    expect(await ids({ at: date('lessThan', '2026-04-01') })).toEqual([4]);
    expect(await ids({ d: date('greaterThan', '2026-04-15') })).toEqual([5, 7]);
    expect(await ids({ at: date('greaterThan', '2026-04-01') })).toEqual([3]);
    expect(await ids({ d: date('inRange', '2026-04-01', '2026-04-16') })).toEqual([2, 6]);
    expect(await ids({ d: date('blank') })).toEqual([3]);
    expect(await ids({ at: date('notBlank') })).toEqual([1, 3, 4]);
  });

  it('refuses a date that is not a day', async () => {
    expect(gridQuerySchema.safeParse({ filters: { d: date('equals', '2026-02-30') } }).success).toBe(false);
    expect(gridQuerySchema.safeParse({ filters: { d: date('equals', 'yesterday') } }).success).toBe(false);
  });
});

describe('combined conditions and set filters', () => {
  it('joins two or more conditions with AND or OR', async () => {
    const and = { filterType: 'text', operator: 'AND', conditions: [text('contains', 'a'), text('notContains', '%')] };
    expect(await ids({ name: and })).toEqual([1, 6]);
    const or = { filterType: 'text', operator: 'OR', conditions: [text('equals', 'alice'), text('blank')] };
    expect(await ids({ name: or })).toEqual([1, 4, 5, 7]);
    const nums = { filterType: 'number', operator: 'OR', conditions: [num('lessThan', 6), num('greaterThan', 25)] };
    expect(await ids({ n: nums })).toEqual([4, 5]);
    const days = {
      filterType: 'date',
      operator: 'AND',
      conditions: [date('greaterThan', '2026-03-31'), date('lessThan', '2026-04-15')],
    };
    expect(await ids({ d: days })).toEqual([1, 2]);
    // A condition with nothing typed drops out; the other still applies.
    const partial = { filterType: 'text', operator: 'OR', conditions: [text('equals', 'alice'), text('contains', '')] };
    expect(await ids({ name: partial })).toEqual([1]);
  });

  it('AND-s filters on different columns', async () => {
    expect(await ids({ name: text('contains', 'a'), n: num('greaterThan', 12) })).toEqual([2, 6]);
  });

  it('takes set filters on a set column, NULL included when listed', async () => {
    const set = gridColumns<ProbeRow>({ name: { sql: 'probe.name', filter: 'set' } });
    const run = async (values: Array<string | null>) =>
      (
        await applyGridFilters(db.selectFrom('probe').select('probe.id'), set, {
          name: { filterType: 'set', values },
        })
          .orderBy('probe.id')
          .execute()
      ).map((r) => r.id);
    expect(await run(['Alice', 'Bob_b'])).toEqual([1, 3]);
    expect(await run(['Alice', null])).toEqual([1, 5]);
    expect(await run([])).toEqual([]);
  });
});

describe('sort and paging', () => {
  const sorted = (sort: GridQuery['sort']) =>
    applyGridSort(db.selectFrom('probe').select('probe.id'), columns, sort, (q) => q.orderBy('probe.id'));

  it('sorts NULLs first going up and last going down (as SQLite does, spelled out)', async () => {
    const up = (await sorted([{ colId: 'n', sort: 'asc' }]).execute()).map((r) => r.id);
    expect(up).toEqual([3, 4, 1, 6, 7, 2, 5]);
    const down = (await sorted([{ colId: 'n', sort: 'desc' }]).execute()).map((r) => r.id);
    expect(down).toEqual([5, 2, 7, 6, 1, 4, 3]);
    const compiled = sorted([{ colId: 'n', sort: 'desc' }]).compile().sql;
    expect(compiled).toMatch(/desc nulls last/);
  });

  it('falls back to the grid order and pages', async () => {
    const page = await applyGridPage(sorted([]), { offset: 2, limit: 3 }).execute();
    expect(page.map((r) => r.id)).toEqual([3, 4, 5]);
    const byTwo = sorted([
      { colId: 'n', sort: 'asc' },
      { colId: 'name', sort: 'desc' },
    ]);
    expect((await applyGridPage(byTwo, { offset: 0, limit: 2 }).execute()).map((r) => r.id)).toEqual([3, 4]);
  });
});

describe('column ids', () => {
  const refused = (run: () => unknown) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(AppFailure);
      return { kind: (error as AppFailure).kind, fields: (error as AppFailure).fields };
    }
    throw new Error('not refused');
  };
  const filter = (filters: Filters) => () =>
    applyGridFilters(db.selectFrom('probe').select('probe.id'), columns, filters);

  it('refuses unknown ids as a validation error naming the id, Object.prototype members included', () => {
    expect(refused(filter({ nope: text('contains', 'x') as Filters[string] }))).toEqual({
      kind: 'validation',
      fields: [{ path: ['filters', 'nope'], message: 'This grid has no column "nope"' }],
    });
    expect(refused(filter({ constructor: text('contains', 'x') as Filters[string] })).kind).toBe('validation');
    expect(refused(filter({ toString: text('contains', 'x') as Filters[string] })).kind).toBe('validation');
    // As JSON from the window: "__proto__" is then an own key, not the prototype.
    const hostile = JSON.parse('{"__proto__": {"filterType": "text", "type": "contains", "filter": "x"}}') as Filters;
    expect(Object.hasOwn(hostile, '__proto__')).toBe(true);
    expect(refused(filter(hostile))).toMatchObject({
      kind: 'validation',
      fields: [{ path: ['filters', '__proto__'] }],
    });
    expect(
      refused(() => checkGridQuery({ filters: {}, sort: [{ colId: '__proto__', sort: 'asc' }] }, columns)).fields,
    ).toEqual([{ path: ['sort', 0, 'colId'], message: 'This grid has no column "__proto__"' }]);
  });

  it('refuses a filter of the wrong kind, a filter on a column without one and a sort on an unsortable column', () => {
    expect(refused(filter({ n: text('contains', '1') as Filters[string] })).fields?.[0]?.message).toBe(
      'The column "n" takes a number filter, not a text one',
    );
    expect(refused(filter({ fixed: text('contains', '1') as Filters[string] })).fields?.[0]?.message).toBe(
      'The column "fixed" cannot be filtered',
    );
    expect(
      refused(() => checkGridQuery({ filters: {}, sort: [{ colId: 'fixed', sort: 'asc' }] }, columns)).fields?.[0]
        ?.message,
    ).toBe('The column "fixed" cannot be sorted');
  });

  it('drops, without refusing, the columns a caller may not use', async () => {
    const q = applyGridFilters(
      db.selectFrom('probe').select('probe.id'),
      columns,
      { name: text('equals', 'x') } as Filters,
      {
        ignore: new Set(['name']),
      },
    );
    expect(await q.execute()).toHaveLength(rows.length);
  });

  it('checks grids paged in memory the same way', () => {
    const rules = gridColumnRules<ProbeRow>({ name: {}, n: { sortable: false } });
    expect(() => checkGridQuery({ filters: {}, sort: [{ colId: 'name', sort: 'asc' }] }, rules)).not.toThrow();
    expect(refused(() => checkGridQuery({ filters: {}, sort: [{ colId: 'valueOf', sort: 'asc' }] }, rules)).kind).toBe(
      'validation',
    );
  });

  it('reach the window as validation errors, not internal ones', async () => {
    const { createTestBackend } = await import('../support/backend');
    const t = await createTestBackend();
    try {
      for (const colId of ['constructor', '__proto__', 'nope']) {
        const filters = JSON.parse(`{"${colId}": {"filterType": "text", "type": "contains", "filter": "x"}}`);
        const page = await t.call('participants.page', { filters });
        expect(page).toMatchObject({ ok: false, error: { kind: 'validation' } });
        const runs = await t.call('courses.runs.page', { sort: [{ colId, sort: 'asc' }] });
        expect(runs).toMatchObject({ ok: false, error: { kind: 'validation' } });
      }
      const outcomes = await t.call('outcomes.page', { filters: { hoursPerWeek: text('equals', '16') } });
      expect(outcomes).toMatchObject({ ok: false, error: { kind: 'validation' } });
    } finally {
      await t.close();
    }
  });
});
