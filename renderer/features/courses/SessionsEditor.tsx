// A run's sessions: generated on weekdays when the run was planned, then edited here (add a
// Saturday, move a day, remove one that has no register yet). All saved in one go.
import { useState } from 'react';
import type { RunDetail } from '../../../shared/contract/courses.contract';
import type { FieldError } from '../../../shared/result';
import { api } from '../../api/client';
import { ErrorSummary } from '../../components/ErrorSummary';
import { useToasts } from '../../components/Toasts';
import { formatUkDate } from '../../../shared/domain/dates';
import { UkDateInput } from './UkDateInput';

interface Row {
  key: string;
  id?: number;
  sessionDate: string | null;
  startsAt: string;
  endsAt: string;
  label: string;
  marked: number;
}

export function SessionsEditor({ run, canEdit }: { run: RunDetail; canEdit: boolean }) {
  const toRows = () =>
    run.sessions.map((s) => ({
      key: String(s.id),
      id: s.id,
      sessionDate: s.sessionDate,
      startsAt: s.startsAt ?? '',
      endsAt: s.endsAt ?? '',
      label: s.label ?? '',
      marked: s.marked,
    }));
  const [editing, setEditing] = useState(false);
  // While editing, the officer's draft; otherwise the run's sessions as saved.
  const [draft, setDraft] = useState<Row[]>(toRows);
  const rows = editing ? draft : toRows();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const toasts = useToasts();
  const update = (i: number, patch: Partial<Row>) =>
    setDraft((all) => all.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const save = async () => {
    const missing = rows.findIndex((r) => !r.sessionDate);
    if (missing >= 0) {
      setErrors([
        {
          path: ['sessions', missing, 'sessionDate'],
          message: `Session ${missing + 1}: enter a date as day/month/year`,
        },
      ]);
      return;
    }
    const result = await api.call('courses.sessions.save', {
      runId: run.id,
      sessions: rows.map((r) => ({
        ...(r.id ? { id: r.id } : {}),
        sessionDate: r.sessionDate!,
        startsAt: r.startsAt || null,
        endsAt: r.endsAt || null,
        label: r.label || null,
      })),
    });
    if (!result.ok) {
      setErrors(result.error.fields ?? [{ path: ['sessions'], message: result.error.message }]);
      return;
    }
    setErrors([]);
    setEditing(false);
    toasts.show({ kind: 'success', message: 'Sessions saved' });
  };

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">Sessions ({run.sessions.length})</h2>
      <ErrorSummary errors={errors} />
      {!rows.length && !editing && <p>No sessions yet.</p>}
      {(rows.length > 0 || editing) && (
        <table className="data">
          <caption className="visually-hidden">Sessions of this run</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Label</th>
              <th scope="col">Register</th>
              {editing && (
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.key}>
                {editing ? (
                  <>
                    <td>
                      <UkDateInput
                        id={`field-sessions.${i}.sessionDate`}
                        value={r.sessionDate}
                        onChange={(iso) => update(i, { sessionDate: iso })}
                        describedBy={undefined}
                      />
                      <label className="visually-hidden" htmlFor={`field-sessions.${i}.sessionDate`}>
                        Date of session {i + 1}
                      </label>
                    </td>
                    <td>
                      <input
                        aria-label={`Session ${i + 1} starts`}
                        className="input-narrow"
                        value={r.startsAt}
                        onChange={(e) => update(i, { startsAt: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Session ${i + 1} ends`}
                        className="input-narrow"
                        value={r.endsAt}
                        onChange={(e) => update(i, { endsAt: e.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`Session ${i + 1} label`}
                        value={r.label}
                        onChange={(e) => update(i, { label: e.target.value })}
                      />
                    </td>
                    <td>{r.marked ? `${r.marked} marked` : '–'}</td>
                    <td>
                      <button
                        type="button"
                        disabled={r.marked > 0}
                        onClick={() => setDraft((all) => all.filter((_, j) => j !== i))}
                        aria-label={`Remove session ${i + 1}`}
                      >
                        Remove
                      </button>
                    </td>
                  </>
                ) : (
                  <>
                    <td>{formatUkDate(r.sessionDate)}</td>
                    <td>{r.startsAt || '–'}</td>
                    <td>{r.endsAt || '–'}</td>
                    <td>{r.label || '–'}</td>
                    <td>
                      {r.marked ? (
                        <a href={`#/courses/${run.id}/register?session=${r.id}`}>{r.marked} marked</a>
                      ) : (
                        'Not taken'
                      )}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <div className="button-row">
          {editing ? (
            <>
              <button
                type="button"
                onClick={() =>
                  setDraft((all) => [
                    ...all,
                    {
                      key: `new-${Date.now()}`,
                      sessionDate: null,
                      startsAt: all.at(-1)?.startsAt ?? '',
                      endsAt: all.at(-1)?.endsAt ?? '',
                      label: `Day ${all.length + 1}`,
                      marked: 0,
                    },
                  ])
                }
              >
                Add a session
              </button>
              <button type="button" className="primary" onClick={save}>
                Save sessions
              </button>
              <button
                type="button"
                onClick={() => {
                  setEditing(false);
                  setErrors([]);
                }}
              >
                Cancel
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => {
                setDraft(toRows());
                setEditing(true);
              }}
            >
              Change sessions
            </button>
          )}
        </div>
      )}
    </section>
  );
}
