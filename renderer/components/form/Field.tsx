// The one form field (GOV.UK pattern): label, hint, error message and the control, which gets
// the id "field-<path>" and the aria attributes through a render function. Inside a <Form> the
// error comes from the form by the field's path; elsewhere pass `error`.
import './form.css';
import type { ReactNode } from 'react';
import { get, useFormContext } from 'react-hook-form';
import type { FieldPath } from './form-problems';
import { useFieldId } from './field-id';

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export interface FieldProps {
  /** The field's path in the form's values ("firstName", "sessions.2.sessionDate"). */
  name: string | FieldPath;
  label: ReactNode;
  hint?: ReactNode;
  /** Overrides the form's own message (or gives one outside a form). */
  error?: string | undefined;
  className?: string;
  /** The label is read out but not shown (a box in a table row, whose column says what it is). */
  hideLabel?: boolean;
  children(control: ControlProps): ReactNode;
}

export function Field({ name, label, hint, error, className, hideLabel, children }: FieldProps) {
  const id = useFieldId(name);
  const fromForm = useFieldError(name);
  const message = error ?? fromForm;
  const described = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${message ? ' field-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldMessage id={id} message={message} />
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(message ? { 'aria-invalid': true } : {}),
      })}
    </div>
  );
}

/** The error under a label, announced through the control's aria-describedby (`${id}-error`). */
export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** The message on a field of the surrounding form, if any. */
export function useFieldError(name: string | FieldPath): string | undefined {
  // Null outside a <Form> (react-hook-form's context has no default).
  const form = useFormContext() as ReturnType<typeof useFormContext> | null;
  const key = typeof name === 'string' ? name : name.join('.');
  if (!form) return undefined;
  // A whole field array's error sits under "root" (react-hook-form's convention).
  return messageOf(get(form.formState.errors, key)) ?? messageOf(get(form.formState.errors, `${key}.root`));
}

function messageOf(error: unknown): string | undefined {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message ? message : undefined;
}
