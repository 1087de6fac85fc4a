// Registers: pick a session, "Mark everyone present", then the exceptions from the keyboard:
// ↑/↓ move between people, P / L / A / E mark present, late, absent or excused, and a reason
// box appears for anything but present. Ctrl+S saves. Nothing is saved until you save.
import { useMemo, useState, type KeyboardEvent } from 'react';
import type { AttendanceMark, RegisterRow, RunDetail } from '../../../shared/contract/courses.contract';
import { formatUkDate } from '../../../shared/domain/dates';
import { api } from '../../api/client';
import { useChannel } from '../../api/use-channel';
import { useCan } from '../../app/session-context';
import { EmptyState } from '../../components/EmptyState';
import { useToasts } from '../../components/Toasts';
import { markKeys, markLabels } from './format';

type Draft = Record<number, { mark: AttendanceMark | null; reason: string }>;
const marks = Object.keys(markLabels) as AttendanceMark[];

function defaultSession(run: RunDetail): number | null {
  const today = new Date().toISOString().slice(0, 10);
  const wanted = /session=(\d+)/.exec(window.location.hash)?.[1];
  if (wanted && run.sessions.some((s) => s.id === Number(wanted))) return Number(wanted);
  const open = run.sessions.find((s) => s.marked === 0 && s.sessionDate <= today);
  return (open ?? run.sessions.filter((s) => s.sessionDate <= today).at(-1) ?? run.sessions[0])?.id ?? null;
}

export function RegisterTab({ run }: { run: RunDetail }) {
  const [sessionId, setSessionId] = useState<number | null>(() => defaultSession(run));
  if (!run.sessions.length)
    return <EmptyState title="No sessions">Add sessions on the Details tab to take registers.</EmptyState>;
  return (
    <>
      <h2>Registers</h2>
      <div className="session-picker" role="group" aria-label="Session">
        {run.sessions.map((s) => (
          <button key={s.id} type="button" aria-pressed={s.id === sessionId} onClick={() => setSessionId(s.id)}>
            {s.label ?? 'Session'} {formatUkDate(s.sessionDate)}
            {s.marked ? ' ✓' : ''}
          </button>
        ))}
      </div>
      {sessionId && <Register key={sessionId} sessionId={sessionId} />}
    </>
  );
}

function Register({ sessionId }: { sessionId: number }) {
  const reg = useChannel('courses.register.get', { sessionId });
  const canEdit = useCan('officer');
  const toasts = useToasts();
  const [draft, setDraft] = useState<Draft>({});
  const [saving, setSaving] = useState(false);
  const rows = useMemo<RegisterRow[]>(() => reg.data?.rows ?? [], [reg.data]);
  // The draft restarts from the saved marks each time the register (re)loads.
  const [draftOf, setDraftOf] = useState<RegisterRow[] | null>(null);
  if (draftOf !== rows) {
    setDraftOf(rows);
    setDraft(Object.fromEntries(rows.map((r) => [r.enrolmentId, { mark: r.mark, reason: r.reason ?? '' }])));
  }
  const dirty = rows.some(
    (r) => (draft[r.enrolmentId]?.mark ?? null) !== r.mark || (draft[r.enrolmentId]?.reason ?? '') !== (r.reason ?? ''),
  );
  const setMark = (id: number, mark: AttendanceMark) =>
    setDraft((d) => ({ ...d, [id]: { mark, reason: mark === 'present' ? '' : (d[id]?.reason ?? '') } }));

  const save = async () => {
    const toSave = rows
      .filter((r) => draft[r.enrolmentId]?.mark)
      .map((r) => ({
        enrolmentId: r.enrolmentId,
        mark: draft[r.enrolmentId]!.mark!,
        reason: draft[r.enrolmentId]!.reason || null,
      }));
    if (!toSave.length) {
      toasts.show({ kind: 'error', message: 'Mark at least one person before saving.' });
      return;
    }
    setSaving(true);
    const result = await api.call('courses.register.save', { sessionId, marks: toSave });
    setSaving(false);
    if (!result.ok) toasts.show({ kind: 'error', message: result.error.message });
    else {
      toasts.show({
        kind: 'success',
        message:
          `Register for ${formatUkDate(reg.data!.session.sessionDate)} saved ` +
          `(${result.value.saved} people${rows.length > toSave.length ? `, ${rows.length - toSave.length} not marked` : ''})`,
      });
      reg.reload();
    }
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if ((e.target as HTMLElement).tagName === 'INPUT') {
      if (e.key === 'Escape' || e.key === 'Enter') {
        e.preventDefault();
        focusRow(index, draft[rows[index]!.enrolmentId]?.mark ?? 'present');
      }
      return;
    }
    const mark = markKeys[e.key.toLowerCase()];
    if (mark && !e.ctrlKey && !e.altKey && !e.metaKey && canEdit) {
      e.preventDefault();
      setMark(rows[index]!.enrolmentId, mark);
      requestAnimationFrame(() => focusRow(index, mark));
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)));
      focusRow(next, draft[rows[next]!.enrolmentId]?.mark ?? 'present');
    }
  };

  if (reg.error)
    return (
      <p role="alert" className="error-message">
        {reg.error.message}
      </p>
    );
  if (!reg.data) return <p aria-busy="true">Loading the register…</p>;
  const s = reg.data.session;
  if (!rows.length) return <EmptyState title="Nobody to mark">Nobody holds a place on this run yet.</EmptyState>;
  const counts = marks.map((m) => [m, rows.filter((r) => draft[r.enrolmentId]?.mark === m).length] as const);
  return (
    <section
      aria-labelledby="register-title"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          if (canEdit) void save();
        }
      }}
    >
      <h3 id="register-title">
        Register for {s.label ? `${s.label}, ` : ''}
        {formatUkDate(s.sessionDate)}
      </h3>
      <p className="keys-help">
        Keys: <kbd>↑</kbd> <kbd>↓</kbd> move between people; <kbd>P</kbd> present, <kbd>L</kbd> late, <kbd>A</kbd>{' '}
        absent, <kbd>E</kbd> excused; <kbd>Ctrl</kbd>+<kbd>S</kbd> saves.
      </p>
      {canEdit && (
        <div className="toolbar">
          <button
            type="button"
            onClick={() => {
              setDraft((d) =>
                Object.fromEntries(
                  rows.map((r) => [
                    r.enrolmentId,
                    d[r.enrolmentId]?.mark ? d[r.enrolmentId]! : { mark: 'present' as const, reason: '' },
                  ]),
                ),
              );
              requestAnimationFrame(() => focusRow(0, 'present'));
            }}
          >
            Mark everyone present
          </button>
          <span role="status" className="muted">
            {counts
              .filter(([, n]) => n)
              .map(([m, n]) => `${n} ${markLabels[m].toLowerCase()}`)
              .join(', ') || 'Nobody marked yet'}
            {dirty ? ' – not saved' : ''}
          </span>
        </div>
      )}
      <table className="data register">
        <caption className="visually-hidden">Attendance</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Reference</th>
            <th scope="col">Mark</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const d = draft[r.enrolmentId];
            return (
              <tr key={r.enrolmentId} data-row={i} onKeyDown={(e) => onRowKey(e, i)}>
                <th scope="row">{r.name}</th>
                <td>{r.reference}</td>
                <td>
                  <div className="mark-buttons" role="group" aria-label={`Attendance of ${r.name}`}>
                    {marks.map((m) => (
                      <button
                        key={m}
                        type="button"
                        className={`mark-${m}`}
                        data-mark={m}
                        aria-pressed={d?.mark === m}
                        disabled={!canEdit}
                        onClick={() => setMark(r.enrolmentId, m)}
                        title={markLabels[m]}
                      >
                        <span aria-hidden="true">{markLabels[m][0]}</span>
                        <span className="visually-hidden">{markLabels[m]}</span>
                      </button>
                    ))}
                  </div>
                </td>
                <td>
                  {d?.mark && d.mark !== 'present' ? (
                    <input
                      type="text"
                      aria-label={`Reason ${r.name} was ${markLabels[d.mark].toLowerCase()}`}
                      value={d.reason}
                      disabled={!canEdit}
                      onChange={(e) =>
                        setDraft((all) => ({
                          ...all,
                          [r.enrolmentId]: { ...all[r.enrolmentId]!, reason: e.target.value },
                        }))
                      }
                    />
                  ) : (
                    <span className="muted">{d?.mark ? '' : 'Not marked'}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {canEdit && (
        <div className="button-row">
          <button type="button" className="primary" disabled={saving} onClick={save}>
            Save register
          </button>
        </div>
      )}
    </section>
  );
}

function focusRow(index: number, mark: AttendanceMark): void {
  document.querySelector<HTMLButtonElement>(`tr[data-row="${index}"] button[data-mark="${mark}"]`)?.focus();
}
