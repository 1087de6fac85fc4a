// Change an outcome's details (date, employer, sector, hours, contract, qualification, notes).
// A new date that would duplicate another outcome of the same type is refused by the backend.
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { StaleRecordNotice, useStaleRecord } from '../../components/form/StaleRecordNotice';
import { codeIn, toCode, toNumber } from '../../components/form/values';
import { sectorCodes, sectors } from '../../../shared/domain/outcome-lists';
import type { Lookups, OutcomeDetail } from '../../../shared/contract/outcomes-schemas';
import { SaveCancel } from '../../components/form/SaveCancel';
import { RecordSelectField } from '../../components/form/RecordSelectField';

interface EditProps {
  outcome: OutcomeDetail;
  onDone(): void;
  /** A colleague changed the outcome since: close the form and show it as it is now. */
  onReload(): void;
}

export function OutcomeEditForm({ outcome, onDone, onReload }: EditProps) {
  const lookups = useChannel('outcomes.lookups', {});
  // The lists first: a <select> shows its starting value only if the option is there.
  if (!lookups.data) return <p aria-busy="true">Loading…</p>;
  return <EditForm outcome={outcome} lookups={lookups.data} onDone={onDone} onReload={onReload} />;
}

function EditForm({ outcome, lookups, onDone, onReload }: EditProps & { lookups: Lookups }) {
  const toasts = useToasts();
  const stale = useStaleRecord();
  const f = useContractForm('outcomes.update', {
    // Prefixed so these field ids never clash with the other forms on the outcome's page.
    idPrefix: 'edit',
    defaultValues: {
      id: outcome.id,
      // The version this form opened: a later reload of the page must not move it on silently.
      version: outcome.version,
      outcomeDate: outcome.outcomeDate,
      employerOrgId: outcome.employerOrgId,
      sector: codeIn(sectorCodes, outcome.sector) ?? null,
      hoursPerWeek: outcome.hoursPerWeek,
      contractId: outcome.contractId,
      qualificationTitle: outcome.qualificationTitle ?? '',
      notes: outcome.notes ?? '',
      courseRunId: outcome.courseRunId,
      placementId: outcome.placementId,
      apprenticeshipStandard: outcome.apprenticeshipStandard,
      apprenticeshipLevel: outcome.apprenticeshipLevel,
      endedOn: outcome.endedOn,
    },
    messages: { outcomeDate: 'Enter the date', hoursPerWeek: 'Enter the hours a week as a number' },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Outcome changed.' });
      onDone();
    },
    onFailure: stale.onFailure,
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby="edit-outcome-title"
      heading={<h2 id="edit-outcome-title">Change details</h2>}
    >
      <StaleRecordNotice message={stale.message} onReload={onReload} />
      <DateField name="outcomeDate" label="Date" blank="" />
      <RecordSelectField name="employerOrgId" label="Employer" records={lookups.organisations} empty="Not recorded" />
      <Field name="sector" label="Sector">
        {(p) => (
          <select {...p} {...register('sector', { setValueAs: toCode })}>
            <option value="">Not recorded</option>
            {sectors.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="hoursPerWeek" label="Hours a week">
        {(p) => (
          <input
            {...p}
            className="narrow"
            inputMode="decimal"
            {...register('hoursPerWeek', { setValueAs: toNumber })}
          />
        )}
      </Field>
      {(outcome.outcomeType === 'job_start' || outcome.outcomeType === 'apprenticeship_start') && (
        <DateField
          name="endedOn"
          label="Job ended on (optional)"
          hint="Leave blank while the person is still in this job; person-weeks of employment count up to this day"
        />
      )}
      <RecordSelectField name="contractId" label="Social-value contract" records={lookups.contracts} empty="None" />
      <Field name="qualificationTitle" label="Qualification or course title (optional)">
        {(p) => <input {...p} {...register('qualificationTitle')} />}
      </Field>
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={2} {...register('notes')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save changes
      </SaveCancel>
    </Form>
  );
}
