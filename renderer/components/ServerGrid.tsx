// A grid over data that stays in the backend: AG Grid's infinite row model asks for blocks of
// rows as the user scrolls, with sort, column filters and quick search done in SQL. This is what
// keeps 100,000 participants fast: only the rows on screen ever cross to the window.
import { forwardRef, useCallback, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  ColDef,
  GridApi,
  GridReadyEvent,
  IDatasource,
  IGetRowsParams,
  RowDoubleClickedEvent,
  CellKeyDownEvent,
} from 'ag-grid-community';
import type { GridQuery } from '../../shared/contract/common';
import type { Result } from '../../shared/result';
import { gridTheme } from './grid-setup';

export interface ServerGridHandle<Row> {
  refresh(): void;
  api(): GridApi<Row> | null;
}

export interface ServerGridProps<Row> {
  columnDefs: ColDef<Row>[];
  fetchPage(query: GridQuery): Promise<Result<{ rows: Row[]; total: number; totalCapped?: boolean | undefined }>>;
  search?: string;
  /** Extra query fields (a preset such as "my-caseload"). */
  preset?: string;
  onOpen?(row: Row): void;
  /** `capped`: a quick search matched more than the backend counts; `total` is the cap. */
  onTotal?(total: number, capped: boolean): void;
  onError?(message: string): void;
  ariaLabel: string;
  rowSelection?: 'single' | 'multiple';
  onSelectionChanged?(rows: Row[]): void;
  height?: number | string;
}

function ServerGridInner<Row extends { id: number }>(
  props: ServerGridProps<Row>,
  ref: React.ForwardedRef<ServerGridHandle<Row>>,
) {
  const gridApi = useRef<GridApi<Row> | null>(null);
  // The grid's datasource reads the latest props when it fetches; updated after each render,
  // before any effect below asks the grid to fetch again.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams) {
        const p = latest.current;
        const query: GridQuery = {
          offset: params.startRow,
          limit: params.endRow - params.startRow,
          search: p.search ?? '',
          sort: params.sortModel.map((s) => ({ colId: s.colId, sort: s.sort })),
          filters: params.filterModel as GridQuery['filters'],
          ...(p.preset ? { preset: p.preset } : {}),
        };
        void p.fetchPage(query).then((result) => {
          if (!result.ok) {
            params.failCallback();
            p.onError?.(result.error.message);
            return;
          }
          const { rows, total, totalCapped = false } = result.value;
          // Past the cap the last row is unknown until a block comes back short, so the grid
          // keeps scrolling on through every match (-1: not known yet).
          const end = params.startRow + rows.length;
          params.successCallback(rows, !totalCapped ? total : rows.length < params.endRow - params.startRow ? end : -1);
          // The first block's total stands for the view (later blocks would undo a "Count all").
          if (params.startRow === 0) p.onTotal?.(total, totalCapped);
          if (result.value.total === 0) gridApi.current?.showNoRowsOverlay();
          else gridApi.current?.hideOverlay();
        });
      },
    }),
    [],
  );

  const refresh = useCallback(() => {
    gridApi.current?.purgeInfiniteCache();
  }, []);
  useImperativeHandle(ref, () => ({ refresh, api: () => gridApi.current }), [refresh]);

  // A new search or preset starts again from the top.
  useEffect(() => {
    refresh();
  }, [props.search, props.preset, refresh]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<Row>) => {
      gridApi.current = e.api;
      e.api.setGridOption('datasource', datasource);
    },
    [datasource],
  );

  const defaultColDef = useMemo<ColDef<Row>>(
    () => ({ sortable: true, resizable: true, filter: false, minWidth: 90 }),
    [],
  );

  return (
    <div className="grid-wrap" style={{ height: props.height ?? '100%' }} role="region" aria-label={props.ariaLabel}>
      <AgGridReact<Row>
        theme={gridTheme}
        columnDefs={props.columnDefs}
        defaultColDef={defaultColDef}
        rowModelType="infinite"
        cacheBlockSize={100}
        maxBlocksInCache={50}
        infiniteInitialRowCount={1}
        getRowId={(p) => String(p.data.id)}
        onGridReady={onGridReady}
        rowSelection={
          props.rowSelection
            ? {
                mode: props.rowSelection === 'single' ? 'singleRow' : 'multiRow',
                enableClickSelection: true,
                checkboxes: props.rowSelection === 'multiple',
              }
            : undefined
        }
        onSelectionChanged={(e) => props.onSelectionChanged?.(e.api.getSelectedRows())}
        onRowDoubleClicked={(e: RowDoubleClickedEvent<Row>) => e.data && props.onOpen?.(e.data)}
        onCellKeyDown={(e: CellKeyDownEvent<Row>) => {
          const key = (e.event as KeyboardEvent | undefined)?.key;
          if (key === 'Enter' && e.data) props.onOpen?.(e.data);
        }}
        overlayNoRowsTemplate='<span class="grid-empty">No records match.</span>'
        ensureDomOrder
        enableCellTextSelection
        suppressCellFocus={false}
      />
    </div>
  );
}

export const ServerGrid = forwardRef(ServerGridInner) as <Row extends { id: number }>(
  props: ServerGridProps<Row> & { ref?: React.Ref<ServerGridHandle<Row>> },
) => ReturnType<typeof ServerGridInner>;
