// One labelled form field with its hint and error message (GOV.UK pattern); the control inside
// gets the id "field-<path>" so the error summary can link to it.
import type { ReactNode } from 'react';
import type { FieldError } from '../../../shared/result';
import { errorFor } from './format';

export function FormField({
  path,
  label,
  hint,
  errors,
  children,
}: {
  path: string;
  label: string;
  hint?: string;
  errors: FieldError[];
  children: ReactNode;
}) {
  const error = errorFor(errors, path);
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={`field-${path}`}>{label}</label>
      {hint && (
        <p className="hint" id={`hint-${path}`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="error-message" id={`error-${path}`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

/** aria-describedby for a control inside FormField. */
export function describedBy(path: string, errors: FieldError[], hasHint = false): string | undefined {
  const ids = [hasHint ? `hint-${path}` : '', errorFor(errors, path) ? `error-${path}` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}
