// First start: an empty programme. Create the first (administrator) profile, then start empty
// or load the demo programme; or, when the programme already works on a shared PostgreSQL
// database, connect this computer to it with the same form as Settings → Team database.
import { Field } from '../components/form/Field';
import { Form } from '../components/form/Form';
import { useContractForm } from '../components/form/use-contract-form';
import { TeamDatabaseSection } from '../features/settings/TeamDatabaseSection';
import type { Session } from '../../shared/contract/app.contract';

export function Welcome({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const f = useContractForm('staff.createFirst', {
    defaultValues: { displayName: '' },
    onSuccess: (session) => onSignedIn(session),
  });
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
          {(c) => <input {...c} autoComplete="name" autoFocus {...f.form.register('displayName')} />}
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
