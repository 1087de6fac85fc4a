// Taking a course session's register: each mark (present, late, absent, excused, with a reason
// when not present) for people on the register of that session, audited per change in the
// caller's transaction.
import type { AttendanceMark } from '../../../shared/contract/courses.contract';
import { formatUkDate } from '../../../shared/domain/dates';
import { AppFailure } from '../../../shared/result';
import type { Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { getRegister, upsertAttendance } from './register.repository';

export async function saveRegister(
  tx: Tx,
  at: string,
  staffId: number | null,
  sessionId: number,
  marks: Array<{ enrolmentId: number; mark: AttendanceMark; reason: string | null }>,
): Promise<{ saved: number; changed: number }> {
  const { session, rows } = await getRegister(tx, sessionId);
  const byEnrolment = new Map(rows.map((r) => [r.enrolmentId, r]));
  for (const [i, m] of marks.entries()) {
    if (!byEnrolment.has(m.enrolmentId))
      throw new AppFailure('validation', 'Some details need correcting.', [
        { path: ['marks', i, 'enrolmentId'], message: 'This person is not on the register for this session' },
      ]);
  }
  let changed = 0;
  for (const m of marks) {
    const before = byEnrolment.get(m.enrolmentId)!;
    const reason = m.mark === 'present' ? null : m.reason;
    if (before.mark === m.mark && (before.reason ?? null) === reason) continue;
    changed++;
    await upsertAttendance(tx, {
      course_session_id: sessionId,
      enrolment_id: m.enrolmentId,
      mark: m.mark,
      reason,
      recorded_at: at,
      recorded_by: staffId,
    });
    await appendAudit(tx, at, staffId, {
      action: before.mark ? 'update' : 'create',
      entity: 'attendance',
      entityId: `${sessionId}:${m.enrolmentId}`,
      participantId: before.participantId,
      summary: `Attendance on ${session.sessionDate} (run ${session.runId}): ${m.mark}${reason ? ` – ${reason}` : ''}`,
      before: before.mark ? { mark: before.mark, reason: before.reason } : undefined,
      after: { mark: m.mark, reason },
    });
  }
  return { saved: marks.length, changed };
}

/** A session's sign-in sheet: the people on its register, to print for them to sign. A printed
 * list of names is personal data leaving the store, so it is recorded as an export is, when the
 * names go to the window to print (whether the print dialog is then printed or cancelled is the
 * operating system's to know, not ours). */
export async function signInSheet(tx: Tx, at: string, staffId: number | null, sessionId: number) {
  const { session, rows } = await getRegister(tx, sessionId);
  await appendAudit(tx, at, staffId, {
    action: 'export',
    entity: 'course_session',
    entityId: String(sessionId),
    summary:
      `Sign-in sheet for ${session.label ? `${session.label}, ` : ''}${formatUkDate(session.sessionDate)} made to print` +
      ` (run ${session.runId}, ${rows.length} people)`,
    after: { runId: session.runId, sessionId, people: rows.length },
  });
  const { sessionDate, startsAt, endsAt, label } = session;
  return {
    session: { sessionDate, startsAt, endsAt, label },
    people: rows.map(({ reference, name }) => ({ reference, name })),
  };
}
