// Step 3: which column feeds each of our fields (suggested from the headers and contents), value
// mappings for coded fields, the file's date convention (confirmed when every date is
// ambiguous), and the profile's name and partner so the mapping can be saved and reused.
import { useEffect, useMemo, useState } from 'react';
import type { FieldError } from '../../../shared/result';
import type { SheetView, UploadInfo } from '../../../shared/contract/imports.contract';
import {
  importFields,
  importKindLabels,
  importProfileSchema,
  type ImportKind,
  type ImportProfile,
} from '../../../shared/domain/import-profile';
import type { DateConvention } from '../../../shared/domain/import-values';
import { api } from '../../api/client';
import { ErrorSummary, fieldId } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { runJob } from './run-job';
import { SamplesTable } from './SamplesTable';
import { ValueMappings } from './ValueMappings';

const plural = (n: number, word: string) => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;
const conventions: Array<[DateConvention, string]> = [
  ['dmy', 'Day first (31/01/2026), as in the UK'],
  ['mdy', 'Month first (01/31/2026), as in the US'],
  ['ymd', 'Year first (2026-01-31)'],
];

export function MappingStep(props: {
  upload: UploadInfo;
  sheet: string;
  kind: ImportKind;
  initial: ImportProfile | null;
  onBack(): void;
  onPreview(previewId: string): void;
}) {
  const { upload, sheet, kind, initial } = props;
  const toasts = useToasts();
  const [headerRow, setHeaderRow] = useState<number | undefined>(initial?.headerRow);
  const [view, setView] = useState<SheetView | null>(null);
  const [columns, setColumns] = useState<Record<string, string>>(initial?.columns ?? {});
  const [valueMaps, setValueMaps] = useState<Record<string, Record<string, string>>>(initial?.valueMaps ?? {});
  const [defaults, setDefaults] = useState<Record<string, string>>(initial?.defaults ?? {});
  const [convention, setConvention] = useState<DateConvention>(initial?.dateConvention ?? 'dmy');
  const [conventionConfirmed, setConventionConfirmed] = useState(!!initial);
  const [name, setName] = useState(initial?.name ?? '');
  const [partner, setPartner] = useState(initial?.partner ?? '');
  const [save, setSave] = useState(true);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const fields = importFields[kind];

  useEffect(() => {
    let live = true;
    void api
      .call('imports.sheet', { uploadId: upload.uploadId, sheet, kind, ...(headerRow ? { headerRow } : {}) })
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setErrors([{ path: ['file'], message: r.error.message }]);
        setView(r.value);
        // A new mapping starts from the suggestions; a saved profile keeps its own choices.
        if (!initial)
          setColumns((c) =>
            Object.keys(c).length ? c : Object.fromEntries(r.value.suggestions.map((s) => [s.field, s.header])),
          );
        const ambiguous = r.value.dateColumns.find((d) => !d.ambiguous && d.numericForms > 0);
        if (!initial && ambiguous) setConvention(ambiguous.suggested);
      });
    return () => {
      live = false;
    };
  }, [upload.uploadId, sheet, kind, headerRow, initial]);

  const mappedAmbiguous = useMemo(
    () => (view?.dateColumns ?? []).filter((d) => d.ambiguous && Object.values(columns).includes(d.header)),
    [view, columns],
  );
  const suggestedBy = (field: string) => view?.suggestions.find((s) => s.field === field);

  const profileInput = () => ({
    name,
    partner,
    kind,
    sheet,
    ...(headerRow ? { headerRow } : {}),
    dateConvention: convention,
    columns: Object.fromEntries(Object.entries(columns).filter(([, h]) => h)),
    valueMaps: Object.fromEntries(Object.entries(valueMaps).filter(([f, m]) => columns[f] && Object.keys(m).length)),
    defaults: Object.fromEntries(Object.entries(defaults).filter(([, v]) => v.trim())),
    scope: defaults.referral_source?.trim() ? { referralSource: defaults.referral_source.trim() } : {},
  });

  const check = async () => {
    const parsed = importProfileSchema.safeParse(profileInput());
    const problems: FieldError[] = parsed.success
      ? []
      : parsed.error.issues.map((i) => ({
          path: i.path.length > 2 ? i.path.slice(0, 2).map(String) : i.path.map(String),
          message: i.message,
        }));
    if (mappedAmbiguous.length && !conventionConfirmed)
      problems.push({
        path: ['dateConvention'],
        message: `Confirm how the dates in ${mappedAmbiguous.map((d) => d.header).join(', ')} are written: every one could be read either way`,
      });
    setErrors(problems);
    if (!parsed.success || problems.length) return;
    setBusy(true);
    if (save) {
      const saved = await api.call('imports.saveProfile', { profile: parsed.data });
      if (!saved.ok) {
        setBusy(false);
        return setErrors(
          saved.error.fields?.length ? saved.error.fields : [{ path: ['name'], message: saved.error.message }],
        );
      }
      toasts.show({ kind: 'success', message: `Mapping saved as "${parsed.data.name}"` });
    }
    const result = await runJob<{ previewId: string }>(() =>
      api.call('imports.preview', { uploadId: upload.uploadId, sheet, profile: parsed.data }),
    );
    setBusy(false);
    if (!result.ok) return setErrors([{ path: ['file'], message: result.error.message }]);
    props.onPreview(result.value.previewId);
  };

  if (!view) return <p role="status">Reading the sheet…</p>;
  return (
    <form
      className="panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void check();
      }}
    >
      <ErrorSummary errors={errors} />
      <h3>
        Columns of “{view.sheet}” as {importKindLabels[kind].toLowerCase()}
      </h3>
      <p>
        Headings found in row {view.headerRow}; {plural(view.rowCount, 'row')} below them
        {view.skippedBlank ? `, ${plural(view.skippedBlank, 'blank row')} skipped` : ''}
        {view.skippedTotals ? `, ${plural(view.skippedTotals, 'total row')} skipped` : ''}.
      </p>
      <div className="field">
        <label htmlFor="field-headerRow">Row with the headings</label>
        <input
          id="field-headerRow"
          type="number"
          min={1}
          max={1000}
          value={view.headerRow}
          onChange={(e) => setHeaderRow(Number(e.target.value) || undefined)}
          style={{ maxWidth: '7rem' }}
        />
      </div>
      <SamplesTable view={view} />
      <fieldset id="field-columns" tabIndex={-1} className="field" style={{ maxWidth: 'none' }}>
        <legend>Match each of our fields to a column</legend>
        <table className="data mapping">
          <thead>
            <tr>
              <th scope="col">Our field</th>
              <th scope="col">Their column</th>
              <th scope="col">Why suggested</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => {
              const id = fieldId(['columns', f.key]);
              const s = suggestedBy(f.key);
              const value = columns[f.key] ?? '';
              const missing = value && !view.headers.includes(value);
              return (
                <tr key={f.key}>
                  <th scope="row">
                    <label htmlFor={id}>
                      {f.label}
                      {f.required ? ' (needed)' : ''}
                    </label>
                  </th>
                  <td>
                    <select
                      id={id}
                      value={value}
                      onChange={(e) => setColumns((c) => ({ ...c, [f.key]: e.target.value }))}
                    >
                      <option value="">Not in this file</option>
                      {missing && <option value={value}>{value} (not in this file)</option>}
                      {view.headers.map((h) => (
                        <option key={h} value={h}>
                          {h}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">
                    {s && s.header === value ? (s.basis === 'header' ? 'heading' : 'contents') : ''}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>
      <fieldset id="field-dateConvention" tabIndex={-1} className="field">
        <legend>How are dates written in this file?</legend>
        {mappedAmbiguous.length > 0 && (
          <p className="warning">
            Every date in {mappedAmbiguous.map((d) => `“${d.header}”`).join(', ')} has a day of 12 or less, so it could
            be read either way. Check a date you know and confirm.
          </p>
        )}
        {conventions.map(([c, label]) => (
          <label key={c} className="radio">
            <input
              type="radio"
              name="dateConvention"
              value={c}
              checked={convention === c}
              onChange={() => {
                setConvention(c);
                setConventionConfirmed(true);
              }}
            />
            {label}
          </label>
        ))}
        {mappedAmbiguous.length > 0 && (
          <label className="radio">
            <input
              type="checkbox"
              checked={conventionConfirmed}
              onChange={(e) => setConventionConfirmed(e.target.checked)}
            />
            I have checked: the dates are {conventions.find(([c]) => c === convention)![1].toLowerCase()}
          </label>
        )}
      </fieldset>
      <ValueMappings kind={kind} view={view} columns={columns} valueMaps={valueMaps} onChange={setValueMaps} />
      {kind === 'participants' && (
        <div className="field">
          <label htmlFor="field-defaults.referral_source">Referral source for every row (optional)</label>
          <p className="hint" id="referral-source-hint">
            For example jcp. Also used to find this partner's people when reconciling.
          </p>
          <input
            id="field-defaults.referral_source"
            aria-describedby="referral-source-hint"
            value={defaults.referral_source ?? ''}
            onChange={(e) => setDefaults((d) => ({ ...d, referral_source: e.target.value }))}
          />
        </div>
      )}
      <div className="form-row">
        <div className="field">
          <label htmlFor="field-partner">Partner</label>
          <input
            id="field-partner"
            value={partner}
            onChange={(e) => setPartner(e.target.value)}
            autoComplete="organization"
          />
        </div>
        <div className="field">
          <label htmlFor="field-name">Mapping name</label>
          <input
            id="field-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. JCP weekly referrals"
          />
        </div>
      </div>
      <label className="radio">
        <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} /> Save this mapping for next
        time
      </label>
      <div className="button-row">
        <button type="button" onClick={props.onBack}>
          Back
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Checking rows…' : 'Check the rows'}
        </button>
      </div>
    </form>
  );
}
