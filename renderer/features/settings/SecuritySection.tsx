// Sign-in rules (passwords required, automatic lock) and the data file: where it is, whether it
// is encrypted, and a full check (integrity, foreign keys, audit chain) on demand.
import { useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { toNumber } from '../../components/form/values';
import type { ChannelOutput } from '../../../shared/contract/index';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';

export function SecuritySection() {
  const settings = useChannel('trust.settings', {}, { areas: ['settings'] });
  const info = useChannel('app.info', {});
  const toasts = useToasts();
  const [check, setCheck] = useState<ChannelOutput<'store.check'> | null>(null);
  const [checking, setChecking] = useState(false);

  async function runCheck() {
    setChecking(true);
    const result = await api.call('store.check', {});
    setChecking(false);
    if (result.ok) setCheck(result.value);
    else toasts.show({ kind: 'error', message: result.error.message });
  }

  return (
    <>
      {settings.data && <SignInSettings settings={settings.data} />}
      <RecoveryKeySettings storePath={info.data?.storePath ?? null} />
      <h3>Data file</h3>
      {info.data && (
        <dl className="facts">
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

function SignInSettings({ settings }: { settings: ChannelOutput<'trust.settings'> }) {
  const toasts = useToasts();
  const { demoStore, ...values } = settings;
  const f = useContractForm('trust.saveSettings', {
    defaultValues: values,
    messages: {
      autoLockMinutes: 'Enter a whole number of minutes (0 for never)',
      sessionHours: 'Enter a whole number of hours from 1 to 24',
    },
    onSuccess: () => toasts.show({ kind: 'success', message: 'Sign-in settings saved.' }),
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-label="Sign-in settings">
      {demoStore ? (
        <div className="field">
          <label className="radio" htmlFor="field-requirePasswords">
            <input id="field-requirePasswords" type="checkbox" {...register('requirePasswords')} />
            Every profile must have a password
          </label>
          <p className="hint">
            This store holds demo data, so its profiles may work without passwords unless you ask for them here.
          </p>
        </div>
      ) : (
        <p>
          Every profile must have a password: always, in a store of real data. Someone without one gets a one-time
          set-up code from an administrator (Staff and roles).
        </p>
      )}
      <Field
        name="autoLockMinutes"
        label="Lock after this many minutes without activity"
        hint="0 means never. The page that was open comes back after signing in."
      >
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            className="input-narrow"
            {...register('autoLockMinutes', { setValueAs: toNumber })}
          />
        )}
      </Field>
      <Field
        name="sessionHours"
        label="Sign everyone out this many hours after they signed in"
        hint="However busy they are: from 1 to 24 hours. 12 covers a working day."
      >
        {(c) => (
          <input
            {...c}
            inputMode="numeric"
            className="input-narrow"
            {...register('sessionHours', { setValueAs: toNumber })}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        Save sign-in settings
      </button>
    </Form>
  );
}

/** The recovery key while nobody has confirmed keeping it, and a way to replace it. */
function RecoveryKeySettings({ storePath }: { storePath: string | null }) {
  const status = useChannel('keys.recoveryKey', {}, { areas: ['settings'] });
  const toasts = useToasts();
  const f = useContractForm('keys.newRecoveryKey', {
    defaultValues: { password: '' },
    onSuccess: (_done, _input, form) => {
      form.reset();
      status.reload();
    },
  });
  if (!status.data?.hasRecoveryKey) return null;
  const { register } = f.form;
  return (
    <>
      <h3>Recovery key</h3>
      {status.data.recoveryKey ? (
        <RecoveryKeyPanel
          recoveryKey={status.data.recoveryKey}
          storeName={storePath}
          onConfirmed={() => {
            toasts.show({ kind: 'success', message: 'The recovery key will not be shown again.' });
            status.reload();
          }}
        />
      ) : (
        <>
          <p>
            The recovery key opens the data file and its backups on another computer. It was shown once, when it was
            made. If it is lost, or someone who should not have it may have seen it, make a new one: the old one stops
            opening this data file (backups taken before still open with it).
          </p>
          <Form of={f} aria-label="Make a new recovery key">
            <Field name="password" label="Your password" hint="To show a new recovery key, confirm who you are.">
              {(c) => <input {...c} type="password" autoComplete="current-password" {...register('password')} />}
            </Field>
            <button type="submit" disabled={f.saving}>
              Show a new recovery key
            </button>
          </Form>
          <NewStoreKey />
        </>
      )}
    </>
  );
}

/** The remedy when a recovery key sheet is lost or seen by someone else: a new recovery key alone
 * keeps the master key, which an old copy of the key envelope (in every older backup) still gives
 * with the old sheet; a new data file key changes both (db/backend/rekey.ts). */
function NewStoreKey() {
  // On success everyone is signed out (the store reopens): the sign-in screen follows, then the
  // new recovery key (RecoveryKeyGate).
  const f = useContractForm('keys.newStoreKey', {
    idPrefix: 'new-key',
    // The confirmation is a choice not made yet: left out until ticked.
    defaultValues: { password: '' },
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-labelledby="new-store-key" heading={<h4 id="new-store-key">Give the data file a new key</h4>}>
      <p>
        If the recovery key sheet was lost, or someone who should not have it may have seen it, a new recovery key is
        not enough: with the old sheet and an older backup&apos;s key file, the data file could still be opened. A new
        key for the data file, with a new recovery key, closes that: afterwards the old sheet opens only backups taken
        before now. This computer keeps opening the data file as before.
      </p>
      <p>
        Everyone is signed out while the data file is re-encrypted (about a minute for a large file). After you sign in
        again, the new recovery key is shown once, to print.
      </p>
      <Field name="password" label="Your password" hint="To give the data file a new key, confirm who you are.">
        {(c) => <input {...c} type="password" autoComplete="current-password" {...register('password')} />}
      </Field>
      <div className="field">
        <label className="radio" htmlFor="new-key-field-confirm">
          <input id="new-key-field-confirm" type="checkbox" {...register('confirm')} />I understand everyone will be
          signed out and the recovery key will change
        </label>
      </div>
      <button type="submit" disabled={f.saving}>
        {f.saving ? 'Giving the data file a new key…' : 'Give the data file a new key'}
      </button>
    </Form>
  );
}
