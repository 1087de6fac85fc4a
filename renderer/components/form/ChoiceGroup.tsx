// A fieldset of radios or checkboxes with legend, hint and error; the first option carries the id
// "field-<name>" so the error summary can move focus to the group.
import type { ReactNode } from 'react';
import { fieldId } from '../ErrorSummary';

export interface ChoiceGroupProps {
  name: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  type: 'radio' | 'checkbox';
  options: Array<{ code: string; label: string }>;
  /** Props for each input (react-hook-form's register result), given the option. */
  inputProps(code: string): Record<string, unknown>;
  inline?: boolean;
  extra?: ReactNode;
}

export function ChoiceGroup({ name, legend, hint, error, type, options, inputProps, inline, extra }: ChoiceGroupProps) {
  const id = fieldId([name]);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`field${error ? ' field-error' : ''}`} aria-describedby={described}>
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      <div className={inline ? 'choices-inline' : 'choices'}>
        {options.map((o, i) => (
          <label key={o.code} className="radio">
            <input type={type} value={o.code} {...(i === 0 ? { id } : {})} {...inputProps(o.code)} />
            {o.label}
          </label>
        ))}
      </div>
      {extra}
    </fieldset>
  );
}
