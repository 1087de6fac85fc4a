// The vacancies grid: every vacancy with its pipeline counts, quick search, column filters,
// sort, presets (open, closing this week) and saved views. Enter or double-click opens one.
import { useRef, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { SavedViews } from '../../components/SavedViews';
import { ColumnChooser } from '../../components/ColumnChooser';
import { useGridViewState } from '../../components/use-grid-view-state';
import { useToasts } from '../../components/Toasts';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import type { VacancyGridRow } from '../../../shared/contract/vacancies-schemas';
import { GridToolbar } from '../outcomes/GridToolbar';
import { vacancyColumns, vacancyPresetOptions } from './vacancies.columns';
import { vacanciesRoutes } from './vacancies.routes';

export function VacanciesView() {
  const [search, setSearch] = useState('');
  const [preset, setPreset] = useState('open');
  const [total, setTotal] = useState<number | null>(null);
  const grid = useRef<ServerGridHandle<VacancyGridRow>>(null);
  const toasts = useToasts();
  const view = useGridViewState(grid, { search, setSearch, preset, setPreset });
  const canEdit = useCan('officer');
  return (
    <>
      <PageHeader
        title="Vacancies"
        subtitle={total === null ? 'Loading…' : `${total.toLocaleString('en-GB')} vacancies`}
        actions={
          canEdit && (
            <button type="button" className="primary" onClick={() => navigate(vacanciesRoutes.newVacancy.path())}>
              Add vacancy
            </button>
          )
        }
      />
      <GridToolbar
        idPrefix="vacancies"
        search={search}
        onSearch={setSearch}
        searchHint="Job title, employer or site"
        presets={vacancyPresetOptions}
        preset={preset}
        onPreset={setPreset}
        onExport={() => {}}
        exporting={false}
        canExport={false}
      />
      <div className="toolbar">
        <SavedViews
          grid="vacancies"
          presets={[
            { id: 'open', name: 'Open vacancies', state: { preset: 'open' } },
            { id: 'closing', name: 'Closing this week', state: { preset: 'closing-this-week' } },
            { id: 'all', name: 'All vacancies', state: {} },
          ]}
          getState={view.getState}
          applyState={view.applyState}
        />
        <ColumnChooser
          api={() => grid.current?.api() ?? null}
          columns={vacancyColumns.map((c) => ({
            colId: (c.colId ?? c.field) as string,
            headerName: c.headerName ?? '',
          }))}
        />
      </div>
      {total === 0 && !search && preset === 'open' ? (
        <p className="muted" role="status">
          No open vacancies. Add the jobs, apprenticeships, work trials and guaranteed interviews employers offer, then
          put site-ready people forward for them.
        </p>
      ) : null}
      <ServerGrid<VacancyGridRow>
        ref={grid}
        ariaLabel="Vacancies"
        columnDefs={vacancyColumns}
        search={search}
        preset={preset}
        fetchPage={(query) => api.call('vacancies.page', query)}
        onTotal={setTotal}
        onOpen={(row) => navigate(vacanciesRoutes.vacancy.path({ id: row.id }))}
        onError={(message) => toasts.show({ kind: 'error', message })}
      />
    </>
  );
}
