// Eligibility & evidence: the rules with their outcome and reason, the checks recorded (evidence
// type, seen by, date) and a form to record a new check.
import { useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../../app/session-context';
import { ErrorSummary } from '../../components/ErrorSummary';
import { Field } from '../../components/form/Field';
import { useToasts } from '../../components/Toasts';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import {
  checkLabels,
  eligibilityCheckCodes,
  evidenceLabel,
  evidenceTypes,
  type EligibilityCheckCode,
} from '../../../shared/domain/eligibility';
import { formatUkDate, formatUkDateTime, parseUkDate } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';
import { eligibilityLabels, eligibilityTag, outcomeText } from './participant-labels';
import { DistrictsForm } from './DistrictsForm';

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
      <p className="muted">Programme area: {e.districts.join(', ')}.</p>
      {isAdmin && <DistrictsForm districts={e.districts} onDone={onChanged} />}
      <h2>Checks recorded</h2>
      {detail.checks.length === 0 ? (
        <p>No checks recorded yet.</p>
      ) : (
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
      )}
      {canEdit && <RecordCheckForm id={detail.id} onDone={onChanged} />}
    </div>
  );
}

function RecordCheckForm({ id, onDone }: { id: number; onDone(): void }) {
  const toasts = useToasts();
  const [checkCode, setCheckCode] = useState<EligibilityCheckCode>('right_to_work');
  const [outcome, setOutcome] = useState<'met' | 'not_met' | 'pending'>('met');
  const [evidenceType, setEvidenceType] = useState('');
  const [seenOn, setSeenOn] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const err = (name: string) => errors.find((e) => e.path[0] === name)?.message;

  const submit = async () => {
    const iso = seenOn.trim() ? parseUkDate(seenOn) : null;
    if (seenOn.trim() && !iso) {
      setErrors([{ path: ['seenOn'], message: 'Date evidence seen must be a real date, like 27/3/2026' }]);
      return;
    }
    const result = await api.call('participants.recordEligibilityCheck', {
      id,
      checkCode,
      outcome,
      evidenceType: evidenceType || null,
      seenOn: iso,
      notes: notes || null,
    });
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['checkCode'], message: result.error.message }],
      );
      return;
    }
    setErrors([]);
    setEvidenceType('');
    setSeenOn('');
    setNotes('');
    toasts.show({
      kind: 'success',
      message: `Check recorded; eligibility: ${eligibilityLabels[result.value.eligibilityStatus]}`,
    });
    onDone();
  };

  return (
    <form
      className="panel"
      noValidate
      aria-label="Record an eligibility check"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2>Record a check</h2>
      <ErrorSummary errors={errors} />
      <Field name="checkCode" label="Check" error={err('checkCode')}>
        {(c) => (
          <select {...c} value={checkCode} onChange={(e) => setCheckCode(e.target.value as EligibilityCheckCode)}>
            {eligibilityCheckCodes.map((code) => (
              <option key={code} value={code}>
                {checkLabels[code]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="outcome" label="Outcome" error={err('outcome')}>
        {(c) => (
          <select {...c} value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
            <option value="met">Met: evidence seen</option>
            <option value="pending">Pending: waiting for evidence</option>
            <option value="not_met">Not met</option>
          </select>
        )}
      </Field>
      <Field name="evidenceType" label="Evidence seen" error={err('evidenceType')}>
        {(c) => (
          <select {...c} value={evidenceType} onChange={(e) => setEvidenceType(e.target.value)}>
            <option value="">None</option>
            {evidenceTypes.map((t) => (
              <option key={t.code} value={t.code}>
                {t.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field name="seenOn" label="Date evidence seen" hint="For example, 27/3/2026" error={err('seenOn')}>
        {(c) => (
          <input {...c} type="text" className="width-10" value={seenOn} onChange={(e) => setSeenOn(e.target.value)} />
        )}
      </Field>
      <Field name="notes" label="Notes (optional)" error={err('notes')}>
        {(c) => <textarea {...c} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <button type="submit" className="primary">
        Record check
      </button>
    </form>
  );
}
