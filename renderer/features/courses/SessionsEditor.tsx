// A run's sessions: generated on weekdays when the run was planned, then edited here (add a
// Saturday, move a day, remove one that has no register yet). All saved in one go.
import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import type { RunDetail } from '../../../shared/contract/courses.contract';
import { useToasts } from '../../components/Toasts';
import { Form } from '../../components/form/Form';
import { DateField } from '../../components/form/ControlledFields';
import { useContractForm } from '../../components/form/use-contract-form';
import { toCode } from '../../components/form/values';
import { formatUkDate } from '../../../shared/domain/dates';
import { coursesRoutes } from './courses.routes';
import { TableScroll } from '../../components/TableScroll';

export function SessionsEditor({ run, canEdit }: { run: RunDetail; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions ({run.sessions.length})</h2>
      {editing ? (
        <SessionsForm run={run} onDone={() => setEditing(false)} />
      ) : (
        <>
          {run.sessions.length ? (
            <TableScroll>
              <table className="data">
                <caption className="visually-hidden">Sessions of this run</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">From</th>
                    <th scope="col">To</th>
                    <th scope="col">Label</th>
                    <th scope="col">Register</th>
                  </tr>
                </thead>
                <tbody>
                  {run.sessions.map((s) => (
                    <tr key={s.id}>
                      <td>{formatUkDate(s.sessionDate)}</td>
                      <td>{s.startsAt || '–'}</td>
                      <td>{s.endsAt || '–'}</td>
                      <td>{s.label || '–'}</td>
                      <td>
                        {s.marked ? (
                          <a href={coursesRoutes.run.href({ id: run.id, tab: 'register' }, { session: s.id })}>
                            {s.marked} marked
                          </a>
                        ) : (
                          'Not taken'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : (
            <p>No sessions yet.</p>
          )}
          {canEdit && (
            <div className="button-row">
              <button type="button" onClick={() => setEditing(true)}>
                Change sessions
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function SessionsForm({ run, onDone }: { run: RunDetail; onDone(): void }) {
  const toasts = useToasts();
  const marked = new Map(run.sessions.map((s) => [s.id, s.marked]));
  const f = useContractForm('courses.sessions.save', {
    defaultValues: {
      runId: run.id,
      sessions: run.sessions.map((s) => ({
        id: s.id,
        sessionDate: s.sessionDate,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        label: s.label,
      })),
    },
    messages: ([list, i, field]) =>
      list === 'sessions' && typeof i === 'number' && field === 'sessionDate'
        ? `Session ${i + 1}: enter a date as day/month/year`
        : undefined,
    onSuccess: () => {
      toasts.show({ kind: 'success', message: 'Sessions saved' });
      onDone();
    },
  });
  const { control, register, getValues } = f.form;
  // react-hook-form's own row keys; the session's id stays in the values.
  const rows = useFieldArray({ control, name: 'sessions' });

  return (
    <Form of={f} aria-label="Sessions">
      <TableScroll>
        <table className="data">
          <caption className="visually-hidden">Sessions of this run</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Label</th>
              <th scope="col">Register</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.fields.map((row, i) => {
              const id = getValues(`sessions.${i}.id`);
              const taken = id ? (marked.get(id) ?? 0) : 0;
              return (
                <tr key={row.id}>
                  <td>
                    <DateField
                      name={`sessions.${i}.sessionDate`}
                      label={`Date of session ${i + 1}`}
                      hideLabel
                      className="in-table"
                      blank=""
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Session ${i + 1} starts`}
                      className="input-narrow"
                      {...register(`sessions.${i}.startsAt`, { setValueAs: toCode })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`Session ${i + 1} ends`}
                      className="input-narrow"
                      {...register(`sessions.${i}.endsAt`, { setValueAs: toCode })}
                    />
                  </td>
                  <td>
                    <input aria-label={`Session ${i + 1} label`} {...register(`sessions.${i}.label`)} />
                  </td>
                  <td>{taken ? `${taken} marked` : '–'}</td>
                  <td>
                    <button
                      type="button"
                      disabled={taken > 0}
                      onClick={() => rows.remove(i)}
                      aria-label={`Remove session ${i + 1}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <div className="button-row">
        <button
          type="button"
          onClick={() => {
            const last = getValues('sessions').at(-1);
            rows.append({
              sessionDate: '',
              startsAt: last?.startsAt ?? null,
              endsAt: last?.endsAt ?? null,
              label: `Day ${rows.fields.length + 1}`,
            });
          }}
        >
          Add a session
        </button>
        <button type="submit" className="primary" disabled={f.saving}>
          Save sessions
        </button>
        <button type="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </Form>
  );
}
