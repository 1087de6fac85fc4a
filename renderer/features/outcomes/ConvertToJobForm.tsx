// "Convert to a job": the work placement led to a paid job or apprenticeship. Creates the job
// placement (same employer and contract unless changed) and its start outcome, and completes
// the work placement — in one step.
import { navigate } from '../../app/router';
import { useToasts } from '../../components/Toasts';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, PenceField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { toNumber } from '../../components/form/values';
import type { PlacementDetail } from '../../../shared/contract/outcomes-schemas';
import { placementMessages } from './PlacementFormPage';
import { outcomesRoutes } from './outcomes.routes';
import { SaveCancel } from '../../components/form/SaveCancel';

export function ConvertToJobForm({ placement }: { placement: PlacementDetail }) {
  const toasts = useToasts();
  const f = useContractForm('placements.convertToJob', {
    defaultValues: {
      placementId: placement.id,
      kind: 'paid_job',
      startsOn: '',
      hoursPerWeek: null,
      hourlyWagePence: null,
      apprenticeshipStandard: '',
      apprenticeshipLevel: null,
    },
    messages: { ...placementMessages, startsOn: 'Enter the job start date' },
    onSuccess: (converted) => {
      toasts.show({ kind: 'success', message: 'Converted to a job; the start outcome was recorded.' });
      navigate(outcomesRoutes.placement.path({ id: converted.placementId }));
    },
  });
  const { register, watch } = f.form;
  return (
    <section className="inline-form" aria-labelledby="convert-title">
      <Form
        of={f}
        heading={
          <>
            <h2 id="convert-title">Convert the placement to a job</h2>
            <p>
              The job is with {placement.employerName ?? 'the same employer'}
              {placement.contractName ? ` on ${placement.contractName}` : ''}. The work placement will be marked
              completed.
            </p>
          </>
        }
      >
        <ChoiceGroup
          name="kind"
          legend="What did it become?"
          type="radio"
          options={[
            { code: 'paid_job', label: 'Paid job' },
            { code: 'apprenticeship', label: 'Apprenticeship' },
          ]}
          inputProps={() => register('kind')}
        />
        <DateField name="startsOn" label="Job start date" hint="For example, 05/03/2026" blank="" />
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
        <PenceField name="hourlyWagePence" label="Hourly wage in £ (optional)" />
        {watch('kind') === 'apprenticeship' && (
          <>
            <Field name="apprenticeshipStandard" label="Apprenticeship standard">
              {(p) => <input {...p} {...register('apprenticeshipStandard')} />}
            </Field>
            <Field name="apprenticeshipLevel" label="Level (2 to 7)">
              {(p) => (
                <input {...p} className="narrow" {...register('apprenticeshipLevel', { setValueAs: toNumber })} />
              )}
            </Field>
          </>
        )}
        <SaveCancel saving={f.saving} onCancel={() => navigate(outcomesRoutes.placement.path({ id: placement.id }))}>
          Record the job
        </SaveCancel>
      </Form>
    </section>
  );
}
