// First start: an empty programme. Create the first (administrator) profile with its password,
// then start empty or load the demo programme; or, when the programme already works on a shared
// PostgreSQL database, connect this computer to it with the same form as Settings → Team database.
import { z } from 'zod';
import { Field } from '../components/form/Field';
import { Form } from '../components/form/Form';
import { useContractForm } from '../components/form/use-contract-form';
import { TeamDatabaseSection } from '../features/settings/TeamDatabaseSection';
import type { Session } from '../../shared/contract/app.contract';
import { passwordProblem } from '../../shared/domain/password-rules';

const welcomeForm = z.object({ displayName: z.string(), password: z.string(), confirmPassword: z.string() });

export function Welcome({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const f = useContractForm('staff.createFirst', {
    schema: welcomeForm,
    defaultValues: { displayName: '', password: '', confirmPassword: '' },
    messages: { displayName: 'Enter your name' },
    checks: (v) => {
      const problem = passwordProblem(v.password);
      if (problem) return [{ path: ['password'], message: problem }];
      return v.confirmPassword !== v.password
        ? [{ path: ['confirmPassword'], message: 'The two passwords are not the same' }]
        : [];
    },
    toInput: ({ displayName, password }) => ({ displayName, password }),
    onSuccess: (session) => onSignedIn(session),
  });
  const { register } = f.form;
  return (
    <main className="welcome" id="main">
      <h1>Welcome to Worksbook</h1>
      <p className="lead">
        Records, CSCS courses, outcomes and funder returns for Stevenage Works. Everything stays on this computer,
        encrypted.
      </p>
      <p>This programme is empty. Start by creating your staff profile: you will be its administrator.</p>
      <Form of={f} aria-label="Create your profile">
        <Field name="displayName" label="Your name">
          {(c) => <input {...c} autoComplete="name" autoFocus {...register('displayName')} />}
        </Field>
        <Field
          name="password"
          label="Choose a password"
          hint="At least 10 characters; three random words work well. Everyone who uses Worksbook has their own."
        >
          {(c) => <input {...c} type="password" autoComplete="new-password" {...register('password')} />}
        </Field>
        <Field name="confirmPassword" label="Type the password again">
          {(c) => <input {...c} type="password" autoComplete="new-password" {...register('confirmPassword')} />}
        </Field>
        <button type="submit" className="primary" disabled={f.saving}>
          Create my profile
        </button>
      </Form>
      <section aria-labelledby="welcome-team" className="welcome-team">
        <h2 id="welcome-team">Joining a programme that already works together?</h2>
        <p>
          If your organisation keeps Stevenage Works on a shared team database, connect this computer to it instead of
          creating a profile here. Your administrator gives you the server and your own database login.
        </p>
        <details>
          <summary>Connect to a team database</summary>
          <TeamDatabaseSection />
        </details>
      </section>
    </main>
  );
}
