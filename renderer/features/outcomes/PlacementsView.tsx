// The placements grid: every placement in the programme, with quick search, column filters,
// sort, presets and export of the current view. Enter or double-click opens a placement.
import { useRef, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import type { PlacementGridRow } from '../../../shared/contract/outcomes-schemas';
import { placementColumns, placementPresetOptions } from './placements.columns';
import { GridToolbar } from './GridToolbar';
import { SavedViews } from '../../components/SavedViews';
import { ColumnChooser } from '../../components/ColumnChooser';
import { useGridViewState } from '../../components/use-grid-view-state';
import { useGridExport } from './use-grid-export';
import { outcomesRoutes } from './outcomes.routes';

export function PlacementsView() {
  const [search, setSearch] = useState('');
  const [preset, setPreset] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const grid = useRef<ServerGridHandle<PlacementGridRow>>(null);
  const toasts = useToasts();
  const view = useGridViewState(grid, { search, setSearch, preset, setPreset });
  const canEdit = useCan('officer');
  const exporter = useGridExport('placements.export', () => grid.current?.api() ?? null, search, preset);
  return (
    <>
      <PageHeader
        title="Placements"
        subtitle={total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} placements`}
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => navigate(outcomesRoutes.newPlacement.path())}>
              Record placement
            </button>
          )
        }
      />
      <GridToolbar
        idPrefix="placements"
        search={search}
        onSearch={setSearch}
        searchHint="Name, reference, employer or site"
        presets={placementPresetOptions}
        preset={preset}
        onPreset={setPreset}
        onExport={() => void exporter.run()}
        exporting={exporter.exporting}
        canExport={canEdit}
      />
      <div className="toolbar">
        <SavedViews
          grid="placements"
          presets={[{ id: 'default', name: 'Default view', state: {} }]}
          getState={view.getState}
          applyState={view.applyState}
        />
        <ColumnChooser
          api={() => grid.current?.api() ?? null}
          columns={placementColumns.map((c) => ({
            colId: (c.colId ?? c.field) as string,
            headerName: c.headerName ?? '',
          }))}
        />
      </div>
      <ServerGrid<PlacementGridRow>
        ref={grid}
        ariaLabel="Placements"
        columnDefs={placementColumns}
        search={search}
        preset={preset}
        fetchPage={(query) => api.call('placements.page', query)}
        onTotal={setTotal}
        onOpen={(row) => navigate(outcomesRoutes.placement.path({ id: row.id }))}
        onError={(message) => toasts.show({ kind: 'error', message })}
      />
    </>
  );
}
