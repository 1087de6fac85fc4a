// A grid over data that stays in the backend: AG Grid's infinite row model asks for blocks of
// rows as the user scrolls, with sort, column filters and quick search done in SQL. This is what
// keeps 100,000 participants fast: only the rows on screen ever cross to the window.
// Every grid behaves the same: a click selects a row and the bar above offers Open (Enter and a
// double-click open too), tick boxes say what they are for, and when columns lie off screen the
// bar says so ("More columns →", which scrolls to them). In a grid with tick boxes and Open a click
// only makes the row the one Open acts on: ticking is for the boxes (or Space), so choosing a person to
// open never also ticks them for a merge.
import {
  forwardRef,
  useCallback,
  useEffect,
  useId,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { AgGridReact } from 'ag-grid-react';
import type {
  ColDef,
  GridApi,
  GridReadyEvent,
  IDatasource,
  IGetRowsParams,
  RowDoubleClickedEvent,
  CellKeyDownEvent,
  ColumnResizedEvent,
  Column,
} from 'ag-grid-community';
import type { GridQuery } from '../../shared/contract/common';
import type { Result } from '../../shared/result';
import { gridTheme } from './grid-setup';

export interface ServerGridHandle<Row> {
  refresh(): void;
  api(): GridApi<Row> | null;
}

interface ServerGridBase<Row> {
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
  onSelectionChanged?(rows: Row[]): void;
  /** A line above the grid explaining it (what ticking does), beside Open. */
  hint?: ReactNode;
  height?: number | string;
  /** Said in the grid when it has no rows and nothing narrows it (no search, column filter or
   * preset): what the list holds and how it fills ("No imports yet…"). Otherwise, or without it,
   * the grid says "No records match." */
  emptyText?: string;
}

/** Tick boxes ('multiple') or one row at a time; a grid that opens rows selects one by default.
 * Tick boxes say what they are for (a column of boxes under an empty heading names nothing):
 * `label` names the column and each box ("Select to merge"), `header` is the short heading
 * shown ("Merge"). */
export type ServerGridProps<Row> = ServerGridBase<Row> &
  (
    | { rowSelection?: 'single'; selectionColumn?: undefined }
    | { rowSelection: 'multiple'; selectionColumn: { header: string; label: string } }
  );

/** Columns beyond the scrolled view on each side (pinned columns are always shown). */
interface OffScreen {
  left: Column[];
  right: Column[];
}
const noneOffScreen: OffScreen = { left: [], right: [] };

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
  // Read when the grid shows it, so it says what is true then: nothing yet, or nothing matching.
  const NoRows = useCallback(() => {
    const p = latest.current;
    const narrowed = !!p.search?.trim() || !!p.preset || !!gridApi.current?.isAnyFilterPresent();
    return <span className="grid-empty">{!narrowed && p.emptyText ? p.emptyText : 'No records match.'}</span>;
  }, []);

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

  const [selected, setSelected] = useState<Row[]>([]);
  // The row Open acts on in a grid with tick boxes: the row of the focused cell (a click or the
  // arrow keys put it there), shown by the focused row's colour (app.css).
  const [current, setCurrent] = useState<Row | undefined>(undefined);
  const selectionMode = props.rowSelection ?? (props.onOpen ? 'single' : undefined);
  const selectionColumn = props.selectionColumn;
  const selectionColumnDef = useMemo(
    () =>
      selectionColumn
        ? {
            pinned: 'left' as const,
            width: 80,
            headerName: selectionColumn.label,
            headerComponent: () => (
              <span>
                <span aria-hidden="true">{selectionColumn.header}</span>
                <span className="visually-hidden">{selectionColumn.label}</span>
              </span>
            ),
          }
        : undefined,
    [selectionColumn],
  );
  const localeText = useMemo(
    () => (selectionColumn ? { ariaRowToggleSelection: selectionColumn.label } : undefined),
    [selectionColumn],
  );

  // Which columns lie off screen, re-read as the grid scrolls, resizes or its columns change.
  const [offScreen, setOffScreen] = useState<OffScreen>(noneOffScreen);
  const measureColumns = useCallback(() => {
    const api = gridApi.current;
    if (!api || api.isDestroyed()) return;
    const { left, right } = api.getHorizontalPixelRange();
    const centre = api.getAllDisplayedColumns().filter((c) => !c.getPinned());
    const next: OffScreen = {
      left: centre.filter((c) => (c.getLeft() ?? 0) < left - 1),
      right: centre.filter((c) => (c.getLeft() ?? 0) + c.getActualWidth() > right + 1),
    };
    setOffScreen((was) =>
      was.left.length === next.left.length && was.right.length === next.right.length ? was : next,
    );
  }, []);
  // A header cut short ("Refere…") names nothing: each column is widened until its header's label
  // fits. Measured in the window, not set in the columns files, because the label's width depends
  // on the font the machine has (DejaVu here, Segoe UI on a council laptop).
  // A column the user has sized by hand keeps the width they gave it.
  const wrap = useRef<HTMLDivElement>(null);
  const sizedByHand = useRef(new Set<string>());
  const fitHeaders = useCallback(() => {
    const api = gridApi.current;
    if (!api || api.isDestroyed() || !wrap.current) return;
    const wider = [...wrap.current.querySelectorAll<HTMLElement>('.ag-header-cell[col-id]')].flatMap((cell) => {
      if (sizedByHand.current.has(cell.getAttribute('col-id')!)) return [];
      const label = cell.querySelector<HTMLElement>('.ag-header-cell-text');
      const short = label ? label.scrollWidth - label.clientWidth : 0;
      return short > 0
        ? [{ key: cell.getAttribute('col-id')!, newWidth: Math.ceil(cell.getBoundingClientRect().width + short + 2) }]
        : [];
    });
    if (wider.length) api.setColumnWidths(wider);
  }, []);
  const columnsShown = useCallback(() => {
    fitHeaders();
    measureColumns();
  }, [fitHeaders, measureColumns]);
  const names = (cols: Column[]) => cols.map((c) => c.getColDef().headerName ?? c.getColId()).join(', ');
  const hintId = useId();
  const open = props.onOpen;
  const one = selectionMode === 'multiple' ? current : selected.length === 1 ? selected[0] : undefined;
  const showBar = !!open || !!props.hint || offScreen.left.length > 0 || offScreen.right.length > 0;

  return (
    <div className="server-grid" style={props.height !== undefined ? { height: props.height } : undefined}>
      {showBar && (
        <div className="grid-bar">
          {open && (
            <button
              type="button"
              disabled={!one}
              aria-describedby={hintId}
              onClick={() => {
                if (one) open(one);
              }}
            >
              Open
            </button>
          )}
          <span id={hintId} className="muted">
            {props.hint ??
              (open ? 'Click a row to select it, then Open; Enter or a double-click opens a row straight away.' : null)}
          </span>
          <span className="grid-bar-columns">
            {offScreen.left.length > 0 && (
              <button
                type="button"
                className="link-button"
                title={names(offScreen.left)}
                onClick={() => gridApi.current?.ensureColumnVisible(offScreen.left.at(-1)!, 'end')}
              >
                ← More columns
              </button>
            )}
            {offScreen.right.length > 0 && (
              <button
                type="button"
                className="link-button"
                title={names(offScreen.right)}
                onClick={() => gridApi.current?.ensureColumnVisible(offScreen.right[0]!, 'start')}
              >
                More columns →
              </button>
            )}
          </span>
        </div>
      )}
      <div ref={wrap} className="grid-wrap" role="region" aria-label={props.ariaLabel}>
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
            selectionMode === 'single'
              ? { mode: 'singleRow', enableClickSelection: true, checkboxes: false }
              : selectionMode === 'multiple'
                ? // With Open as well, a click chooses the row to open and only the boxes tick.
                  { mode: 'multiRow', enableClickSelection: !props.onOpen, checkboxes: true, headerCheckbox: false }
                : undefined
          }
          {...(selectionColumnDef ? { selectionColumnDef } : {})}
          {...(localeText ? { localeText } : {})}
          onSelectionChanged={(e) => {
            const rows = e.api.getSelectedRows();
            setSelected(rows);
            props.onSelectionChanged?.(rows);
          }}
          onCellFocused={(e) => {
            if (selectionMode !== 'multiple' || !props.onOpen || e.rowIndex == null) return;
            const row = e.api.getDisplayedRowAtIndex(e.rowIndex)?.data;
            setCurrent((was) => (was?.id === row?.id ? was : row));
          }}
          onFirstDataRendered={columnsShown}
          // An empty grid renders no data (no firstDataRendered): its headers are fitted when its
          // first (empty) page arrives.
          onModelUpdated={fitHeaders}
          onBodyScroll={measureColumns}
          onGridSizeChanged={measureColumns}
          onDisplayedColumnsChanged={columnsShown}
          onColumnResized={(e: ColumnResizedEvent<Row>) => {
            if (e.source === 'uiColumnResized') for (const c of e.columns ?? []) sizedByHand.current.add(c.getColId());
            measureColumns();
          }}
          onRowDoubleClicked={(e: RowDoubleClickedEvent<Row>) => e.data && props.onOpen?.(e.data)}
          onCellKeyDown={(e: CellKeyDownEvent<Row>) => {
            const key = (e.event as KeyboardEvent | undefined)?.key;
            if (key === 'Enter' && e.data) props.onOpen?.(e.data);
          }}
          noRowsOverlayComponent={NoRows}
          ensureDomOrder
          // Every shown column's header is in the page, so fitHeaders can measure each one (a grid
          // has tens of columns at most; its rows are still drawn only as they scroll into view).
          suppressColumnVirtualisation
          enableCellTextSelection
          suppressCellFocus={false}
        />
      </div>
    </div>
  );
}

export const ServerGrid = forwardRef(ServerGridInner) as <Row extends { id: number }>(
  props: ServerGridProps<Row> & { ref?: React.Ref<ServerGridHandle<Row>> },
) => ReturnType<typeof ServerGridInner>;
