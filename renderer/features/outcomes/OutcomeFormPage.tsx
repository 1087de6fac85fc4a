// Record an outcome by hand (job starts from placements and CSCS outcomes from courses appear
// on their own). The same person cannot have two outcomes of one type on one date.
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { outcomeInputSchema, type ParticipantPick } from '../../../shared/contract/outcomes-schemas';
import { sectors } from '../../../shared/domain/outcome-lists';
import { meetsSixteenHourRule } from '../../../shared/domain/outcome-rules';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { ParticipantPicker } from './ParticipantPicker';
import { checkWithSchema, formErrors, errorFor, FormProblems } from './form-helpers';

const empty = {
  outcomeType: '',
  outcomeDate: '',
  employerOrgId: '',
  contractId: '',
  sector: '',
  hours: '',
  standard: '',
  level: '',
  qualification: '',
  notes: '',
};

export function OutcomeFormPage({ participantId }: { participantId: number | null }) {
  const lookups = useChannel('outcomes.lookups', {});
  const [participant, setParticipant] = useState<ParticipantPick | null>(null);
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  useEffect(() => {
    if (participantId)
      void api
        .call('outcomes.findParticipants', { id: participantId })
        .then((r) => r.ok && r.value[0] && setParticipant(r.value[0]));
  }, [participantId]);

  const types = (lookups.data?.outcomeTypes ?? []).filter((t) => t.isActive && t.category !== 'sustainment');
  const category = types.find((t) => t.code === form.outcomeType)?.category;
  const hoursNumber = form.hours.trim() ? Number(form.hours) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = new FormProblems();
    if (!participant) problems.add(['participantId'], 'Choose the participant');
    const outcomeDate = problems.date('outcomeDate', form.outcomeDate, 'date of the outcome', true);
    const hoursPerWeek = problems.number('hoursPerWeek', form.hours, 'hours a week');
    const apprenticeshipLevel = problems.number('apprenticeshipLevel', form.level, 'level');
    const input = {
      participantId: participant?.id ?? 0,
      outcomeType: form.outcomeType,
      outcomeDate,
      employerOrgId: form.employerOrgId ? Number(form.employerOrgId) : null,
      contractId: form.contractId ? Number(form.contractId) : null,
      sector: form.sector || null,
      hoursPerWeek,
      apprenticeshipStandard: form.standard,
      apprenticeshipLevel,
      qualificationTitle: form.qualification,
      notes: form.notes,
    };
    if (!form.outcomeType) problems.add(['outcomeType'], 'Choose the type of outcome');
    const checked = checkWithSchema(outcomeInputSchema, input);
    const all = formErrors(problems.errors, checked);
    if (all.length) {
      setErrors(all);
      return;
    }
    setBusy(true);
    const result = await api.call('outcomes.record', input as never);
    setBusy(false);
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['outcomeType'], message: result.error.message }],
      );
      return;
    }
    toasts.show({ kind: 'success', message: 'Outcome recorded.' });
    navigate(`outcomes/outcomes/${result.value.id}`);
  }

  return (
    <>
      <PageHeader title="Record outcome" />
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <ParticipantPicker value={participant} onChange={setParticipant} error={errorFor(errors, 'participantId')} />
        <Field
          path="outcomeType"
          label="Outcome"
          hint="Sustainment is recorded from the sustainment worklist"
          error={errorFor(errors, 'outcomeType')}
        >
          {(p) => (
            <select {...p} value={form.outcomeType} onChange={set('outcomeType')}>
              <option value="">Choose…</option>
              {types.map((t) => (
                <option key={t.code} value={t.code}>
                  {t.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="outcomeDate" label="Date" hint="For example, 05/03/2026" error={errorFor(errors, 'outcomeDate')}>
          {(p) => <input {...p} className="narrow" value={form.outcomeDate} onChange={set('outcomeDate')} />}
        </Field>
        {(category === 'job' || category === 'apprenticeship') && (
          <>
            <Field path="employerOrgId" label="Employer" error={errorFor(errors, 'employerOrgId')}>
              {(p) => (
                <select
                  {...p}
                  value={form.employerOrgId}
                  onChange={(e) => {
                    const org = lookups.data?.organisations.find((o) => String(o.id) === e.target.value);
                    setForm((f) => ({ ...f, employerOrgId: e.target.value, sector: f.sector || org?.sector || '' }));
                  }}
                >
                  <option value="">Not recorded</option>
                  {(lookups.data?.organisations ?? [])
                    .filter((o) => o.isActive)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <Field path="sector" label="Sector" error={errorFor(errors, 'sector')}>
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
            <Field
              path="hoursPerWeek"
              label="Hours a week"
              hint={
                hoursNumber === null || Number.isNaN(hoursNumber)
                  ? '16 or more counts as a 16+ hours job'
                  : meetsSixteenHourRule(hoursNumber)
                    ? 'Counts as a 16+ hours job'
                    : 'Under 16 hours: does not count as a 16+ hours job'
              }
              error={errorFor(errors, 'hoursPerWeek')}
            >
              {(p) => (
                <input {...p} className="narrow" inputMode="decimal" value={form.hours} onChange={set('hours')} />
              )}
            </Field>
            <Field path="contractId" label="Social-value contract" error={errorFor(errors, 'contractId')}>
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
          </>
        )}
        {category === 'apprenticeship' && (
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
        {(category === 'qualification' || category === 'education') && (
          <Field
            path="qualificationTitle"
            label="Qualification or course title"
            error={errorFor(errors, 'qualificationTitle')}
          >
            {(p) => <input {...p} value={form.qualification} onChange={set('qualification')} />}
          </Field>
        )}
        <Field path="notes" label="Notes (optional)" error={errorFor(errors, 'notes')}>
          {(p) => <textarea {...p} rows={3} value={form.notes} onChange={set('notes')} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            Record outcome
          </button>
          <button type="button" onClick={() => history.back()}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
