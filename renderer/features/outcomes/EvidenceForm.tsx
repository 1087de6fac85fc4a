// Add an evidence item to an outcome, optionally with a file (checked here for size and type
// for a quick answer, and again by the backend, which hashes and stores it).
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useSession } from '../../app/session-context';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { evidenceKinds } from '../../../shared/domain/outcome-lists';
import { evidenceFileProblem } from '../../../shared/domain/evidence-files';
import { formatUkDate } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { errorFor, FormProblems } from './form-helpers';

export function EvidenceForm({ outcomeId, onDone }: { outcomeId: number; onDone(): void }) {
  const session = useSession();
  const lookups = useChannel('outcomes.lookups', {});
  const [kind, setKind] = useState('');
  const [receivedOn, setReceivedOn] = useState(formatUkDate(new Date().toISOString().slice(0, 10)));
  const [seenBy, setSeenBy] = useState(String(session.staff.id));
  const [notes, setNotes] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = new FormProblems();
    if (!kind) problems.add(['kind'], 'Choose the kind of evidence');
    const received = problems.date('receivedOn', receivedOn, 'date received', false);
    let fileInput: { fileName: string; bytes: Uint8Array<ArrayBuffer> } | undefined;
    if (file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const problem = evidenceFileProblem(file.name, bytes);
      if (problem) problems.add(['file'], problem);
      else fileInput = { fileName: file.name, bytes };
    }
    if (problems.errors.length) {
      setErrors(problems.errors);
      return;
    }
    setBusy(true);
    const result = await api.call('evidence.add', {
      outcomeId,
      kind: kind as never,
      receivedOn: received ?? null,
      seenBy: seenBy ? Number(seenBy) : null,
      notes,
      ...(fileInput ? { file: fileInput } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(
        result.error.fields?.length ? result.error.fields : [{ path: ['kind'], message: result.error.message }],
      );
      return;
    }
    toasts.show({ kind: 'success', message: fileInput ? 'Evidence and file added.' : 'Evidence added.' });
    onDone();
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby="add-evidence-title">
      <h3 id="add-evidence-title">Add evidence</h3>
      <ErrorSummary errors={errors} />
      <Field path="kind" label="Kind of evidence" error={errorFor(errors, 'kind')}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">Choose…</option>
            {evidenceKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        path="receivedOn"
        label="Date received"
        hint="For example, 05/03/2026"
        error={errorFor(errors, 'receivedOn')}
      >
        {(p) => <input {...p} className="narrow" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />}
      </Field>
      <Field path="seenBy" label="Seen by" error={errorFor(errors, 'seenBy')}>
        {(p) => (
          <select {...p} value={seenBy} onChange={(e) => setSeenBy(e.target.value)}>
            <option value="">Not recorded</option>
            {(lookups.data?.staff ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        path="file"
        label="File (optional)"
        hint="PDF, PNG or JPEG, up to 10 MB. Kept inside the encrypted programme file."
        error={errorFor(errors, 'file')}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <Field path="notes" label="Notes (optional)" error={errorFor(errors, 'notes')}>
        {(p) => <textarea {...p} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Add evidence'}
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
