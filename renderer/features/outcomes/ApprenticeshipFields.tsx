// An apprenticeship's standard and level: asked the same way by a placement and by a vacancy.
import { useFormContext } from 'react-hook-form';
import { Field } from '../../components/form/Field';
import { NumberField } from '../../components/form/ControlledFields';

export function ApprenticeshipFields() {
  const { register } = useFormContext();
  return (
    <>
      <Field name="apprenticeshipStandard" label="Apprenticeship standard">
        {(p) => <input {...p} {...register('apprenticeshipStandard')} />}
      </Field>
      <NumberField name="apprenticeshipLevel" label="Level (2 to 7)" className="narrow" />
    </>
  );
}
