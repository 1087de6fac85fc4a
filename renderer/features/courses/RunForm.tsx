// The course run form, for planning a run and for changing one: the course from the catalogue
// (which suggests provider and end date), dates typed day-first, places, tutor, funding, status.
import { useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../shared/contract/index';
import { runStatuses, runUpdateSchema } from '../../../shared/contract/courses.contract';
import { weekdaysBetween } from '../../../shared/domain/course-sessions';
import { addDaysIso } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';
import { ErrorSummary } from '../../components/ErrorSummary';
import { FormField, describedBy } from './FormField';
import { UkDateInput } from './UkDateInput';
import { runStatusLabels, schemaErrors } from './format';

type Lookups = ChannelOutput<'courses.lookups'>;

export interface RunFormValues {
  courseTypeId: number | null;
  providerOrgId: number | null;
  venue: string;
  startDate: string | null;
  endDate: string | null;
  capacity: string;
  tutor: string;
  fundingStreamId: number | null;
  status: (typeof runStatuses)[number];
  notes: string;
  generateSessions: boolean;
  sessionStartsAt: string;
  sessionEndsAt: string;
}

export const blankRun: RunFormValues = {
  courseTypeId: null,
  providerOrgId: null,
  venue: '',
  startDate: null,
  endDate: null,
  capacity: '12',
  tutor: '',
  fundingStreamId: null,
  status: 'planned',
  notes: '',
  generateSessions: true,
  sessionStartsAt: '09:30',
  sessionEndsAt: '15:30',
};

/** Turns the form into the channel's input (the same schema checks it here and in the backend). */
export function runInput(v: RunFormValues) {
  return {
    courseTypeId: v.courseTypeId ?? 0,
    providerOrgId: v.providerOrgId,
    venue: v.venue,
    startDate: v.startDate ?? '',
    endDate: v.endDate ?? '',
    capacity: v.capacity.trim() === '' ? Number.NaN : Number(v.capacity),
    tutor: v.tutor,
    fundingStreamId: v.fundingStreamId,
    status: v.status,
    notes: v.notes,
  };
}

export function RunForm({
  lookups,
  initial,
  isNew,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  lookups: Lookups;
  initial: RunFormValues;
  isNew: boolean;
  submitLabel: string;
  onSubmit(v: RunFormValues): Promise<FieldError[] | null>;
  onCancel?(): void;
}) {
  const [v, setV] = useState(initial);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof RunFormValues>(k: K, value: RunFormValues[K]) => setV((old) => ({ ...old, [k]: value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: FieldError[] = [];
    if (!v.courseTypeId) local.push({ path: ['courseTypeId'], message: 'Choose a course from the catalogue' });
    if (!v.startDate)
      local.push({ path: ['startDate'], message: 'Enter the start date as day/month/year, for example 02/11/2026' });
    if (!v.endDate) local.push({ path: ['endDate'], message: 'Enter the end date as day/month/year' });
    const checked = schemaErrors(runUpdateSchema, { ...runInput(v), id: 1 });
    const all = [
      ...local,
      ...(checked.ok ? [] : checked.errors.filter((x) => !local.some((l) => l.path.join('.') === x.path.join('.')))),
    ];
    setErrors(all);
    if (all.length) return;
    setBusy(true);
    const backendErrors = await onSubmit(v);
    setBusy(false);
    if (backendErrors) setErrors(backendErrors);
  };

  const chooseType = (id: number | null) => {
    const type = lookups.courseTypes.find((t) => t.id === id);
    setV((old) => {
      const next = { ...old, courseTypeId: id };
      if (type?.providerOrgId && !old.providerOrgId) next.providerOrgId = type.providerOrgId;
      if (type?.typicalDays && old.startDate && !old.endDate)
        next.endDate = endAfterWeekdays(old.startDate, type.typicalDays);
      return next;
    });
  };
  const sessions =
    v.generateSessions && v.startDate && v.endDate && v.endDate >= v.startDate
      ? weekdaysBetween(v.startDate, v.endDate).length
      : 0;

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      <div className="form-grid">
        <FormField path="courseTypeId" label="Course" errors={errors}>
          <select
            id="field-courseTypeId"
            value={v.courseTypeId ?? ''}
            onChange={(e) => chooseType(e.target.value ? Number(e.target.value) : null)}
            aria-describedby={describedBy('courseTypeId', errors)}
          >
            <option value="">Choose a course</option>
            {lookups.courseTypes
              .filter((t) => t.isActive || t.id === v.courseTypeId)
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
          </select>
        </FormField>
        <FormField
          path="providerOrgId"
          label="Provider"
          hint="Training organisations (managed under Placements & outcomes)"
          errors={errors}
        >
          <select
            id="field-providerOrgId"
            value={v.providerOrgId ?? ''}
            onChange={(e) => set('providerOrgId', e.target.value ? Number(e.target.value) : null)}
            aria-describedby={describedBy('providerOrgId', errors, true)}
          >
            <option value="">Not recorded</option>
            {lookups.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </FormField>
        <FormField path="startDate" label="Start date" hint="For example 02/11/2026" errors={errors}>
          <UkDateInput
            id="field-startDate"
            value={v.startDate}
            describedBy={describedBy('startDate', errors, true)}
            onChange={(iso) => set('startDate', iso)}
          />
        </FormField>
        <FormField path="endDate" label="End date" errors={errors}>
          <UkDateInput
            id="field-endDate"
            value={v.endDate}
            describedBy={describedBy('endDate', errors)}
            onChange={(iso) => set('endDate', iso)}
          />
        </FormField>
        <FormField path="capacity" label="Places" errors={errors}>
          <input
            id="field-capacity"
            className="input-narrow"
            type="text"
            inputMode="numeric"
            value={v.capacity}
            onChange={(e) => set('capacity', e.target.value)}
            aria-describedby={describedBy('capacity', errors)}
          />
        </FormField>
        <FormField path="status" label="Status" errors={errors}>
          <select
            id="field-status"
            value={v.status}
            onChange={(e) => set('status', e.target.value as RunFormValues['status'])}
          >
            {runStatuses.map((s) => (
              <option key={s} value={s}>
                {runStatusLabels[s]}
              </option>
            ))}
          </select>
        </FormField>
        <FormField path="venue" label="Venue" errors={errors}>
          <input
            id="field-venue"
            type="text"
            value={v.venue}
            onChange={(e) => set('venue', e.target.value)}
            aria-describedby={describedBy('venue', errors)}
          />
        </FormField>
        <FormField path="tutor" label="Tutor" errors={errors}>
          <input
            id="field-tutor"
            type="text"
            value={v.tutor}
            onChange={(e) => set('tutor', e.target.value)}
            aria-describedby={describedBy('tutor', errors)}
          />
        </FormField>
        <FormField path="fundingStreamId" label="Funding stream" errors={errors}>
          <select
            id="field-fundingStreamId"
            value={v.fundingStreamId ?? ''}
            onChange={(e) => set('fundingStreamId', e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">Not recorded</option>
            {lookups.fundingStreams.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </FormField>
      </div>
      <FormField path="notes" label="Notes" errors={errors}>
        <textarea
          id="field-notes"
          rows={2}
          value={v.notes}
          onChange={(e) => set('notes', e.target.value)}
          aria-describedby={describedBy('notes', errors)}
        />
      </FormField>
      {isNew && (
        <fieldset className="field">
          <legend>Sessions</legend>
          <label className="radio">
            <input
              type="checkbox"
              checked={v.generateSessions}
              onChange={(e) => set('generateSessions', e.target.checked)}
            />{' '}
            Create a session on each weekday ({sessions} sessions)
          </label>
          {v.generateSessions && (
            <div className="toolbar">
              <label htmlFor="field-sessionStartsAt">From</label>
              <input
                id="field-sessionStartsAt"
                className="input-narrow"
                type="text"
                value={v.sessionStartsAt}
                onChange={(e) => set('sessionStartsAt', e.target.value)}
              />
              <label htmlFor="field-sessionEndsAt">to</label>
              <input
                id="field-sessionEndsAt"
                className="input-narrow"
                type="text"
                value={v.sessionEndsAt}
                onChange={(e) => set('sessionEndsAt', e.target.value)}
              />
            </div>
          )}
        </fieldset>
      )}
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** The date on which `days` weekdays from `start` end (a 10-day course from a Monday ends on the second Friday). */
function endAfterWeekdays(start: string, days: number): string {
  let d = start;
  let count = 0;
  for (let i = 0; i < 400; i++, d = addDaysIso(d, 1)) {
    if (weekdaysBetween(d, d).length) count++;
    if (count >= days) return d;
  }
  return start;
}
