// Turns a grid's column filters and sort (AG Grid's models, parsed by the contract) into SQL
// for any query builder, through a fixed map from column id to SQL expression, so nothing the
// window sends ever becomes SQL text.
import { sql, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { ColumnFilter, GridQuery } from '../../../shared/contract/common';

export interface GridColumn {
  /** A trusted SQL expression (written here, never taken from input). */
  expr: string;
  type: 'text' | 'number' | 'date' | 'boolean';
}

export type GridColumns = Record<string, GridColumn>;

const e = (col: GridColumn): RawBuilder<unknown> => sql.raw(col.expr);

export function likeNeedle(text: string, mode: 'contains' | 'starts' | 'ends' = 'contains'): string {
  const escaped = text.replace(/[%_\\]/g, (c) => `\\${c}`);
  return mode === 'starts' ? `${escaped}%` : mode === 'ends' ? `%${escaped}` : `%${escaped}%`;
}

function textCondition(col: GridColumn, type: string, value: string | undefined): RawBuilder<boolean> | null {
  if (type === 'blank') return sql<boolean>`(${e(col)} is null or ${e(col)} = '')`;
  if (type === 'notBlank') return sql<boolean>`(${e(col)} is not null and ${e(col)} != '')`;
  if (!value) return null;
  switch (type) {
    case 'equals':
      return sql<boolean>`${e(col)} = ${value} collate nocase`;
    case 'notEqual':
      return sql<boolean>`coalesce(${e(col)}, '') != ${value} collate nocase`;
    case 'startsWith':
      return sql<boolean>`${e(col)} like ${likeNeedle(value, 'starts')} escape '\\'`;
    case 'endsWith':
      return sql<boolean>`${e(col)} like ${likeNeedle(value, 'ends')} escape '\\'`;
    case 'notContains':
      return sql<boolean>`coalesce(${e(col)}, '') not like ${likeNeedle(value)} escape '\\'`;
    default:
      return sql<boolean>`${e(col)} like ${likeNeedle(value)} escape '\\'`;
  }
}

function rangeCondition(
  col: GridColumn,
  type: string,
  from: string | number | null | undefined,
  to: string | number | null | undefined,
): RawBuilder<boolean> | null {
  if (type === 'blank') return sql<boolean>`${e(col)} is null`;
  if (type === 'notBlank') return sql<boolean>`${e(col)} is not null`;
  if (from === null || from === undefined) return null;
  switch (type) {
    case 'equals':
      return sql<boolean>`${e(col)} = ${from}`;
    case 'notEqual':
      return sql<boolean>`(${e(col)} is null or ${e(col)} != ${from})`;
    case 'lessThan':
      return sql<boolean>`${e(col)} < ${from}`;
    case 'lessThanOrEqual':
      return sql<boolean>`${e(col)} <= ${from}`;
    case 'greaterThan':
      return sql<boolean>`${e(col)} > ${from}`;
    case 'greaterThanOrEqual':
      return sql<boolean>`${e(col)} >= ${from}`;
    case 'inRange':
      return to === null || to === undefined
        ? sql<boolean>`${e(col)} >= ${from}`
        : sql<boolean>`${e(col)} between ${from} and ${to}`;
    default:
      return null;
  }
}

/** One column filter as a SQL condition, or null when it filters nothing (or the column is unknown). */
export function filterCondition(columns: GridColumns, colId: string, filter: ColumnFilter): RawBuilder<boolean> | null {
  const col = columns[colId];
  if (!col) return null;
  switch (filter.filterType) {
    case 'text':
      return textCondition(col, filter.type, filter.filter);
    case 'number':
      return rangeCondition(col, filter.type, filter.filter, filter.filterTo);
    case 'date':
      return rangeCondition(col, filter.type, filter.dateFrom?.slice(0, 10), filter.dateTo?.slice(0, 10));
    case 'set': {
      const values = filter.values.filter((v): v is string => v !== null);
      const wantsNull = filter.values.includes(null);
      if (!values.length && !wantsNull) return sql<boolean>`0`;
      const inList = values.length ? sql<boolean>`${e(col)} in (${sql.join(values)})` : null;
      if (wantsNull) return inList ? sql<boolean>`(${inList} or ${e(col)} is null)` : sql<boolean>`${e(col)} is null`;
      return inList;
    }
  }
}

export function applyFilters<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  columns: GridColumns,
  filters: GridQuery['filters'],
): SelectQueryBuilder<DB, TB, O> {
  let q = qb;
  for (const [colId, filter] of Object.entries(filters)) {
    const condition = filterCondition(columns, colId, filter);
    if (condition) q = q.where(condition);
  }
  return q;
}

export function applySort<DB, TB extends keyof DB, O>(
  qb: SelectQueryBuilder<DB, TB, O>,
  columns: GridColumns,
  sort: GridQuery['sort'],
  tieBreaker: string,
): SelectQueryBuilder<DB, TB, O> {
  let q = qb;
  for (const s of sort) {
    const col = columns[s.colId];
    if (col) q = q.orderBy(sql.raw(`${col.expr} ${s.sort === 'desc' ? 'desc' : 'asc'}`));
  }
  return q.orderBy(sql.raw(tieBreaker));
}
