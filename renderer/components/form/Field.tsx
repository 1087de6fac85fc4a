// The GOV.UK field pattern: label, hint, error message (announced via aria-describedby) and the
import './form.css';
// control, with id "field-<name>" so the error summary can link to it.
import type { ReactNode } from 'react';
import { fieldId } from '../ErrorSummary';

export interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  children(control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }): ReactNode;
  className?: string;
}

export function Field({ name, label, hint, error, children, className }: FieldProps) {
  const id = fieldId([name]);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
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
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
    </div>
  );
}
