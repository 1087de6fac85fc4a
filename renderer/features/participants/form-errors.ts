// Turns react-hook-form's errors and the backend's field errors into the list the GOV.UK error
// summary shows, in the order the fields appear on the form.
import type { FieldErrors, UseFormSetError } from 'react-hook-form';
import type { FieldError } from '../../../shared/result';
import { recordFields, type ParticipantRecordInput } from '../../../shared/domain/participant-record';

export function summaryOf(errors: FieldErrors<ParticipantRecordInput>): FieldError[] {
  const out: FieldError[] = [];
  for (const name of recordFields) {
    const e = errors[name as keyof ParticipantRecordInput];
    const message = (e as { message?: string } | undefined)?.message;
    if (message) out.push({ path: [name], message });
  }
  return out;
}

/** Puts the backend's field errors (paths like ["record", "niNumber"]) on the form's fields. */
export function applyServerErrors(
  fields: FieldError[] | undefined,
  setError: UseFormSetError<ParticipantRecordInput>,
): FieldError[] {
  const out: FieldError[] = [];
  for (const f of fields ?? []) {
    const path = f.path[0] === 'record' ? f.path.slice(1) : f.path;
    const name = String(path[0] ?? '');
    if ((recordFields as string[]).includes(name)) {
      setError(name as keyof ParticipantRecordInput, { type: 'server', message: f.message });
      out.push({ path: [name], message: f.message });
    }
  }
  return out;
}
