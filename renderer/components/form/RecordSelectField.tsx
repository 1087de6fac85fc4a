// A field choosing one record (an employer, a contract, a provider, a member of staff) from a
// list, held as its id or null for the empty choice, wired to the surrounding <Form> by its path.
import type { ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { Field } from './Field';
import { toId } from './values';

interface RecordSelectFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  /** The records offered, in the order shown. */
  records: ReadonlyArray<{ id: number; name: string }>;
  /** What the empty choice says ("None", "Not recorded", "Choose…"). */
  empty: string;
}

export function RecordSelectField({ name, label, hint, records, empty }: RecordSelectFieldProps) {
  const { register } = useFormContext();
  return (
    <Field name={name} label={label} hint={hint}>
      {(control) => (
        <select {...control} {...register(name, { setValueAs: toId })}>
          <option value="">{empty}</option>
          {records.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
