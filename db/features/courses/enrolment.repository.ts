// Queries of enrolment: a run's places and waiting list, and the enrolment rows themselves.
import { sql } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { EnrolmentsTable } from '../../store/tables/courses.tables';
import type { Insertable, Updateable } from 'kysely';

export async function findRun(db: Db, runId: number) {
  return db.selectFrom('course_runs').select(['id', 'capacity', 'status']).where('id', '=', runId).executeTakeFirst();
}

export async function nextWaitingPosition(db: Db, runId: number): Promise<number> {
  const row = await db
    .selectFrom('enrolments')
    .select(sql<number | null>`max(waiting_position)`.as('p'))
    .where('course_run_id', '=', runId)
    .where('status', '=', 'waiting')
    .executeTakeFirst();
  return Number(row?.p ?? 0) + 1;
}

/** The people to enrol, with what decides whether they may be. */
export async function enrolCandidates(db: Db, ids: number[]) {
  return db
    .selectFrom('participants')
    .select(['id', 'first_name', 'last_name', 'eligibility_status', 'status'])
    .where('id', 'in', ids)
    .execute();
}

/** Enrolments these people already have on the run (any status). */
export async function enrolmentsOnRun(db: Db, runId: number, participantIds: number[]) {
  return db
    .selectFrom('enrolments')
    .select(['id', 'participant_id', 'status'])
    .where('course_run_id', '=', runId)
    .where('participant_id', 'in', participantIds)
    .execute();
}

export async function findEnrolment(db: Db, id: number) {
  return db.selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertEnrolment(tx: Tx, values: Insertable<EnrolmentsTable>): Promise<number> {
  const row = await tx.insertInto('enrolments').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Bookkeeping no one edits (the waiting list's numbering): the version stays. */
export async function updateEnrolment(tx: Tx, id: number, values: Updateable<EnrolmentsTable>): Promise<void> {
  await tx.updateTable('enrolments').set(values).where('id', '=', id).execute();
}

/** A change someone made to an enrolment: its version moves on, with who and when. Given the
 * version a form opened, only that version is changed: false when another save came first. */
export async function changeEnrolment(
  tx: Tx,
  id: number,
  values: Updateable<EnrolmentsTable>,
  change: { at: string; staffId: number | null; version?: number },
): Promise<boolean> {
  let q = tx
    .updateTable('enrolments')
    .set({ ...values, version: sql`version + 1`, updated_at: change.at, updated_by: change.staffId })
    .where('id', '=', id);
  if (change.version !== undefined) q = q.where('version', '=', change.version);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}

/** The waiting list in its order. */
export async function waitingList(db: Db, runId: number, limit?: number) {
  let q = db
    .selectFrom('enrolments as e')
    .innerJoin('participants as p', 'p.id', 'e.participant_id')
    .select(['e.id', 'e.participant_id', 'e.waiting_position', 'p.first_name', 'p.last_name'])
    .where('e.course_run_id', '=', runId)
    .where('e.status', '=', 'waiting')
    .orderBy('e.waiting_position')
    .orderBy('e.id');
  if (limit !== undefined) q = q.limit(limit);
  return q.execute();
}
