// An organisation's engagement log on its page: meetings, calls, site visits, pledges (what was
// promised and what has been delivered) and mentor offers, newest first; officers record,
// change and remove entries here.
import { useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, NumberField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { codeIn, toId } from '../../components/form/values';
import type { ContactRow } from '../../../shared/contract/outcomes-schemas';
import type { EngagementRow } from '../../../shared/contract/vacancies-schemas';
import { engagementKindCodes, engagementKinds, promisingKinds } from '../../../shared/domain/vacancy-lists';
import { EngagementTable } from './EngagementTable';
import { localToday } from './local-today';
import { SaveCancel } from '../../components/form/SaveCancel';

export function EngagementPanel({ organisationId, contacts }: { organisationId: number; contacts: ContactRow[] }) {
  const canEdit = useCan('officer');
  const list = useChannel('engagements.list', { organisationId }, { areas: ['vacancies'] });
  const [editing, setEditing] = useState<EngagementRow | 'new' | null>(null);
  const [removing, setRemoving] = useState<EngagementRow | null>(null);
  return (
    <section aria-labelledby="engagement-title">
      <h2 id="engagement-title">Engagement</h2>
      {list.data && list.data.length === 0 && (
        <p className="muted">
          No engagement recorded yet: log meetings, site visits, pledges and mentor offers with this organisation.
        </p>
      )}
      {list.data && list.data.length > 0 && (
        <EngagementTable
          rows={list.data}
          showOrganisation={false}
          onChange={canEdit ? (row) => setEditing(row) : undefined}
          onRemove={canEdit ? (row) => setRemoving(row) : undefined}
        />
      )}
      {canEdit && editing === null && removing === null && (
        <button type="button" onClick={() => setEditing('new')}>
          Record engagement
        </button>
      )}
      {editing !== null && (
        <EngagementForm
          key={editing === 'new' ? 'new' : editing.id}
          organisationId={organisationId}
          contacts={contacts}
          entry={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {removing && <RemoveEngagementForm key={removing.id} entry={removing} onDone={() => setRemoving(null)} />}
    </section>
  );
}

function EngagementForm({
  organisationId,
  contacts,
  entry,
  onDone,
}: {
  organisationId: number;
  contacts: ContactRow[];
  entry: EngagementRow | null;
  onDone(): void;
}) {
  const toasts = useToasts();
  const f = useContractForm('engagements.save', {
    // Prefixed: the organisation's own form is on the same page.
    idPrefix: 'engagement',
    defaultValues: {
      ...(entry ? { id: entry.id } : {}),
      organisationId,
      kind: codeIn(engagementKindCodes, entry?.kind) ?? 'meeting',
      occurredOn: entry?.occurredOn ?? localToday(),
      contactId: entry?.contactId ?? null,
      summary: entry?.summary ?? '',
      promised: entry?.promised ?? '',
      promisedCount: entry?.promisedCount ?? null,
      delivered: entry?.delivered ?? '',
      deliveredCount: entry?.deliveredCount ?? null,
      dueOn: entry?.dueOn ?? null,
      followUpOn: entry?.followUpOn ?? null,
    },
    messages: {
      occurredOn: 'Enter the date',
      promisedCount: 'Enter the number promised as a whole number',
      deliveredCount: 'Enter the number delivered as a whole number',
    },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Engagement saved.' });
      onDone();
    },
  });
  const { register, watch } = f.form;
  const kind = watch('kind');
  const promising = promisingKinds.some((k) => k === kind);
  return (
    <Form
      of={f}
      className="inline-form card"
      aria-labelledby="engagement-form-title"
      heading={<h3 id="engagement-form-title">{entry ? 'Change engagement' : 'Record engagement'}</h3>}
    >
      <Field name="kind" label="Kind">
        {(p) => (
          <select {...p} {...register('kind')}>
            {engagementKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField name="occurredOn" label="Date" hint="For example, 05/03/2026" blank="" />
      <Field name="contactId" label="With (optional)">
        {(p) => (
          <select {...p} {...register('contactId', { setValueAs: toId })}>
            <option value="">Nobody named</option>
            {contacts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.jobTitle ? `, ${c.jobTitle}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="summary" label="What happened">
        {(p) => <textarea {...p} rows={2} {...register('summary')} />}
      </Field>
      {promising && (
        <>
          <Field name="promised" label={kind === 'pledge' ? 'What was pledged' : 'What was offered (optional)'}>
            {(p) => <input {...p} {...register('promised')} />}
          </Field>
          <NumberField name="promisedCount" label="How many were promised (optional)" className="narrow" />
          <Field name="delivered" label="What has been delivered (optional)">
            {(p) => <input {...p} {...register('delivered')} />}
          </Field>
          <NumberField name="deliveredCount" label="How many delivered so far (optional)" className="narrow" />
          <DateField name="dueOn" label="Due by (optional)" />
        </>
      )}
      <DateField name="followUpOn" label="Follow up on (optional)" />
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save engagement
      </SaveCancel>
    </Form>
  );
}

function RemoveEngagementForm({ entry, onDone }: { entry: EngagementRow; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('engagements.remove', {
    idPrefix: 'remove-engagement',
    defaultValues: { id: entry.id, reason: '' },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Engagement entry removed.' });
      onDone();
    },
  });
  return (
    <Form
      of={f}
      className="inline-form card"
      aria-labelledby="remove-engagement-title"
      heading={<h3 id="remove-engagement-title">Remove this engagement entry</h3>}
    >
      <Field name="reason" label="Why? (for example, entered twice)">
        {(p) => <input {...p} {...f.form.register('reason')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Remove entry
      </SaveCancel>
    </Form>
  );
}
