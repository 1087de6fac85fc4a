// Add or change an organisation (name, kind, sector, address, phone, email) and its contacts;
// archive it when the programme no longer works with it (records that mention it stay).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { organisationInputSchema } from '../../../shared/contract/outcomes-schemas';
import { organisationKinds, sectors } from '../../../shared/domain/outcome-lists';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { ContactsPanel } from './ContactsPanel';
import { checkWithSchema, errorFor } from './form-helpers';

const empty = { name: '', kind: '', sector: '', address: '', postcode: '', phone: '', email: '', notes: '' };

export function OrganisationPage({ id }: { id: number | null }) {
  const existing = useChannel('organisations.get', { id: id ?? 1 }, { skip: !id, areas: ['outcomes'] });
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const canEdit = useCan('officer');
  const toasts = useToasts();
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));
  const org = id ? existing.data : undefined;

  // Fill the form once per organisation, not on every reload (which would undo the officer's edits).
  const [filledFor, setFilledFor] = useState<number | undefined>(undefined);
  if (org?.id !== filledFor) {
    setFilledFor(org?.id);
    if (org)
      setForm({
        name: org.name,
        kind: org.kind,
        sector: org.sector ?? '',
        address: org.address ?? '',
        postcode: org.postcode ?? '',
        phone: org.phone ?? '',
        email: org.email ?? '',
        notes: org.notes ?? '',
      });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = {
      ...(id ? { id } : {}),
      ...form,
      kind: form.kind || undefined,
      sector: sectors.some((s) => s.code === form.sector) ? form.sector : null,
    };
    const checked = checkWithSchema(organisationInputSchema, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    const result = await api.call('organisations.save', checked.value);
    setBusy(false);
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['name'], message: result.error.message }],
      );
      return;
    }
    setErrors([]);
    toasts.show({ kind: 'success', message: 'Organisation saved.' });
    if (!id) navigate(`outcomes/organisations/${result.value.id}`);
  }

  async function setActive(isActive: boolean) {
    if (!id) return;
    const result = await api.call('organisations.setActive', { id, isActive });
    toasts.show(
      result.ok
        ? { kind: 'success', message: isActive ? 'Organisation restored.' : 'Organisation archived.' }
        : { kind: 'error', message: result.error.message },
    );
  }

  if (id && existing.error) return <p role="alert">{existing.error.message}</p>;
  if (id && !org) return <p role="status">Loading…</p>;
  return (
    <>
      <PageHeader
        title={org ? org.name : 'Add organisation'}
        subtitle={org && !org.isActive ? 'Archived' : undefined}
        actions={
          canEdit &&
          org && (
            <button type="button" onClick={() => void setActive(!org.isActive)}>
              {org.isActive ? 'Archive' : 'Restore'}
            </button>
          )
        }
      />
      <div className="two-col">
        <form onSubmit={submit} noValidate aria-label="Organisation details">
          <ErrorSummary errors={errors} />
          <Field path="name" label="Name" error={errorFor(errors, 'name')}>
            {(p) => <input {...p} value={form.name} onChange={set('name')} disabled={!canEdit} />}
          </Field>
          <Field path="kind" label="Kind" error={errorFor(errors, 'kind')}>
            {(p) => (
              <select {...p} value={form.kind} onChange={set('kind')} disabled={!canEdit}>
                <option value="">Choose…</option>
                {organisationKinds.map((k) => (
                  <option key={k.code} value={k.code}>
                    {k.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field path="sector" label="Sector" error={errorFor(errors, 'sector')}>
            {(p) => (
              <select {...p} value={form.sector} onChange={set('sector')} disabled={!canEdit}>
                <option value="">Not recorded</option>
                {sectors.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field path="address" label="Address (optional)" error={errorFor(errors, 'address')}>
            {(p) => <input {...p} value={form.address} onChange={set('address')} disabled={!canEdit} />}
          </Field>
          <Field path="postcode" label="Postcode (optional)" error={errorFor(errors, 'postcode')}>
            {(p) => (
              <input {...p} className="narrow" value={form.postcode} onChange={set('postcode')} disabled={!canEdit} />
            )}
          </Field>
          <Field path="phone" label="Phone (optional)" error={errorFor(errors, 'phone')}>
            {(p) => <input {...p} type="tel" value={form.phone} onChange={set('phone')} disabled={!canEdit} />}
          </Field>
          <Field path="email" label="Email (optional)" error={errorFor(errors, 'email')}>
            {(p) => <input {...p} type="email" value={form.email} onChange={set('email')} disabled={!canEdit} />}
          </Field>
          <Field path="notes" label="Notes (optional)" error={errorFor(errors, 'notes')}>
            {(p) => <textarea {...p} rows={3} value={form.notes} onChange={set('notes')} disabled={!canEdit} />}
          </Field>
          {canEdit && (
            <div className="button-row">
              <button type="submit" className="primary" disabled={busy}>
                Save organisation
              </button>
              {!id && (
                <button type="button" onClick={() => history.back()}>
                  Cancel
                </button>
              )}
            </div>
          )}
        </form>
        {org && (
          <div>
            <ContactsPanel organisationId={org.id} contacts={org.contacts} />
            {org.contracts.length > 0 && (
              <section aria-labelledby="org-contracts">
                <h2 id="org-contracts">Contracts as contractor</h2>
                <ul>
                  {org.contracts.map((c) => (
                    <li key={c.id}>
                      <a href={`#/outcomes/contracts/${c.id}`}>{c.name}</a>
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </div>
        )}
      </div>
    </>
  );
}
