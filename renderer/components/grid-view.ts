// Reads what a grid currently shows (column filters and sort) so an export matches the view.
import type { GridApi } from 'ag-grid-community';
import type { GridQuery } from '../../shared/contract/common';

export function currentGridQuery<Row>(
  gridApi: GridApi<Row> | null,
  search: string,
  preset: string,
): Omit<GridQuery, 'offset' | 'limit'> {
  const sort = (gridApi?.getColumnState() ?? [])
    .filter((c) => c.sort)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ colId: c.colId, sort: c.sort as 'asc' | 'desc' }));
  return {
    search,
    sort,
    filters: (gridApi?.getFilterModel() ?? {}) as GridQuery['filters'],
    ...(preset ? { preset } : {}),
  };
}
