// Change your own password (everyone).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useSession } from '../../app/session-context';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useToasts } from '../../components/Toasts';
import type { FieldError } from '../../../shared/result';

export function MyPasswordSection() {
  const session = useSession();
  const toasts = useToasts();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== confirm)
      return setErrors([{ path: ['confirmPassword'], message: 'The two new passwords are not the same' }]);
    const result = await api.call('staff.changeOwnPassword', {
      ...(session.staff.hasPassword ? { currentPassword: current } : {}),
      newPassword: next,
    });
    if (!result.ok)
      return setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['newPassword'], message: result.error.message }],
      );
    setErrors([]);
    setCurrent('');
    setNext('');
    setConfirm('');
    toasts.show({ kind: 'success', message: 'Your password has been changed.' });
  }

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors} />
      {session.staff.hasPassword && (
        <TextField
          path={['currentPassword']}
          label="Current password"
          type="password"
          value={current}
          onChange={setCurrent}
          errors={errors}
          autoComplete="current-password"
        />
      )}
      <TextField
        path={['newPassword']}
        label="New password"
        hint="At least 10 characters. Three random words work well."
        type="password"
        value={next}
        onChange={setNext}
        errors={errors}
        autoComplete="new-password"
      />
      <TextField
        path={['confirmPassword']}
        label="Type the new password again"
        type="password"
        value={confirm}
        onChange={setConfirm}
        errors={errors}
        autoComplete="new-password"
      />
      <button type="submit" className="primary">
        Change password
      </button>
    </form>
  );
}
