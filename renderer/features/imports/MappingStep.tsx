// Step 3: which column feeds each of our fields (suggested from the headers and contents), value
// mappings for coded fields, the file's date convention (confirmed when every date is
// ambiguous), and the profile's name and partner so the mapping can be saved and reused.
import { plural } from '../../../shared/domain/labels';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import type { SheetView, UploadInfo } from '../../../shared/contract/imports.contract';
import {
  importFields,
  importKindLabels,
  type ImportKind,
  type ImportProfile,
} from '../../../shared/domain/import-profile';
import type { DateConvention } from '../../../shared/domain/import-values';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { fieldId } from '../../components/form/field-id';
import { useContractForm } from '../../components/form/use-contract-form';
import { waitForJob } from './run-job';
import { SamplesTable } from './SamplesTable';
import { ValueMappings } from './ValueMappings';
import { TableScroll } from '../../components/TableScroll';

const conventions: Array<[DateConvention, string]> = [
  ['dmy', 'Day first (31/01/2026), as in the UK'],
  ['mdy', 'Month first (01/31/2026), as in the US'],
  ['ymd', 'Year first (2026-01-31)'],
];

/** What the mapping form holds; `save` and `conventionConfirmed` stay in the window. */
const mappingForm = z.object({
  headerRow: z.number().optional(),
  columns: z.record(z.string(), z.string()),
  valueMaps: z.record(z.string(), z.record(z.string(), z.string())),
  defaults: z.record(z.string(), z.string()),
  dateConvention: z.enum(['dmy', 'mdy', 'ymd']),
  createCourseRuns: z.boolean(),
  conventionConfirmed: z.boolean(),
  partner: z.string(),
  name: z.string(),
  save: z.boolean(),
});
type MappingValues = z.output<typeof mappingForm>;

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
  const [view, setView] = useState<SheetView | null>(null);
  const [sheetProblem, setSheetProblem] = useState<string | null>(null);
  const fields = importFields[kind];
  const courseKind = kind === 'enrolments' || kind === 'results';
  const courseTypes = useChannel('courses.lookups', {});
  // Referral sources are a reference list (Settings → Reference lists).
  const choices = useChannel('reference.choices', {}, { areas: ['participants'] });
  const referralSources = choices.data?.referralSources ?? [];

  const profileOf = (v: MappingValues) => ({
    name: v.name,
    partner: v.partner,
    kind,
    sheet,
    ...(v.headerRow ? { headerRow: v.headerRow } : {}),
    dateConvention: v.dateConvention,
    ...(courseKind && v.createCourseRuns ? { createCourseRuns: true } : {}),
    columns: Object.fromEntries(Object.entries(v.columns).filter(([, h]) => h)),
    valueMaps: Object.fromEntries(
      Object.entries(v.valueMaps).filter(([f, m]) => v.columns[f] && Object.keys(m).length),
    ),
    defaults: Object.fromEntries(Object.entries(v.defaults).filter(([, d]) => d.trim())),
    // A saved profile's scope (an employer, say) is kept; the referral source is the form's.
    scope: {
      ...initial?.scope,
      ...(v.defaults.referral_source?.trim() ? { referralSource: v.defaults.referral_source.trim() } : {}),
    },
  });
  const ambiguousIn = (v: Pick<MappingValues, 'columns'>) =>
    (view?.dateColumns ?? []).filter((d) => d.ambiguous && Object.values(v.columns).includes(d.header));

  const f = useContractForm('imports.preview', {
    schema: mappingForm,
    defaultValues: {
      headerRow: initial?.headerRow,
      columns: initial?.columns ?? {},
      valueMaps: initial?.valueMaps ?? {},
      defaults: initial?.defaults ?? {},
      dateConvention: initial?.dateConvention ?? 'dmy',
      createCourseRuns: initial?.createCourseRuns ?? false,
      conventionConfirmed: !!initial,
      partner: initial?.partner ?? '',
      name: initial?.name ?? '',
      save: true,
    },
    checks: (v) => {
      const ambiguous = ambiguousIn(v);
      return ambiguous.length && !v.conventionConfirmed
        ? [
            {
              path: ['dateConvention'],
              message: `Confirm how the dates in ${ambiguous.map((d) => d.header).join(', ')} are written: every one could be read either way`,
            },
          ]
        : [];
    },
    toInput: (v) => ({ uploadId: upload.uploadId, sheet, profile: profileOf(v) }),
    // A problem with one column's value map belongs to that column's choice.
    fieldFor: (path, v) => {
      const [, part, key] = path;
      if (path[0] !== 'profile') return null;
      if ((part === 'columns' || part === 'valueMaps') && typeof key === 'string' && key in v.columns)
        return `columns.${key}`;
      if (part === 'columns' || part === 'valueMaps') return 'columns';
      return typeof part === 'string' && ['name', 'partner', 'dateConvention'].includes(part) ? part : null;
    },
    // Saved first when asked, so the mapping is kept even if the rows need work.
    beforeSubmit: async (v, form) => {
      if (!v.save) return true;
      const saved = await api.call('imports.saveProfile', { profile: profileOf(v) });
      if (!saved.ok) {
        form.showProblem(saved.error.message);
        return false;
      }
      toasts.show({ kind: 'success', message: `Mapping saved as "${v.name.trim()}"` });
      return true;
    },
    onSuccess: async ({ jobId }, _input, form) => {
      const result = await waitForJob<{ previewId: string }>(jobId);
      if (result.ok) props.onPreview(result.value.previewId);
      else form.showProblem(result.error.message);
    },
  });
  const { register, setValue, watch, getValues } = f.form;
  const [headerRow, columns, convention, valueMaps] = watch(['headerRow', 'columns', 'dateConvention', 'valueMaps']);

  useEffect(() => {
    let live = true;
    void api
      .call('imports.sheet', { uploadId: upload.uploadId, sheet, kind, ...(headerRow ? { headerRow } : {}) })
      .then((r) => {
        if (!live) return;
        if (!r.ok) return setSheetProblem(r.error.message);
        setSheetProblem(null);
        setView(r.value);
        // A new mapping starts from the suggestions; a saved profile keeps its own choices.
        if (!initial && !Object.keys(getValues('columns')).length)
          setValue('columns', Object.fromEntries(r.value.suggestions.map((s) => [s.field, s.header])));
        const clear = r.value.dateColumns.find((d) => !d.ambiguous && d.numericForms > 0);
        if (!initial && clear) setValue('dateConvention', clear.suggested);
      });
    return () => {
      live = false;
    };
  }, [upload.uploadId, sheet, kind, headerRow, initial, getValues, setValue]);

  const mappedAmbiguous = useMemo(
    () => (view?.dateColumns ?? []).filter((d) => d.ambiguous && Object.values(columns).includes(d.header)),
    [view, columns],
  );
  const suggestedBy = (field: string) => view?.suggestions.find((s) => s.field === field);

  if (sheetProblem)
    return (
      <p role="alert" className="error-message">
        {sheetProblem}
      </p>
    );
  if (!view) return <p role="status">Reading the sheet…</p>;
  return (
    <Form
      of={f}
      className="panel"
      aria-labelledby="mapping-title"
      heading={
        <h3 id="mapping-title">
          Columns of “{view.sheet}” as {importKindLabels[kind].toLowerCase()}
        </h3>
      }
    >
      <p>
        Headings found in row {view.headerRow}; {plural(view.rowCount, 'row')} below them
        {view.skippedBlank ? `, ${plural(view.skippedBlank, 'blank row')} skipped` : ''}
        {view.skippedTotals ? `, ${plural(view.skippedTotals, 'total row')} skipped` : ''}.
      </p>
      <Field name="headerRow" label="Row with the headings">
        {(c) => (
          <input
            {...c}
            type="number"
            min={1}
            max={1000}
            value={view.headerRow}
            onChange={(e) => setValue('headerRow', Number(e.target.value) || undefined)}
            className="input-narrow"
          />
        )}
      </Field>
      <SamplesTable view={view} />
      <fieldset id="field-columns" tabIndex={-1} className="field field-wide">
        <legend>Match each of our fields to a column</legend>
        <TableScroll>
          <table className="data mapping">
            <thead>
              <tr>
                <th scope="col">Our field</th>
                <th scope="col">Their column</th>
                <th scope="col">Why suggested</th>
              </tr>
            </thead>
            <tbody>
              {fields.map((field) => {
                const id = fieldId(['columns', field.key]);
                const s = suggestedBy(field.key);
                const value = columns[field.key] ?? '';
                const missing = value && !view.headers.includes(value);
                return (
                  <tr key={field.key}>
                    <th scope="row">
                      <label htmlFor={id}>
                        {field.label}
                        {field.required ? ' (needed)' : ''}
                      </label>
                    </th>
                    <td>
                      <select id={id} value={value} onChange={(e) => setValue(`columns.${field.key}`, e.target.value)}>
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
        </TableScroll>
      </fieldset>
      <ChoiceGroup
        name="dateConvention"
        legend="How are dates written in this file?"
        type="radio"
        hint={
          mappedAmbiguous.length > 0
            ? `Every date in ${mappedAmbiguous.map((d) => `“${d.header}”`).join(', ')} has a day of 12 or less, ` +
              'so it could be read either way. Check a date you know and confirm.'
            : undefined
        }
        options={conventions.map(([code, label]) => ({ code, label }))}
        inputProps={() => register('dateConvention', { onChange: () => setValue('conventionConfirmed', true) })}
        extra={
          mappedAmbiguous.length > 0 && (
            <label className="radio">
              <input type="checkbox" {...register('conventionConfirmed')} />I have checked: the dates are{' '}
              {conventions.find(([c]) => c === convention)![1].toLowerCase()}
            </label>
          )
        }
      />
      <ValueMappings
        kind={kind}
        view={view}
        columns={columns}
        valueMaps={valueMaps}
        onChange={(next) => setValue('valueMaps', next)}
      />
      {/* Shown once the list is in, so a saved profile's choice is selected. */}
      {kind === 'participants' && choices.data && (
        <Field
          name="defaults.referral_source"
          label="Referral source for every row (optional)"
          hint="Also used to find this partner's people when reconciling. The list is kept in Settings → Reference lists."
        >
          {(c) => (
            <select {...c} {...register('defaults.referral_source')}>
              <option value="">None</option>
              {referralSources
                .filter((o) => o.isActive || o.code === watch('defaults.referral_source'))
                .map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.label}
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}
      {courseKind && (
        <>
          <label className="radio">
            <input type="checkbox" {...register('createCourseRuns')} /> Create the course runs the file lists that are
            not in our records (the preview lists them first; the partner&rsquo;s course code is kept on each)
          </label>
          {/* Shown once the catalogue is in, so a saved profile's choice is selected. */}
          {courseTypes.data && (
            <Field
              name="defaults.course_type"
              label="Course type when the file does not say"
              hint="From the catalogue; used for runs the file creates"
            >
              {(c) => (
                <select {...c} {...register('defaults.course_type')}>
                  <option value="">None</option>
                  {(courseTypes.data?.courseTypes ?? [])
                    .filter((t) => t.isActive)
                    .map((t) => (
                      <option key={t.code} value={t.code}>
                        {t.name}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          )}
        </>
      )}
      <div className="form-row">
        <Field name="partner" label="Partner">
          {(c) => <input {...c} autoComplete="organization" {...register('partner')} />}
        </Field>
        <Field name="name" label="Mapping name">
          {(c) => <input {...c} placeholder="e.g. JCP weekly referrals" {...register('name')} />}
        </Field>
      </div>
      <label className="radio">
        <input type="checkbox" {...register('save')} /> Save this mapping for next time
      </label>
      <div className="button-row">
        <button type="button" onClick={props.onBack}>
          Back
        </button>
        <button type="submit" className="primary" disabled={f.saving}>
          {f.saving ? 'Checking rows…' : 'Check the rows'}
        </button>
      </div>
    </Form>
  );
}
