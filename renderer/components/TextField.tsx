// A labelled text input with its hint and GOV.UK-style error, id "field-<path>" so the error
// summary can link to it.
import type { InputHTMLAttributes } from 'react';
import { fieldId } from './ErrorSummary';
import type { FieldError } from '../../shared/result';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  path: Array<string | number>;
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  errors?: FieldError[];
}

export function TextField({ path, label, value, onChange, hint, errors = [], ...rest }: TextFieldProps) {
  const id = fieldId(path);
  const error = errors.find((e) => e.path.join('.') === path.join('.'));
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field ${error ? 'field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`${id}-error`}>
          {error.message}
        </p>
      )}
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={!!error}
        {...rest}
      />
    </div>
  );
}
