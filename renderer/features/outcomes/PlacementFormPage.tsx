// Record or change a placement. A paid job or apprenticeship that has started records its job
// or apprenticeship start outcome automatically (the backend does it, once).
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { placementInputSchema, type ParticipantPick } from '../../../shared/contract/outcomes-schemas';
import { placementKinds, placementStatuses } from '../../../shared/domain/outcome-lists';
import { formatUkDate } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { ParticipantPicker } from './ParticipantPicker';
import { checkWithSchema, formErrors, errorFor, FormProblems, penceToPounds } from './form-helpers';

const empty = {
  kind: '',
  employerOrgId: '',
  contractId: '',
  site: '',
  startsOn: '',
  endsOn: '',
  hours: '',
  wage: '',
  supervisor: '',
  status: 'active',
  endedReason: '',
  standard: '',
  level: '',
  notes: '',
};

export function PlacementFormPage({
  placementId,
  participantId,
}: {
  placementId?: number;
  participantId: number | null;
}) {
  const lookups = useChannel('outcomes.lookups', {});
  const [participant, setParticipant] = useState<ParticipantPick | null>(null);
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  useEffect(() => {
    if (placementId) {
      void api.call('placements.get', { id: placementId }).then((r) => {
        if (!r.ok) return;
        const p = r.value;
        setParticipant({
          id: p.participantId,
          reference: p.participantRef,
          name: p.participantName,
          dateOfBirth: null,
          postcode: null,
        });
        setForm({
          kind: p.kind,
          employerOrgId: p.employerOrgId ? String(p.employerOrgId) : '',
          contractId: p.contractId ? String(p.contractId) : '',
          site: p.site ?? '',
          startsOn: formatUkDate(p.startsOn),
          endsOn: formatUkDate(p.endsOn),
          hours: p.hoursPerWeek?.toString() ?? '',
          wage: penceToPounds(p.hourlyWagePence),
          supervisor: p.supervisor ?? '',
          status: p.status,
          endedReason: p.endedReason ?? '',
          standard: p.apprenticeshipStandard ?? '',
          level: p.apprenticeshipLevel?.toString() ?? '',
          notes: p.notes ?? '',
        });
      });
    } else if (participantId) {
      void api
        .call('outcomes.findParticipants', { id: participantId })
        .then((r) => r.ok && r.value[0] && setParticipant(r.value[0]));
    }
  }, [placementId, participantId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = new FormProblems();
    if (!participant) problems.add(['participantId'], 'Choose the participant');
    const startsOn = problems.date('startsOn', form.startsOn, 'start date', true);
    const endsOn = problems.date('endsOn', form.endsOn, 'end date', false);
    const hours = problems.number('hoursPerWeek', form.hours, 'hours a week');
    const wage = problems.pence('hourlyWagePence', form.wage, 'hourly wage');
    const level = problems.number('apprenticeshipLevel', form.level, 'level');
    const input = {
      ...(placementId ? { id: placementId } : {}),
      participantId: participant?.id ?? 0,
      kind: form.kind || undefined,
      employerOrgId: form.employerOrgId ? Number(form.employerOrgId) : null,
      contractId: form.contractId ? Number(form.contractId) : null,
      site: form.site,
      startsOn,
      endsOn,
      hoursPerWeek: hours,
      hourlyWagePence: wage,
      supervisor: form.supervisor,
      status: form.status,
      endedReason: form.endedReason,
      apprenticeshipStandard: form.standard,
      apprenticeshipLevel: level,
      notes: form.notes,
    };
    const checked = checkWithSchema(placementInputSchema, input);
    const all = formErrors(problems.errors, checked);
    if (all.length) {
      setErrors(all);
      return;
    }
    setBusy(true);
    const result = await api.call('placements.save', input as never);
    setBusy(false);
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['kind'], message: result.error.message }],
      );
      return;
    }
    toasts.show({
      kind: 'success',
      message: result.value.outcomeCreated ? 'Placement saved; the start outcome was recorded.' : 'Placement saved.',
    });
    navigate(`outcomes/placements/${result.value.id}`);
  }

  const employers = (lookups.data?.organisations ?? []).filter(
    (o) => o.isActive && ['employer', 'contractor', 'other'].includes(o.kind),
  );
  return (
    <>
      <PageHeader title={placementId ? 'Change placement' : 'Record placement'} />
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        {placementId ? (
          <p>
            <strong>Participant:</strong> {participant ? `${participant.name} (${participant.reference})` : '…'}
          </p>
        ) : (
          <ParticipantPicker value={participant} onChange={setParticipant} error={errorFor(errors, 'participantId')} />
        )}
        <Field path="kind" label="Kind of placement" error={errorFor(errors, 'kind')}>
          {(p) => (
            <select {...p} value={form.kind} onChange={set('kind')}>
              <option value="">Choose…</option>
              {placementKinds.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          path="employerOrgId"
          label="Employer"
          hint="Add employers under Employers & organisations"
          error={errorFor(errors, 'employerOrgId')}
        >
          {(p) => (
            <select {...p} value={form.employerOrgId} onChange={set('employerOrgId')}>
              <option value="">Not recorded</option>
              {employers.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
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
        <Field path="site" label="Site (optional)" error={errorFor(errors, 'site')}>
          {(p) => <input {...p} value={form.site} onChange={set('site')} />}
        </Field>
        <Field path="startsOn" label="Start date" hint="For example, 05/03/2026" error={errorFor(errors, 'startsOn')}>
          {(p) => <input {...p} className="narrow" value={form.startsOn} onChange={set('startsOn')} />}
        </Field>
        <Field path="endsOn" label="End date (optional)" error={errorFor(errors, 'endsOn')}>
          {(p) => <input {...p} className="narrow" value={form.endsOn} onChange={set('endsOn')} />}
        </Field>
        <Field
          path="hoursPerWeek"
          label="Hours a week (optional)"
          hint="16 or more counts as a 16+ hours job"
          error={errorFor(errors, 'hoursPerWeek')}
        >
          {(p) => <input {...p} className="narrow" inputMode="decimal" value={form.hours} onChange={set('hours')} />}
        </Field>
        <Field path="hourlyWagePence" label="Hourly wage in £ (optional)" error={errorFor(errors, 'hourlyWagePence')}>
          {(p) => <input {...p} className="narrow" inputMode="decimal" value={form.wage} onChange={set('wage')} />}
        </Field>
        <Field path="supervisor" label="Supervisor (optional)" error={errorFor(errors, 'supervisor')}>
          {(p) => <input {...p} value={form.supervisor} onChange={set('supervisor')} />}
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
              {(p) => (
                <input {...p} className="narrow" inputMode="numeric" value={form.level} onChange={set('level')} />
              )}
            </Field>
          </>
        )}
        <Field
          path="status"
          label="Status"
          hint="A paid job or apprenticeship that is active or completed records its start outcome"
          error={errorFor(errors, 'status')}
        >
          {(p) => (
            <select {...p} value={form.status} onChange={set('status')}>
              {placementStatuses.map((s) => (
                <option key={s.code} value={s.code}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.status === 'ended_early' && (
          <Field path="endedReason" label="Why did it end early?" error={errorFor(errors, 'endedReason')}>
            {(p) => <textarea {...p} rows={2} value={form.endedReason} onChange={set('endedReason')} />}
          </Field>
        )}
        <Field path="notes" label="Notes (optional)" error={errorFor(errors, 'notes')}>
          {(p) => <textarea {...p} rows={3} value={form.notes} onChange={set('notes')} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy}>
            Save placement
          </button>
          <button type="button" onClick={() => history.back()}>
            Cancel
          </button>
        </div>
      </form>
    </>
  );
}
