// Registers: pick a session, "Mark everyone present", then the exceptions from the keyboard:
// ↑/↓ move between people, P / L / A / E mark present, late, absent or excused, and a reason
// box appears for anything but present. Ctrl+S saves. Nothing is saved until you save. A sign-in
// sheet of the session can be printed for the learners to sign on paper (SignInSheet.tsx).
import type { KeyboardEvent } from 'react';
import { z } from 'zod';
import type { ChannelOutput } from '../../../shared/contract/index';
import { attendanceMarks, type AttendanceMark, type RunDetail } from '../../../shared/contract/courses.contract';
import { formatUkDate } from '../../../shared/domain/dates';
import { useChannel } from '../../api/use-channel';
import { Form } from '../../components/form/Form';
import { useContractForm } from '../../components/form/use-contract-form';
import { useSearchParam } from '../../app/router';
import { int } from '../../app/route';
import { useCan } from '../../app/session-context';
import { EmptyState } from '../../components/EmptyState';
import { useToasts } from '../../components/Toasts';
import { markKeys, markLabels } from './format';
import { TableScroll } from '../../components/TableScroll';
import { PrintSignInSheetButton } from './SignInSheet';

const marks = Object.keys(markLabels) as AttendanceMark[];

function defaultSession(run: RunDetail, wanted: number | undefined): number | null {
  const today = new Date().toISOString().slice(0, 10);
  if (wanted && run.sessions.some((s) => s.id === wanted)) return wanted;
  const open = run.sessions.find((s) => s.marked === 0 && s.sessionDate <= today);
  return (open ?? run.sessions.filter((s) => s.sessionDate <= today).at(-1) ?? run.sessions[0])?.id ?? null;
}

export function RegisterTab({ run }: { run: RunDetail }) {
  // The session comes from the address (?session=12, a link from the sessions list) and the
  // one chosen is kept there, so Back and a reload return to it.
  const [asked, setAsked] = useSearchParam('session');
  const sessionId = defaultSession(run, asked ? int.parse(asked) : undefined);
  const setSessionId = (id: number) => setAsked(id);
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
      {sessionId && <Register key={sessionId} run={run} sessionId={sessionId} />}
    </>
  );
}

/** What the register form holds: a mark (or none yet) and a reason for each person. */
const registerForm = z
  .object({
    rows: z.array(z.object({ enrolmentId: z.number(), mark: z.enum(attendanceMarks).nullable(), reason: z.string() })),
  })
  .refine((v) => v.rows.some((r) => r.mark), { path: ['rows'], message: 'Mark at least one person before saving.' });
type MarkedRow = { enrolmentId: number; mark: AttendanceMark; reason: string };
const marked = (rows: Array<{ enrolmentId: number; mark: AttendanceMark | null; reason: string }>) =>
  rows.filter((r): r is MarkedRow => r.mark !== null);

function Register({ run, sessionId }: { run: RunDetail; sessionId: number }) {
  const reg = useChannel('courses.register.get', { sessionId });
  if (reg.error)
    return (
      <p role="alert" className="error-message">
        {reg.error.message}
      </p>
    );
  if (!reg.data) return <p aria-busy="true">Loading the register…</p>;
  if (!reg.data.rows.length)
    return <EmptyState title="Nobody to mark">Nobody holds a place on this run yet.</EmptyState>;
  // A fresh form whenever the saved register changes.
  return <RegisterForm key={JSON.stringify(reg.data.rows)} run={run} data={reg.data} onSaved={reg.reload} />;
}

function RegisterForm({
  run,
  data,
  onSaved,
}: {
  run: RunDetail;
  data: ChannelOutput<'courses.register.get'>;
  onSaved(): void;
}) {
  const canEdit = useCan('officer');
  const toasts = useToasts();
  const rows = data.rows;
  const s = data.session;
  const f = useContractForm('courses.register.save', {
    schema: registerForm,
    defaultValues: { rows: rows.map((r) => ({ enrolmentId: r.enrolmentId, mark: r.mark, reason: r.reason ?? '' })) },
    toInput: (v) => ({
      sessionId: s.id,
      marks: marked(v.rows).map((r) => ({ enrolmentId: r.enrolmentId, mark: r.mark, reason: r.reason || null })),
    }),
    // The backend counts the marks it was sent; point its errors at the people on screen.
    fieldFor: (path, v) => {
      const at = path[0] === 'marks' && typeof path[1] === 'number' ? v.rows.indexOf(marked(v.rows)[path[1]]!) : -1;
      return at >= 0 ? `rows.${at}.${path[2] === 'reason' ? 'reason' : 'mark'}` : null;
    },
    onSuccess: (saved, input, form) => {
      const unmarked = rows.length - input.marks.length;
      toasts.show({
        kind: 'success',
        message: `Register for ${formatUkDate(s.sessionDate)} saved (${saved.saved} people${unmarked ? `, ${unmarked} not marked` : ''})`,
      });
      form.reset(form.values);
      onSaved();
    },
  });
  const { register, setValue, watch } = f.form;
  const draft = watch('rows');
  const dirty = f.form.formState.isDirty;
  const setMark = (index: number, mark: AttendanceMark) => {
    setValue(`rows.${index}.mark`, mark, { shouldDirty: true });
    if (mark === 'present') setValue(`rows.${index}.reason`, '', { shouldDirty: true });
  };

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number) => {
    if ((e.target as HTMLElement).tagName === 'INPUT') {
      if (e.key === 'Escape' || e.key === 'Enter') {
        e.preventDefault();
        focusRow(index, draft[index]?.mark ?? 'present');
      }
      return;
    }
    const mark = markKeys[e.key.toLowerCase()];
    if (mark && !e.ctrlKey && !e.altKey && !e.metaKey && canEdit) {
      e.preventDefault();
      setMark(index, mark);
      requestAnimationFrame(() => focusRow(index, mark));
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)));
      focusRow(next, draft[next]?.mark ?? 'present');
    }
  };

  const counts = marks.map((m) => [m, draft.filter((d) => d.mark === m).length] as const);
  return (
    <section
      aria-labelledby="register-title"
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault();
          if (canEdit) void f.submit();
        }
      }}
    >
      <Form
        of={f}
        aria-labelledby="register-title"
        heading={
          <h3 id="register-title">
            Register for {s.label ? `${s.label}, ` : ''}
            {formatUkDate(s.sessionDate)}
          </h3>
        }
      >
        <p className="keys-help">
          Keys: <kbd>↑</kbd> <kbd>↓</kbd> move between people; <kbd>P</kbd> present, <kbd>L</kbd> late, <kbd>A</kbd>{' '}
          absent, <kbd>E</kbd> excused; <kbd>Ctrl</kbd>+<kbd>S</kbd> saves.
        </p>
        {canEdit && (
          <div className="toolbar">
            <button
              type="button"
              onClick={() => {
                draft.forEach((d, i) => {
                  if (!d.mark) setMark(i, 'present');
                });
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
            <PrintSignInSheetButton run={run} sessionId={s.id} />
          </div>
        )}
        <TableScroll>
          <table className="data register" id="field-rows" tabIndex={-1}>
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
                const d = draft[i];
                return (
                  <tr key={r.enrolmentId} data-row={i} onKeyDown={(e) => onRowKey(e, i)}>
                    <th scope="row">{r.name}</th>
                    <td className="unbroken">{r.reference}</td>
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
                            onClick={() => setMark(i, m)}
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
                          id={`field-rows.${i}.reason`}
                          aria-label={`Reason ${r.name} was ${markLabels[d.mark].toLowerCase()}`}
                          disabled={!canEdit}
                          {...register(`rows.${i}.reason`)}
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
        </TableScroll>
        {canEdit && (
          <div className="button-row">
            <button type="submit" className="primary" disabled={f.saving}>
              Save register
            </button>
          </div>
        )}
      </Form>
    </section>
  );
}

function focusRow(index: number, mark: AttendanceMark): void {
  document.querySelector<HTMLButtonElement>(`tr[data-row="${index}"] button[data-mark="${mark}"]`)?.focus();
}
