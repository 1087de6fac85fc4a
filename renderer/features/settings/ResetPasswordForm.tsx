// An administrator sets a new password for a staff member (e.g. forgotten); it also unlocks them.
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import type { ManagedStaff } from '../../../shared/contract/trust.contract';
import { SaveCancel } from '../../components/form/SaveCancel';

export function ResetPasswordForm({ staff, onDone }: { staff: ManagedStaff; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('staff.resetPassword', {
    // Prefixed: the add-staff form below has password fields too.
    idPrefix: 'reset',
    defaultValues: { id: staff.id, newPassword: '' },
    onSuccess: () => {
      toasts.show({
        kind: 'success',
        message: `Password of ${staff.displayName} reset. Tell them in person, not by email.`,
      });
      onDone();
    },
  });
  return (
    <Form of={f} className="panel" aria-label={`Reset password for ${staff.displayName}`}>
      <Field name="newPassword" label={`New password for ${staff.displayName}`}>
        {(c) => (
          <input {...c} type="password" autoComplete="new-password" autoFocus {...f.form.register('newPassword')} />
        )}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Reset password
      </SaveCancel>
    </Form>
  );
}
