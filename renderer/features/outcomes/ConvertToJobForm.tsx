// "Converted to job": the work placement led to a paid job or apprenticeship. Creates the job
// placement (same employer and contract unless changed) and its start outcome, and completes
// the work placement — in one step.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { navigate } from '../../app/router';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import type { PlacementDetail } from '../../../shared/contract/outcomes-schemas';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { errorFor, FormProblems } from './form-helpers';

export function ConvertToJobForm({ placement }: { placement: PlacementDetail }) {
  const [form, setForm] = useState({ kind: 'paid_job', startsOn: '', hours: '', wage: '', standard: '', level: '' });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = new FormProblems();
    const startsOn = problems.date('startsOn', form.startsOn, 'job start date', true);
    const hoursPerWeek = problems.number('hoursPerWeek', form.hours, 'hours a week');
    const hourlyWagePence = problems.pence('hourlyWagePence', form.wage, 'hourly wage');
    const apprenticeshipLevel = problems.number('apprenticeshipLevel', form.level, 'level');
    if (problems.errors.length) {
      setErrors(problems.errors);
      return;
    }
    setBusy(true);
    const result = await api.call('placements.convertToJob', {
      placementId: placement.id,
      kind: form.kind as 'paid_job' | 'apprenticeship',
      startsOn: startsOn!,
      hoursPerWeek: hoursPerWeek ?? null,
      hourlyWagePence: hourlyWagePence ?? null,
      apprenticeshipStandard: form.standard,
      apprenticeshipLevel: apprenticeshipLevel ?? null,
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['startsOn'], message: result.error.message }],
      );
      return;
    }
    toasts.show({ kind: 'success', message: 'Converted to a job; the start outcome was recorded.' });
    navigate(`outcomes/placements/${result.value.placementId}`);
  }

  return (
    <section className="inline-form" aria-labelledby="convert-title">
      <h2 id="convert-title">Converted to job</h2>
      <p>
        The job is with {placement.employerName ?? 'the same employer'}
        {placement.contractName ? ` on ${placement.contractName}` : ''}. The work placement will be marked completed.
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend>What did it become?</legend>
          <label className="radio">
            <input
              type="radio"
              name="convert-kind"
              value="paid_job"
              checked={form.kind === 'paid_job'}
              onChange={set('kind')}
            />{' '}
            Paid job
          </label>
          <label className="radio">
            <input
              type="radio"
              name="convert-kind"
              value="apprenticeship"
              checked={form.kind === 'apprenticeship'}
              onChange={set('kind')}
            />{' '}
            Apprenticeship
          </label>
        </fieldset>
        <Field
          path="startsOn"
          label="Job start date"
          hint="For example, 05/03/2026"
          error={errorFor(errors, 'startsOn')}
        >
          {(p) => <input {...p} className="narrow" value={form.startsOn} onChange={set('startsOn')} />}
        </Field>
        <Field path="hoursPerWeek" label="Hours a week" error={errorFor(errors, 'hoursPerWeek')}>
          {(p) => <input {...p} className="narrow" inputMode="decimal" value={form.hours} onChange={set('hours')} />}
        </Field>
        <Field path="hourlyWagePence" label="Hourly wage in £ (optional)" error={errorFor(errors, 'hourlyWagePence')}>
          {(p) => <input {...p} className="narrow" inputMode="decimal" value={form.wage} onChange={set('wage')} />}
        </Field>
        {form.kind === 'apprenticeship' && (
          <>
            <Field
              path="apprenticeshipStandard"
              label="Apprenticeship standard"
              error={errorFor(errors, 'apprenticeshipStandard')}
            >
              {(p) => <input {...p} value={form.standard} onChange={set('standard')} />}
            </Field>
            <Field path="apprenticeshipLevel" label="Level (2 to 7)" error={errorFor(errors, 'apprenticeshipLevel')}>
              {(p) => <input {...p} className="narrow" value={form.level} onChange={set('level')} />}
            </Field>
          </>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            Record the job
          </button>
          <button type="button" onClick={() => navigate(`outcomes/placements/${placement.id}`)}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
