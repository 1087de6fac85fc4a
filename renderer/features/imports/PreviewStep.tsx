// Step 4: every row before anything is written — counts by status as filters, the rows in a
// grid, accept or reject per row (or all of a status), a review panel for one row (changes,
// problems, candidate matches), then one commit with a progress bar.
import { plural } from '../../../shared/domain/labels';
import { useCallback, useRef, useState } from 'react';
import type { PreviewGridRow, PreviewStatus } from '../../../shared/contract/imports.contract';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { navigate } from '../../app/router';
import { previewColumns } from './imports.columns';
import { RowReview } from './RowReview';
import { runJob } from './run-job';
import { importsRoutes } from './imports.routes';
import { TableScroll } from '../../components/TableScroll';

type Filter = PreviewStatus | 'all' | 'rejected';
const filters: Array<[Filter, string]> = [
  ['all', 'All'],
  ['new', 'New'],
  ['changed', 'Changed'],
  ['unchanged', 'Unchanged'],
  ['review', 'Needs review'],
  ['repeat', 'Repeated rows'],
  ['error', 'Errors'],
  ['rejected', 'Rejected'],
];

export function PreviewStep({ previewId, onStartAgain }: { previewId: string; onStartAgain(): void }) {
  const summary = useChannel('imports.previewSummary', { previewId });
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<PreviewGridRow[]>([]);
  const [committing, setCommitting] = useState(false);
  const grid = useRef<ServerGridHandle<PreviewGridRow>>(null);
  const toasts = useToasts();
  const changed = useCallback(() => {
    summary.reload();
    grid.current?.refresh();
  }, [summary]);

  const decide = async (decision: 'accept' | 'reject', rowIds: number[]) => {
    const r = await api.call('imports.decide', { previewId, decision, rowIds });
    if (!r.ok) toasts.show({ kind: 'error', message: r.error.message });
    changed();
  };

  const commit = async () => {
    setCommitting(true);
    const r = await runJob<{ batchId: number; created: number; updated: number }>(() =>
      api.call('imports.commit', { previewId }),
    );
    setCommitting(false);
    if (!r.ok) return toasts.show({ kind: 'error', message: r.error.message });
    toasts.show({
      kind: 'success',
      message: `Imported: ${r.value.created.toLocaleString('en-GB')} new, ${r.value.updated.toLocaleString('en-GB')} changed.`,
    });
    navigate(importsRoutes.batch.path({ id: r.value.batchId }));
  };

  const s = summary.data;
  if (!s) return <p role="status">{summary.error?.message ?? 'Loading the preview…'}</p>;
  const c = s.counts;
  return (
    <div className="screen-fill">
      <h3>
        {s.fileName} — {s.sheet} ({s.partner})
      </h3>
      {s.alreadyImported.length > 0 && (
        <p className="warning">
          This exact file was imported before (
          {s.alreadyImported.map((b) => `batch ${b.batchId}, ${formatUkDateTime(b.at)}`).join('; ')}). Rows already in
          our records show as unchanged.
        </p>
      )}
      {s.missingColumns.length > 0 && (
        <p className="warning">The mapping names columns this sheet lacks: {s.missingColumns.join(', ')}.</p>
      )}
      {s.ambiguousDates.length > 0 && (
        <p className="warning">
          Dates in {s.ambiguousDates.join(', ')} could be day- or month-first; they are read as the mapping says.
        </p>
      )}
      {s.runsToCreate.length > 0 && (
        <section aria-labelledby="runs-to-create">
          <h4 id="runs-to-create">Course runs to create ({s.runsToCreate.length})</h4>
          <p className="muted">
            No run in our records matches these; importing creates them, keeping {s.partner}&rsquo;s code on each so
            their next file finds it.
          </p>
          <TableScroll>
            <table className="runs-to-create">
              <thead>
                <tr>
                  <th scope="col">Their code</th>
                  <th scope="col">Course type</th>
                  <th scope="col">Title</th>
                  <th scope="col">Starts</th>
                  <th scope="col">Ends</th>
                  <th scope="col">Learners</th>
                </tr>
              </thead>
              <tbody>
                {s.runsToCreate.map((r) => (
                  <tr key={r.key}>
                    <td>{r.partnerCode ?? '—'}</td>
                    <td>{r.courseType}</td>
                    <td>{r.title ?? '—'}</td>
                    <td>{formatUkDate(r.startDate)}</td>
                    <td>{formatUkDate(r.endDate)}</td>
                    <td>{r.learners}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
      <div className="filters" role="group" aria-label="Show rows">
        {filters.map(([f, label]) => {
          const n = f === 'all' ? c.total : f === 'rejected' ? undefined : c[f];
          return (
            <button
              key={f}
              type="button"
              aria-pressed={filter === f}
              onClick={() => {
                setFilter(f);
                setSelected([]);
              }}
            >
              {label}
              {n !== undefined ? ` (${n.toLocaleString('en-GB')})` : ''}
            </button>
          );
        })}
      </div>
      <div className="button-row grid-actions">
        <button
          type="button"
          disabled={!selected.length}
          onClick={() =>
            void decide(
              'accept',
              selected.map((r) => r.id),
            )
          }
        >
          Accept selected
        </button>
        <button
          type="button"
          disabled={!selected.length}
          onClick={() =>
            void decide(
              'reject',
              selected.map((r) => r.id),
            )
          }
        >
          Reject selected
        </button>
        <span className="muted" aria-live="polite">
          {selected.length
            ? `${selected.length} selected`
            : 'Select rows (Space) to accept or reject them; blanks in the file never overwrite our data.'}
        </span>
      </div>
      <div className="preview-layout">
        <ServerGrid<PreviewGridRow>
          ref={grid}
          ariaLabel="Rows of the file"
          columnDefs={previewColumns}
          preset={filter}
          rowSelection="multiple"
          selectionColumn={{ header: 'Choose', label: 'Choose to accept or reject' }}
          onSelectionChanged={setSelected}
          fetchPage={(query) => api.call('imports.previewPage', { previewId, status: filter, query })}
          onError={(message) => toasts.show({ kind: 'error', message })}
        />
        <RowReview
          key={selected.length === 1 ? selected[0]!.id : 0}
          previewId={previewId}
          rowId={selected.length === 1 ? selected[0]!.id : null}
          onChanged={changed}
        />
      </div>
      <div className="button-row">
        <button type="button" onClick={onStartAgain}>
          Start again
        </button>
        <button
          type="button"
          className="primary"
          disabled={committing || c.accepted === 0 || s.committedBatchId !== null}
          onClick={() => void commit()}
        >
          {committing
            ? 'Importing…'
            : `Import ${c.accepted.toLocaleString('en-GB')} ${c.accepted === 1 ? 'row' : 'rows'}`}
        </button>
        <span className="muted">
          {c.review
            ? `${c.review} needing review and ${c.error} with errors will not be imported unless resolved.`
            : c.error
              ? `${plural(c.error, 'row')} with errors will not be imported.`
              : ''}
        </span>
      </div>
    </div>
  );
}
