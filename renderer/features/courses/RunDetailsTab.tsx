// A run's details (the run form, for officers) and its sessions.
import { Fragment, useState } from 'react';
import type { ChannelOutput } from '../../../shared/contract/index';
import type { RunDetail } from '../../../shared/contract/courses.contract';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { formatUkDate } from '../../../shared/domain/dates';
import { RunFormFields, runMessages } from './RunForm';
import { SessionsEditor } from './SessionsEditor';
import { runStatusLabels } from './format';
import { SaveCancel } from '../../components/form/SaveCancel';

export function RunDetailsTab({ run }: { run: RunDetail }) {
  const canEdit = useCan('officer');
  const lookups = useChannel('courses.lookups', {});
  const [editing, setEditing] = useState(false);
  return (
    <>
      <h2>Details</h2>
      {editing && lookups.data ? (
        <RunEditForm run={run} lookups={lookups.data} onDone={() => setEditing(false)} />
      ) : (
        <>
          <dl className="facts">
            {(
              [
                ['Course', run.courseType],
                ['Provider', run.provider ?? 'Not recorded'],
                ['Dates', `${formatUkDate(run.startDate)} to ${formatUkDate(run.endDate)}`],
                ['Places', String(run.capacity)],
                ['Status', runStatusLabels[run.status] ?? run.status],
                ['Venue', run.venue ?? 'Not recorded'],
                ['Tutor', run.tutor ?? 'Not recorded'],
                ['Funding stream', run.fundingStream ?? 'Not recorded'],
                ['Notes', run.notes ?? '–'],
              ] as const
            ).map(([k, val]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd>{val}</dd>
              </Fragment>
            ))}
          </dl>
          {canEdit && (
            <div className="button-row">
              <button type="button" onClick={() => setEditing(true)}>
                Change details
              </button>
            </div>
          )}
        </>
      )}
      <SessionsEditor run={run} canEdit={canEdit} />
    </>
  );
}

function RunEditForm({
  run,
  lookups,
  onDone,
}: {
  run: RunDetail;
  lookups: ChannelOutput<'courses.lookups'>;
  onDone(): void;
}) {
  const toasts = useToasts();
  const f = useContractForm('courses.runs.update', {
    defaultValues: {
      id: run.id,
      courseTypeId: run.courseTypeId,
      providerOrgId: run.providerOrgId,
      venue: run.venue ?? '',
      startDate: run.startDate,
      endDate: run.endDate,
      capacity: run.capacity,
      tutor: run.tutor ?? '',
      fundingStreamId: run.fundingStreamId,
      status: run.status,
      notes: run.notes ?? '',
    },
    messages: runMessages,
    onSuccess: (saved) => {
      toasts.show({
        kind: 'success',
        message: saved.promoted ? `Saved; ${saved.promoted} people moved from the waiting list onto the run` : 'Saved',
      });
      onDone();
    },
  });
  return (
    <Form of={f}>
      <RunFormFields lookups={lookups} isNew={false} />
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save changes
      </SaveCancel>
    </Form>
  );
}
