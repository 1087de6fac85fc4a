// Record an outcome by hand (job starts from placements and CSCS outcomes from courses appear
// on their own). The same person cannot have two outcomes of one type on one date.
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { codeIn, toId, toNumber } from '../../components/form/values';
import type { Lookups, ParticipantPick } from '../../../shared/contract/outcomes-schemas';
import { sectorCodes, sectors } from '../../../shared/domain/outcome-lists';
import { meetsSixteenHourRule } from '../../../shared/domain/outcome-rules';
import { ParticipantPicker } from './ParticipantPicker';
import { useParticipantPick } from './use-participant-pick';
import { outcomesRoutes } from './outcomes.routes';
import { SaveCancel } from '../../components/form/SaveCancel';
import { RecordSelectField } from '../../components/form/RecordSelectField';

export function OutcomeFormPage({ participantId }: { participantId: number | null }) {
  const lookups = useChannel('outcomes.lookups', {});
  const chosen = useParticipantPick(participantId);
  if (!chosen.ready || !lookups.data)
    return <PageHeader title="Record outcome" subtitle={lookups.error?.message ?? 'Loading…'} />;
  return (
    <>
      <PageHeader title="Record outcome" />
      <OutcomeForm lookups={lookups.data} participant={chosen.pick} />
    </>
  );
}

function OutcomeForm({ lookups, participant }: { lookups: Lookups; participant: ParticipantPick | null }) {
  const toasts = useToasts();
  const f = useContractForm('outcomes.record', {
    defaultValues: {
      participantId: participant?.id,
      outcomeType: '',
      outcomeDate: '',
      employerOrgId: null,
      sector: null,
      hoursPerWeek: null,
      contractId: null,
      apprenticeshipStandard: '',
      apprenticeshipLevel: null,
      qualificationTitle: '',
      notes: '',
    },
    messages: {
      participantId: 'Choose the participant',
      outcomeDate: 'Enter the date of the outcome',
      hoursPerWeek: 'Enter the hours a week as a number',
      apprenticeshipLevel: 'Enter the level as a number from 2 to 7',
    },
    onSuccess: (recorded) => {
      toasts.show({ kind: 'success', message: 'Outcome recorded.' });
      navigate(outcomesRoutes.outcome.path({ id: recorded.id }));
    },
  });
  const { register, watch, setValue, getValues } = f.form;
  const [outcomeType, hours] = watch(['outcomeType', 'hoursPerWeek']);
  const types = lookups.outcomeTypes.filter((t) => t.isActive && t.category !== 'sustainment');
  const category = types.find((t) => t.code === outcomeType)?.category;

  return (
    <Form of={f}>
      <ParticipantPicker initial={participant} />
      <Field name="outcomeType" label="Outcome" hint="Sustainment is recorded from the sustainment worklist">
        {(p) => (
          <select {...p} {...register('outcomeType')}>
            <option value="">Choose…</option>
            {types.map((t) => (
              <option key={t.code} value={t.code}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField name="outcomeDate" label="Date" hint="For example, 05/03/2026" blank="" />
      {(category === 'job' || category === 'apprenticeship') && (
        <>
          <Field name="employerOrgId" label="Employer">
            {(p) => (
              <select
                {...p}
                {...register('employerOrgId', {
                  setValueAs: toId,
                  // The employer's sector, unless one is chosen already.
                  onChange: (e: { target: { value: string } }) => {
                    const org = lookups.organisations.find((o) => String(o.id) === e.target.value);
                    const sector = codeIn(sectorCodes, org?.sector);
                    if (!getValues('sector') && sector) setValue('sector', sector);
                  },
                })}
              >
                <option value="">Not recorded</option>
                {lookups.organisations
                  .filter((o) => o.isActive)
                  .map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <Field name="sector" label="Sector">
            {(p) => (
              <select
                {...p}
                {...register('sector', { setValueAs: (v: unknown) => codeIn(sectorCodes, String(v)) ?? null })}
              >
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
            name="hoursPerWeek"
            label="Hours a week"
            hint={
              typeof hours !== 'number' || Number.isNaN(hours)
                ? '16 or more counts as a 16+ hours job'
                : meetsSixteenHourRule(hours)
                  ? 'Counts as a 16+ hours job'
                  : 'Under 16 hours: does not count as a 16+ hours job'
            }
          >
            {(p) => (
              <input
                {...p}
                className="narrow"
                inputMode="decimal"
                {...register('hoursPerWeek', { setValueAs: toNumber })}
              />
            )}
          </Field>
          <RecordSelectField name="contractId" label="Social-value contract" records={lookups.contracts} empty="None" />
        </>
      )}
      {category === 'apprenticeship' && (
        <>
          <Field name="apprenticeshipStandard" label="Apprenticeship standard">
            {(p) => <input {...p} {...register('apprenticeshipStandard')} />}
          </Field>
          <Field name="apprenticeshipLevel" label="Level (2 to 7)">
            {(p) => <input {...p} className="narrow" {...register('apprenticeshipLevel', { setValueAs: toNumber })} />}
          </Field>
        </>
      )}
      {(category === 'qualification' || category === 'education') && (
        <Field name="qualificationTitle" label="Qualification or course title">
          {(p) => <input {...p} {...register('qualificationTitle')} />}
        </Field>
      )}
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={3} {...register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={() => history.back()}>
        Record outcome
      </SaveCancel>
    </Form>
  );
}
