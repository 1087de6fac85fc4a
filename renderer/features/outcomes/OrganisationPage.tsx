// Add or change an organisation (name, kind, sector, address, phone, email), its contacts and the
// log of the programme's engagement with it; archive it when the programme no longer works with it
// (records that mention it stay).
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { PageHeader } from '../../components/PageHeader';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { codeIn, toCode } from '../../components/form/values';
import type { OrganisationRow } from '../../../shared/contract/outcomes-schemas';
import { organisationKindCodes, organisationKinds, sectorCodes, sectors } from '../../../shared/domain/outcome-lists';
import { ContactsPanel } from './ContactsPanel';
import { EngagementPanel } from '../vacancies/EngagementPanel';
import { outcomesRoutes } from './outcomes.routes';

export function OrganisationPage({ id }: { id: number | null }) {
  const existing = useChannel('organisations.get', { id: id ?? 1 }, { skip: !id, areas: ['outcomes'] });
  const canEdit = useCan('officer');
  const toasts = useToasts();
  const org = id ? existing.data : undefined;

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
        back={{ label: 'Back to employers & organisations', href: outcomesRoutes.organisations.href() }}
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
        <OrganisationForm key={org?.id ?? 'new'} organisation={org ?? null} canEdit={canEdit} />
        {org && (
          <div>
            <ContactsPanel organisationId={org.id} contacts={org.contacts} />
            <EngagementPanel organisationId={org.id} contacts={org.contacts} />
            {org.contracts.length > 0 && (
              <section aria-labelledby="org-contracts">
                <h2 id="org-contracts">Contracts as contractor</h2>
                <ul>
                  {org.contracts.map((c) => (
                    <li key={c.id}>
                      <a href={outcomesRoutes.contract.href({ id: c.id })}>{c.name}</a>
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

function OrganisationForm({ organisation: org, canEdit }: { organisation: OrganisationRow | null; canEdit: boolean }) {
  const toasts = useToasts();
  const f = useContractForm('organisations.save', {
    defaultValues: {
      ...(org ? { id: org.id } : {}),
      name: org?.name ?? '',
      kind: codeIn(organisationKindCodes, org?.kind),
      sector: codeIn(sectorCodes, org?.sector) ?? null,
      address: org?.address ?? '',
      postcode: org?.postcode ?? '',
      phone: org?.phone ?? '',
      email: org?.email ?? '',
      notes: org?.notes ?? '',
    },
    onSuccess: (saved) => {
      toasts.show({ kind: 'success', message: 'Organisation saved.' });
      if (!org) navigate(outcomesRoutes.organisation.path({ id: saved.id }));
    },
  });
  const { register } = f.form;
  return (
    <Form of={f} aria-label="Organisation details">
      <Field name="name" label="Name">
        {(p) => <input {...p} {...register('name')} disabled={!canEdit} />}
      </Field>
      <Field name="kind" label="Kind">
        {(p) => (
          <select {...p} {...register('kind')} disabled={!canEdit}>
            <option value="">Choose…</option>
            {organisationKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="sector" label="Sector">
        {(p) => (
          <select {...p} {...register('sector', { setValueAs: toCode })} disabled={!canEdit}>
            <option value="">Not recorded</option>
            {sectors.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="address" label="Address (optional)">
        {(p) => <input {...p} {...register('address')} disabled={!canEdit} />}
      </Field>
      <Field name="postcode" label="Postcode (optional)">
        {(p) => <input {...p} className="narrow" {...register('postcode')} disabled={!canEdit} />}
      </Field>
      <Field name="phone" label="Phone (optional)">
        {(p) => <input {...p} type="tel" {...register('phone')} disabled={!canEdit} />}
      </Field>
      <Field name="email" label="Email (optional)">
        {(p) => <input {...p} type="email" {...register('email')} disabled={!canEdit} />}
      </Field>
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={3} {...register('notes')} disabled={!canEdit} />}
      </Field>
      {canEdit && (
        <div className="button-row">
          <button type="submit" className="primary" disabled={f.saving}>
            Save organisation
          </button>
          {!org && (
            <button type="button" onClick={() => history.back()}>
              Cancel
            </button>
          )}
        </div>
      )}
    </Form>
  );
}
