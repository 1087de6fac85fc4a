// The Details tab: the whole record, editable by officers. Saving checks for likely duplicates
// first, and refuses to overwrite a colleague's newer save (optimistic locking by version).
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import {
  participantRecordSchemaOn,
  type ParticipantRecord,
  type ParticipantRecordInput,
} from '../../../shared/domain/participant-record';
import type { FieldError } from '../../../shared/result';
import { ParticipantFormFields } from './ParticipantFormFields';
import { DuplicatePanel } from './DuplicatePanel';
import { toFormValues } from './participant-form-values';
import { applyServerErrors, summaryOf } from './form-errors';
import { useDuplicateCheck } from './use-duplicate-check';

export function DetailsTab({ detail, onSaved }: { detail: ParticipantDetail; onSaved(): void }) {
  const options = useChannel('participants.options', {});
  if (!options.data) return <p aria-busy="true">Loading…</p>;
  return <DetailsForm detail={detail} options={options.data} onSaved={onSaved} />;
}

function DetailsForm({
  detail,
  options,
  onSaved,
}: {
  detail: ParticipantDetail;
  options: NonNullable<ReturnType<typeof useChannel<'participants.options'>>['data']>;
  onSaved(): void;
}) {
  const toasts = useToasts();
  const canEdit = useCan('officer') && detail.status !== 'merged' && !detail.specialCategoryHidden;
  const schema = useMemo(() => participantRecordSchemaOn(options.today), [options.today]);
  const form = useForm<ParticipantRecordInput, unknown, ParticipantRecord>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: toFormValues(detail.record),
  });
  const [summary, setSummary] = useState<FieldError[]>([]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const dup = useDuplicateCheck(detail.id);

  const save = async (record: ParticipantRecord, checked: boolean) => {
    if (!checked) {
      const found = await dup.check(form.getValues());
      if (found.length) {
        setConfirming(true);
        return;
      }
    }
    const result = await api.call('participants.update', { id: detail.id, version: detail.version, record });
    if (result.ok) {
      toasts.show({ kind: 'success', message: 'Saved' });
      dup.clear();
      onSaved();
      return;
    }
    if (result.error.kind === 'conflict') setConflict(result.error.message);
    const fields = applyServerErrors(result.error.fields, form.setError);
    setSummary(fields.length ? fields : []);
    if (!fields.length && result.error.kind !== 'conflict')
      toasts.show({ kind: 'error', message: result.error.message });
  };

  const markNotDuplicate = async (other: number) => {
    const result = await api.call('participants.markNotDuplicate', { a: detail.id, b: other });
    if (result.ok) dup.dismiss(other);
    else toasts.show({ kind: 'error', message: result.error.message });
  };

  const submit = form.handleSubmit(
    (record) => save(record, false),
    (errors) => setSummary(summaryOf(errors)),
  );

  return (
    <form noValidate aria-label="Participant details" onSubmit={(e) => void submit(e)}>
      <ErrorSummary errors={summary} />
      {conflict && (
        <div className="error-summary" role="alert">
          <h2>Not saved</h2>
          <p>{conflict}</p>
          <button type="button" onClick={onSaved}>
            Reload the record
          </button>
        </div>
      )}
      <ParticipantFormFields
        form={form}
        options={options}
        readOnly={!canEdit}
        onKeyBlur={() => void dup.check(form.getValues())}
      />
      <DuplicatePanel
        candidates={dup.candidates}
        focusOnShow={confirming}
        onNotDuplicate={(id) => void markNotDuplicate(id)}
        onMerge={(other) => navigate(`participants/merge/${detail.id}/${other}`)}
        {...(canEdit
          ? {
              onContinue: () =>
                void form.handleSubmit(
                  (record) => save(record, true),
                  (errors) => setSummary(summaryOf(errors)),
                )(),
            }
          : {})}
      />
      {canEdit && (
        <div className="form-actions">
          <button type="submit" className="primary">
            Save changes
          </button>
          <button
            type="button"
            onClick={() => form.reset(toFormValues(detail.record))}
            disabled={!form.formState.isDirty}
          >
            Discard changes
          </button>
        </div>
      )}
    </form>
  );
}
