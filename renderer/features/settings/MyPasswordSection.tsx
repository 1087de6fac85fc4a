// Change your own password (everyone).
import { z } from 'zod';
import { useSession } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';

/** The new password is typed twice; the contract checks the one sent. */
const passwordForm = z.object({ currentPassword: z.string(), newPassword: z.string(), confirmPassword: z.string() });

export function MyPasswordSection() {
  const session = useSession();
  const toasts = useToasts();
  const hasPassword = session.staff.hasPassword;
  const f = useContractForm('staff.changeOwnPassword', {
    schema: passwordForm,
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    checks: (v) =>
      v.newPassword && v.confirmPassword !== v.newPassword
        ? [{ path: ['confirmPassword'], message: 'The two new passwords are not the same' }]
        : [],
    toInput: ({ currentPassword, newPassword }) => ({ ...(hasPassword ? { currentPassword } : {}), newPassword }),
    onSuccess: (_done, _input, form) => {
      form.reset();
      toasts.show({ kind: 'success', message: 'Your password has been changed.' });
    },
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-label="Change your password">
      {hasPassword && (
        <Field name="currentPassword" label="Current password">
          {(c) => <input {...c} type="password" autoComplete="current-password" {...register('currentPassword')} />}
        </Field>
      )}
      <Field name="newPassword" label="New password" hint="At least 10 characters. Three random words work well.">
        {(c) => <input {...c} type="password" autoComplete="new-password" {...register('newPassword')} />}
      </Field>
      <Field name="confirmPassword" label="Type the new password again">
        {(c) => <input {...c} type="password" autoComplete="new-password" {...register('confirmPassword')} />}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        Change password
      </button>
    </Form>
  );
}
