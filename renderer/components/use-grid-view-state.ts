// Reads and applies a grid's view (columns, sort, filters, search, preset) for SavedViews, so
// any ServerGrid can offer saved named views through the generic views.* channels.
import type { RefObject } from 'react';
import type { ViewState } from '../../shared/contract/participants.contract';
import type { ServerGridHandle } from './ServerGrid';

export function useGridViewState<Row>(
  grid: RefObject<ServerGridHandle<Row> | null>,
  view: { search: string; setSearch(s: string): void; preset: string; setPreset(p: string): void },
): { getState(): ViewState; applyState(state: Partial<ViewState>): void } {
  return {
    getState() {
      const gridApi = grid.current?.api();
      const columnState = gridApi?.getColumnState() ?? [];
      return {
        columns: columnState.map((c) => ({ colId: c.colId, hide: !!c.hide, ...(c.width ? { width: c.width } : {}) })),
        sort: columnState
          .filter((c) => c.sort)
          .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
          .map((c) => ({ colId: c.colId, sort: c.sort as 'asc' | 'desc' })),
        filters: (gridApi?.getFilterModel() ?? {}) as Record<string, unknown>,
        search: view.search,
        ...(view.preset ? { preset: view.preset } : {}),
      };
    },
    applyState(state) {
      const gridApi = grid.current?.api();
      view.setSearch(state.search ?? '');
      view.setPreset(state.preset ?? '');
      if (!gridApi) return;
      if (state.columns?.length)
        gridApi.applyColumnState({
          state: state.columns.map((c) => ({ colId: c.colId, hide: !!c.hide, ...(c.width ? { width: c.width } : {}) })),
          applyOrder: true,
        });
      gridApi.applyColumnState({
        state: (state.sort ?? []).map((s, i) => ({ colId: s.colId, sort: s.sort, sortIndex: i })),
        defaultState: { sort: null },
      });
      gridApi.setFilterModel(state.filters && Object.keys(state.filters).length ? state.filters : null);
    },
  };
}
