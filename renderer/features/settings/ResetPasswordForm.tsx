// An administrator sets a new password for a staff member (e.g. forgotten); it also unlocks them.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useToasts } from '../../components/Toasts';
import type { FieldError } from '../../../shared/result';
import type { ManagedStaff } from '../../../shared/contract/trust.contract';

export function ResetPasswordForm({ staff, onDone }: { staff: ManagedStaff; onDone(): void }) {
  const toasts = useToasts();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const result = await api.call('staff.resetPassword', { id: staff.id, newPassword: password });
    if (!result.ok)
      return setErrors(
        result.error.fields?.length
          ? result.error.fields.map((f) => ({ ...f, path: ['resetPassword'] }))
          : [{ path: ['resetPassword'], message: result.error.message }],
      );
    toasts.show({
      kind: 'success',
      message: `Password of ${staff.displayName} reset. Tell them in person, not by email.`,
    });
    onDone();
  }
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={`Reset password for ${staff.displayName}`}>
      <ErrorSummary errors={errors} />
      <TextField
        path={['resetPassword']}
        label={`New password for ${staff.displayName}`}
        type="password"
        value={password}
        onChange={setPassword}
        errors={errors}
        autoComplete="new-password"
        autoFocus
      />
      <div className="button-row">
        <button type="submit" className="primary">
          Reset password
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
