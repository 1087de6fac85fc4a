// The verification decision on an outcome: unverified, verified, has issues or rejected, with
// who decided and when; "has issues" and "rejected" need a reason. Every decision is kept in
// the history.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../app/session-context';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { verificationStatuses } from '../../../shared/domain/outcome-lists';
import { verificationNeedsReason } from '../../../shared/domain/outcome-rules';
import { verifyInputSchema, type OutcomeDetail } from '../../../shared/contract/outcomes-schemas';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { VerificationTag } from './VerificationTag';
import { checkWithSchema, errorFor } from './form-helpers';

export function VerificationPanel({ outcome }: { outcome: OutcomeDetail }) {
  const canEdit = useCan('officer');
  const [status, setStatus] = useState(outcome.verificationStatus);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input = { id: outcome.id, status, reason };
    const checked = checkWithSchema(verifyInputSchema, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    const result = await api.call('outcomes.verify', checked.value);
    setBusy(false);
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['status'], message: result.error.message }],
      );
      return;
    }
    setErrors([]);
    setReason('');
    toasts.show({ kind: 'success', message: 'Verification recorded.' });
  }

  return (
    <section aria-labelledby="verification-title" className="panel">
      <h2 id="verification-title">Verification</h2>
      <p>
        <VerificationTag status={outcome.verificationStatus} />{' '}
        {outcome.verifiedByName && (
          <>
            by {outcome.verifiedByName} on {formatUkDateTime(outcome.verifiedAt)}
          </>
        )}
      </p>
      {outcome.verificationReason && (
        <p>
          <strong>Reason:</strong> {outcome.verificationReason}
        </p>
      )}
      {canEdit && (
        <form onSubmit={submit} noValidate aria-label="Record a verification decision">
          <ErrorSummary errors={errors} />
          <fieldset className="field">
            <legend>Decision</legend>
            {verificationStatuses.map((s) => (
              <label key={s.code} className="radio">
                <input
                  type="radio"
                  name={`verification-${outcome.id}`}
                  value={s.code}
                  checked={status === s.code}
                  onChange={() => setStatus(s.code)}
                  id={s.code === 'unverified' ? 'field-status' : undefined}
                />{' '}
                {s.label}
              </label>
            ))}
          </fieldset>
          <Field
            path="reason"
            label={verificationNeedsReason(status) ? 'Reason (required)' : 'Note (optional)'}
            error={errorFor(errors, 'reason')}
          >
            {(p) => <textarea {...p} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button type="submit" className="primary" disabled={busy}>
            Save decision
          </button>
        </form>
      )}
    </section>
  );
}
