// Only in the desktop app on a computer without a secure keychain (Linux "basic_text"): the data
// file's passphrase is asked for before it opens. It is never stored; a new file asks twice.
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import type { FieldError } from '../../shared/result';

export function UnlockStore({
  isNew,
  unlock,
  onUnlocked,
}: {
  isNew: boolean;
  unlock(passphrase: string): Promise<{ ok: boolean; message?: string }>;
  onUnlocked(): void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase.length < 12)
      return setErrors([{ path: ['passphrase'], message: 'Enter a passphrase of at least 12 characters' }]);
    if (isNew && confirm !== passphrase)
      return setErrors([{ path: ['confirm'], message: 'The two passphrases are not the same' }]);
    setBusy(true);
    const result = await unlock(passphrase);
    setBusy(false);
    if (result.ok) onUnlocked();
    else
      setErrors([
        { path: ['passphrase'], message: result.message ?? 'The data file could not be opened with this passphrase' },
      ]);
  }

  return (
    <main className="welcome" id="main">
      <h1>{isNew ? 'Choose a passphrase for your data' : 'Unlock your data'}</h1>
      <p className="lead">
        This computer has no secure keychain, so Worksbook protects its data file with a passphrase instead.{' '}
        {isNew
          ? 'Keep it safe: without it the data cannot be opened, by anyone.'
          : 'Enter the passphrase chosen when the data file was created.'}
      </p>
      <ErrorSummary errors={errors} />
      <form onSubmit={submit} noValidate>
        <TextField
          path={['passphrase']}
          label="Passphrase"
          type="password"
          value={passphrase}
          onChange={setPassphrase}
          errors={errors}
          autoComplete={isNew ? 'new-password' : 'current-password'}
          autoFocus
        />
        {isNew && (
          <TextField
            path={['confirm']}
            label="Type the passphrase again"
            type="password"
            value={confirm}
            onChange={setConfirm}
            errors={errors}
            autoComplete="new-password"
          />
        )}
        <button type="submit" className="primary" disabled={busy}>
          {isNew ? 'Create the data file' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}
