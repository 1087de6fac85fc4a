// The outcomes grid: every outcome, with quick search, column filters, sort, presets
// ("Unverified", "Has issues", "Sustainment due this month"…) and export of the current view.
import { useRef, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import type { OutcomeGridRow } from '../../../shared/contract/outcomes-schemas';
import { outcomeColumns, outcomePresetOptions } from './outcomes.columns';
import { GridToolbar } from './GridToolbar';
import { SavedViews } from '../../components/SavedViews';
import { ColumnChooser } from '../../components/ColumnChooser';
import { useGridViewState } from '../../components/use-grid-view-state';
import { useGridExport } from './use-grid-export';
import { outcomesRoutes } from './outcomes.routes';

export function OutcomesView() {
  const [search, setSearch] = useState('');
  const [preset, setPreset] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  const grid = useRef<ServerGridHandle<OutcomeGridRow>>(null);
  const toasts = useToasts();
  const view = useGridViewState(grid, { search, setSearch, preset, setPreset });
  const canEdit = useCan('officer');
  const exporter = useGridExport('outcomes.export', () => grid.current?.api() ?? null, search, preset);
  return (
    <>
      <PageHeader
        title="Outcomes"
        subtitle={total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} outcomes`}
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => navigate(outcomesRoutes.newOutcome.path())}>
              Record outcome
            </button>
          )
        }
      />
      <GridToolbar
        idPrefix="outcomes"
        search={search}
        onSearch={setSearch}
        searchHint="Name, reference, employer or outcome"
        presets={outcomePresetOptions}
        preset={preset}
        onPreset={setPreset}
        onExport={() => void exporter.run()}
        exporting={exporter.exporting}
        canExport={canEdit}
      />
      <div className="toolbar">
        <SavedViews
          grid="outcomes"
          presets={[{ id: 'default', name: 'Default view', state: {} }]}
          getState={view.getState}
          applyState={view.applyState}
        />
        <ColumnChooser
          api={() => grid.current?.api() ?? null}
          columns={outcomeColumns.map((c) => ({
            colId: (c.colId ?? c.field) as string,
            headerName: c.headerName ?? '',
          }))}
        />
      </div>
      <ServerGrid<OutcomeGridRow>
        ref={grid}
        ariaLabel="Outcomes"
        columnDefs={outcomeColumns}
        search={search}
        preset={preset}
        fetchPage={(query) => api.call('outcomes.page', query)}
        onTotal={setTotal}
        onOpen={(row) => navigate(outcomesRoutes.outcome.path({ id: row.id }))}
        onError={(message) => toasts.show({ kind: 'error', message })}
      />
    </>
  );
}
