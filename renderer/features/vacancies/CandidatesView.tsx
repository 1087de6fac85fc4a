// Everyone put forward for any vacancy: quick search, column filters, sort, presets
// (interviews this week, offers waiting for an answer) and saved views. Enter or double-click
// opens the vacancy, where the candidate is moved on.
import { useRef, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { SavedViews } from '../../components/SavedViews';
import { ColumnChooser } from '../../components/ColumnChooser';
import { useGridViewState } from '../../components/use-grid-view-state';
import { useToasts } from '../../components/Toasts';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import type { CandidateGridRow } from '../../../shared/contract/vacancies-schemas';
import { GridToolbar } from '../outcomes/GridToolbar';
import { candidateColumns, candidatePresetOptions } from './vacancies.columns';
import { vacanciesRoutes } from './vacancies.routes';

export function CandidatesView() {
  const [search, setSearch] = useState('');
  const [preset, setPreset] = useState('in-progress');
  const [total, setTotal] = useState<number | null>(null);
  const grid = useRef<ServerGridHandle<CandidateGridRow>>(null);
  const toasts = useToasts();
  const view = useGridViewState(grid, { search, setSearch, preset, setPreset });
  return (
    <>
      <PageHeader
        title="Candidates"
        subtitle={
          total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} ${total === 1 ? 'candidate' : 'candidates'}`
        }
      />
      <GridToolbar
        idPrefix="candidates"
        search={search}
        onSearch={setSearch}
        searchHint="Name, reference, vacancy or employer"
        presets={candidatePresetOptions}
        preset={preset}
        onPreset={setPreset}
        onExport={() => {}}
        exporting={false}
        canExport={false}
      />
      <div className="toolbar">
        <SavedViews
          grid="vacancy-candidates"
          presets={[
            { id: 'in-progress', name: 'In progress', state: { preset: 'in-progress' } },
            { id: 'interviews', name: 'Interviews this week', state: { preset: 'interviews-this-week' } },
            { id: 'offers', name: 'Offers waiting', state: { preset: 'offers-waiting' } },
            { id: 'all', name: 'Everyone put forward', state: {} },
          ]}
          getState={view.getState}
          applyState={view.applyState}
        />
        <ColumnChooser
          api={() => grid.current?.api() ?? null}
          columns={candidateColumns.map((c) => ({
            colId: (c.colId ?? c.field) as string,
            headerName: c.headerName ?? '',
          }))}
        />
      </div>
      <ServerGrid<CandidateGridRow>
        ref={grid}
        ariaLabel="Candidates"
        columnDefs={candidateColumns}
        search={search}
        preset={preset}
        fetchPage={(query) => api.call('candidates.page', query)}
        onTotal={setTotal}
        onOpen={(row) => navigate(vacanciesRoutes.vacancy.path({ id: row.vacancyId }))}
        onError={(message) => toasts.show({ kind: 'error', message })}
      />
    </>
  );
}
