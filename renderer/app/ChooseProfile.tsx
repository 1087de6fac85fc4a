// "Who is working?": pick a staff profile and give its password; a profile without one sets its
// first password when passwords are required; a locked profile says until when. After an
// automatic lock the screen says why, and signing in returns to the page that was open.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useChannel } from '../api/use-channel';
import { ErrorSummary, fieldId } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import type { FieldError } from '../../shared/result';
import type { Session } from '../../shared/contract/app.contract';
import { passwordProblem } from '../../shared/domain/password-rules';

export function ChooseProfile({
  onSignedIn,
  lockedReason,
}: {
  onSignedIn(session: Session): void;
  lockedReason?: string | null;
}) {
  const profiles = useChannel('session.profiles', {});
  const policy = useChannel('session.policy', {});
  const [staffId, setStaffId] = useState<number | null>(null);
  const [password, setPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const chosen = profiles.data?.find((p) => p.id === staffId);
  const mustSetPassword = !!chosen && !chosen.hasPassword && !!policy.data?.passwordsRequired;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!staffId) {
      setErrors([{ path: ['staffId'], message: 'Choose who is working' }]);
      return;
    }
    if (mustSetPassword) {
      const problem = passwordProblem(newPassword);
      const local: FieldError[] = [];
      if (problem) local.push({ path: ['newPassword'], message: problem });
      else if (confirm !== newPassword)
        local.push({ path: ['confirmPassword'], message: 'The two passwords are not the same' });
      if (local.length) {
        setErrors(local);
        return;
      }
    }
    setBusy(true);
    const result = mustSetPassword
      ? await api.call('session.setPassword', { staffId, newPassword })
      : await api.call('session.start', { staffId, ...(chosen?.hasPassword ? { password } : {}) });
    setBusy(false);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setPassword('');
    if (result.error.fields?.some((f) => f.path[0] === 'newPassword') && !mustSetPassword) policy.reload();
    setErrors(
      result.error.fields?.length ? result.error.fields : [{ path: ['staffId'], message: result.error.message }],
    );
  }

  return (
    <main className="welcome" id="main">
      <h1>Who is working?</h1>
      {lockedReason === 'inactivity' && (
        <p className="panel" role="status">
          Worksbook locked itself after {policy.data?.autoLockMinutes ?? 15} minutes without activity. Sign in to carry
          on where you were.
        </p>
      )}
      <p className="lead">Everything you change is recorded under your name.</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend id={fieldId(['staffId'])} tabIndex={-1}>
            Staff profile
          </legend>
          {profiles.data?.map((p) => (
            <label key={p.id} className="radio">
              <input
                type="radio"
                name="staff"
                value={p.id}
                checked={staffId === p.id}
                onChange={() => {
                  setStaffId(p.id);
                  setErrors([]);
                }}
              />
              {p.displayName} <span className="muted">({p.role})</span>
            </label>
          ))}
        </fieldset>
        {chosen?.hasPassword && (
          <TextField
            path={['password']}
            label="Password"
            type="password"
            value={password}
            onChange={setPassword}
            errors={errors}
            autoComplete="current-password"
          />
        )}
        {mustSetPassword && (
          <>
            <p>
              This profile has no password yet, and this programme requires one. Choose it now: at least 10 characters;
              three random words work well.
            </p>
            <TextField
              path={['newPassword']}
              label="New password"
              type="password"
              value={newPassword}
              onChange={setNewPassword}
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
          </>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {mustSetPassword ? 'Set password and continue' : 'Continue'}
        </button>
      </form>
    </main>
  );
}
