// The participants grid over the whole store: quick search ("/" or Ctrl+F), built-in and saved
// views, column chooser, column filters and sort, export of the current view, merge of two
// ticked rows (the tick boxes and the Merge button say so before anything is ticked). A click
// selects a person for Open; Enter or double-click opens. A search that finds nobody or few people
// also offers close matches (CloseMatches).
import { plural } from '../../../shared/domain/labels';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { labelOf } from '../../../shared/domain/reference-lists';
import { PageHeader } from '../../components/PageHeader';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { GridTotalText, useGridTotal } from '../../components/GridTotal';
import { SavedViews } from '../../components/SavedViews';
import { ColumnChooser } from '../../components/ColumnChooser';
import { useGridViewState } from '../../components/use-grid-view-state';
import { saveExportJob } from '../../components/export-job';
import { useToasts } from '../../components/Toasts';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { typingIn } from '../../app/focus';
import { useCan } from '../../app/session-context';
import {
  participantSpecialGridColumns,
  type ParticipantGridRow,
  type ViewState,
} from '../../../shared/contract/participants.contract';
import { specialColumnsUsed, viewWithout } from '../../../shared/domain/special-view';

type SpecialColumn = (typeof participantSpecialGridColumns)[number];
const specialColumnName = (colId: string) => (colId === 'ethnicity' ? 'ethnic group' : 'disability');
import type { GridQuery } from '../../../shared/contract/common';
import type { ChannelInput } from '../../../shared/contract/index';
import { PurposeDialog } from '../../components/PurposeDialog';
import { participantColumns, participantPresets } from './participants.columns';
import { participantsRoutes } from './participants.routes';
import { CloseMatches } from './CloseMatches';
import { ToolbarField } from '../../components/ToolbarField';

export function ParticipantsGrid() {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [preset, setPreset] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<ParticipantGridRow[]>([]);
  const [exporting, setExporting] = useState(false);
  const [askingPurpose, setAskingPurpose] = useState<ChannelInput<'participants.export'> | null>(null);
  // Showing ethnic group or disability asks why once per column while the screen is open.
  const [askingColumn, setAskingColumn] = useState<{ colId: SpecialColumn; show(): void } | null>(null);
  // A saved view that shows (sorts by, filters on) them asks too; it applies without them meanwhile.
  const [askingView, setAskingView] = useState<{ state: Partial<ViewState>; columns: SpecialColumn[] } | null>(null);
  const shownWithPurpose = useRef(new Set<string>());
  const grid = useRef<ServerGridHandle<ParticipantGridRow>>(null);
  const searchBox = useRef<HTMLInputElement>(null);
  const toasts = useToasts();
  const canEdit = useCan('officer');
  const showError = (message: string) => toasts.show({ kind: 'error', message });
  const fetchPage = (query: GridQuery) => api.call('participants.page', query);
  const counter = useGridTotal(grid, fetchPage, { search, preset }, showError);
  const total = counter.counted?.total ?? null;
  const mergeable = selected.length === 2;
  // Referral sources are a reference list (Settings → Reference lists): the grid shows its labels.
  const sources = useChannel('reference.choices', {}, { areas: ['participants'] }).data?.referralSources;
  // Until the list arrives the column is blank rather than showing the stored code.
  const columns = useMemo(
    () =>
      participantColumns.map((c) =>
        c.field === 'referralSource'
          ? {
              ...c,
              valueFormatter: (p: { value: unknown }) => (sources ? labelOf(sources, p.value as string | null) : ''),
            }
          : c,
      ),
    [sources],
  );

  // A short pause while typing, so each keystroke does not start a new query.
  useEffect(() => {
    const t = setTimeout(() => setSearch(typed), 120);
    return () => clearTimeout(t);
  }, [typed]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key === '/' && !typingIn(e.target)) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f')) {
        e.preventDefault();
        searchBox.current?.focus();
        searchBox.current?.select();
      } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        navigate(participantsRoutes.new.path());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const { getState, applyState } = useGridViewState(grid, {
    search: typed,
    setSearch: setTyped,
    preset: preset ?? '',
    setPreset: (p) => setPreset(p || undefined),
  });

  const applyView = (state: Partial<ViewState>) => {
    const unasked = specialColumnsUsed(state, participantSpecialGridColumns).filter(
      (colId) => !shownWithPurpose.current.has(colId),
    );
    if (!unasked.length) return applyState(state);
    applyState(viewWithout(state, unasked));
    // Viewers never get these columns (the backend withholds them), so there is nothing to ask.
    if (canEdit) setAskingView({ state, columns: unasked });
  };

  const exportInput = (): ChannelInput<'participants.export'> => {
    const state = getState();
    return {
      search: state.search,
      sort: state.sort,
      filters: state.filters as GridQuery['filters'],
      ...(preset ? { preset } : {}),
      columns: state.columns.filter((c) => !c.hide).map((c) => c.colId),
    };
  };
  // A job (JobsProgress shows its progress and Cancel); the button stays busy until the file is saved.
  const exportView = async () => {
    setExporting(true);
    const input = exportInput();
    const started = await api.call('participants.export', input);
    if (!started.ok) {
      setExporting(false);
      // Ethnic group or disability in the file: the backend asks why first (kept in the audit log).
      if (started.error.fields?.some((f) => f.path[0] === 'purpose')) return setAskingPurpose(input);
      return toasts.show({ kind: 'error', message: started.error.message });
    }
    await saved(started.value.jobId);
  };
  const saved = async (jobId: string) => {
    setExporting(true);
    await saveExportJob(
      jobId,
      toasts,
      (file) =>
        `Exported ${plural(file.rows ?? 0, 'participant')}` +
        `${file.specialCategoryHidden ? ' (special-category columns left out for your role)' : ''}`,
    );
    setExporting(false);
  };

  return (
    <div className="screen-fill">
      <PageHeader
        title="Participants"
        subtitle={<GridTotalText state={counter} noun={(n) => (n === 1 ? 'person' : 'people')} />}
        actions={
          <>
            {canEdit && (
              // Shown before anything is ticked, so the tick boxes' purpose is plain; it says why it
              // cannot act yet rather than being hidden (aria-disabled keeps it focusable).
              <button
                type="button"
                aria-disabled={!mergeable}
                aria-describedby="merge-hint"
                onClick={() => {
                  if (mergeable) navigate(participantsRoutes.merge.path({ a: selected[0]!.id, b: selected[1]!.id }));
                }}
              >
                Merge two records
              </button>
            )}
            <a className="button-link" href={participantsRoutes.review.href()}>
              Records to review
            </a>
            {canEdit && ( // exporting personal data needs an officer (participants.export)
              <button type="button" onClick={() => void exportView()} disabled={exporting}>
                {exporting ? 'Exporting…' : 'Export to Excel'}
              </button>
            )}
            {canEdit && (
              <a className="button-link primary" href={participantsRoutes.new.href()} aria-keyshortcuts="Control+N">
                New participant
              </a>
            )}
          </>
        }
      />
      <div className="toolbar">
        <ToolbarField id="participant-search" label="Search">
          <input
            id="participant-search"
            ref={searchBox}
            type="search"
            size={42}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setSearch(typed);
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                const gridApi = grid.current?.api();
                const first = gridApi?.getAllDisplayedColumns()[0];
                if (gridApi && first) gridApi.setFocusedCell(0, first);
              }
            }}
            placeholder="Name, reference, NI number, postcode or phone"
            aria-keyshortcuts="/ Control+F"
            aria-describedby="participant-search-hint"
          />
        </ToolbarField>
        <span id="participant-search-hint" className="muted small">
          Press / to search, ↓ to move to the results, Enter to open.
        </span>
        <SavedViews grid="participants" presets={participantPresets} getState={getState} applyState={applyView} />
        <ColumnChooser
          api={() => grid.current?.api() ?? null}
          columns={participantColumns.map((c) => ({ colId: c.field as string, headerName: c.headerName ?? '' }))}
          askFirst={{
            columns: participantSpecialGridColumns,
            ask: (colId, show) => {
              if (shownWithPurpose.current.has(colId)) return show();
              setAskingColumn({ colId: colId as SpecialColumn, show });
            },
          }}
        />
      </div>
      <CloseMatches search={search} total={total} />
      <ServerGrid<ParticipantGridRow>
        ref={grid}
        ariaLabel="Participants"
        columnDefs={columns}
        search={search}
        {...(preset ? { preset } : {})}
        fetchPage={fetchPage}
        onTotal={counter.onTotal}
        onOpen={(row) => navigate(participantsRoutes.person.path({ id: row.id, tab: 'details' }))}
        onError={showError}
        {...(canEdit
          ? {
              rowSelection: 'multiple' as const,
              onSelectionChanged: setSelected,
              selectionColumn: { header: 'Merge', label: 'Select to merge' },
              hint: (
                <span id="merge-hint">
                  Tick two people to merge duplicates
                  {selected.length === 1 ? ' (1 ticked)' : selected.length > 2 ? ` (${selected.length} ticked)` : ''}.
                  Click a row to select it, then Open; Enter or a double-click opens straight away.
                </span>
              ),
            }
          : { rowSelection: 'single' as const })}
      />
      {askingColumn && (
        <PurposeDialog
          channel="participants.showSpecialColumns"
          title={`Why do you need to see ${askingColumn.colId === 'ethnicity' ? 'ethnic group' : 'disability'}?`}
          label="Purpose"
          hint="These are special-category data. The reason is kept in the audit log, e.g. “Checking equality monitoring before the return”."
          confirmLabel="Show the column"
          field="purpose"
          required
          toInput={(purpose) => ({ columns: [askingColumn.colId], purpose })}
          onDone={() => {
            shownWithPurpose.current.add(askingColumn.colId);
            askingColumn.show();
          }}
          onClose={() => setAskingColumn(null)}
        />
      )}
      {askingView && (
        <PurposeDialog
          channel="participants.showSpecialColumns"
          title={`This view shows ${askingView.columns.map(specialColumnName).join(' and ')}. Why do you need to see it?`}
          label="Purpose"
          hint="These are special-category data. The reason is kept in the audit log. Cancel to use the view without them."
          confirmLabel="Show the view with them"
          field="purpose"
          required
          toInput={(purpose) => ({ columns: askingView.columns, purpose })}
          onDone={() => {
            for (const colId of askingView.columns) shownWithPurpose.current.add(colId);
            applyState(askingView.state);
          }}
          onClose={() => setAskingView(null)}
        />
      )}
      {askingPurpose && (
        <PurposeDialog
          channel="participants.export"
          title="Why are you exporting ethnic group or disability?"
          label="Purpose"
          hint={
            'These are special-category data. The reason is kept in the audit log with the export, ' +
            "e.g. “Equality monitoring for the college's quarterly return”."
          }
          confirmLabel="Export to Excel"
          field="purpose"
          required
          toInput={(purpose) => ({ ...askingPurpose, purpose })}
          onDone={(started) => void saved(started.jobId)}
          onClose={() => setAskingPurpose(null)}
        />
      )}
    </div>
  );
}
