// A run's details (the run form, for officers) and its sessions.
import { useState } from 'react';
import type { RunDetail } from '../../../shared/contract/courses.contract';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { RunForm, runInput, type RunFormValues } from './RunForm';
import { SessionsEditor } from './SessionsEditor';
import { runStatusLabels } from './format';

export function RunDetailsTab({ run }: { run: RunDetail }) {
  const canEdit = useCan('officer');
  const lookups = useChannel('courses.lookups', {});
  const toasts = useToasts();
  const [editing, setEditing] = useState(false);
  const initial: RunFormValues = {
    courseTypeId: run.courseTypeId,
    providerOrgId: run.providerOrgId,
    venue: run.venue ?? '',
    startDate: run.startDate,
    endDate: run.endDate,
    capacity: String(run.capacity),
    tutor: run.tutor ?? '',
    fundingStreamId: run.fundingStreamId,
    status: run.status,
    notes: run.notes ?? '',
    generateSessions: false,
    sessionStartsAt: '',
    sessionEndsAt: '',
  };
  return (
    <>
      <h2>Details</h2>
      {editing && lookups.data ? (
        <RunForm
          lookups={lookups.data}
          initial={initial}
          isNew={false}
          submitLabel="Save changes"
          onCancel={() => setEditing(false)}
          onSubmit={async (v) => {
            const result = await api.call('courses.runs.update', { ...runInput(v), id: run.id });
            if (!result.ok) {
              if (result.error.fields?.length) return result.error.fields;
              toasts.show({ kind: 'error', message: result.error.message });
              return null;
            }
            toasts.show({
              kind: 'success',
              message: result.value.promoted
                ? `Saved; ${result.value.promoted} people moved from the waiting list onto the run`
                : 'Saved',
            });
            setEditing(false);
            return null;
          }}
        />
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
              <div key={k}>
                <dt>{k}</dt>
                <dd>{val}</dd>
              </div>
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
