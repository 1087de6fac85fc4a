// A participant's funding: the streams that paid for their support over time (spells), and the
// stream each enrolment, placement and outcome is attributed to. By default an item goes to the
// person's stream on its date; an officer can change that with a reason (kept in the audit log).
import { useState } from 'react';
import { z } from 'zod';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { DateField } from '../../components/form/ControlledFields';
import { Field } from '../../components/form/Field';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { useToasts } from '../../components/Toasts';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import type { AttributedItem } from '../../../shared/contract/funding.contract';
import type { ChannelOutput } from '../../../shared/contract/index';
import { returnsRoutes } from '../returns/returns.routes';
import { SaveCancel } from '../../components/form/SaveCancel';
import { TableScroll } from '../../components/TableScroll';

type Setup = ChannelOutput<'funding.setup'>;

const kindLabels: Record<AttributedItem['kind'], string> = {
  outcome: 'Outcome',
  placement: 'Placement',
  enrolment: 'Course enrolment',
};

/** A chosen id from a <select>: '' is "none". */
const chosenId = z.string().transform((v) => (v === '' ? null : Number(v)));

function StreamOptions({ setup, empty }: { setup: Setup; empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {setup.streams.map((s) => (
        <option key={s.id} value={s.id}>
          {s.name}
          {s.funderName ? ` (${s.funderName})` : ''}
        </option>
      ))}
    </>
  );
}

function ProjectOptions({ setup, streamId }: { setup: Setup; streamId: string }) {
  return (
    <>
      <option value="">No project</option>
      {setup.projects
        .filter((p) => String(p.streamId) === streamId)
        .map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
            {p.interventionCode ? ` (${p.interventionCode})` : ''}
          </option>
        ))}
    </>
  );
}

function AddSpell({ participantId, setup, onDone }: { participantId: number; setup: Setup; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('funding.saveSpell', {
    idPrefix: 'spell',
    schema: z.object({
      streamId: z.string().min(1, 'Choose the funding stream'),
      projectId: chosenId,
      startsOn: z.string(),
      endsOn: z.string().nullable(),
      note: z.string(),
    }),
    defaultValues: { streamId: '', projectId: '', startsOn: '', endsOn: null, note: '' },
    toInput: (v) => ({
      id: null,
      participantId,
      streamId: Number(v.streamId),
      projectId: v.projectId,
      startsOn: v.startsOn,
      endsOn: v.endsOn,
      note: v.note.trim() || null,
    }),
    onSuccess: (_saved, _input, form) => {
      toasts.show({ kind: 'success', message: 'Funding spell recorded' });
      form.reset();
      onDone();
    },
  });
  const streamId = f.form.watch('streamId');
  return (
    <Form of={f} aria-labelledby="add-spell-heading" heading={<h3 id="add-spell-heading">Record a funding spell</h3>}>
      <Field name="streamId" label="Funding stream">
        {(c) => (
          <select {...c} {...f.form.register('streamId')}>
            <StreamOptions setup={setup} empty="Choose a stream" />
          </select>
        )}
      </Field>
      <Field name="projectId" label="Project">
        {(c) => (
          <select {...c} {...f.form.register('projectId')}>
            <ProjectOptions setup={setup} streamId={streamId} />
          </select>
        )}
      </Field>
      <DateField name="startsOn" label="First day" blank="" />
      <DateField name="endsOn" label="Last day" hint="Leave blank while it continues" />
      <Field name="note" label="Note (optional)">
        {(c) => <input {...c} {...f.form.register('note')} />}
      </Field>
      <div className="button-row">
        <button type="submit" className="primary" disabled={f.saving}>
          Record spell
        </button>
      </div>
    </Form>
  );
}

function ChangeAttribution({ item, setup, onDone }: { item: AttributedItem; setup: Setup; onDone(): void }) {
  const toasts = useToasts();
  const f = useContractForm('funding.attribute', {
    idPrefix: `attr-${item.kind}-${item.id}`,
    schema: z.object({ streamId: chosenId, projectId: chosenId, reason: z.string() }),
    defaultValues: { streamId: item.streamId === null ? '' : String(item.streamId), projectId: '', reason: '' },
    toInput: (v) => ({
      kind: item.kind,
      itemId: item.id,
      streamId: v.streamId,
      projectId: v.projectId,
      reason: v.reason,
    }),
    messages: { reason: 'Say why you are changing the funding stream' },
    onSuccess: () => {
      toasts.show({ kind: 'success', message: `${kindLabels[item.kind]} attributed again` });
      onDone();
    },
  });
  const streamId = f.form.watch('streamId');
  return (
    <Form of={f} aria-label={`Change the funding stream of ${item.label}`}>
      <Field name="streamId" label="Funding stream">
        {(c) => (
          <select {...c} {...f.form.register('streamId')}>
            <StreamOptions setup={setup} empty="Default: the person's stream on that date" />
          </select>
        )}
      </Field>
      <Field name="projectId" label="Project">
        {(c) => (
          <select {...c} {...f.form.register('projectId')}>
            <ProjectOptions setup={setup} streamId={streamId} />
          </select>
        )}
      </Field>
      <Field name="reason" label="Reason" hint="Kept in the audit log">
        {(c) => <input {...c} {...f.form.register('reason')} />}
      </Field>
      <SaveCancel saving={f.saving} onCancel={onDone}>
        Save attribution
      </SaveCancel>
    </Form>
  );
}

export function FundingTab({ id }: { id: number }) {
  const person = useChannel('funding.person', { participantId: id }, { areas: ['funding', 'outcomes', 'courses'] });
  const setup = useChannel('funding.setup', {}, { areas: ['funding'] });
  const canEdit = useCan('officer');
  const [changing, setChanging] = useState<string | null>(null);
  const p = person.data;
  if (person.error)
    return (
      <p className="error-message" role="alert">
        {person.error.message}
      </p>
    );
  if (!p) return <p aria-live="polite">Loading…</p>;
  return (
    <div>
      <h2>Funding spells</h2>
      {setup.data && setup.data.streams.length === 0 && (
        <p className="notice">
          No funding streams are set up yet, so nothing can be attributed to a funder.{' '}
          <a href={returnsRoutes.funding.href()}>Add funders and funding streams in Returns › Funding and targets</a>.
        </p>
      )}
      {p.spells.length === 0 ? (
        <p>
          No funding spells recorded.{' '}
          {p.recordStream
            ? `Items count under the stream on the record: ${p.recordStream}.`
            : 'Items have no funding stream.'}
        </p>
      ) : (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Funding spells</caption>
            <thead>
              <tr>
                <th scope="col">Stream</th>
                <th scope="col">Funder</th>
                <th scope="col">Project</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {p.spells.map((s) => (
                <tr key={s.id}>
                  <td>{s.stream}</td>
                  <td>{s.funder ?? '—'}</td>
                  <td>{s.project ?? '—'}</td>
                  <td>{formatUkDate(s.startsOn)}</td>
                  <td>{s.endsOn ? formatUkDate(s.endsOn) : 'Continuing'}</td>
                  <td>{s.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {p.overlaps.map((o) => (
        <p key={o} className="notice">
          {o}
        </p>
      ))}
      {canEdit && setup.data && <AddSpell participantId={id} setup={setup.data} onDone={person.reload} />}
      <h2>What each item is attributed to</h2>
      {p.items.length === 0 ? (
        <p>No enrolments, placements or outcomes yet.</p>
      ) : (
        <TableScroll>
          <table className="data">
            <caption className="visually-hidden">Funding attribution of enrolments, placements and outcomes</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Date</th>
                <th scope="col">Funding stream</th>
                <th scope="col">How</th>
                {canEdit && <th scope="col">Change</th>}
              </tr>
            </thead>
            <tbody>
              {p.items.map((item) => {
                const key = `${item.kind}-${item.id}`;
                return (
                  <tr key={key}>
                    <td>
                      {kindLabels[item.kind]}: {item.label}
                    </td>
                    <td>{item.date ? formatUkDate(item.date) : '—'}</td>
                    <td>
                      {item.stream ?? <span className="tag tag-yellow">No funding stream</span>}
                      {item.project ? <div className="muted">{item.project}</div> : null}
                    </td>
                    <td>
                      {item.changed ? (
                        <>
                          Changed{item.changedBy ? ` by ${item.changedBy}` : ''}
                          {item.changedAt ? ` on ${formatUkDateTime(item.changedAt)}` : ''}: {item.reason}
                        </>
                      ) : (
                        "The person's stream on that date"
                      )}
                    </td>
                    {canEdit && (
                      <td>
                        {changing === key && setup.data ? (
                          <ChangeAttribution
                            item={item}
                            setup={setup.data}
                            onDone={() => {
                              setChanging(null);
                              person.reload();
                            }}
                          />
                        ) : (
                          <button
                            type="button"
                            aria-label={`Change the funding stream of ${kindLabels[item.kind].toLowerCase()} ${item.label}`}
                            onClick={() => setChanging(key)}
                          >
                            Change
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  );
}
