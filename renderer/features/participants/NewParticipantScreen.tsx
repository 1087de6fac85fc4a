// "New participant": the record form in sections, keyboard-first (Enter or Ctrl+S saves), with
// likely duplicates shown beside the key field that brought them up, and again before saving.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useChannel } from '../../api/use-channel';
import { navigate } from '../../app/router';
import { PageHeader } from '../../components/PageHeader';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';
import { useSession } from '../../app/session-context';
import { formatUkDate } from '../../../shared/domain/dates';
import { participantRecordSchemaOn, type ParticipantRecordInput } from '../../../shared/domain/participant-record';
import type { ChannelOutput } from '../../../shared/contract/index';
import { ParticipantFormFields } from './ParticipantFormFields';
import { DuplicatePanel } from './DuplicatePanel';
import { emptyRecord } from './participant-form-values';
import { useDuplicateCheck } from './use-duplicate-check';
import { participantsRoutes } from './participants.routes';
import { useSaveShortcut } from './use-save-shortcut';

export function NewParticipantScreen() {
  const options = useChannel('participants.options', {});
  if (!options.data) return <PageHeader title="New participant" subtitle={options.error?.message ?? 'Loading…'} />;
  return <NewParticipantForm options={options.data} />;
}

function NewParticipantForm({ options }: { options: ChannelOutput<'participants.options'> }) {
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
  const [confirming, setConfirming] = useState(false);
  // Set by "Continue anyway": the next save goes ahead despite the likely duplicates shown.
  const reviewed = useRef(false);
  const dup = useDuplicateCheck();
  const f = useContractForm('participants.create', {
    schema,
    // A long record: each field's message as it is left, as well as all of them at a save.
    validate: 'onLeave',
    defaultValues: defaults,
    toInput: (record) => ({ record, notDuplicateOf: dup.dismissed, duplicatesReviewed: true }),
    beforeSubmit: async (values) => {
      if (reviewed.current) {
        reviewed.current = false;
        return true;
      }
      const found = await dup.check(values);
      if (found.length) setConfirming(true);
      return found.length === 0;
    },
    onSuccess: (created) => {
      toasts.show({ kind: 'success', message: `Registered ${created.reference}` });
      navigate(participantsRoutes.person.path({ id: created.id, tab: 'details' }));
    },
  });

  // Keyboard-first: start typing the first name straight away.
  useEffect(() => {
    document.getElementById('field-firstName')?.focus();
  }, []);
  useSaveShortcut(f.submit);

  return (
    <div className="participant-form">
      <PageHeader
        title="New participant"
        subtitle="Register someone referred to or joining the programme. Ctrl+S saves."
      />
      <Form
        of={f}
        aria-label="New participant"
        actions={
          <>
            <button type="submit" className="primary" disabled={f.saving}>
              Save participant
            </button>
            <a href={participantsRoutes.list.href()}>Cancel</a>
          </>
        }
      >
        <ParticipantFormFields
          form={f.form}
          options={options}
          onKeyBlur={(field) => void dup.check(f.form.getValues(), field)}
          after={(field) =>
            field === dup.anchor && (
              <DuplicatePanel
                candidates={dup.candidates}
                focusOnShow={confirming}
                onNotDuplicate={(id) => dup.dismiss(id)}
                onContinue={() => {
                  reviewed.current = true;
                  void f.submit();
                }}
              />
            )
          }
        />
      </Form>
    </div>
  );
}
