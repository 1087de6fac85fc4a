// Sign-in rules (passwords required, automatic lock) and the data file: where it is, whether it
// is encrypted, and a full check (integrity, foreign keys, audit chain) on demand.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { ErrorSummary, fieldId } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useToasts } from '../../components/Toasts';
import type { FieldError } from '../../../shared/result';
import type { ChannelOutput } from '../../../shared/contract/index';

export function SecuritySection() {
  const settings = useChannel('trust.settings', {}, { areas: ['settings'] });
  const info = useChannel('app.info', {});
  const toasts = useToasts();
  const [requirePasswords, setRequirePasswords] = useState(false);
  const [minutes, setMinutes] = useState('15');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [check, setCheck] = useState<ChannelOutput<'store.check'> | null>(null);
  const [checking, setChecking] = useState(false);

  // The form restarts from the saved settings each time they (re)load.
  const [loaded, setLoaded] = useState<typeof settings.data>(undefined);
  if (settings.data !== loaded) {
    setLoaded(settings.data);
    if (settings.data) {
      setRequirePasswords(settings.data.requirePasswords);
      setMinutes(String(settings.data.autoLockMinutes));
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    const n = Number(minutes);
    if (!/^\d+$/.test(minutes.trim()))
      return setErrors([{ path: ['autoLockMinutes'], message: 'Enter a whole number of minutes (0 for never)' }]);
    const result = await api.call('trust.saveSettings', { requirePasswords, autoLockMinutes: n });
    if (!result.ok)
      return setErrors(
        result.error.fields?.length
          ? result.error.fields
          : [{ path: ['autoLockMinutes'], message: result.error.message }],
      );
    setErrors([]);
    toasts.show({ kind: 'success', message: 'Sign-in settings saved.' });
  }

  async function runCheck() {
    setChecking(true);
    const result = await api.call('store.check', {});
    setChecking(false);
    if (result.ok) setCheck(result.value);
    else toasts.show({ kind: 'error', message: result.error.message });
  }

  return (
    <>
      <form onSubmit={save} noValidate>
        <ErrorSummary errors={errors} />
        <div className="field">
          <label className="radio" htmlFor={fieldId(['requirePasswords'])}>
            <input
              id={fieldId(['requirePasswords'])}
              type="checkbox"
              checked={requirePasswords}
              onChange={(e) => setRequirePasswords(e.target.checked)}
            />
            Every profile must have a password
          </label>
          <p className="hint">
            Passwords are also required as soon as any profile has one. A profile without a password then sets one at
            its next sign-in.
          </p>
        </div>
        <TextField
          path={['autoLockMinutes']}
          label="Lock after this many minutes without activity"
          hint="0 means never. The page that was open comes back after signing in."
          inputMode="numeric"
          value={minutes}
          onChange={setMinutes}
          errors={errors}
          style={{ maxWidth: '8rem' }}
        />
        <button type="submit" className="primary">
          Save sign-in settings
        </button>
      </form>

      <h3>Data file</h3>
      {info.data && (
        <dl className="summary-list">
          <dt>Location</dt>
          <dd>{info.data.storePath}</dd>
          <dt>Encrypted</dt>
          <dd>
            {info.data.isEncrypted ? (
              'Yes (SQLite3 Multiple Ciphers, ChaCha20-Poly1305)'
            ) : (
              <strong>No: start Worksbook with a key to encrypt it</strong>
            )}
          </dd>
          <dt>Schema version</dt>
          <dd>{info.data.schemaVersion}</dd>
        </dl>
      )}
      <button type="button" onClick={() => void runCheck()} disabled={checking}>
        {checking ? 'Checking…' : 'Check the data file now'}
      </button>
      {check && (
        <div className="panel" role="status">
          <p>
            Integrity:{' '}
            {check.integrity.length ? (
              <strong>problems found: {check.integrity.slice(0, 3).join('; ')}. Restore a backup.</strong>
            ) : (
              'ok'
            )}
          </p>
          <p>
            Links between records (foreign keys):{' '}
            {check.foreignKeyProblems ? <strong>{check.foreignKeyProblems} problems</strong> : 'ok'}
          </p>
          <p>
            Audit log:{' '}
            {check.audit.ok ? (
              `ok, ${check.audit.checked.toLocaleString('en-GB')} entries, none altered`
            ) : (
              <strong>{check.audit.problem}</strong>
            )}
          </p>
        </div>
      )}
    </>
  );
}
