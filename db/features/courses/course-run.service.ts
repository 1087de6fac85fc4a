// Course runs and their sessions: plan and change a run (its course, provider and funding stream
// must exist; its capacity never below the places taken) and edit its sessions (generated on
// weekdays, then edited by the officer; a session with a register taken stays). Audited in the
// caller's transaction.
import type { z } from 'zod';
import type { runCreateSchema, runUpdateSchema } from '../../../shared/contract/courses.contract';
import { sessionDaysBetween } from '../../../shared/domain/course-sessions';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import { assertProvider } from './catalogue.repository';
import {
  countSeats,
  countWithoutResult,
  courseTypeExists,
  deleteSessions,
  findRunRow,
  fundingStreamExists,
  insertRun,
  insertSessions,
  sessionsWithMarks,
  updateRunRow,
  updateSession,
} from './course-run.repository';

type RunFields = z.output<typeof runUpdateSchema>;

async function checkRunRefs(db: Db, input: Omit<RunFields, 'id'>): Promise<void> {
  if (!(await courseTypeExists(db, input.courseTypeId)))
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['courseTypeId'], message: 'Choose a course from the catalogue' },
    ]);
  await assertProvider(db, input.providerOrgId, 'providerOrgId');
  if (input.fundingStreamId !== null && !(await fundingStreamExists(db, input.fundingStreamId)))
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['fundingStreamId'], message: 'Choose a funding stream from the list' },
    ]);
}

function runValues(input: Omit<RunFields, 'id'>, at: string) {
  return {
    course_type_id: input.courseTypeId,
    provider_org_id: input.providerOrgId,
    venue: input.venue,
    start_date: input.startDate,
    end_date: input.endDate,
    capacity: input.capacity,
    tutor: input.tutor,
    funding_stream_id: input.fundingStreamId,
    status: input.status,
    notes: input.notes,
    updated_at: at,
  };
}

export async function createRun(
  tx: Tx,
  at: string,
  staffId: number | null,
  input: z.output<typeof runCreateSchema>,
): Promise<number> {
  await checkRunRefs(tx, input);
  const values = { ...runValues(input, at), created_at: at };
  const id = await insertRun(tx, values);
  const dates = input.generateSessions ? sessionDaysBetween(input.startDate, input.endDate) : [];
  await insertSessions(
    tx,
    dates.map((d, i) => ({
      course_run_id: id,
      session_date: d,
      starts_at: input.sessionStartsAt,
      ends_at: input.sessionEndsAt,
      label: `Day ${i + 1}`,
    })),
  );
  await appendAudit(tx, at, staffId, {
    action: 'create',
    entity: 'course_run',
    entityId: id,
    summary: `Course run planned for ${input.startDate} with ${dates.length} sessions`,
    after: values,
  });
  return id;
}

export async function updateRun(tx: Tx, at: string, staffId: number | null, input: RunFields): Promise<void> {
  const before = await findRunRow(tx, input.id);
  if (!before) throw new AppFailure('not-found', 'That course run does not exist.');
  await checkRunRefs(tx, input);
  const seats = await countSeats(tx, input.id);
  if (input.capacity < seats) {
    throw new AppFailure('validation', 'Some details need correcting.', [
      {
        path: ['capacity'],
        message: `${seats} people already hold places: withdraw someone before lowering the capacity below ${seats}`,
      },
    ]);
  }
  const values = runValues(input, at);
  await updateRunRow(tx, input.id, values);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'course_run',
    entityId: input.id,
    summary: 'Course run changed',
    ...changedFields(before as unknown as Record<string, unknown>, values),
  });
}

export async function saveSessions(
  tx: Tx,
  at: string,
  staffId: number | null,
  runId: number,
  sessions: Array<{
    id?: number | undefined;
    sessionDate: string;
    startsAt: string | null;
    endsAt: string | null;
    label: string | null;
  }>,
): Promise<void> {
  if (!(await findRunRow(tx, runId))) throw new AppFailure('not-found', 'That course run does not exist.');
  const existing = await sessionsWithMarks(tx, runId);
  const keep = new Set(sessions.map((s) => s.id).filter((id): id is number => id !== undefined));
  for (const [i, s] of sessions.entries()) {
    if (s.id !== undefined && !existing.some((e) => e.id === s.id)) {
      throw new AppFailure('validation', 'Some details need correcting.', [
        { path: ['sessions', i, 'sessionDate'], message: 'This session belongs to another run' },
      ]);
    }
  }
  const removed = existing.filter((e) => !keep.has(e.id));
  const marked = removed.find((e) => e.marked > 0);
  if (marked)
    throw new AppFailure(
      'conflict',
      `The session on ${marked.session_date.split('-').reverse().join('/')} has a register taken; it cannot be removed.`,
    );
  await deleteSessions(
    tx,
    removed.map((e) => e.id),
  );
  for (const s of sessions) {
    const values = { session_date: s.sessionDate, starts_at: s.startsAt, ends_at: s.endsAt, label: s.label };
    if (s.id === undefined) await insertSessions(tx, [{ ...values, course_run_id: runId }]);
    else await updateSession(tx, s.id, values);
  }
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'course_run',
    entityId: runId,
    summary: `Sessions changed: ${sessions.length} sessions (${removed.length} removed)`,
    before: existing.map(({ marked: _m, ...e }) => e),
    after: sessions,
  });
}

/** Marks a run completed once every person holding a place has a course result (the Results tab
 * offers it then); a cancelled or already completed run is left as it is. */
export async function completeRun(tx: Tx, at: string, staffId: number | null, id: number): Promise<void> {
  const run = await findRunRow(tx, id);
  if (!run) throw new AppFailure('not-found', 'That course run does not exist.');
  if (run.status === 'cancelled') throw new AppFailure('conflict', 'This run was cancelled; it cannot be completed.');
  if (run.status === 'completed') return;
  const waiting = await countWithoutResult(tx, id);
  if (waiting)
    throw new AppFailure(
      'conflict',
      `${waiting} ${waiting === 1 ? 'person has' : 'people have'} no course result yet: record whether they completed first.`,
    );
  await updateRunRow(tx, id, { status: 'completed', updated_at: at });
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'course_run',
    entityId: id,
    summary: 'Course run marked completed: every result is in',
    before: { status: run.status },
    after: { status: 'completed' },
  });
}
