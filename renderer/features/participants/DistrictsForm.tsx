// The programme area (postcode districts that count as living in the area), editable by an
// administrator; changing it re-evaluates everyone's eligibility.
import { useState } from 'react';
import { z } from 'zod';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { SaveCancel } from '../../components/form/SaveCancel';

// Typed as one line of text; the contract checks each district.
const districtsText = z.object({ districts: z.string() });
const splitDistricts = (text: string) => text.split(/[\s,;]+/).filter(Boolean);

export function DistrictsForm({ districts, onDone }: { districts: string[]; onDone(): void }) {
  const [open, setOpen] = useState(false);
  const toasts = useToasts();
  const f = useContractForm('participants.setDistricts', {
    schema: districtsText,
    defaultValues: { districts: districts.join(', ') },
    toInput: ({ districts: text }) => ({ districts: splitDistricts(text) }),
    // An error on one district (["districts", 2]) belongs to the one box they are typed in.
    fieldFor: (path) => (path[0] === 'districts' ? 'districts' : null),
    onSuccess: (saved) => {
      setOpen(false);
      toasts.show({
        kind: 'success',
        message: `Programme area set to ${saved.districts.join(', ')}; ${saved.recalculated} eligibility status(es) changed`,
      });
      onDone();
    },
  });
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        Change programme area
      </button>
    );
  return (
    <Form of={f} className="panel" aria-label="Programme area">
      <Field
        name="districts"
        label="Postcode districts in the programme area"
        hint="Separate with commas, for example SG1, SG2"
      >
        {(c) => <input {...c} type="text" {...f.form.register('districts')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={() => setOpen(false)}>
        Save programme area
      </SaveCancel>
    </Form>
  );
}
