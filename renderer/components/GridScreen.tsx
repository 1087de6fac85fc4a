// A list screen over one server grid: the page header with the count and the main action, the
// toolbar (quick search, presets, export of the current view), saved views, the column chooser
// and the grid itself. Outcomes, placements and every later list use this, so each list screen
// says only what differs: its title, columns, channels and where a row opens.
import { useRef, useState, type ReactNode } from 'react';
import { GridTotalText, useGridTotal } from './GridTotal';
import type { ColDef } from 'ag-grid-community';
import { PageHeader } from './PageHeader';
import { ServerGrid, type ServerGridHandle, type ServerGridProps } from './ServerGrid';
import { useToasts } from './Toasts';
import { GridToolbar } from './GridToolbar';
import { SavedViews, type Preset } from './SavedViews';
import { ColumnChooser } from './ColumnChooser';
import { useGridViewState } from './use-grid-view-state';
import { useGridExport, type GridExportChannel } from './use-grid-export';
import { useCan } from '../app/session-context';
import type { AreaTabs } from './nav-item';

export interface GridScreenProps<Row extends { id: number }> {
  title: string;
  /** Plural noun for the count under the title: "1,204 outcomes". */
  noun: string;
  /** The saved-views key, also the prefix of the toolbar's ids. */
  grid: string;
  searchHint: string;
  columns: ColDef<Row>[];
  presets: Array<{ code: string; label: string }>;
  /** The preset shown first ('' is everything). */
  defaultPreset?: string;
  /** Built-in views offered beside the user's saved ones. */
  views?: Preset[];
  fetchPage: ServerGridProps<Row>['fetchPage'];
  onOpen(row: Row): void;
  /** Offered to officers: exports exactly the view shown. */
  exportChannel?: GridExportChannel;
  /** The main action, offered to officers ("Record outcome"). */
  action?: { label: string; run(): void };
  /** Said instead of an empty grid when nothing is searched or filtered beyond the default. */
  emptyMessage?: ReactNode;
  /** The area's tabs, under the heading. */
  tabs?: AreaTabs;
}

const defaultViews: Preset[] = [{ id: 'default', name: 'Default view', state: {} }];

export function GridScreen<Row extends { id: number }>(props: GridScreenProps<Row>) {
  const [search, setSearch] = useState('');
  const [preset, setPreset] = useState(props.defaultPreset ?? '');
  const grid = useRef<ServerGridHandle<Row>>(null);
  const toasts = useToasts();
  const showError = (message: string) => toasts.show({ kind: 'error', message });
  const counter = useGridTotal(grid, props.fetchPage, { search, preset }, showError);
  const total = counter.counted?.total ?? null;
  const view = useGridViewState(grid, { search, setSearch, preset, setPreset });
  const canEdit = useCan('officer');
  const gridApi = () => grid.current?.api() ?? null;
  const exporter = useGridExport(props.exportChannel ?? null, gridApi, search, preset);
  const showEmpty = props.emptyMessage && total === 0 && !search && preset === (props.defaultPreset ?? '');
  return (
    <>
      <PageHeader
        title={props.title}
        tabs={props.tabs}
        subtitle={<GridTotalText state={counter} noun={() => props.noun} />}
        actions={
          canEdit &&
          props.action && (
            <button type="button" className="primary" onClick={props.action.run}>
              {props.action.label}
            </button>
          )
        }
      />
      <GridToolbar
        idPrefix={props.grid}
        search={search}
        onSearch={setSearch}
        searchHint={props.searchHint}
        presets={props.presets}
        preset={preset}
        onPreset={setPreset}
        onExport={() => void exporter.run()}
        exporting={exporter.exporting}
        canExport={canEdit && props.exportChannel !== undefined}
      />
      <div className="toolbar">
        <SavedViews
          grid={props.grid}
          presets={props.views ?? defaultViews}
          getState={view.getState}
          applyState={view.applyState}
        />
        <ColumnChooser
          api={gridApi}
          columns={props.columns.map((c) => ({
            colId: (c.colId ?? c.field) as string,
            headerName: c.headerName ?? '',
          }))}
        />
      </div>
      {showEmpty ? (
        <p className="muted" role="status">
          {props.emptyMessage}
        </p>
      ) : null}
      <ServerGrid<Row>
        ref={grid}
        ariaLabel={props.title}
        columnDefs={props.columns}
        search={search}
        preset={preset}
        fetchPage={props.fetchPage}
        onTotal={counter.onTotal}
        onOpen={props.onOpen}
        onError={showError}
      />
    </>
  );
}
