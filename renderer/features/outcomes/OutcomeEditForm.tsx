// Change an outcome's details (date, employer, sector, hours, contract, qualification, notes).
// A new date that would duplicate another outcome of the same type is refused by the backend.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { sectors } from '../../../shared/domain/outcome-lists';
import type { OutcomeDetail } from '../../../shared/contract/outcomes-schemas';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { errorFor, FormProblems } from './form-helpers';

const prefixed = (errors: FieldError[]): FieldError[] => errors.map((e) => ({ ...e, path: ['edit', ...e.path] }));

export function OutcomeEditForm({ outcome, onDone }: { outcome: OutcomeDetail; onDone(): void }) {
  const lookups = useChannel('outcomes.lookups', {});
  const [form, setForm] = useState({
    outcomeDate: formatUkDate(outcome.outcomeDate),
    employerOrgId: outcome.employerOrgId ? String(outcome.employerOrgId) : '',
    sector: outcome.sector ?? '',
    hours: outcome.hoursPerWeek?.toString() ?? '',
    contractId: outcome.contractId ? String(outcome.contractId) : '',
    qualification: outcome.qualificationTitle ?? '',
    notes: outcome.notes ?? '',
  });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = new FormProblems();
    const outcomeDate = problems.date('outcomeDate', form.outcomeDate, 'date', true);
    const hoursPerWeek = problems.number('hoursPerWeek', form.hours, 'hours a week');
    if (problems.errors.length) {
      setErrors(prefixed(problems.errors));
      return;
    }
    const result = await api.call('outcomes.update', {
      id: outcome.id,
      outcomeDate: outcomeDate!,
      employerOrgId: form.employerOrgId ? Number(form.employerOrgId) : null,
      contractId: form.contractId ? Number(form.contractId) : null,
      courseRunId: outcome.courseRunId,
      placementId: outcome.placementId,
      sector: (sectors.some((s) => s.code === form.sector) ? form.sector : null) as never,
      hoursPerWeek: hoursPerWeek ?? null,
      apprenticeshipStandard: outcome.apprenticeshipStandard,
      apprenticeshipLevel: outcome.apprenticeshipLevel,
      qualificationTitle: form.qualification,
      notes: form.notes,
    });
    if (!result.ok) {
      setErrors(
        prefixed(
          result.error.fields?.length
            ? result.error.fields
            : [{ path: ['outcomeDate'], message: result.error.message }],
        ),
      );
      return;
    }
    toasts.show({ kind: 'success', message: 'Outcome changed.' });
    onDone();
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby="edit-outcome-title">
      <h2 id="edit-outcome-title">Change details</h2>
      <ErrorSummary errors={errors} />
      <Field path="edit.outcomeDate" label="Date" error={errorFor(errors, 'edit.outcomeDate')}>
        {(p) => <input {...p} className="narrow" value={form.outcomeDate} onChange={set('outcomeDate')} />}
      </Field>
      <Field path="edit.employerOrgId" label="Employer" error={errorFor(errors, 'edit.employerOrgId')}>
        {(p) => (
          <select {...p} value={form.employerOrgId} onChange={set('employerOrgId')}>
            <option value="">Not recorded</option>
            {(lookups.data?.organisations ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field path="edit.sector" label="Sector" error={errorFor(errors, 'edit.sector')}>
        {(p) => (
          <select {...p} value={form.sector} onChange={set('sector')}>
            <option value="">Not recorded</option>
            {sectors.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field path="edit.hoursPerWeek" label="Hours a week" error={errorFor(errors, 'edit.hoursPerWeek')}>
        {(p) => <input {...p} className="narrow" inputMode="decimal" value={form.hours} onChange={set('hours')} />}
      </Field>
      <Field path="edit.contractId" label="Social-value contract" error={errorFor(errors, 'edit.contractId')}>
        {(p) => (
          <select {...p} value={form.contractId} onChange={set('contractId')}>
            <option value="">None</option>
            {(lookups.data?.contracts ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        path="edit.qualificationTitle"
        label="Qualification or course title (optional)"
        error={errorFor(errors, 'edit.qualificationTitle')}
      >
        {(p) => <input {...p} value={form.qualification} onChange={set('qualification')} />}
      </Field>
      <Field path="edit.notes" label="Notes (optional)" error={errorFor(errors, 'edit.notes')}>
        {(p) => <textarea {...p} rows={2} value={form.notes} onChange={set('notes')} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="primary">
          Save changes
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
