// Record a 13- or 26-week sustainment check: still in work (with the date the weeks were
// reached, inside the window) or not; optional evidence. "Yes" creates the sustained outcome.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { evidenceKinds } from '../../../shared/domain/outcome-lists';
import { evidenceFileProblem } from '../../../shared/domain/evidence-files';
import { formatUkDate } from '../../../shared/domain/dates';
import type { FieldError } from '../../../shared/result';
import { Field } from './Field';
import { errorFor, FormProblems } from './form-helpers';

// Prefixed so these field ids never clash with another form on the same page.
const prefixed = (errors: FieldError[]): FieldError[] => errors.map((e) => ({ ...e, path: ['check', ...e.path] }));

export interface CheckTarget {
  startOutcomeId: number;
  weeks: 13 | 26;
  participantName: string;
  startDate: string;
  dueOn: string;
  windowEndsOn: string;
}

export function SustainmentCheckForm({
  target,
  today,
  onDone,
}: {
  target: CheckTarget;
  today: string;
  onDone(saved: boolean): void;
}) {
  const [sustained, setSustained] = useState<'' | 'yes' | 'no'>('');
  const [sustainedOn, setSustainedOn] = useState(formatUkDate(target.dueOn <= today ? target.dueOn : today));
  const [checkedOn, setCheckedOn] = useState(formatUkDate(today));
  const [evidenceKind, setEvidenceKind] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const toasts = useToasts();
  const prefix = `check-${target.startOutcomeId}-${target.weeks}`;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problems = new FormProblems();
    if (!sustained) problems.add(['sustained'], 'Say whether the person is still in work');
    const checked = problems.date('checkedOn', checkedOn, 'date of the check', true);
    const on =
      sustained === 'yes'
        ? problems.date('sustainedOn', sustainedOn, `date ${target.weeks} weeks in work were reached`, true)
        : null;
    let evidenceFile: { fileName: string; bytes: Uint8Array<ArrayBuffer> } | undefined;
    if (file) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const problem = evidenceFileProblem(file.name, bytes);
      if (problem) problems.add(['evidenceFile'], problem);
      else evidenceFile = { fileName: file.name, bytes };
      if (!evidenceKind) problems.add(['evidenceKind'], 'Choose the kind of evidence for the attached file');
    }
    if (problems.errors.length) {
      setErrors(prefixed(problems.errors));
      return;
    }
    setBusy(true);
    const result = await api.call('sustainment.record', {
      startOutcomeId: target.startOutcomeId,
      weeks: target.weeks,
      sustained: sustained === 'yes',
      sustainedOn: on ?? null,
      checkedOn: checked!,
      notes,
      evidenceKind: (evidenceKind || null) as never,
      ...(evidenceFile ? { evidenceFile } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(
        prefixed(
          result.error.fields?.length ? result.error.fields : [{ path: ['sustained'], message: result.error.message }],
        ),
      );
      return;
    }
    toasts.show({
      kind: 'success',
      message:
        sustained === 'yes'
          ? `${target.weeks}-week sustainment recorded for ${target.participantName}.`
          : `${target.weeks}-week check recorded: not sustained.`,
    });
    onDone(true);
  }

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-labelledby={`${prefix}-title`}>
      <h3 id={`${prefix}-title`}>
        {target.weeks}-week check for {target.participantName}
      </h3>
      <p className="muted">
        Started {formatUkDate(target.startDate)}. The {target.weeks} weeks in work must be reached between{' '}
        {formatUkDate(target.dueOn)} and {formatUkDate(target.windowEndsOn)}.
      </p>
      <ErrorSummary errors={errors} />
      <fieldset className={`field ${errorFor(errors, 'check.sustained') ? 'field-error' : ''}`}>
        <legend>Still in work for {target.weeks} weeks?</legend>
        {errorFor(errors, 'check.sustained') && <p className="error-message">{errorFor(errors, 'check.sustained')}</p>}
        <label className="radio">
          <input
            id="field-check.sustained"
            type="radio"
            name={`${prefix}-sustained`}
            checked={sustained === 'yes'}
            onChange={() => setSustained('yes')}
          />{' '}
          Yes, sustained
        </label>
        <label className="radio">
          <input
            type="radio"
            name={`${prefix}-sustained`}
            checked={sustained === 'no'}
            onChange={() => setSustained('no')}
          />{' '}
          No, not sustained
        </label>
      </fieldset>
      {sustained === 'yes' && (
        <Field
          path="check.sustainedOn"
          label={`Date ${target.weeks} weeks in work were reached`}
          hint="For example, 05/03/2026"
          error={errorFor(errors, 'check.sustainedOn')}
        >
          {(p) => (
            <input {...p} className="narrow" value={sustainedOn} onChange={(e) => setSustainedOn(e.target.value)} />
          )}
        </Field>
      )}
      <Field path="check.checkedOn" label="Date of the check" error={errorFor(errors, 'check.checkedOn')}>
        {(p) => <input {...p} className="narrow" value={checkedOn} onChange={(e) => setCheckedOn(e.target.value)} />}
      </Field>
      <Field path="check.evidenceKind" label="Evidence seen (optional)" error={errorFor(errors, 'check.evidenceKind')}>
        {(p) => (
          <select {...p} value={evidenceKind} onChange={(e) => setEvidenceKind(e.target.value)}>
            <option value="">None</option>
            {evidenceKinds.map((k) => (
              <option key={k.code} value={k.code}>
                {k.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        path="check.evidenceFile"
        label="Evidence file (optional)"
        hint="PDF, PNG or JPEG, up to 10 MB"
        error={errorFor(errors, 'check.evidenceFile')}
      >
        {(p) => (
          <input
            {...p}
            type="file"
            accept=".pdf,.png,.jpg,.jpeg"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <Field path="check.notes" label="Notes (optional)" error={errorFor(errors, 'check.notes')}>
        {(p) => <textarea {...p} rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>
          Save check
        </button>
        <button type="button" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
