// An organisation's contacts: list, add, change and remove.
import { useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import type { ContactRow } from '../../../shared/contract/outcomes-schemas';
import { SaveCancel } from '../../components/form/SaveCancel';
import { TableScroll } from '../../components/TableScroll';

export function ContactsPanel({ organisationId, contacts }: { organisationId: number; contacts: ContactRow[] }) {
  const canEdit = useCan('officer');
  const [editing, setEditing] = useState<ContactRow | 'new' | null>(null);
  const toasts = useToasts();
  const start = (contact: ContactRow | null) => setEditing(contact ?? 'new');

  async function remove(contact: ContactRow) {
    if (!window.confirm(`Remove ${contact.name} from the contacts?`)) return;
    const result = await api.call('organisations.deleteContact', { id: contact.id });
    toasts.show(
      result.ok ? { kind: 'success', message: 'Contact removed.' } : { kind: 'error', message: result.error.message },
    );
  }

  return (
    <section aria-labelledby="contacts-title">
      <h2 id="contacts-title">Contacts</h2>
      {contacts.length === 0 ? (
        <p className="muted">No contacts yet.</p>
      ) : (
        <TableScroll>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Job title</th>
                <th scope="col">Phone</th>
                <th scope="col">Email</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {contacts.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.jobTitle ?? ''}</td>
                  <td className="unbroken">{c.phone ?? ''}</td>
                  <td>{c.email ?? ''}</td>
                  <td>
                    {canEdit && (
                      <>
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => start(c)}
                          aria-label={`Change ${c.name}`}
                        >
                          Change
                        </button>{' '}
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => void remove(c)}
                          aria-label={`Remove ${c.name}`}
                        >
                          Remove
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canEdit && editing === null && (
        <button type="button" onClick={() => start(null)}>
          Add contact
        </button>
      )}
      {editing !== null && (
        <ContactForm
          key={editing === 'new' ? 'new' : editing.id}
          organisationId={organisationId}
          contact={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
    </section>
  );
}

function ContactForm({
  organisationId,
  contact,
  onDone,
}: {
  organisationId: number;
  contact: ContactRow | null;
  onDone(): void;
}) {
  const toasts = useToasts();
  const f = useContractForm('organisations.saveContact', {
    // Prefixed so the contact form's field ids never clash with the organisation form beside it.
    idPrefix: 'contact',
    defaultValues: {
      ...(contact ? { id: contact.id } : {}),
      organisationId,
      name: contact?.name ?? '',
      jobTitle: contact?.jobTitle ?? '',
      phone: contact?.phone ?? '',
      email: contact?.email ?? '',
    },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Contact saved.' });
      onDone();
    },
  });
  const { register } = f.form;
  return (
    <Form of={f} className="inline-form" aria-label="Contact">
      <Field name="name" label="Contact name">
        {(p) => <input {...p} {...register('name')} />}
      </Field>
      <Field name="jobTitle" label="Job title (optional)">
        {(p) => <input {...p} {...register('jobTitle')} />}
      </Field>
      <Field name="phone" label="Contact phone (optional)">
        {(p) => <input {...p} type="tel" {...register('phone')} />}
      </Field>
      <Field name="email" label="Contact email (optional)">
        {(p) => <input {...p} type="email" {...register('email')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save contact
      </SaveCancel>
    </Form>
  );
}
