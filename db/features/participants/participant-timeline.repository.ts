// Queries of a person's timeline and change history: the rows of each table about them, and the
// audit entries about their record and the records merged into it.
import { sql } from 'kysely';
import type { Db } from '../../store/schema';
import type { Role } from '../../../shared/contract/define';
import { textAs } from '../../store/tables/readable-columns';
import { findParticipant } from './participants.repository';

/** The person's own id and every record merged into it (and into those, and so on). */
export async function personIds(db: Db, id: number): Promise<number[]> {
  const rows = await sql<{
    id: number;
  }>`with recursive m(id) as (select cast(${id} as integer) union select p.id from participants p join m on p.merged_into_id = m.id) select id from m`.execute(
    db,
  );
  return rows.rows.map((r) => r.id);
}

/** Attendance marks of each enrolment, counted ("3 present, 1 late"), by enrolment id. */
async function attendanceMarks(
  db: Db,
  enrolmentIds: number[],
): Promise<Map<number, Array<{ mark: string; n: number }>>> {
  const out = new Map<number, Array<{ mark: string; n: number }>>();
  if (!enrolmentIds.length) return out;
  const rows = await db
    .selectFrom('attendance')
    .select(['enrolment_id', 'mark', (eb) => eb.fn.countAll<number>().as('n')])
    .where('enrolment_id', 'in', enrolmentIds)
    .groupBy(['enrolment_id', 'mark'])
    .orderBy('enrolment_id')
    .orderBy('mark')
    .execute();
  for (const r of rows) {
    const list = out.get(r.enrolment_id) ?? [];
    list.push({ mark: r.mark, n: Number(r.n) });
    out.set(r.enrolment_id, list);
  }
  return out;
}

/** Everything recorded about one participant record, table by table, for the timeline. */
export async function timelineFacts(db: Db, id: number, reader: Role) {
  const participant = await findParticipant(db, id, reader);
  if (!participant) return null;
  const enrolments = await db
    .selectFrom('enrolments as e')
    .innerJoin('course_runs as r', 'r.id', 'e.course_run_id')
    .innerJoin('course_types as t', 't.id', 'r.course_type_id')
    .select(['e.id', 'e.status', 'e.enrolled_on', 'e.completed_on', 'e.withdrawn_on', 't.name', 'r.start_date'])
    .where('e.participant_id', '=', id)
    .execute();
  const marks = await attendanceMarks(
    db,
    enrolments.map((e) => e.id),
  );
  return {
    participant,
    checks: await db
      .selectFrom('eligibility_checks as c')
      .leftJoin('staff as s', 's.id', 'c.seen_by')
      .select(['c.check_code', 'c.outcome', 'c.evidence_type', 'c.seen_on', 'c.recorded_at', 's.display_name'])
      .where('c.participant_id', '=', id)
      .execute(),
    notes: await db
      .selectFrom('participant_notes as n')
      .leftJoin('staff as s', 's.id', 'n.created_by')
      .select([textAs(reader, 'participant_notes', 'n.body', 'body'), 'n.created_at', 's.display_name'])
      .where('n.participant_id', '=', id)
      .execute(),
    enrolments: enrolments.map((e) => ({ ...e, marks: marks.get(e.id) ?? [] })),
    hseTests: await db.selectFrom('hse_tests').select(['taken_on', 'score']).where('participant_id', '=', id).execute(),
    l1Awards: await db
      .selectFrom('l1_awards')
      .select(['achieved_on', 'awarding_body'])
      .where('participant_id', '=', id)
      .execute(),
    cards: await db
      .selectFrom('cscs_cards')
      .select(['card_type', 'issued_on', 'expires_on'])
      .where('participant_id', '=', id)
      .execute(),
    ppe: await db.selectFrom('ppe_issues').select(['issued_on', 'items']).where('participant_id', '=', id).execute(),
    signoffs: await db
      .selectFrom('site_ready_signoffs')
      .select(['signed_on', 'revoked_on', textAs(reader, 'site_ready_signoffs', 'site_ready_signoffs.notes', 'notes')])
      .where('participant_id', '=', id)
      .execute(),
    placements: await db
      .selectFrom('placements as pl')
      .leftJoin('organisations as o', 'o.id', 'pl.employer_org_id')
      .select(['pl.kind', 'pl.starts_on', 'pl.ends_on', 'pl.status', 'o.name'])
      .where('pl.participant_id', '=', id)
      .execute(),
    outcomes: await db
      .selectFrom('outcomes as o')
      .innerJoin('outcome_types as t', 't.code', 'o.outcome_type')
      .select(['t.label', 'o.outcome_date', 'o.verification_status'])
      .where('o.participant_id', '=', id)
      .execute(),
    evidence: await db
      .selectFrom('evidence_items')
      .select(['kind', 'received_on', 'created_at', 'file_name'])
      .where('participant_id', '=', id)
      .execute(),
    candidacies: await db
      .selectFrom('vacancy_candidates as k')
      .innerJoin('vacancies as v', 'v.id', 'k.vacancy_id')
      .innerJoin('organisations as o', 'o.id', 'v.employer_org_id')
      .select([
        'k.stage',
        'k.submitted_on',
        'k.interview_on',
        'k.interview_guaranteed',
        'k.offered_on',
        'k.started_on',
        'k.closed_on',
        'k.closed_reason',
        'v.job_title',
        'o.name',
      ])
      .where('k.participant_id', '=', id)
      .execute(),
    keyworkerContacts: await db
      .selectFrom('keyworker_contacts as c')
      .leftJoin('staff as s', 's.id', 'c.staff_id')
      .select([
        'c.contact_on',
        'c.method',
        'c.minutes',
        textAs(reader, 'keyworker_contacts', 'c.notes', 'notes'),
        's.display_name',
      ])
      .where('c.participant_id', '=', id)
      .execute(),
    events: await db
      .selectFrom('event_attendees as a')
      .innerJoin('events as e', 'e.id', 'a.event_id')
      .leftJoin('reference_items as k', (j) => j.onRef('k.code', '=', 'e.kind').on('k.list', '=', 'event_kind'))
      .leftJoin('organisations as o', 'o.id', 'e.organiser_org_id')
      .select(['e.title', 'e.held_on', 'e.kind', 'k.label as kind_label', 'e.venue', 'o.name as organiser_name'])
      .where('a.participant_id', '=', id)
      .execute(),
    keyworkerPlan: await db
      .selectFrom('keyworker_plan_items')
      .select([
        'kind',
        textAs(reader, 'keyworker_plan_items', 'keyworker_plan_items.text', 'text'),
        'due_on',
        'done_on',
        'created_at',
      ])
      .where('participant_id', '=', id)
      .execute(),
  };
}

/** The newest 2,000 audit entries about any of `ids`, newest first, still sealed. */
export async function auditEntriesAbout(db: Db, ids: number[]) {
  return db
    .selectFrom('audit_log as a')
    .leftJoin('staff as s', 's.id', 'a.staff_id')
    .select([
      'a.id',
      'a.at',
      's.display_name as staff',
      'a.action',
      'a.participant_id',
      'a.summary',
      'a.before_json',
      'a.after_json',
    ])
    .where('a.participant_id', 'in', ids)
    .orderBy('a.id', 'desc')
    .limit(2000)
    .execute();
}
