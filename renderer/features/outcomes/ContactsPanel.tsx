// An organisation's contacts: list, add, change and remove.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../app/session-context';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { contactInputSchema, type ContactRow } from '../../../shared/contract/outcomes-schemas';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { checkWithSchema, errorFor } from './form-helpers';

const empty = { name: '', jobTitle: '', phone: '', email: '' };
// Prefixed so the contact form's field ids never clash with the organisation form beside it.
const prefixed = (errors: FieldError[]): FieldError[] => errors.map((e) => ({ ...e, path: ['contact', ...e.path] }));

export function ContactsPanel({ organisationId, contacts }: { organisationId: number; contacts: ContactRow[] }) {
  const canEdit = useCan('officer');
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  function start(contact: ContactRow | null) {
    setEditing(contact ? contact.id : 'new');
    setForm(
      contact
        ? {
            name: contact.name,
            jobTitle: contact.jobTitle ?? '',
            phone: contact.phone ?? '',
            email: contact.email ?? '',
          }
        : empty,
    );
    setErrors([]);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = checkWithSchema(contactInputSchema, {
      ...(typeof editing === 'number' ? { id: editing } : {}),
      organisationId,
      ...form,
    });
    if (!checked.ok) {
      setErrors(prefixed(checked.errors));
      return;
    }
    const result = await api.call('organisations.saveContact', checked.value);
    if (!result.ok) {
      setErrors(
        prefixed(
          result.error.fields?.length ? result.error.fields : [{ path: ['name'], message: result.error.message }],
        ),
      );
      return;
    }
    toasts.show({ kind: 'success', message: 'Contact saved.' });
    setEditing(null);
  }

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
                <td>{c.phone ?? ''}</td>
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
      )}
      {canEdit && editing === null && (
        <button type="button" onClick={() => start(null)}>
          Add contact
        </button>
      )}
      {editing !== null && (
        <form className="inline-form" onSubmit={submit} noValidate aria-label="Contact">
          <ErrorSummary errors={errors} />
          <Field path="contact.name" label="Contact name" error={errorFor(errors, 'contact.name')}>
            {(p) => <input {...p} value={form.name} onChange={set('name')} />}
          </Field>
          <Field path="contact.jobTitle" label="Job title (optional)" error={errorFor(errors, 'contact.jobTitle')}>
            {(p) => <input {...p} value={form.jobTitle} onChange={set('jobTitle')} />}
          </Field>
          <Field path="contact.phone" label="Contact phone (optional)" error={errorFor(errors, 'contact.phone')}>
            {(p) => <input {...p} type="tel" value={form.phone} onChange={set('phone')} />}
          </Field>
          <Field path="contact.email" label="Contact email (optional)" error={errorFor(errors, 'contact.email')}>
            {(p) => <input {...p} type="email" value={form.email} onChange={set('email')} />}
          </Field>
          <div className="button-row">
            <button type="submit" className="primary">
              Save contact
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
