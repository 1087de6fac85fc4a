// Erasure on request (administrators): find the person by reference, see whether the record can be
// erased now (a submitted return may need it: the public-task exemption is explained), then erase
// it with a reason. The same anonymisation as at the end of the retention period; a backup is taken
// first and deleted after the retention setting's limit.
import { useState } from 'react';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import type { ErasureCheck } from '../../../shared/contract/trust.contract';

export function ErasureSection({ onErased }: { onErased(): void }) {
  const [found, setFound] = useState<ErasureCheck | null>(null);
  const f = useContractForm('retention.erasureCheck', {
    idPrefix: 'erasure-find',
    defaultValues: { reference: '' },
    onSuccess: (check) => setFound(check),
    onFailure: () => {
      setFound(null);
      return false;
    },
  });
  return (
    <>
      <h3>Erase a person on request</h3>
      <p>
        A person can ask for their data to be erased before the end of its retention period. Answer within one calendar
        month.
      </p>
      <Form of={f} aria-label="Find the person to erase">
        <Field name="reference" label="Participant reference" hint="For example, SW-000123">
          {(c) => <input {...c} autoComplete="off" {...f.form.register('reference')} />}
        </Field>
        <button type="submit" disabled={f.saving}>
          Check
        </button>
      </Form>
      {found && (
        <EraseForm
          key={found.id}
          check={found}
          onErased={() => {
            setFound(null);
            onErased();
          }}
        />
      )}
    </>
  );
}

function EraseForm({ check, onErased }: { check: ErasureCheck; onErased(): void }) {
  const toasts = useToasts();
  const f = useContractForm('retention.erase', {
    idPrefix: 'erase',
    // The confirmation is a choice not made yet: left out until ticked.
    defaultValues: { id: check.id, reason: '' },
    messages: { confirm: `Tick to confirm that erasing ${check.reference} cannot be undone` },
    onSuccess: (done) => {
      toasts.show({
        kind: 'success',
        message: `${check.reference} erased; the record is now ${done.reference}. A backup was taken first (${done.backup}).`,
      });
      onErased();
    },
  });
  const heading = (
    <h4 id="erase-person">
      {check.name} ({check.reference})
    </h4>
  );
  if (check.blocked)
    return (
      <div className="panel" role="region" aria-labelledby="erase-person">
        {heading}
        <p className="error-message" role="alert">
          This record cannot be erased now.
        </p>
        <p>{check.blocked}</p>
      </div>
    );
  return (
    <Form of={f} className="panel" aria-labelledby="erase-person" heading={heading}>
      <p>
        {check.due
          ? 'Their retention period is already over.'
          : 'Their retention period has not ended; they are not counted in any submitted return.'}{' '}
        Erasing replaces their name, contact details and identifiers, clears notes and generalises dates, as at the end
        of the retention period. It cannot be undone.
      </p>
      <Field
        name="reason"
        label="Why is this person erased?"
        hint="Recorded in the audit log. Do not name the person: say how the request came, e.g. “Erasure request by email, 3 March”."
      >
        {(c) => <textarea {...c} rows={2} {...f.form.register('reason')} />}
      </Field>
      <div className="field">
        <label className="radio" htmlFor="erase-field-confirm">
          <input id="erase-field-confirm" type="checkbox" {...f.form.register('confirm')} />I understand erasing{' '}
          {check.reference} cannot be undone
        </label>
      </div>
      <button type="submit" className="danger" disabled={f.saving}>
        {f.saving ? 'Erasing…' : `Erase ${check.reference}`}
      </button>
    </Form>
  );
}
