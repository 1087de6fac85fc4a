// The one translation of a grid's query into SQL, used by every server grid: AG Grid's filter
// models (one condition or several joined by AND/OR), its sort model and paging, through a
// column map each grid declares (column id → the SQL it reads, its filter kind, whether it
// sorts). Nothing the window sends becomes SQL text: an unknown column id is a validation error,
// values are bound. The SQL is dialect-neutral (LIKE with an explicit ESCAPE, lower() on both
// sides for case, NULL order spelled out), so a PostgreSQL store answers exactly as SQLite does.
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { searchCountCap } from '../../../shared/contract/common';
import type {
  ColumnFilter,
  DateFilterCondition,
  GridQuery,
  NumberFilterCondition,
  TextFilterCondition,
} from '../../../shared/contract/common';
import { addDaysIso } from '../../../shared/domain/dates';
import { AppFailure, type FieldError } from '../../../shared/result';
import type { Db } from '../../store/schema';

/** Which AG Grid filter a column takes (the renderer's agTextColumnFilter and so on). */
export type FilterKind = 'text' | 'number' | 'date' | 'set';

/** What the window may do with a column. Grids that page rows held in memory declare only this. */
export interface GridColumnRule {
  /** The filter it takes; absent, it cannot be filtered. */
  filter?: FilterKind;
  /** Default true. */
  sortable?: boolean;
}

export interface GridColumn extends GridColumnRule {
  /** The SQL it reads: a column reference ('p.last_name') or an expression written in code. */
  sql: string | Expression<unknown>;
}

export type GridColumns = Readonly<Record<string, GridColumn>>;
export type GridColumnRules = Readonly<Record<string, GridColumnRule>>;

/** A grid's column map, its ids checked against the row type the contract returns. */
export function gridColumns<Row>(columns: { readonly [K in keyof Row & string]?: GridColumn }): GridColumns {
  return columns as GridColumns;
}

/** The same for a grid whose rows are paged in memory (no SQL). */
export function gridColumnRules<Row>(columns: {
  readonly [K in keyof Row & string]?: GridColumnRule;
}): GridColumnRules {
  return columns as GridColumnRules;
}

export interface GridOptions {
  /** Known columns whose filters and sorts are dropped, not refused: a viewer's filter on a
   * special-category column must neither work (it would reveal the value) nor say why. */
  ignore?: ReadonlySet<string>;
}

// ---- validation ----

/** Every column id in the query must be one the grid declares, for the use asked of it. */
export function checkGridQuery(
  query: Pick<GridQuery, 'filters' | 'sort'>,
  columns: GridColumnRules,
  options: GridOptions = {},
): void {
  const problems: FieldError[] = [];
  for (const [colId, filter] of Object.entries(query.filters)) {
    const path = ['filters', colId];
    // Object.hasOwn: "constructor" or "__proto__" must not find Object.prototype's members.
    if (!Object.hasOwn(columns, colId)) problems.push({ path, message: `This grid has no column "${colId}"` });
    else if (options.ignore?.has(colId)) continue;
    else {
      const kind = columns[colId]!.filter;
      if (!kind) problems.push({ path, message: `The column "${colId}" cannot be filtered` });
      else if (kind !== filter.filterType)
        problems.push({
          path,
          message: `The column "${colId}" takes a ${kind} filter, not a ${filter.filterType} one`,
        });
    }
  }
  for (const [i, s] of query.sort.entries()) {
    const path = ['sort', i, 'colId'];
    if (!Object.hasOwn(columns, s.colId)) problems.push({ path, message: `This grid has no column "${s.colId}"` });
    else if (columns[s.colId]!.sortable === false)
      problems.push({ path, message: `The column "${s.colId}" cannot be sorted` });
  }
  if (problems.length) throw new AppFailure('validation', 'The grid asked for a column it does not have.', problems);
}

// ---- text matching (also for quick searches) ----

/** Makes `%`, `_` and `\` in typed text match themselves in a LIKE pattern that says ESCAPE '\'. */
export function escapeLike(text: string): string {
  return text.replace(/[%_\\]/g, (c) => `\\${c}`);
}

export type TextMatch = 'contains' | 'startsWith' | 'endsWith';

function likePattern(text: string, match: TextMatch): string {
  const escaped = escapeLike(text);
  return match === 'startsWith' ? `${escaped}%` : match === 'endsWith' ? `%${escaped}` : `%${escaped}%`;
}

const expr = (e: string | Expression<unknown>): Expression<unknown> => (typeof e === 'string' ? sql.ref(e) : e);

/** Case-insensitive LIKE that behaves the same on SQLite and PostgreSQL (PostgreSQL's LIKE is
 * case-sensitive; lower() on both sides makes neither depend on the dialect's default). False
 * for NULL. */
export function textMatches(
  column: string | Expression<unknown>,
  text: string,
  match: TextMatch = 'contains',
): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${expr(column)}) like lower(${likePattern(text, match)}) escape '\\'`;
}

/**
 * `column` as a value no index can answer for (`+ 0` on a number, `|| ''` on text), the same on
 * both dialects. In a condition it leaves the planner one way to meet the query's ORDER BY and
 * LIMIT: read the table in an index's order, test each row and stop at the page. A quick search
 * that matches thousands of rows reads its first page that way instead of sorting every match.
 */
export function unindexed(column: string, kind: 'number' | 'text'): RawBuilder<unknown> {
  return kind === 'number' ? sql`(${sql.ref(column)} + 0)` : sql`(${sql.ref(column)} || '')`;
}

// ---- filters ----

const never = sql<SqlBool>`1 = 0`;

function textCondition(e: Expression<unknown>, c: TextFilterCondition): RawBuilder<SqlBool> | null {
  // AG Grid counts NULL and whitespace-only text as blank.
  if (c.type === 'blank') return sql<SqlBool>`(${e} is null or trim(${e}) = '')`;
  if (c.type === 'notBlank') return sql<SqlBool>`(${e} is not null and trim(${e}) <> '')`;
  const value = c.filter;
  // A condition with nothing typed is not applied (AG Grid leaves it out of the model).
  if (value === null || value === undefined || value === '') return null;
  switch (c.type) {
    case 'equals':
      return sql<SqlBool>`lower(${e}) = lower(${value})`;
    // AG Grid lets NULL through "not equal" and "does not contain".
    case 'notEqual':
      return sql<SqlBool>`(${e} is null or lower(${e}) <> lower(${value}))`;
    case 'notContains':
      return sql<SqlBool>`(${e} is null or not (${textMatches(e, value)}))`;
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return textMatches(e, value, c.type);
  }
}

/** Numbers and dates: AG Grid lets NULL through none of the comparisons (only "blank"), and its
 * "in range" leaves out both ends (inRangeInclusive is off by default). */
function scalarCondition(
  e: Expression<unknown>,
  type: NumberFilterCondition['type'],
  from: number | string | null | undefined,
  to: number | string | null | undefined,
): RawBuilder<SqlBool> | null {
  if (type === 'blank') return sql<SqlBool>`${e} is null`;
  if (type === 'notBlank') return sql<SqlBool>`${e} is not null`;
  if (from === null || from === undefined) return null;
  switch (type) {
    case 'equals':
      return sql<SqlBool>`${e} = ${from}`;
    case 'notEqual':
      return sql<SqlBool>`${e} <> ${from}`;
    case 'lessThan':
      return sql<SqlBool>`${e} < ${from}`;
    case 'lessThanOrEqual':
      return sql<SqlBool>`${e} <= ${from}`;
    case 'greaterThan':
      return sql<SqlBool>`${e} > ${from}`;
    case 'greaterThanOrEqual':
      return sql<SqlBool>`${e} >= ${from}`;
    case 'inRange':
      return to === null || to === undefined ? null : sql<SqlBool>`(${e} > ${from} and ${e} < ${to})`;
  }
}

/** Dates compare by day, and a column may hold a day ('2026-04-01') or a moment
 * ('2026-04-01T09:30:00.000Z'): "on D" is [D, D+1), "after D" is from D+1 on. ISO text sorts as
 * time does, so these are plain comparisons that can use an index. */
function dateCondition(e: Expression<unknown>, c: DateFilterCondition): RawBuilder<SqlBool> | null {
  const from = c.dateFrom?.slice(0, 10);
  const to = c.dateTo?.slice(0, 10);
  if (c.type === 'blank' || c.type === 'notBlank') return scalarCondition(e, c.type, null, null);
  if (!from) return null;
  const next = addDaysIso(from, 1);
  switch (c.type) {
    case 'equals':
      return sql<SqlBool>`(${e} >= ${from} and ${e} < ${next})`;
    case 'notEqual':
      return sql<SqlBool>`(${e} < ${from} or ${e} >= ${next})`;
    case 'lessThan':
      return sql<SqlBool>`${e} < ${from}`;
    case 'lessThanOrEqual':
      return sql<SqlBool>`${e} < ${next}`;
    case 'greaterThan':
      return sql<SqlBool>`${e} >= ${next}`;
    case 'greaterThanOrEqual':
      return sql<SqlBool>`${e} >= ${from}`;
    case 'inRange':
      return to ? sql<SqlBool>`(${e} >= ${next} and ${e} < ${to})` : null;
  }
}

function joinConditions(operator: 'AND' | 'OR', parts: Array<RawBuilder<SqlBool> | null>): RawBuilder<SqlBool> | null {
  const live = parts.filter((p): p is RawBuilder<SqlBool> => p !== null);
  if (live.length <= 1) return live[0] ?? null;
  return sql<SqlBool>`(${sql.join(live, operator === 'AND' ? sql` and ` : sql` or `)})`;
}

/** One column's filter as a condition, or null when it filters nothing. */
export function filterCondition(
  column: string | Expression<unknown>,
  filter: ColumnFilter,
): RawBuilder<SqlBool> | null {
  const e = expr(column);
  switch (filter.filterType) {
    case 'text':
      return 'conditions' in filter
        ? joinConditions(
            filter.operator,
            filter.conditions.map((c) => textCondition(e, c)),
          )
        : textCondition(e, filter);
    case 'number':
      return 'conditions' in filter
        ? joinConditions(
            filter.operator,
            filter.conditions.map((c) => scalarCondition(e, c.type, c.filter, c.filterTo)),
          )
        : scalarCondition(e, filter.type, filter.filter, filter.filterTo);
    case 'date':
      return 'conditions' in filter
        ? joinConditions(
            filter.operator,
            filter.conditions.map((c) => dateCondition(e, c)),
          )
        : dateCondition(e, filter);
    case 'set': {
      const values = filter.values.filter((v): v is string => v !== null);
      const inList = values.length ? sql<SqlBool>`${e} in (${sql.join(values)})` : null;
      if (!filter.values.includes(null)) return inList ?? never;
      return inList ? sql<SqlBool>`(${inList} or ${e} is null)` : sql<SqlBool>`${e} is null`;
    }
  }
}

/** The grid's column filters, each a condition AND-ed onto the query (after checking every id). */
export function applyGridFilters<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  columns: GridColumns,
  filters: GridQuery['filters'],
  options: GridOptions = {},
): SelectQueryBuilder<DB, TB, O> {
  checkGridQuery({ filters, sort: [] }, columns, options);
  let q = qb;
  for (const [colId, filter] of Object.entries(filters)) {
    if (options.ignore?.has(colId)) continue;
    const condition = filterCondition(columns[colId]!.sql, filter);
    if (condition) q = q.where(condition);
  }
  return q;
}

// ---- sort and paging ----

/**
 * The sort model, then `then(q, sorted)` for the grid's own order when the user chose none and a
 * unique tie-breaker (so paging never skips or repeats a row). NULLs sort as SQLite sorts them
 * (first going up, last going down), spelled out so PostgreSQL, which does the opposite, agrees.
 */
export function applyGridSort<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  columns: GridColumns,
  sort: GridQuery['sort'],
  then: (q: SelectQueryBuilder<DB, TB, O>, sorted: boolean) => SelectQueryBuilder<DB, TB, O>,
  options: GridOptions = {},
): SelectQueryBuilder<DB, TB, O> {
  checkGridQuery({ filters: {}, sort }, columns, options);
  let q = qb;
  let sorted = false;
  for (const s of sort) {
    if (options.ignore?.has(s.colId)) continue;
    const e = expr(columns[s.colId]!.sql);
    q = q.orderBy(e, (ob) => (s.sort === 'desc' ? ob.desc().nullsLast() : ob.asc().nullsFirst()));
    sorted = true;
  }
  return then(q, sorted);
}

/** Whether a query filters or sorts on any of `columns` (e.g. a grid's columns read from joined
 * tables, which a searched page's ids and count can then leave out). */
export function filtersOrSortsOn(query: Pick<GridQuery, 'filters' | 'sort'>, columns: ReadonlySet<string>): boolean {
  return Object.keys(query.filters).some((c) => columns.has(c)) || query.sort.some((s) => columns.has(s.colId));
}

/** One page of the view. */
export function applyGridPage<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  query: Pick<GridQuery, 'offset' | 'limit'>,
): SelectQueryBuilder<DB, TB, O> {
  return qb.limit(query.limit).offset(query.offset);
}

/** The total of a page: exact, or for a quick search at most `searchCountCap` (and says so)
 * unless the user asked to count all. Counting stops at the cap because a common name matches
 * thousands of rows at 100,000 people and counting them costs more than finding the page. */
export async function countGridRows<DB, TB extends keyof DB, O>(
  db: Db,
  base: SelectQueryBuilder<DB, TB, O>,
  query: Pick<GridQuery, 'search' | 'countAll'>,
): Promise<{ total: number; totalCapped: boolean }> {
  if (!query.search.trim() || query.countAll) {
    const r = await base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    return { total: Number((r as { n: number | string }).n), totalCapped: false };
  }
  const matches = base.select(sql<number>`1`.as('one')).limit(searchCountCap + 1);
  const r = await db
    .selectFrom(matches.as('m'))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  return n > searchCountCap ? { total: searchCountCap, totalCapped: true } : { total: n, totalCapped: false };
}
