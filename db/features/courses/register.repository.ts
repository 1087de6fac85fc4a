// Queries of enrolment lists, people to enrol, and session registers with attendance rates, and
// the attendance rows a register is saved to (the rules are register.service.ts's).
import { sql, type Insertable } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { EnrolCandidate, EnrolmentRow, RegisterRow } from '../../../shared/contract/courses.contract';
import { attendanceRate } from '../../../shared/domain/course-sessions';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import type { AttendanceTable } from '../../store/tables/courses.tables';
import { applyGridFilters, applyGridPage, applyGridSort, gridColumns, textMatches } from '../grid/grid-query';

/** Attendance counts per enrolment of a run: present, late, absent (excused left out). */
export async function attendanceByEnrolment(db: Db, runId: number): Promise<Map<number, number | null>> {
  const rows = await db
    .selectFrom('attendance as a')
    .innerJoin('enrolments as e', 'e.id', 'a.enrolment_id')
    .select([
      'a.enrolment_id as enrolmentId',
      sql<number>`count(case when a.mark = 'present' then 1 end)`.as('present'),
      sql<number>`count(case when a.mark = 'late' then 1 end)`.as('late'),
      sql<number>`count(case when a.mark = 'absent' then 1 end)`.as('absent'),
    ])
    .where('e.course_run_id', '=', runId)
    .groupBy('a.enrolment_id')
    .execute();
  return new Map(
    rows.map((r) => [
      r.enrolmentId,
      attendanceRate({ present: Number(r.present), late: Number(r.late), absent: Number(r.absent) }),
    ]),
  );
}

export async function listEnrolments(db: Db, runId: number): Promise<EnrolmentRow[]> {
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('participants as p', 'p.id', 'e.participant_id')
    .select([
      'e.id as enrolmentId',
      'e.participant_id as participantId',
      'p.reference',
      sql<string>`p.first_name || ' ' || p.last_name`.as('name'),
      'p.phone',
      'p.eligibility_status as eligibilityStatus',
      'e.status',
      'e.waiting_position as waitingPosition',
      'e.enrolled_on as enrolledOn',
      'e.eligibility_override_reason as overrideReason',
      'e.withdrawn_on as withdrawnOn',
      'e.withdrawn_reason as withdrawnReason',
      'e.version',
      'e.completed_on as completedOn',
    ])
    .where('e.course_run_id', '=', runId)
    .orderBy(sql`case e.status when 'waiting' then 1 when 'withdrawn' then 2 else 0 end`)
    .orderBy('e.waiting_position')
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  const rates = await attendanceByEnrolment(db, runId);
  return rows.map((r) => ({ ...r, attendanceRate: rates.get(r.enrolmentId) ?? null }));
}

export const enrolCandidateGridColumns = gridColumns<EnrolCandidate>({
  reference: { sql: 'p.reference', filter: 'text' },
  firstName: { sql: 'p.first_name', filter: 'text' },
  lastName: { sql: 'p.last_name', filter: 'text' },
  dateOfBirth: { sql: 'p.date_of_birth', filter: 'date' },
  postcode: { sql: 'p.postcode', filter: 'text' },
  eligibilityStatus: { sql: 'p.eligibility_status', filter: 'text' },
  inRun: { sql: 'e.status', filter: 'text' },
});

export async function pageEnrolCandidates(
  db: Db,
  runId: number,
  query: GridQuery,
): Promise<{ rows: EnrolCandidate[]; total: number }> {
  let base = db
    .selectFrom('participants as p')
    .leftJoin('enrolments as e', (j) => j.onRef('e.participant_id', '=', 'p.id').on('e.course_run_id', '=', runId))
    .where('p.status', 'not in', ['merged', 'anonymised']);
  const words = query.search.trim().split(/\s+/).filter(Boolean).slice(0, 4);
  for (const w of words) {
    const prefixes = ['p.reference', 'p.last_name', 'p.first_name', 'p.preferred_name'].map((c) =>
      textMatches(c, w, 'startsWith'),
    );
    base = base.where(sql<boolean>`(${sql.join(prefixes, sql` or `)})`);
  }
  if (query.preset === 'eligible') base = base.where('p.eligibility_status', '=', 'eligible');
  base = applyGridFilters(base, enrolCandidateGridColumns, query.filters);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = base.select([
    'p.id',
    'p.reference',
    'p.first_name as firstName',
    'p.last_name as lastName',
    'p.date_of_birth as dateOfBirth',
    'p.postcode',
    'p.eligibility_status as eligibilityStatus',
    'e.status as inRun',
  ]);
  const sorted = applyGridSort(rows, enrolCandidateGridColumns, query.sort, (q) =>
    q.orderBy('p.last_name').orderBy('p.first_name').orderBy('p.id'),
  );
  return { rows: await applyGridPage(sorted, query).execute(), total: Number(total.n) };
}

export async function getRegister(db: Db, sessionId: number) {
  const session = await db
    .selectFrom('course_sessions')
    .select([
      'id',
      'course_run_id as runId',
      'session_date as sessionDate',
      'starts_at as startsAt',
      'ends_at as endsAt',
      'label',
    ])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!session) throw new AppFailure('not-found', 'That session does not exist.');
  const rows = await db
    .selectFrom('enrolments as e')
    .innerJoin('participants as p', 'p.id', 'e.participant_id')
    .leftJoin('attendance as a', (j) =>
      j.onRef('a.enrolment_id', '=', 'e.id').on('a.course_session_id', '=', sessionId),
    )
    .select([
      'e.id as enrolmentId',
      'e.participant_id as participantId',
      'p.reference',
      sql<string>`p.first_name || ' ' || p.last_name`.as('name'),
      'e.status',
      'a.mark',
      'a.reason',
    ])
    .where('e.course_run_id', '=', session.runId)
    // People with a place, plus anyone withdrawn after this session or already marked on it.
    .where((eb) =>
      eb.or([
        eb('e.status', 'in', ['enrolled', 'completed', 'not_completed']),
        eb.and([eb('e.status', '=', 'withdrawn'), eb('e.withdrawn_on', '>', session.sessionDate)]),
        eb('a.id', 'is not', null),
      ]),
    )
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .execute();
  return { session, rows: rows as RegisterRow[] };
}

/** Records one mark (a second mark of the same person on the same session replaces the first). */
export async function upsertAttendance(tx: Tx, row: Insertable<AttendanceTable>): Promise<void> {
  const { mark, reason, recorded_at, recorded_by } = row;
  await tx
    .insertInto('attendance')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['course_session_id', 'enrolment_id']).doUpdateSet({ mark, reason, recorded_at, recorded_by }),
    )
    .execute();
}
