// Fields whose control holds something other than the text typed (a date held as ISO, pounds
// held as pence), wired to the surrounding <Form> by their path.
import { useContext, type ReactNode } from 'react';
import { useController } from 'react-hook-form';
import { PendingWork } from './field-id';
import { Field } from './Field';
import { DateInput } from './DateInput';
import { BufferedInput } from './BufferedInput';
import { penceToPounds, poundsToPence, toNumber } from './values';
import { openPickerOnEnter } from './file-picker';

interface ControlledFieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  disabled?: boolean;
  autoFocus?: boolean;
  /** See Field. */
  hideLabel?: boolean;
}

/** A UK date field (see DateInput); `blank: ''` where the schema wants text for "no date". */
export function DateField({
  name,
  label,
  hint,
  className,
  blank,
  ...input
}: ControlledFieldProps & { blank?: null | '' }) {
  const { field } = useController({ name });
  return (
    <Field name={name} label={label} hint={hint} className={className}>
      {(control) => (
        <DateInput
          {...control}
          {...input}
          name={field.name}
          ref={field.ref}
          value={typeof field.value === 'string' ? field.value : null}
          onChange={field.onChange}
          onBlur={field.onBlur}
          {...(blank !== undefined ? { blank } : {})}
        />
      )}
    </Field>
  );
}

/** An amount typed in pounds ("11.44", "£11.44") and held in pence (1144). */
export function PenceField({ name, label, hint, className, hideLabel, ...input }: ControlledFieldProps) {
  const { field } = useController({ name });
  return (
    <Field name={name} label={label} hint={hint} className={className} hideLabel={hideLabel}>
      {(control) => (
        <BufferedInput<number | null>
          {...control}
          {...input}
          className="narrow"
          inputMode="decimal"
          name={field.name}
          ref={field.ref}
          value={typeof field.value === 'number' ? field.value : null}
          onChange={field.onChange}
          onBlur={field.onBlur}
          format={penceToPounds}
          parse={poundsToPence}
        />
      )}
    </Field>
  );
}

/** A number typed as text; blank is null, and what is not a number is NaN (the schema says so). */
export function NumberField({ name, label, hint, className, hideLabel, ...input }: ControlledFieldProps) {
  const { field } = useController({ name });
  return (
    <Field name={name} label={label} hint={hint} className={className} hideLabel={hideLabel}>
      {(control) => (
        <BufferedInput<number | null>
          {...control}
          {...input}
          inputMode="numeric"
          name={field.name}
          ref={field.ref}
          value={typeof field.value === 'number' ? field.value : null}
          onChange={field.onChange}
          onBlur={field.onBlur}
          format={(n) => (n === null || Number.isNaN(n) ? '' : String(n))}
          parse={toNumber}
        />
      )}
    </Field>
  );
}

/** A file chosen from disk, held as the contract wants it ({ fileName, bytes }); a submit waits
 * until it has been read. */
export function FileField({ name, label, hint, className, accept }: ControlledFieldProps & { accept?: string }) {
  const { field } = useController({ name });
  const track = useContext(PendingWork);
  return (
    <Field name={name} label={label} hint={hint} className={className}>
      {(control) => (
        <input
          {...control}
          type="file"
          onKeyDown={openPickerOnEnter}
          accept={accept}
          name={field.name}
          ref={field.ref}
          onBlur={field.onBlur}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (!file) return field.onChange(undefined);
            track(
              file
                .arrayBuffer()
                .then((buffer) => field.onChange({ fileName: file.name, bytes: new Uint8Array(buffer) })),
            );
          }}
        />
      )}
    </Field>
  );
}
