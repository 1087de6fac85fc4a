// Eligibility & evidence: the rules with their outcome and reason, the checks recorded (evidence
// type, seen by, date) and a form to record a new check.
import { useCan } from '../../app/session-context';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import {
  checkEvidenceHints,
  checkLabels,
  eligibilityCheckCodes,
  evidenceLabel,
  offeredEvidence,
  type EligibilityCheckCode,
} from '../../../shared/domain/eligibility-evidence';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { eligibilityLabels, eligibilityTag, outcomeText } from './participant-labels';
import { DistrictsForm } from './DistrictsForm';
import { TableScroll } from '../../components/TableScroll';

export function EligibilityTab({ detail, onChanged }: { detail: ParticipantDetail; onChanged(): void }) {
  const canEdit = useCan('officer') && detail.status !== 'merged';
  const isAdmin = useCan('administrator');
  const e = detail.eligibility;
  return (
    <div>
      <h2>
        Status: <span className={`tag ${eligibilityTag[e.status]}`}>{eligibilityLabels[e.status]}</span>
      </h2>
      <ul className="rules">
        {e.rules.map((r) => (
          <li key={r.code}>
            <span
              className={`tag ${r.outcome === 'met' ? 'tag-green' : r.outcome === 'pending' ? 'tag-yellow' : 'tag-red'}`}
            >
              {outcomeText[r.outcome]}
            </span>{' '}
            <strong>{r.label}</strong>: {r.reason}
          </li>
        ))}
      </ul>
      {detail.geography.lookup ? (
        <p className="muted">
          Local area: {e.localLabel} (set in Settings → Geography). Where this person lives comes from the postcode
          directory {detail.geography.lookup}.
        </p>
      ) : (
        <>
          <p className="muted">
            Programme area: {e.districts.join(', ')}. These postcode districts stand in for the local area until an
            administrator loads the postcode directory (Settings → Geography).
          </p>
          {isAdmin && <DistrictsForm districts={e.districts} onDone={onChanged} />}
        </>
      )}
      <h2>Checks recorded</h2>
      {detail.checks.length === 0 ? (
        <p>No checks recorded yet.</p>
      ) : (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Eligibility checks</caption>
            <thead>
              <tr>
                <th scope="col">Check</th>
                <th scope="col">Outcome</th>
                <th scope="col">Evidence</th>
                <th scope="col">Seen by</th>
                <th scope="col">Seen on</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {detail.checks.map((c) => (
                <tr key={c.id}>
                  <td>{checkLabels[c.checkCode as EligibilityCheckCode] ?? c.checkCode}</td>
                  <td>{outcomeText[c.outcome]}</td>
                  <td>
                    {c.evidenceType ? evidenceLabel(c.evidenceType) : '—'}
                    {c.notes ? <div className="muted">{c.notes}</div> : null}
                  </td>
                  <td>{c.seenBy ?? '—'}</td>
                  <td>{formatUkDate(c.seenOn) || '—'}</td>
                  <td>{formatUkDateTime(c.recordedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canEdit && <RecordCheckForm id={detail.id} noFixedAbode={detail.record.noFixedAbode} onDone={onChanged} />}
    </div>
  );
}

function RecordCheckForm({ id, noFixedAbode, onDone }: { id: number; noFixedAbode: boolean; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('participants.recordEligibilityCheck', {
    defaultValues: { id, checkCode: 'right_to_work', outcome: 'met', evidenceType: '', seenOn: null, notes: '' },
    onSuccess: (recorded, input, form) => {
      // Ready for the next check of the same kind.
      form.reset({ ...input, evidenceType: '', seenOn: null, notes: '' });
      toasts.show({
        kind: 'success',
        message: `Check recorded; eligibility: ${eligibilityLabels[recorded.eligibilityStatus]}`,
      });
      onDone();
    },
  });
  const { register, watch } = f.form;
  const check = (watch('checkCode') ?? 'right_to_work') as EligibilityCheckCode;

  return (
    <Form of={f} className="panel" aria-label="Record an eligibility check" heading={<h2>Record a check</h2>}>
      <Field name="checkCode" label="Check">
        {(c) => (
          <select {...c} {...register('checkCode')}>
            {eligibilityCheckCodes.map((code) => (
              <option key={code} value={code}>
                {checkLabels[code]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="outcome" label="Outcome">
        {(c) => (
          <select {...c} {...register('outcome')}>
            <option value="met">Met: evidence seen</option>
            <option value="pending">Pending: waiting for evidence</option>
            <option value="not_met">Not met</option>
          </select>
        )}
      </Field>
      <Field name="evidenceType" label="Evidence seen" hint={checkEvidenceHints[check]}>
        {(c) => (
          <select {...c} {...register('evidenceType')}>
            <option value="">None</option>
            {offeredEvidence(check, { noFixedAbode }).map((t) => (
              <option key={t.code} value={t.code}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateField name="seenOn" label="Date evidence seen" hint="For example, 27/3/2026" />
      <Field name="notes" label="Notes (optional)">
        {(c) => <textarea {...c} rows={2} {...register('notes')} />}
      </Field>
      <button type="submit" className="primary" disabled={f.saving}>
        Record check
      </button>
    </Form>
  );
}
