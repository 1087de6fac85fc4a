// "Who is working?": pick a staff profile (with its password if it has one).
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useChannel } from '../api/use-channel';
import { ErrorSummary, fieldId } from '../components/ErrorSummary';
import type { FieldError } from '../../shared/result';
import type { Session } from '../../shared/contract/app.contract';

export function ChooseProfile({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const profiles = useChannel('session.profiles', {});
  const [staffId, setStaffId] = useState<number | null>(null);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const chosen = profiles.data?.find((p) => p.id === staffId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!staffId) {
      setErrors([{ path: ['staffId'], message: 'Choose who is working' }]);
      return;
    }
    const result = await api.call('session.start', { staffId, ...(chosen?.hasPassword ? { password } : {}) });
    if (result.ok) onSignedIn(result.value);
    else setErrors(result.error.fields?.length ? result.error.fields : [{ path: ['staffId'], message: result.error.message }]);
  }

  return (
    <main className="welcome" id="main">
      <h1>Who is working?</h1>
      <p className="lead">Everything you change is recorded under your name.</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <fieldset className="field">
          <legend id={fieldId(['staffId'])} tabIndex={-1}>Staff profile</legend>
          {profiles.data?.map((p) => (
            <label key={p.id} className="radio">
              <input type="radio" name="staff" value={p.id} checked={staffId === p.id} onChange={() => setStaffId(p.id)} />
              {p.displayName} <span className="muted">({p.role})</span>
            </label>
          ))}
        </fieldset>
        {chosen?.hasPassword && (
          <div className="field">
            <label htmlFor={fieldId(['password'])}>Password</label>
            <input id={fieldId(['password'])} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          </div>
        )}
        <button type="submit" className="primary">
          Continue
        </button>
      </form>
    </main>
  );
}
