// First start: an empty programme. Create the first (administrator) profile, then start empty
// or load the demo programme.
import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ErrorSummary, fieldId } from '../components/ErrorSummary';
import type { FieldError } from '../../shared/result';
import type { Session } from '../../shared/contract/app.contract';

export function Welcome({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await api.call('staff.createFirst', { displayName: name });
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['displayName'], message: result.error.message }],
      );
  }

  const nameError = errors.find((e) => e.path[0] === 'displayName');
  return (
    <main className="welcome" id="main">
      <h1>Welcome to Worksbook</h1>
      <p className="lead">
        Records, CSCS courses, outcomes and funder returns for Stevenage Works. Everything stays on this computer,
        encrypted.
      </p>
      <p>This programme is empty. Start by creating your staff profile: you will be its administrator.</p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <div className={`field ${nameError ? 'field-error' : ''}`}>
          <label htmlFor={fieldId(['displayName'])}>Your name</label>
          {nameError && (
            <p className="error-message" id="displayName-error">
              {nameError.message}
            </p>
          )}
          <input
            id={fieldId(['displayName'])}
            value={name}
            onChange={(e) => setName(e.target.value)}
            autoComplete="name"
            aria-describedby={nameError ? 'displayName-error' : undefined}
            aria-invalid={!!nameError}
            autoFocus
          />
        </div>
        <button type="submit" className="primary" disabled={busy}>
          Create my profile
        </button>
      </form>
    </main>
  );
}
