// First start: an empty programme. Create the first (administrator) profile, then start empty
// or load the demo programme.
import { Field } from '../components/form/Field';
import { Form } from '../components/form/Form';
import { useContractForm } from '../components/form/use-contract-form';
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
    </main>
  );
}
