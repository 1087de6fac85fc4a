// Reconcile a partner's file for a period against our records: pick the file, a saved mapping
// and the period; see agree / differ / theirs-only / ours-only; accept their values field by
// field; export the result as a workbook to send back.
import { useCallback, useMemo, useRef, useState } from 'react';
import { z } from 'zod';
import type { ChannelOutput } from '../../../shared/contract/index';
import type { ReconcileGridRow, ReconcileSummary, UploadInfo } from '../../../shared/contract/imports.contract';
import { isIsoDate } from '../../../shared/domain/dates';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { PageHeader } from '../../components/PageHeader';
import { ErrorSummary } from '../../components/form/ErrorSummary';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { ServerGrid, type ServerGridHandle } from '../../components/ServerGrid';
import { useToasts } from '../../components/Toasts';
import { exportAndSave } from '../../components/export-job';
import { FileDrop } from './FileDrop';
import { fileBytes, runJob, waitForJob } from './run-job';
import { reconcileColumns, reconcileLabels } from './imports.columns';
import { importsRoutes } from './imports.routes';

type Filter = ReconcileGridRow['status'] | 'all';

export function ReconcileScreen() {
  const profiles = useChannel('imports.profiles', {});
  const [upload, setUpload] = useState<UploadInfo | null>(null);
  const [fileProblem, setFileProblem] = useState<{ message: string; attempt: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [summary, setSummary] = useState<ReconcileSummary | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const [selected, setSelected] = useState<ReconcileGridRow[]>([]);
  const [picked, setPicked] = useState<Record<string, boolean>>({});
  const grid = useRef<ServerGridHandle<ReconcileGridRow>>(null);
  const toasts = useToasts();
  // Every kind of partner file reconciles: referrals, outcomes, enrolments, results and placements.
  const usable = profiles.data ?? [];

  const onFile = useCallback(async (file: File) => {
    setBusy(true);
    const r = await runJob<UploadInfo>(async () => api.call('imports.open', { file: await fileBytes(file) }));
    setBusy(false);
    if (!r.ok) return setFileProblem((p) => ({ message: r.error.message, attempt: (p?.attempt ?? 0) + 1 }));
    setFileProblem(null);
    setUpload(r.value);
    setSummary(null);
  }, []);

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
    await exportAndSave(
      'imports.reconcile.export',
      { reconcileId: summary.reconcileId },
      toasts,
      (file) => `Saved ${file.fileName}`,
    );
  };

  const one = selected.length === 1 ? selected[0]! : null;
  return (
    <div className="screen-fill">
      <PageHeader
        title="Reconcile a partner file"
        subtitle="Compare a partner's list for a period with our records."
        back={{ label: 'Back to imports', href: importsRoutes.home.href() }}
      />
      <ErrorSummary
        problems={fileProblem ? [{ path: ['file'], message: fileProblem.message }] : []}
        focusKey={fileProblem?.attempt ?? 0}
      />
      {!upload ? (
        <div id="field-file" tabIndex={-1}>
          <FileDrop onFile={(f) => void onFile(f)} busy={busy} />
        </div>
      ) : (
        <CompareForm
          key={upload.uploadId}
          upload={upload}
          usable={usable}
          onAnotherFile={() => {
            setUpload(null);
            setSummary(null);
          }}
          onCompared={setSummary}
        />
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
          <div className="button-row grid-actions">
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
              selectionColumn={{ header: 'Choose', label: 'Choose this row' }}
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

const ukDay = (message: string) =>
  z
    .string()
    .nullable()
    .refine((v) => v === null || isIsoDate(v), message);

function CompareForm({
  upload,
  usable,
  onAnotherFile,
  onCompared,
}: {
  upload: UploadInfo;
  usable: ChannelOutput<'imports.profiles'>;
  onAnotherFile(): void;
  onCompared(summary: ReconcileSummary): void;
}) {
  // The mapping is chosen by name; the form hands on the saved profile itself.
  const schema = useMemo(
    () =>
      z
        .object({
          sheet: z.string(),
          profile: z.string().transform((name, ctx) => {
            const profile = usable.find((p) => p.name === name)?.profile;
            if (profile) return profile;
            ctx.addIssue({ code: 'custom', message: 'Choose the partner mapping to compare with' });
            return z.NEVER;
          }),
          from: ukDay('Enter the start of the period as a date, like 01/04/2026'),
          to: ukDay('Enter the end of the period as a date, like 30/06/2026'),
        })
        .refine((v) => !v.from || !v.to || v.from <= v.to, {
          path: ['to'],
          message: 'The end of the period must be after its start',
        }),
    [usable],
  );
  const f = useContractForm('imports.reconcile', {
    schema,
    defaultValues: {
      sheet: upload.sheets.filter((s) => !s.hidden).at(-1)?.name ?? upload.sheets[0]!.name,
      profile: '',
      from: null,
      to: null,
    },
    toInput: ({ sheet, profile, from, to }) => ({
      uploadId: upload.uploadId,
      sheet,
      profile,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    }),
    onSuccess: async ({ jobId }, _input, form) => {
      const r = await waitForJob<{ reconcileId: string }>(jobId);
      if (!r.ok) return form.showProblem(r.error.message);
      const s = await api.call('imports.reconcileSummary', { reconcileId: r.value.reconcileId });
      if (s.ok) onCompared(s.value);
      else form.showProblem(s.error.message);
    },
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      className="panel"
      aria-label="Compare with our records"
      heading={
        <p>
          <strong>{upload.fileName}</strong>{' '}
          <button type="button" className="link-button" onClick={onAnotherFile}>
            Choose another file
          </button>
        </p>
      }
    >
      <div className="form-row">
        <Field name="sheet" label="Sheet">
          {(c) => (
            <select {...c} {...register('sheet')}>
              {upload.sheets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field name="profile" label="Partner mapping">
          {(c) => (
            <select {...c} {...register('profile')}>
              <option value="">Choose…</option>
              {usable.map((p) => (
                <option key={p.id} value={p.name}>
                  {p.name} ({p.partner})
                </option>
              ))}
            </select>
          )}
        </Field>
        <DateField name="from" label="Period from (optional)" />
        <DateField name="to" label="Period to (optional)" />
      </div>
      {!usable.length && (
        <p className="warning">
          There is no saved mapping yet: import a file from this partner once and save its mapping.
        </p>
      )}
      <button type="submit" className="primary" disabled={f.saving}>
        {f.saving ? 'Comparing…' : 'Compare with our records'}
      </button>
    </Form>
  );
}
