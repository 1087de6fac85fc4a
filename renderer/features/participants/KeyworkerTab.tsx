// Keyworker support for one person: the action plan (goals, barriers addressed, next steps with
// due dates, each marked done when it is) and the contact log (date, method, minutes, who, notes).
// Viewers see the plan's shape and the contacts, never the wording (free text).
import { useChannel } from '../../api/use-channel';
import { api } from '../../api/client';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, NumberField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import type { KeyworkerView } from '../../../shared/contract/keyworker.contract';
import { formatUkDate } from '../../../shared/domain/dates';
import { contactMethods, planItemKinds } from '../../../shared/domain/keyworker';
import { labelFor } from '../../../shared/domain/outcome-lists';
import { TableScroll } from '../../components/TableScroll';

const withheld = 'Not shown to viewers';

export function KeyworkerTab({ id }: { id: number }) {
  const k = useChannel('keyworker.get', { participantId: id }, { areas: ['participants'] });
  const canEdit = useCan('officer');
  if (k.error) return <p role="alert">{k.error.message}</p>;
  if (!k.data) return <p role="status">Loading…</p>;
  return (
    <div>
      <section aria-labelledby="keyworker-plan-title">
        <h2 id="keyworker-plan-title">Action plan</h2>
        <PlanTable id={id} plan={k.data.plan} canEdit={canEdit} />
        {canEdit && <PlanItemForm id={id} />}
      </section>
      <section aria-labelledby="keyworker-contacts-title">
        <h2 id="keyworker-contacts-title">Contacts</h2>
        {k.data.contacts.length === 0 ? (
          <p>No keyworker contacts recorded yet.</p>
        ) : (
          <TableScroll>
            <table className="data">
              <caption className="visually-hidden">Keyworker contacts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">How</th>
                  <th scope="col">Minutes</th>
                  <th scope="col">Keyworker</th>
                  <th scope="col">Notes</th>
                </tr>
              </thead>
              <tbody>
                {k.data.contacts.map((c) => (
                  <tr key={c.id}>
                    <td>{formatUkDate(c.contactOn)}</td>
                    <td>{labelFor(contactMethods, c.method)}</td>
                    <td>{c.minutes ?? ''}</td>
                    <td>{c.staffName ?? ''}</td>
                    <td>{c.notes ?? (canEdit ? '' : withheld)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {canEdit && <ContactForm id={id} />}
      </section>
    </div>
  );
}

function PlanTable({ id, plan, canEdit }: { id: number; plan: KeyworkerView['plan']; canEdit: boolean }) {
  const toasts = useToasts();
  if (plan.length === 0)
    return <p>No action plan yet: add the person’s goals, the barriers to work on and next steps.</p>;
  async function markDone(item: KeyworkerView['plan'][number]) {
    if (item.text === null) return;
    const today = new Date().toISOString().slice(0, 10);
    const result = await api.call('keyworker.savePlanItem', {
      id: item.id,
      participantId: id,
      kind: item.kind,
      text: item.text,
      dueOn: item.dueOn,
      doneOn: today,
    });
    if (!result.ok) toasts.show({ kind: 'error', message: result.error.message });
    else toasts.show({ kind: 'success', message: 'Marked done.' });
  }
  return (
    <TableScroll>
      <table className="data">
        <caption className="visually-hidden">Action plan</caption>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col">What</th>
            <th scope="col">Due</th>
            <th scope="col">Done</th>
          </tr>
        </thead>
        <tbody>
          {plan.map((p) => (
            <tr key={p.id}>
              <td>{labelFor(planItemKinds, p.kind)}</td>
              <td>{p.text ?? withheld}</td>
              <td>{formatUkDate(p.dueOn)}</td>
              <td>
                {p.doneOn ? (
                  formatUkDate(p.doneOn)
                ) : canEdit && p.kind === 'step' ? (
                  <button type="button" onClick={() => void markDone(p)} aria-label={`Mark done: ${p.text ?? ''}`}>
                    Mark done
                  </button>
                ) : (
                  'Not yet'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function PlanItemForm({ id }: { id: number }) {
  const toasts = useToasts();
  const f = useContractForm('keyworker.savePlanItem', {
    idPrefix: 'plan',
    defaultValues: { participantId: id, kind: 'step', text: '', dueOn: null, doneOn: null },
    messages: { text: 'Say what it is', dueOn: 'Enter the due date as a real date, like 05/03/2026' },
    onSuccess: (_saved, _input, form) => {
      toasts.show({ kind: 'success', message: 'Added to the plan.' });
      form.reset();
    },
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby="plan-form-title"
      heading={<h3 id="plan-form-title">Add to the plan</h3>}
    >
      <Field name="kind" label="Part of the plan">
        {(p) => (
          <select {...p} {...register('kind')}>
            {planItemKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="text" label="What" hint="For example, Get a CSCS card before the Queensway start">
        {(p) => <input {...p} {...register('text')} />}
      </Field>
      <DateField name="dueOn" label="Due (optional)" />
      <div className="button-row">
        <button type="submit" className="primary" disabled={f.saving}>
          Add to plan
        </button>
      </div>
    </Form>
  );
}

function ContactForm({ id }: { id: number }) {
  const toasts = useToasts();
  const f = useContractForm('keyworker.addContact', {
    idPrefix: 'contact',
    defaultValues: { participantId: id, contactOn: '', minutes: null, notes: '' },
    messages: {
      contactOn: 'Enter the date of the contact, like 05/03/2026',
      method: 'Choose how the contact was made',
      minutes: 'Enter the minutes as a whole number',
    },
    onSuccess: (_saved, _input, form) => {
      toasts.show({ kind: 'success', message: 'Contact recorded.' });
      form.reset();
    },
  });
  const { register } = f.form;
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby="contact-form-title"
      heading={<h3 id="contact-form-title">Record a contact</h3>}
    >
      <DateField name="contactOn" label="Date of contact" blank="" />
      <Field name="method" label="How">
        {(p) => (
          <select {...p} {...register('method')} defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {contactMethods.map((m) => (
              <option key={m.code} value={m.code}>
                {m.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <NumberField name="minutes" label="Minutes (optional)" />
      <Field name="notes" label="Notes (optional)">
        {(p) => <textarea {...p} rows={3} {...register('notes')} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="primary" disabled={f.saving}>
          Record contact
        </button>
      </div>
    </Form>
  );
}
