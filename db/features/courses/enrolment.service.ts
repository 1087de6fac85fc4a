// Enrolment: places up to the run's capacity, then a waiting list in order; only eligible people
// unless the officer gives a reason (kept on the enrolment and in the audit log); withdrawals
// free a place, which goes to the first person waiting.
import { staleRecordFailure } from '../staff/stale-record';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { countSeats } from './course-run.repository';
import {
  enrolCandidates,
  enrolmentsOnRun,
  findEnrolment,
  findRun,
  insertEnrolment,
  nextWaitingPosition,
  updateEnrolment,
  changeEnrolment,
  waitingList,
} from './enrolment.repository';

export interface EnrolResult {
  enrolled: number;
  waiting: number;
  skipped: Array<{ participantId: number; reason: string }>;
}

const fullName = (p: { first_name: string; last_name: string }) => `${p.first_name} ${p.last_name}`;

async function openRun(db: Db, runId: number) {
  const run = await findRun(db, runId);
  if (!run) throw new AppFailure('not-found', 'That course run does not exist.');
  return run;
}

export async function enrol(
  tx: Tx,
  at: string,
  today: string,
  staffId: number | null,
  runId: number,
  participantIds: number[],
  overrideReason: string | null,
): Promise<EnrolResult> {
  const run = await openRun(tx, runId);
  if (run.status === 'cancelled' || run.status === 'completed')
    throw new AppFailure('conflict', `This run is ${run.status}; nobody more can be enrolled.`);
  const ids = [...new Set(participantIds)];
  const people = await enrolCandidates(tx, ids);
  if (people.length !== ids.length)
    throw new AppFailure('validation', 'Some details need correcting.', [
      { path: ['participantIds'], message: 'Some of the people chosen no longer exist' },
    ]);
  const byId = new Map(people.map((p) => [p.id, p]));
  const notEligible = people.filter(
    (p) => p.eligibility_status !== 'eligible' && p.status !== 'merged' && p.status !== 'anonymised',
  );
  if (notEligible.length && !overrideReason) {
    const names =
      notEligible.slice(0, 5).map(fullName).join(', ') +
      (notEligible.length > 5 ? ` and ${notEligible.length - 5} more` : '');
    throw new AppFailure('validation', 'Some details need correcting.', [
      {
        path: ['overrideReason'],
        message: `${names} ${notEligible.length === 1 ? 'is' : 'are'} not confirmed eligible: give a reason to enrol anyway, or leave them out`,
      },
    ]);
  }
  const existing = await enrolmentsOnRun(tx, runId, ids);
  const existingBy = new Map(existing.map((e) => [e.participant_id, e]));
  let seats = await countSeats(tx, runId);
  let position = await nextWaitingPosition(tx, runId);
  const result: EnrolResult = { enrolled: 0, waiting: 0, skipped: [] };

  for (const id of ids) {
    const p = byId.get(id)!;
    if (p.status === 'merged' || p.status === 'anonymised') {
      result.skipped.push({ participantId: id, reason: `${fullName(p)}'s record is ${p.status}` });
      continue;
    }
    const prior = existingBy.get(id);
    if (prior && prior.status !== 'withdrawn') {
      result.skipped.push({
        participantId: id,
        reason: `${fullName(p)} is already ${prior.status === 'waiting' ? 'on the waiting list' : 'on this run'}`,
      });
      continue;
    }
    const takesSeat = seats < run.capacity;
    const values = {
      status: takesSeat ? ('enrolled' as const) : ('waiting' as const),
      waiting_position: takesSeat ? null : position,
      enrolled_on: today,
      eligibility_override_reason: p.eligibility_status === 'eligible' ? null : overrideReason,
      withdrawn_on: null,
      withdrawn_reason: null,
      completed_on: null,
    };
    let enrolmentId: number;
    if (prior) {
      await changeEnrolment(tx, prior.id, values, { at, staffId });
      enrolmentId = prior.id;
    } else {
      enrolmentId = await insertEnrolment(tx, {
        ...values,
        course_run_id: runId,
        participant_id: id,
        created_at: at,
        created_by: staffId,
      });
    }
    if (takesSeat) {
      seats++;
      result.enrolled++;
    } else {
      position++;
      result.waiting++;
    }
    const override = values.eligibility_override_reason
      ? ` (eligibility ${p.eligibility_status}; override: ${values.eligibility_override_reason})`
      : '';
    await appendAudit(tx, at, staffId, {
      action: prior ? 'update' : 'create',
      entity: 'enrolment',
      entityId: enrolmentId,
      participantId: id,
      summary: `${takesSeat ? 'Enrolled on' : `Added to the waiting list (position ${values.waiting_position}) of`} course run ${runId}${override}`,
      after: { course_run_id: runId, ...values },
    });
  }
  return result;
}

/** Renumbers the waiting list 1..n in its current order. */
async function renumberWaiting(tx: Tx, runId: number): Promise<void> {
  const waiting = await waitingList(tx, runId);
  for (const [i, w] of waiting.entries())
    if (w.waiting_position !== i + 1) await updateEnrolment(tx, w.id, { waiting_position: i + 1 });
}

/** Gives free places to the people waiting, first come first served. Returns who got one. */
export async function fillFromWaitingList(
  tx: Tx,
  at: string,
  staffId: number | null,
  runId: number,
): Promise<Array<{ participantId: number; name: string }>> {
  const run = await openRun(tx, runId);
  if (run.status === 'cancelled' || run.status === 'completed') return [];
  const free = run.capacity - (await countSeats(tx, runId));
  if (free <= 0) return [];
  const next = await waitingList(tx, runId, free);
  for (const n of next) {
    await changeEnrolment(tx, n.id, { status: 'enrolled', waiting_position: null }, { at, staffId });
    await appendAudit(tx, at, staffId, {
      action: 'update',
      entity: 'enrolment',
      entityId: n.id,
      participantId: n.participant_id,
      summary: `Place offered from the waiting list (was position ${n.waiting_position}) on course run ${runId}`,
      before: { status: 'waiting', waiting_position: n.waiting_position },
      after: { status: 'enrolled', waiting_position: null },
    });
  }
  if (next.length) await renumberWaiting(tx, runId);
  return next.map((n) => ({ participantId: n.participant_id, name: fullName(n) }));
}

export async function withdraw(
  tx: Tx,
  at: string,
  staffId: number | null,
  enrolmentId: number,
  reason: string,
  on: string,
  version: number,
) {
  const e = await findEnrolment(tx, enrolmentId);
  if (!e) throw new AppFailure('not-found', 'That enrolment does not exist.');
  // Opened before a colleague's change (the same refusal as every other record's, with who and when).
  if (e.version !== version) throw await staleRecordFailure(tx, e);
  if (e.status === 'withdrawn') throw new AppFailure('conflict', 'This person has already been withdrawn.');
  const after = { status: 'withdrawn' as const, waiting_position: null, withdrawn_on: on, withdrawn_reason: reason };
  if (!(await changeEnrolment(tx, enrolmentId, after, { at, staffId, version })))
    throw await staleRecordFailure(tx, (await findEnrolment(tx, enrolmentId)) ?? e);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'enrolment',
    entityId: enrolmentId,
    participantId: e.participant_id,
    summary: `Withdrawn from course run ${e.course_run_id}: ${reason}`,
    before: { status: e.status, waiting_position: e.waiting_position },
    after,
  });
  if (e.status === 'waiting') {
    await renumberWaiting(tx, e.course_run_id);
    return { promoted: null };
  }
  const promoted = await fillFromWaitingList(tx, at, staffId, e.course_run_id);
  return { promoted: promoted[0] ?? null };
}

export async function promote(tx: Tx, at: string, staffId: number | null, enrolmentId: number): Promise<void> {
  const e = await findEnrolment(tx, enrolmentId);
  if (!e) throw new AppFailure('not-found', 'That enrolment does not exist.');
  if (e.status !== 'waiting') throw new AppFailure('conflict', 'This person is not on the waiting list.');
  const run = await openRun(tx, e.course_run_id);
  if ((await countSeats(tx, run.id)) >= run.capacity)
    throw new AppFailure(
      'conflict',
      `The run is full (${run.capacity} places): raise the capacity or withdraw someone first.`,
    );
  await changeEnrolment(tx, enrolmentId, { status: 'enrolled', waiting_position: null }, { at, staffId });
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'enrolment',
    entityId: enrolmentId,
    participantId: e.participant_id,
    summary: `Place offered from the waiting list ahead of order (was position ${e.waiting_position})`,
    before: { status: 'waiting', waiting_position: e.waiting_position },
    after: { status: 'enrolled', waiting_position: null },
  });
  await renumberWaiting(tx, run.id);
}
