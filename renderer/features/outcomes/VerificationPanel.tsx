// The verification decision on an outcome: unverified, verified, has issues or rejected, with
// who decided and when; "has issues" and "rejected" need a reason. Every decision is kept in
// the history. An outcome whose type needs evidence none of which is recorded can be verified
// only with a reason, and then shows as verified without evidence (issue 20).
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { ChoiceGroup } from '../../components/form/ChoiceGroup';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { codeIn } from '../../components/form/values';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { verificationStatusCodes, verificationStatuses } from '../../../shared/domain/outcome-lists';
import { verificationNeedsReason } from '../../../shared/domain/outcome-rules';
import type { OutcomeDetail } from '../../../shared/contract/outcomes-schemas';
import { VerificationTag } from './VerificationTag';

export function VerificationPanel({ outcome }: { outcome: OutcomeDetail }) {
  const canEdit = useCan('officer');
  const toasts = useToasts();
  const f = useContractForm('outcomes.verify', {
    defaultValues: { id: outcome.id, status: codeIn(verificationStatusCodes, outcome.verificationStatus), reason: '' },
    onSuccess: (_saved, input, form) => {
      form.reset({ ...input, reason: '' });
      toasts.show({ kind: 'success', message: 'Verification recorded.' });
    },
  });
  const status = f.form.watch('status');
  const needed = outcome.evidenceNeeded;
  const hasNeeded = needed.length === 0 || outcome.evidence.some((e) => needed.some((n) => n.code === e.kind));
  const reasonRequired = status ? verificationNeedsReason(status) || (status === 'verified' && !hasNeeded) : false;

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
        {outcome.verifiedWithoutEvidence && <span className="tag tag-red">Verified without evidence</span>}
      </p>
      {needed.length > 0 && (
        <p id="evidence-needed">
          Evidence this type needs (any one): {needed.map((n) => n.label).join(', ')}.
          {!hasNeeded && ' None is recorded yet: verifying without it needs a reason.'}
        </p>
      )}
      {outcome.verificationReason && (
        <p>
          <strong>Reason:</strong> {outcome.verificationReason}
        </p>
      )}
      {canEdit && (
        <Form of={f} aria-label="Record a verification decision">
          <ChoiceGroup
            name="status"
            legend="Decision"
            type="radio"
            options={verificationStatuses}
            inputProps={() => f.form.register('status')}
          />
          <Field
            name="reason"
            label={
              reasonRequired
                ? status === 'verified' && !hasNeeded
                  ? 'Reason for verifying without evidence (required)'
                  : 'Reason (required)'
                : 'Note (optional)'
            }
          >
            {(p) => <textarea {...p} rows={2} {...f.form.register('reason')} />}
          </Field>
          <button type="submit" className="primary" disabled={f.saving}>
            Save decision
          </button>
        </Form>
      )}
    </section>
  );
}
