// Reconcile a partner's file for a period against our records: pick the file, a saved mapping
// and the period; see agree / differ / theirs-only / ours-only; accept their values field by
// field; export the result as a workbook to send back.
import { useCallback, useRef, useState } from 'react';
import type { FieldError } from '../../../shared/result';
import type { ReconcileGridRow, ReconcileSummary, UploadInfo } from '../../../shared/contract/imports.contract';
import { parseUkDate } from '../../../shared/domain/dates';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { PageHeader } from '../../components/PageHeader';
import { ErrorSummary } from '../../components/ErrorSummary';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { downloadBytes } from '../../components/download';
import { FileDrop } from './FileDrop';
import { fileBytes, runJob } from './run-job';
import { reconcileColumns, reconcileLabels } from './imports.columns';
import { importsRoutes } from './imports.routes';

type Filter = ReconcileGridRow['status'] | 'all';

export function ReconcileScreen() {
  const profiles = useChannel('imports.profiles', {});
  const [upload, setUpload] = useState<UploadInfo | null>(null);
  const [sheet, setSheet] = useState('');
  const [profileName, setProfileName] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<ReconcileSummary | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<ReconcileGridRow[]>([]);
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const grid = useRef<ServerGridHandle<ReconcileGridRow>>(null);
  const toasts = useToasts();
  const usable = (profiles.data ?? []).filter((p) => p.kind === 'participants' || p.kind === 'outcomes');

  const onFile = useCallback(async (file: File) => {
    setBusy(true);
    setErrors([]);
    const r = await runJob<UploadInfo>(async () => api.call('imports.open', { file: await fileBytes(file) }));
    setBusy(false);
    if (!r.ok) return setErrors([{ path: ['file'], message: r.error.message }]);
    setUpload(r.value);
    setSummary(null);
    setSheet(r.value.sheets.filter((s) => !s.hidden).at(-1)?.name ?? r.value.sheets[0]!.name);
  }, []);

  const compare = async () => {
    const problems: FieldError[] = [];
    const profile = usable.find((p) => p.name === profileName)?.profile;
    if (!profile) problems.push({ path: ['profile'], message: 'Choose the partner mapping to compare with' });
    const fromIso = from.trim() ? parseUkDate(from) : null;
    const toIso = to.trim() ? parseUkDate(to) : null;
    if (from.trim() && !fromIso)
      problems.push({ path: ['from'], message: 'Enter the start of the period as a date, like 01/04/2026' });
    if (to.trim() && !toIso)
      problems.push({ path: ['to'], message: 'Enter the end of the period as a date, like 30/06/2026' });
    if (fromIso && toIso && fromIso > toIso)
      problems.push({ path: ['to'], message: 'The end of the period must be after its start' });
    setErrors(problems);
    if (problems.length || !upload || !profile) return;
    setBusy(true);
    const r = await runJob<{ reconcileId: string }>(() =>
      api.call('imports.reconcile', {
        uploadId: upload.uploadId,
        sheet,
        profile,
        ...(fromIso ? { from: fromIso } : {}),
        ...(toIso ? { to: toIso } : {}),
      }),
    );
    if (!r.ok) {
      setBusy(false);
      return setErrors(r.error.fields?.length ? r.error.fields : [{ path: ['file'], message: r.error.message }]);
    }
    const s = await api.call('imports.reconcileSummary', { reconcileId: r.value.reconcileId });
    setBusy(false);
    if (s.ok) setSummary(s.value);
  };

  const reloadSummary = async () => {
    if (!summary) return;
    const s = await api.call('imports.reconcileSummary', { reconcileId: summary.reconcileId });
    if (s.ok) setSummary(s.value);
    grid.current?.refresh();
  };

  const accept = async () => {
    if (!summary) return;
    const items = selected
      .filter((r) => r.status === 'differ')
      .map((r) => ({
        id: r.id,
        fields: r.differences.map((d) => d.field).filter((f) => selected.length > 1 || picked[f] !== false),
      }))
      .filter((i) => i.fields.length);
    if (!items.length) return toasts.show({ kind: 'info', message: 'Select rows that differ to accept their values.' });
    const r = await api.call('imports.reconcileAccept', { reconcileId: summary.reconcileId, items });
    if (!r.ok) return toasts.show({ kind: 'error', message: r.error.message });
    toasts.show({
      kind: 'success',
      message: `Took ${r.value.fields} ${r.value.fields === 1 ? 'value' : 'values'} from the partner into ${r.value.updated} records.`,
    });
    setSelected([]);
    void reloadSummary();
  };

  const exportIt = async () => {
    if (!summary) return;
    const r = await api.call('imports.reconcileExport', { reconcileId: summary.reconcileId });
    if (!r.ok) return toasts.show({ kind: 'error', message: r.error.message });
    downloadBytes(r.value.fileName, r.value.bytes);
  };

  const one = selected.length === 1 ? selected[0]! : null;
  return (
    <div className="screen-fill">
      <PageHeader
        title="Reconcile a partner file"
        subtitle="Compare a partner's list for a period with our records."
        actions={<a href={importsRoutes.home.href()}>Back to imports</a>}
      />
      <ErrorSummary errors={errors} />
      {!upload ? (
        <div id="field-file" tabIndex={-1}>
          <FileDrop onFile={(f) => void onFile(f)} busy={busy} />
        </div>
      ) : (
        <form
          className="panel"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void compare();
          }}
        >
          <p>
            <strong>{upload.fileName}</strong>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setUpload(null);
                setSummary(null);
              }}
            >
              Choose another file
            </button>
          </p>
          <div className="form-row">
            <div className="field">
              <label htmlFor="field-sheet">Sheet</label>
              <select id="field-sheet" value={sheet} onChange={(e) => setSheet(e.target.value)}>
                {upload.sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="field-profile">Partner mapping</label>
              <select id="field-profile" value={profileName} onChange={(e) => setProfileName(e.target.value)}>
                <option value="">Choose…</option>
                {usable.map((p) => (
                  <option key={p.id} value={p.name}>
                    {p.name} ({p.partner})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="field-from">Period from (optional)</label>
              <input
                id="field-from"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                placeholder="dd/mm/yyyy"
                inputMode="numeric"
              />
            </div>
            <div className="field">
              <label htmlFor="field-to">Period to (optional)</label>
              <input
                id="field-to"
                value={to}
                onChange={(e) => setTo(e.target.value)}
                placeholder="dd/mm/yyyy"
                inputMode="numeric"
              />
            </div>
          </div>
          {!usable.length && (
            <p className="warning">
              There is no saved mapping for referrals or outcomes yet: import a file from this partner once and save its
              mapping.
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Comparing…' : 'Compare with our records'}
          </button>
        </form>
      )}
      {summary && (
        <>
          <div className="filters" role="group" aria-label="Show rows">
            {(['all', 'differ', 'theirs_only', 'ours_only', 'unsure', 'agree'] as Filter[]).map((f) => (
              <button
                key={f}
                type="button"
                aria-pressed={filter === f}
                onClick={() => {
                  setFilter(f);
                  setSelected([]);
                }}
              >
                {f === 'all' ? 'All' : reconcileLabels[f]} (
                {f === 'all'
                  ? Object.entries(summary.counts)
                      .filter(([k]) => k !== 'error')
                      .reduce((n, [, v]) => n + v, 0)
                  : summary.counts[f]}
                )
              </button>
            ))}
          </div>
          {summary.errors.length > 0 && (
            <p className="warning">
              {summary.errors.length} rows of their file have errors and were left out (listed in the export).
            </p>
          )}
          <div className="button-row" style={{ margin: '0.25rem 0 0.5rem' }}>
            <button type="button" disabled={!selected.some((r) => r.status === 'differ')} onClick={() => void accept()}>
              Accept their values
            </button>
            <button type="button" onClick={() => void exportIt()}>
              Export the reconciliation (.xlsx)
            </button>
          </div>
          <div className="preview-layout">
            <ServerGrid<ReconcileGridRow>
              ref={grid}
              ariaLabel="Reconciliation"
              columnDefs={reconcileColumns}
              preset={filter}
              rowSelection="multiple"
              onSelectionChanged={(rows) => {
                setSelected(rows);
                setPicked({});
              }}
              fetchPage={(query) =>
                api.call('imports.reconcilePage', { reconcileId: summary.reconcileId, status: filter, query })
              }
            />
            <aside className="row-review" aria-label="Differences">
              {!one ? (
                <p className="muted">Select one row to choose which of their values to accept.</p>
              ) : (
                <>
                  <h3>{one.name}</h3>
                  <p>
                    {reconcileLabels[one.status]} — {one.detail}
                  </p>
                  {one.differences.length > 0 && (
                    <fieldset className="field">
                      <legend>Accept their value for</legend>
                      {one.differences.map((d) => (
                        <label key={d.field} className="radio">
                          <input
                            type="checkbox"
                            disabled={one.accepted.includes(d.field)}
                            checked={one.accepted.includes(d.field) || picked[d.field] !== false}
                            onChange={(e) => setPicked((p) => ({ ...p, [d.field]: e.target.checked }))}
                          />
                          {d.label}: ours {d.ours ?? '(blank)'} → theirs {d.theirs}
                          {one.accepted.includes(d.field) ? ' (accepted)' : ''}
                        </label>
                      ))}
                    </fieldset>
                  )}
                </>
              )}
            </aside>
          </div>
        </>
      )}
    </div>
  );
}
