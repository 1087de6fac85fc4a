// "Who is working?": pick a staff profile and give its password. A profile without one (or whose
// owner forgot it) is opened with the one-time set-up code an administrator issued: "I have a
// set-up code". In a programme from before passwords were required, where nobody has one yet, its
// administrator sets the first. A locked profile says until when. After an automatic lock the
// screen says why, and signing in returns to the page that was open. Connected to a team database
// through a staff member's own login, only the profile linked to that login is offered.
import { useState } from 'react';
import { z } from 'zod';
import { useChannel } from '../api/use-channel';
import { Field } from '../components/form/Field';
import { Form } from '../components/form/Form';
import { useContractForm } from '../components/form/use-contract-form';
import type { Session, StaffProfile } from '../../shared/contract/app.contract';
import { passwordProblem } from '../../shared/domain/password-rules';
import { setupCodeProblem } from '../../shared/domain/key-codes';

const lockMessages: Record<string, (minutes: number) => string> = {
  inactivity: (minutes) =>
    `Worksbook locked itself after ${minutes} minutes without activity. Sign in to carry on where you were.`,
  'session-expired': () =>
    'Your session reached its time limit, so Worksbook signed you out. Sign in again to carry on where you were.',
};

export function ChooseProfile({
  onSignedIn,
  lockedReason,
}: {
  onSignedIn(session: Session): void;
  lockedReason?: string | null;
}) {
  const profiles = useChannel('session.profiles', {});
  const policy = useChannel('session.policy', {});
  const login = useChannel('session.databaseLogin', {}).data?.login ?? null;
  const [staffId, setStaffId] = useState<number | null>(null);
  const [withCode, setWithCode] = useState(false);
  const chosen = profiles.data?.find((p) => p.id === staffId);
  const lockMessage = lockedReason ? lockMessages[lockedReason] : undefined;

  return (
    <main className="welcome" id="main">
      <h1>Who is working?</h1>
      {lockMessage && (
        <p className="panel" role="status">
          {lockMessage(policy.data?.autoLockMinutes ?? 15)}
        </p>
      )}
      <p className="lead">Everything you change is recorded under your name.</p>
      {login && (
        <p>
          This computer is connected to the team database as <strong>{login}</strong>: only the staff profile linked to
          that login signs in here.
        </p>
      )}
      {login && profiles.data?.length === 0 && (
        <p className="panel" role="status">
          No staff profile is linked to the database login {login} yet. Ask an administrator to link it under Settings,
          Staff and roles; then come back here.
        </p>
      )}
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
              onChange={() => {
                setStaffId(p.id);
                setWithCode(false);
              }}
            />
            {p.displayName} <span className="muted">({p.role})</span>
          </label>
        ))}
      </fieldset>
      {chosen && (
        <ProfileSignIn
          key={`${chosen.id}-${withCode}`}
          profile={chosen}
          nobodyHasPassword={!!profiles.data?.every((p) => !p.hasPassword)}
          passwordsRequired={!!policy.data?.passwordsRequired}
          withCode={withCode}
          setWithCode={setWithCode}
          onSignedIn={onSignedIn}
          onPolicyChanged={policy.reload}
        />
      )}
    </main>
  );
}

function ProfileSignIn({
  profile,
  nobodyHasPassword,
  passwordsRequired,
  withCode,
  setWithCode,
  onSignedIn,
  onPolicyChanged,
}: {
  profile: StaffProfile;
  nobodyHasPassword: boolean;
  passwordsRequired: boolean;
  withCode: boolean;
  setWithCode(on: boolean): void;
  onSignedIn(session: Session): void;
  onPolicyChanged(): void;
}) {
  const open = !profile.hasPassword && passwordsRequired;
  // A programme where nobody has a password yet: its administrator sets the first.
  if (open && nobodyHasPassword && profile.role === 'administrator')
    return <FirstPassword staffId={profile.id} onSignedIn={onSignedIn} />;
  if (open || withCode)
    return (
      <>
        <SetupCode staffId={profile.id} isNew={!profile.hasPassword} onSignedIn={onSignedIn} />
        {profile.hasPassword && (
          <button type="button" className="link-button" onClick={() => setWithCode(false)}>
            Sign in with my password instead
          </button>
        )}
      </>
    );
  return (
    <>
      <SignIn
        staffId={profile.id}
        hasPassword={profile.hasPassword}
        onSignedIn={onSignedIn}
        // Passwords may have become required since the list was read.
        onPasswordNeeded={onPolicyChanged}
      />
      <button type="button" className="link-button" onClick={() => setWithCode(true)}>
        I have a set-up code
      </button>
    </>
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
      if (error.fields?.some((field) => field.path[0] === 'code')) onPasswordNeeded();
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
const newPasswordChecks = (v: { newPassword: string; confirmPassword: string }) => {
  const problem = passwordProblem(v.newPassword);
  if (problem) return [{ path: ['newPassword'], message: problem }];
  return v.confirmPassword !== v.newPassword
    ? [{ path: ['confirmPassword'], message: 'The two passwords are not the same' }]
    : [];
};

const setupCodeForm = z.object({ code: z.string(), newPassword: z.string(), confirmPassword: z.string() });

function SetupCode({ staffId, isNew, onSignedIn }: { staffId: number; isNew: boolean; onSignedIn(s: Session): void }) {
  const f = useContractForm('session.redeemSetupCode', {
    schema: setupCodeForm,
    defaultValues: { code: '', newPassword: '', confirmPassword: '' },
    checks: (v) => {
      const problem = setupCodeProblem(v.code);
      return [...(problem ? [{ path: ['code'], message: problem }] : []), ...newPasswordChecks(v)];
    },
    toInput: ({ code, newPassword }) => ({ staffId, code, newPassword }),
    onSuccess: (session) => onSignedIn(session),
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-label="Set your password with a set-up code">
      <p>
        {isNew ? 'This profile has no password yet. ' : ''}Enter the set-up code an administrator gave you, and choose
        your password: at least 10 characters; three random words work well. A code works once.
      </p>
      <Field name="code" label="Set-up code" hint="12 letters and digits, like K7QM-3WXD-9PTR">
        {(c) => (
          <input
            {...c}
            autoComplete="one-time-code"
            spellCheck={false}
            autoCapitalize="characters"
            className="input-code"
            {...register('code')}
          />
        )}
      </Field>
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

const firstPasswordForm = z.object({ newPassword: z.string(), confirmPassword: z.string() });

function FirstPassword({ staffId, onSignedIn }: { staffId: number; onSignedIn(session: Session): void }) {
  const f = useContractForm('session.setPassword', {
    schema: firstPasswordForm,
    defaultValues: { newPassword: '', confirmPassword: '' },
    checks: newPasswordChecks,
    toInput: ({ newPassword }) => ({ staffId, newPassword }),
    onSuccess: (session) => onSignedIn(session),
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-label="Set your password">
      <p>
        Worksbook now requires a password for every profile, and nobody in this programme has one yet. As its
        administrator, choose yours now: at least 10 characters; three random words work well. Then give everyone else a
        set-up code from Settings, Staff and roles.
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
