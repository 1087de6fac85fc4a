// Correcting a mistake: removing a result recorded in error (or revoking a sign-off), with a
// reason that goes into the audit log. Outcomes the result caused go with it unless verified.
import { useEffect, useRef, useState } from 'react';
import type { FieldError } from '../../../shared/result';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { FormField, describedBy } from './FormField';

export interface RemoveTarget {
  kind: 'l1' | 'hse' | 'card' | 'ppe' | 'signoff';
  id: number;
  what: string;
}

export function RemoveResultDialog({ target, onClose }: { target: RemoveTarget; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();
  useEffect(() => ref.current?.showModal(), []);
  const revoke = target.kind === 'signoff';
  const submit = async () => {
    const result = await api.call('courses.results.remove', { kind: target.kind, id: target.id, reason });
    if (!result.ok) return setErrors(result.error.fields ?? [{ path: ['reason'], message: result.error.message }]);
    toasts.show({ kind: 'success', message: revoke ? 'Sign-off revoked' : 'Result removed' });
    onClose();
  };
  return (
    <dialog ref={ref} aria-labelledby="remove-title" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="remove-title" style={{ marginTop: 0 }}>
          {revoke ? 'Revoke' : 'Remove'} {target.what}
        </h2>
        <ErrorSummary errors={errors} />
        <FormField
          path="reason"
          label="Reason"
          hint={revoke ? 'The sign-off stops counting from today' : 'For example: recorded against the wrong person'}
          errors={errors}
        >
          <input
            id="field-reason"
            type="text"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={describedBy('reason', errors, true)}
          />
        </FormField>
        <div className="button-row">
          <button type="submit" className="danger">
            {revoke ? 'Revoke' : 'Remove'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
