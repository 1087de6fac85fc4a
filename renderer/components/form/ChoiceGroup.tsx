// A fieldset of radios or checkboxes with legend, hint and error; the first option carries the id
// "field-<name>" so the error summary can move focus to the group.
import type { ReactNode } from 'react';
import { FieldMessage, useFieldError } from './Field';
import { useFieldId } from './field-id';

export interface ChoiceGroupProps {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  /** Overrides the form's own message (or gives one outside a form). */
  error?: string | undefined;
  type: 'radio' | 'checkbox';
  options: ReadonlyArray<{ code: string; label: ReactNode }>;
  /** Props for each input (react-hook-form's register result, or checked/onChange), given the option. */
  inputProps(code: string): Record<string, unknown>;
  inline?: boolean;
  extra?: ReactNode;
  className?: string;
  /** Each checkbox is a yes/no field of its own (its code is the field), not one value of a list. */
  eachAField?: boolean;
}

export function ChoiceGroup({
  name,
  legend,
  hint,
  error,
  type,
  options,
  inputProps,
  inline,
  extra,
  className,
  eachAField,
}: ChoiceGroupProps) {
  const id = useFieldId(name);
  const fromForm = useFieldError(name);
  const message = error ?? fromForm;
  const described = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={`field${message ? ' field-error' : ''}${className ? ` ${className}` : ''}`}
      aria-describedby={described}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldMessage id={id} message={message} />
      <div className={inline ? 'choices-inline' : 'choices'}>
        {options.map((o, i) => (
          <label key={o.code} className="radio">
            <input
              type={type}
              {...(eachAField ? {} : { value: o.code })}
              {...(i === 0 ? { id } : {})}
              {...inputProps(o.code)}
            />
            {o.label}
          </label>
        ))}
      </div>
      {extra}
    </fieldset>
  );
}
