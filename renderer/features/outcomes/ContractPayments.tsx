// A contract's money: the payments received (in-lieu contributions and community investment),
// a form to record one, correcting one (kind, date, amount, what it is for) and removing one
// recorded in error. Amounts are typed in pounds and held in pence.
import { useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { api } from '../../api/client';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField, PenceField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import type { PaymentRow } from '../../../shared/contract/social-value-schemas';
import { formatUkDate } from '../../../shared/domain/dates';
import { formatPounds, labelFor, paymentKinds } from '../../../shared/domain/outcome-lists';
import { SaveCancel } from '../../components/form/SaveCancel';
import { TableScroll } from '../../components/TableScroll';

export function ContractPayments({ contractId, payments }: { contractId: number; payments: PaymentRow[] }) {
  const canEdit = useCan('officer');
  const toasts = useToasts();
  const [changing, setChanging] = useState<PaymentRow | null>(null);
  async function remove(p: PaymentRow) {
    if (
      !window.confirm(`Remove the payment of ${formatPounds(p.amountPence)} received on ${formatUkDate(p.receivedOn)}?`)
    )
      return;
    const result = await api.call('contracts.removePayment', { id: p.id });
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    toasts.show({ kind: 'success', message: 'Payment removed.' });
  }
  return (
    <section aria-labelledby="payments-title">
      <h2 id="payments-title">Money received</h2>
      {payments.length === 0 ? (
        <p>No payments recorded yet.</p>
      ) : (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Payments received</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col">Paid by</th>
                <th scope="col">What it is for</th>
                <th scope="col">Reference</th>
                {canEdit && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {payments.map((p) => (
                <tr key={p.id}>
                  <td>{formatUkDate(p.receivedOn)}</td>
                  <td>{labelFor(paymentKinds, p.kind)}</td>
                  <td className="num">{formatPounds(p.amountPence)}</td>
                  <td>{p.payer}</td>
                  <td>{p.purpose}</td>
                  <td>{p.reference}</td>
                  {canEdit && (
                    <td>
                      <div className="actions">
                        <button
                          type="button"
                          onClick={() => setChanging(p)}
                          aria-label={`Change payment of ${formatPounds(p.amountPence)} received on ${formatUkDate(p.receivedOn)}`}
                        >
                          Change
                        </button>
                        <button
                          type="button"
                          onClick={() => void remove(p)}
                          aria-label={`Remove payment of ${formatPounds(p.amountPence)} received on ${formatUkDate(p.receivedOn)}`}
                        >
                          Remove
                        </button>
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canEdit &&
        (changing ? (
          <ChangePaymentForm key={changing.id} payment={changing} onDone={() => setChanging(null)} />
        ) : (
          <PaymentForm contractId={contractId} />
        ))}
    </section>
  );
}

const paymentMessages = {
  kind: 'Choose what the money is',
  receivedOn: 'Enter the date it was received, like 05/03/2026',
  amountPence: 'Enter the amount in pounds and pence, like 2500.00',
};

function ChangePaymentForm({ payment, onDone }: { payment: PaymentRow; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('contracts.updatePayment', {
    idPrefix: 'change-payment',
    defaultValues: {
      id: payment.id,
      kind: payment.kind,
      receivedOn: payment.receivedOn,
      amountPence: payment.amountPence,
      payer: payment.payer ?? '',
      purpose: payment.purpose ?? '',
      reference: payment.reference ?? '',
    },
    messages: paymentMessages,
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Payment changed.' });
      onDone();
    },
  });
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby="change-payment-title"
      heading={<h3 id="change-payment-title">Change the payment</h3>}
    >
      <PaymentFields />
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save payment
      </SaveCancel>
    </Form>
  );
}

/** The fields a payment has, in a form for recording or changing one. */
function PaymentFields() {
  const { register } = useFormContext();
  return (
    <>
      <Field name="kind" label="Kind">
        {(p) => (
          <select {...p} {...register('kind')} defaultValue="">
            <option value="" disabled>
              Choose…
            </option>
            {paymentKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField name="receivedOn" label="Received on" blank="" />
      <PenceField name="amountPence" label="Amount (£)" />
      <Field name="payer" label="Paid by (optional)">
        {(p) => <input {...p} {...register('payer')} />}
      </Field>
      <Field name="purpose" label="What it is for (optional)" hint="For example, Bedwell community garden">
        {(p) => <input {...p} {...register('purpose')} />}
      </Field>
      <Field name="reference" label="Reference (optional)">
        {(p) => <input {...p} className="narrow" {...register('reference')} />}
      </Field>
    </>
  );
}

function PaymentForm({ contractId }: { contractId: number }) {
  const toasts = useToasts();
  const f = useContractForm('contracts.addPayment', {
    idPrefix: 'payment',
    defaultValues: { contractId, receivedOn: '', amountPence: Number.NaN, payer: '', purpose: '', reference: '' },
    messages: paymentMessages,
    onSuccess: (_saved, _input, form) => {
      toasts.show({ kind: 'success', message: 'Payment recorded.' });
      form.reset();
    },
  });
  return (
    <Form
      of={f}
      className="inline-form"
      aria-labelledby="record-payment-title"
      heading={<h3 id="record-payment-title">Record a payment</h3>}
    >
      <PaymentFields />
      <div className="button-row">
        <button type="submit" className="primary" disabled={f.saving}>
          Record payment
        </button>
      </div>
    </Form>
  );
}
