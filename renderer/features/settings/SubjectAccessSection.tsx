// Subject access (administrators): find the person by reference, see what is held, and export
// everything in one bundle (zip: workbook, evidence files, README). The export is audited.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { TextField } from '../../components/TextField';
import { useToasts } from '../../components/Toasts';
import { downloadBytes } from '../../components/download';
import type { FieldError } from '../../../shared/result';
import type { ChannelOutput } from '../../../shared/contract/index';

export function SubjectAccessSection() {
  const toasts = useToasts();
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [found, setFound] = useState<ChannelOutput<'sar.find'> | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);

  async function find(e: FormEvent) {
    e.preventDefault();
    setFound(null);
    const result = await api.call('sar.find', { reference });
    if (!result.ok)
      return setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['reference'], message: result.error.message }],
      );
    setErrors([]);
    setFound(result.value);
  }

  async function exportBundle() {
    if (!found) return;
    setBusy(true);
    const result = await api.call('sar.export', {
      reference: found.reference,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    setBusy(false);
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    downloadBytes(result.value.fileName, result.value.bytes, result.value.mime);
    toasts.show({ kind: 'success', message: 'Subject access bundle saved. The export is recorded in the audit log.' });
  }

  return (
    <>
      <p>
        A person can ask for everything held about them; answer within one calendar month. The bundle holds their
        record, history, courses, placements, outcomes, evidence files and the audit entries about them.
      </p>
      <form onSubmit={find} noValidate>
        <ErrorSummary errors={errors} />
        <TextField
          path={['reference']}
          label="Participant reference"
          hint="For example SW-000123"
          value={reference}
          onChange={setReference}
          errors={errors}
          autoComplete="off"
        />
        <button type="submit" className="primary">
          Find
        </button>
      </form>
      {found && (
        <div className="panel" aria-labelledby="sar-person">
          <h3 id="sar-person">
            {found.name} ({found.reference})
          </h3>
          <ul>
            {found.areas
              .filter((a) => a.rows > 0)
              .map((a) => (
                <li key={a.area}>
                  {a.area.replace(/_/g, ' ')}: {a.rows}
                </li>
              ))}
          </ul>
          <TextField
            path={['reason']}
            label="Request reference (optional)"
            hint="Recorded in the audit log with the export"
            value={reason}
            onChange={setReason}
            autoComplete="off"
          />
          <button type="button" className="primary" onClick={() => void exportBundle()} disabled={busy}>
            {busy ? 'Preparing…' : 'Export subject access bundle'}
          </button>
        </div>
      )}
    </>
  );
}
