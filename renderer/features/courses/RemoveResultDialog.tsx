// Correcting a mistake: removing a result recorded in error (or revoking a sign-off), with a
// reason that goes into the audit log. Outcomes the result caused go with it unless verified.
import { useEffect, useRef } from 'react';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';

export interface RemoveTarget {
  kind: 'l1' | 'hse' | 'card' | 'ppe' | 'signoff';
  id: number;
  what: string;
}

export function RemoveResultDialog({ target, onClose }: { target: RemoveTarget; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const toasts = useToasts();
  useEffect(() => ref.current?.showModal(), []);
  const revoke = target.kind === 'signoff';
  const f = useContractForm('courses.results.remove', {
    defaultValues: { kind: target.kind, id: target.id, reason: '' },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: revoke ? 'Sign-off revoked' : 'Result removed' });
      onClose();
    },
  });
  return (
    <dialog ref={ref} aria-labelledby="remove-title" onClose={onClose}>
      <Form
        of={f}
        heading={
          <h2 id="remove-title" className="flush-top">
            {revoke ? 'Revoke' : 'Remove'} {target.what}
          </h2>
        }
      >
        <Field
          name="reason"
          label="Reason"
          hint={revoke ? 'The sign-off stops counting from today' : 'For example: recorded against the wrong person'}
        >
          {(c) => <input {...c} type="text" autoFocus {...f.form.register('reason')} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="danger" disabled={f.saving}>
            {revoke ? 'Revoke' : 'Remove'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Form>
    </dialog>
  );
}
