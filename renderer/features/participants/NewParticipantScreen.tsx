// "New participant": the record form in sections, keyboard-first (Enter or Ctrl+S saves), with
// likely duplicates shown as key fields are filled in and again before saving.
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { useSession } from '../../app/session-context';
import { formatUkDate } from '../../../shared/domain/dates';
import {
  participantRecordSchemaOn,
  type ParticipantRecord,
  type ParticipantRecordInput,
} from '../../../shared/domain/participant-record';
import type { FieldError } from '../../../shared/result';
import { ParticipantFormFields } from './ParticipantFormFields';
import { DuplicatePanel } from './DuplicatePanel';
import { emptyRecord } from './participant-form-values';
import { applyServerErrors, summaryOf } from './form-errors';
import { useDuplicateCheck } from './use-duplicate-check';

export function NewParticipantScreen() {
  const options = useChannel('participants.options', {});
  if (!options.data) return <PageHeader title="New participant" subtitle={options.error?.message ?? 'Loading…'} />;
  return <NewParticipantForm options={options.data} />;
}

function NewParticipantForm({
  options,
}: {
  options: NonNullable<ReturnType<typeof useChannel<'participants.options'>>['data']>;
}) {
  const toasts = useToasts();
  const schema = useMemo(() => participantRecordSchemaOn(options.today), [options.today]);
  const me = useSession().staff.id;
  // Sensible defaults: the officer registering is the key worker; the privacy notice is shown today.
  const defaults = useMemo<ParticipantRecordInput>(
    () => ({
      ...emptyRecord,
      keyWorkerId: options.staff.some((s) => s.id === me) ? me : null,
      privacyNoticeDate: formatUkDate(options.today),
    }),
    [me, options.staff, options.today],
  );
  const form = useForm<ParticipantRecordInput, unknown, ParticipantRecord>({
    resolver: zodResolver(schema),
    mode: 'onTouched',
    defaultValues: defaults,
  });
  const [summary, setSummary] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const dup = useDuplicateCheck();

  const save = async (record: ParticipantRecord, duplicatesChecked: boolean) => {
    setSaving(true);
    try {
      if (!duplicatesChecked) {
        const found = await dup.check(form.getValues());
        if (found.length) {
          setConfirming(true);
          return;
        }
      }
      const result = await api.call('participants.create', {
        record,
        notDuplicateOf: dup.dismissed,
        duplicatesReviewed: true,
      });
      if (!result.ok) {
        const fields = applyServerErrors(result.error.fields, form.setError);
        setSummary(fields.length ? fields : [{ path: ['firstName'], message: result.error.message }]);
        return;
      }
      toasts.show({ kind: 'success', message: `Registered ${result.value.reference}` });
      navigate(`participants/${result.value.id}/details`);
    } finally {
      setSaving(false);
    }
  };

  const submit = form.handleSubmit(
    (record) => {
      setSummary([]);
      return save(record, false);
    },
    (errors) => setSummary(summaryOf(errors)),
  );

  // Keyboard-first: start typing the first name straight away.
  useEffect(() => {
    document.getElementById('field-firstName')?.focus();
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [submit]);

  return (
    <div className="participant-form">
      <PageHeader
        title="New participant"
        subtitle="Register someone referred to or joining the programme. Ctrl+S saves."
      />
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={(e) => void submit(e)} aria-label="New participant">
        <ParticipantFormFields form={form} options={options} onKeyBlur={() => void dup.check(form.getValues())} />
        <DuplicatePanel
          candidates={dup.candidates}
          focusOnShow={confirming}
          onNotDuplicate={(id) => dup.dismiss(id)}
          onContinue={() =>
            void form.handleSubmit(
              (record) => save(record, true),
              (errors) => setSummary(summaryOf(errors)),
            )()
          }
        />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={saving}>
            Save participant
          </button>
          <a href="#/participants">Cancel</a>
        </div>
      </form>
    </div>
  );
}
