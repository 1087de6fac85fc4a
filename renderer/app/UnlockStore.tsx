// Before the store opens, in two cases. The desktop app on a computer without a secure keychain
// (Linux "basic_text") asks for the data file's passphrase: it is never stored; a new file asks
// twice. And when this computer's keychain has no key for an existing data file (a rebuilt
// laptop, a keychain reset by IT), the window asks for the recovery key from the printed sheet;
// the data file then gets a key in this keychain, so the next start asks nothing
// (shared/store-opening.ts). Not a contract channel (the store is not open yet), so the fields and
// summary are used as they are, without useContractForm.
import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../components/form/ErrorSummary';
import { Field } from '../components/form/Field';
import type { FieldError } from '../../shared/result';
import { recoveryKeyProblem } from '../../shared/domain/key-codes';
import { RECOVERY_NEEDED_MESSAGE, type StoreLockMode } from '../../shared/store-opening';

export function UnlockStore({
  isNew,
  mode,
  unlock,
  onUnlocked,
}: {
  isNew: boolean;
  mode: StoreLockMode;
  unlock(passphrase: string): Promise<{ ok: boolean; message?: string }>;
  onUnlocked(): void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const fail = (problems: FieldError[]) => {
    setErrors(problems);
    setAttempts((n) => n + 1);
  };
  const errorOn = (field: string) => errors.find((e) => e.path[0] === field)?.message;

  if (mode === 'recovery') return <EnterRecoveryKey unlock={unlock} onUnlocked={onUnlocked} />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldError[] = [];
    if (passphrase.length < 12)
      problems.push({ path: ['passphrase'], message: 'Enter a passphrase of at least 12 characters' });
    if (isNew && confirm !== passphrase)
      problems.push({ path: ['confirm'], message: 'The two passphrases are not the same' });
    if (problems.length) return fail(problems);
    setBusy(true);
    const result = await unlock(passphrase);
    setBusy(false);
    if (result.ok) onUnlocked();
    else
      fail([
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
      <ErrorSummary problems={errors} focusKey={attempts} />
      <form onSubmit={submit} noValidate>
        <Field name="passphrase" label="Passphrase" error={errorOn('passphrase')}>
          {(c) => (
            <input
              {...c}
              type="password"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              autoComplete={isNew ? 'new-password' : 'current-password'}
              autoFocus
            />
          )}
        </Field>
        {isNew && (
          <Field name="confirm" label="Type the passphrase again" error={errorOn('confirm')}>
            {(c) => (
              <input
                {...c}
                type="password"
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
                autoComplete="new-password"
              />
            )}
          </Field>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {isNew ? 'Create the data file' : 'Unlock'}
        </button>
      </form>
    </main>
  );
}

function EnterRecoveryKey({
  unlock,
  onUnlocked,
}: {
  unlock(key: string): Promise<{ ok: boolean; message?: string }>;
  onUnlocked(): void;
}) {
  const [key, setKey] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const fail = (message: string) => {
    setErrors([{ path: ['recoveryKey'], message }]);
    setAttempts((n) => n + 1);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = recoveryKeyProblem(key);
    if (problem) return fail(problem);
    setBusy(true);
    const result = await unlock(key);
    setBusy(false);
    if (result.ok) onUnlocked();
    else fail(result.message ?? 'The data file could not be opened with this recovery key');
  }

  return (
    <main className="welcome" id="main">
      <h1>Open the data file with its recovery key</h1>
      <p className="lead">{RECOVERY_NEEDED_MESSAGE}</p>
      <p>
        Once it opens, this computer keeps a key for it, so Worksbook will not ask again. The recovery key stays the
        same.
      </p>
      <ErrorSummary problems={errors} focusKey={attempts} />
      <form onSubmit={submit} noValidate>
        <Field
          name="recoveryKey"
          label="Recovery key"
          hint="Six groups of five letters and digits, as on the sheet. Dashes and spaces are optional."
          error={errors[0]?.message}
        >
          {(c) => (
            <input
              {...c}
              value={key}
              onChange={(e) => setKey(e.target.value)}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              autoFocus
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          Open the data file
        </button>
      </form>
    </main>
  );
}
