// Withdrawing someone (or taking them off the waiting list): a reason and a date, both kept.
import { useEffect, useRef, useState } from 'react';
import type { EnrolmentRow } from '../../../shared/contract/courses.contract';
import type { FieldError } from '../../../shared/result';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { FormField, describedBy } from './FormField';
import { UkDateInput } from './UkDateInput';

const todayIso = () => new Date().toISOString().slice(0, 10);

export function WithdrawDialog({ enrolment, onClose }: { enrolment: EnrolmentRow; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [on, setOn] = useState<string | null>(todayIso());
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const submit = async () => {
    if (!on) {
      setErrors([{ path: ['withdrawnOn'], message: 'Enter the date as day/month/year' }]);
      return;
    }
    const result = await api.call('courses.withdraw', { enrolmentId: enrolment.enrolmentId, reason, withdrawnOn: on });
    if (!result.ok) {
      setErrors(result.error.fields ?? [{ path: ['reason'], message: result.error.message }]);
      return;
    }
    const promoted = result.value.promoted;
    toasts.show({
      kind: 'success',
      message: `${enrolment.name} withdrawn${promoted ? `; ${promoted.name} moved from the waiting list onto the run` : ''}`,
    });
    onClose();
  };
  return (
    <dialog ref={ref} aria-labelledby="withdraw-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="withdraw-title" style={{ marginTop: 0 }}>
          {enrolment.status === 'waiting'
            ? `Take ${enrolment.name} off the waiting list`
            : `Withdraw ${enrolment.name}`}
        </h2>
        <ErrorSummary errors={errors} />
        <FormField
          path="reason"
          label="Reason"
          hint="For example: started a job, health, no longer in contact"
          errors={errors}
        >
          <input
            id="field-reason"
            type="text"
            autoFocus
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={describedBy('reason', errors, true)}
          />
        </FormField>
        <FormField path="withdrawnOn" label="Date" errors={errors}>
          <UkDateInput
            id="field-withdrawnOn"
            value={on}
            onChange={setOn}
            describedBy={describedBy('withdrawnOn', errors)}
          />
        </FormField>
        <div className="button-row">
          <button type="submit" className="danger">
            Withdraw
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
