// "Who is working?": pick a staff profile and give its password; a profile without one sets its
// first password when passwords are required; a locked profile says until when. After an
// automatic lock the screen says why, and signing in returns to the page that was open.
import { useState } from 'react';
import { z } from 'zod';
import { useChannel } from '../api/use-channel';
import { Field } from '../components/form/Field';
import { Form } from '../components/form/Form';
import { useContractForm } from '../components/form/use-contract-form';
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
  const chosen = profiles.data?.find((p) => p.id === staffId);
  const mustSetPassword = !!chosen && !chosen.hasPassword && !!policy.data?.passwordsRequired;

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
      <fieldset className="field">
        <legend id="field-staffId" tabIndex={-1}>
          Staff profile
        </legend>
        {profiles.data?.map((p) => (
          <label key={p.id} className="radio">
            <input
              type="radio"
              name="staff"
              value={p.id}
              checked={staffId === p.id}
              onChange={() => setStaffId(p.id)}
            />
            {p.displayName} <span className="muted">({p.role})</span>
          </label>
        ))}
      </fieldset>
      {chosen &&
        (mustSetPassword ? (
          <FirstPassword key={chosen.id} staffId={chosen.id} onSignedIn={onSignedIn} />
        ) : (
          <SignIn
            key={chosen.id}
            staffId={chosen.id}
            hasPassword={chosen.hasPassword}
            onSignedIn={onSignedIn}
            // Passwords may have become required since the list was read.
            onPasswordNeeded={policy.reload}
          />
        ))}
    </main>
  );
}

function SignIn({
  staffId,
  hasPassword,
  onSignedIn,
  onPasswordNeeded,
}: {
  staffId: number;
  hasPassword: boolean;
  onSignedIn(session: Session): void;
  onPasswordNeeded(): void;
}) {
  const f = useContractForm('session.start', {
    defaultValues: { staffId, ...(hasPassword ? { password: '' } : {}) },
    onSuccess: (session) => onSignedIn(session),
    onFailure: (error) => {
      if (error.fields?.some((field) => field.path[0] === 'newPassword')) onPasswordNeeded();
      return false;
    },
  });
  return (
    <Form of={f} aria-label="Sign in">
      {hasPassword && (
        <Field name="password" label="Password">
          {(c) => <input {...c} type="password" autoComplete="current-password" {...f.form.register('password')} />}
        </Field>
      )}
      <button type="submit" className="primary" disabled={f.saving}>
        Continue
      </button>
    </Form>
  );
}

/** The new password is typed twice; the contract checks the one sent. */
const firstPasswordForm = z.object({ newPassword: z.string(), confirmPassword: z.string() });

function FirstPassword({ staffId, onSignedIn }: { staffId: number; onSignedIn(session: Session): void }) {
  const f = useContractForm('session.setPassword', {
    schema: firstPasswordForm,
    defaultValues: { newPassword: '', confirmPassword: '' },
    checks: (v) => {
      const problem = passwordProblem(v.newPassword);
      if (problem) return [{ path: ['newPassword'], message: problem }];
      return v.confirmPassword !== v.newPassword
        ? [{ path: ['confirmPassword'], message: 'The two passwords are not the same' }]
        : [];
    },
    toInput: ({ newPassword }) => ({ staffId, newPassword }),
    onSuccess: (session) => onSignedIn(session),
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-label="Set your password">
      <p>
        This profile has no password yet, and this programme requires one. Choose it now: at least 10 characters; three
        random words work well.
      </p>
      <Field name="newPassword" label="New password">
        {(c) => <input {...c} type="password" autoComplete="new-password" {...register('newPassword')} />}
      </Field>
      <Field name="confirmPassword" label="Type the new password again">
        {(c) => <input {...c} type="password" autoComplete="new-password" {...register('confirmPassword')} />}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        Set password and continue
      </button>
    </Form>
  );
}
