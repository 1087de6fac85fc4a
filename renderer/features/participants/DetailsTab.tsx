// The Details tab: the whole record, editable by officers. Saving checks for likely duplicates
// first, and refuses to overwrite a colleague's newer save (optimistic locking by version).
import { useMemo, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { useCan } from '../../app/session-context';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { StaleRecordNotice } from '../../components/form/StaleRecordNotice';
import { useToasts } from '../../components/Toasts';
import type { ChannelOutput } from '../../../shared/contract/index';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import { participantRecordSchemaOn } from '../../../shared/domain/participant-record';
import { ParticipantFormFields } from './ParticipantFormFields';
import { DuplicatePanel } from './DuplicatePanel';
import { toFormValues } from './participant-form-values';
import { useDuplicateCheck } from './use-duplicate-check';
import { participantsRoutes } from './participants.routes';

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
  options: ChannelOutput<'participants.options'>;
  onSaved(): void;
}) {
  const toasts = useToasts();
  const canEdit = useCan('officer') && detail.status !== 'merged' && !detail.specialCategoryHidden;
  const schema = useMemo(() => participantRecordSchemaOn(options.today), [options.today]);
  const [conflict, setConflict] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const reviewed = useRef(false);
  const dup = useDuplicateCheck(detail.id);
  const f = useContractForm('participants.update', {
    schema,
    // A long record: each field's message as it is left, as well as all of them at a save.
    validate: 'onLeave',
    defaultValues: toFormValues(detail.record),
    toInput: (record) => ({ id: detail.id, version: detail.version, record }),
    beforeSubmit: async (values) => {
      if (reviewed.current) {
        reviewed.current = false;
        return true;
      }
      const found = await dup.check(values);
      if (found.length) setConfirming(true);
      return found.length === 0;
    },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Saved' });
      dup.clear();
      onSaved();
    },
    // A colleague saved first: say so beside the form rather than as a field problem.
    onFailure: (error) => {
      if (error.kind !== 'conflict') return false;
      setConflict(error.message);
      return true;
    },
  });

  const markNotDuplicate = async (other: number) => {
    const result = await api.call('participants.markNotDuplicate', { a: detail.id, b: other });
    if (result.ok) dup.dismiss(other);
    else toasts.show({ kind: 'error', message: result.error.message });
  };

  return (
    <Form
      of={f}
      aria-label="Participant details"
      actions={
        canEdit && (
          <>
            <button type="submit" className="primary" disabled={f.saving}>
              Save changes
            </button>
            <button
              type="button"
              onClick={() => f.form.reset(toFormValues(detail.record))}
              disabled={!f.form.formState.isDirty}
            >
              Discard changes
            </button>
          </>
        )
      }
    >
      <StaleRecordNotice message={conflict} onReload={onSaved} />
      <ParticipantFormFields
        form={f.form}
        options={options}
        readOnly={!canEdit}
        onKeyBlur={(field) => void dup.check(f.form.getValues(), field)}
        after={(field) =>
          field === dup.anchor && (
            <DuplicatePanel
              candidates={dup.candidates}
              focusOnShow={confirming}
              onNotDuplicate={(id) => void markNotDuplicate(id)}
              onMerge={(other) => navigate(participantsRoutes.merge.path({ a: detail.id, b: other }))}
              {...(canEdit
                ? {
                    onContinue: () => {
                      reviewed.current = true;
                      void f.submit();
                    },
                  }
                : {})}
            />
          )
        }
      />
    </Form>
  );
}
