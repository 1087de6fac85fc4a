// Withdrawing someone (or taking them off the waiting list): a reason and a date, both kept.
import { useEffect, useRef } from 'react';
import type { EnrolmentRow } from '../../../shared/contract/courses.contract';
import { useToasts } from '../../components/Toasts';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { StaleRecordNotice, useStaleRecord } from '../../components/form/StaleRecordNotice';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function WithdrawDialog({
  enrolment,
  onClose,
  onReload,
}: {
  enrolment: EnrolmentRow;
  onClose(): void;
  /** Reads the enrolment again at its current version (after a colleague's change refused this save). */
  onReload(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const toasts = useToasts();
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const stale = useStaleRecord();
  const f = useContractForm('courses.withdraw', {
    defaultValues: {
      enrolmentId: enrolment.enrolmentId,
      version: enrolment.version,
      reason: '',
      withdrawnOn: todayIso(),
    },
    messages: { withdrawnOn: 'Enter the date as day/month/year' },
    onFailure: stale.onFailure,
    onSuccess: ({ promoted }) => {
      toasts.show({
        kind: 'success',
        message: `${enrolment.name} withdrawn${promoted ? `; ${promoted.name} moved from the waiting list onto the run` : ''}`,
      });
      onClose();
    },
  });
  return (
    <dialog ref={ref} aria-labelledby="withdraw-title" onClose={onClose}>
      <Form
        of={f}
        heading={
          <h2 id="withdraw-title" className="flush-top">
            {enrolment.status === 'waiting'
              ? `Take ${enrolment.name} off the waiting list`
              : `Withdraw ${enrolment.name}`}
          </h2>
        }
      >
        <StaleRecordNotice message={stale.message} onReload={onReload} />
        <Field name="reason" label="Reason" hint="For example: started a job, health, no longer in contact">
          {(c) => <input {...c} type="text" autoFocus {...f.form.register('reason')} />}
        </Field>
        <DateField name="withdrawnOn" label="Date" blank="" />
        <div className="button-row">
          <button type="submit" className="danger" disabled={f.saving}>
            Withdraw
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </Form>
    </dialog>
  );
}
