// Queries that plan an import (what each row would do to our records) and reconcile a partner's
// file against them. Reads only: the commit and the accepted differences write elsewhere.
import type { Db } from '../../store/schema';
import type { ParticipantRow } from '../../store/tables/participants.tables';

/** The active outcome types (in order), every organisation, the course runs not cancelled (with
 * the partners' codes for them) and the catalogue. */
export async function lookupRows(db: Db) {
  return {
    partnerRuns: await db
      .selectFrom('course_run_partner_refs as x')
      .innerJoin('course_runs as r', 'r.id', 'x.course_run_id')
      .select(['x.partner', 'x.partner_code', 'r.id', 'r.start_date', 'r.end_date'])
      .where('r.status', '!=', 'cancelled')
      .execute(),
    courseTypes: await db.selectFrom('course_types').select(['id', 'code', 'name', 'is_active']).execute(),
    outcomeTypes: await db
      .selectFrom('outcome_types')
      .select('code')
      .where('is_active', '=', 1)
      .orderBy('sort_order')
      .execute(),
    organisations: await db.selectFrom('organisations').select(['id', 'name']).execute(),
    courseRuns: await db
      .selectFrom('course_runs as r')
      .innerJoin('course_types as t', 't.id', 'r.course_type_id')
      .select(['r.id', 'r.start_date', 'r.end_date', 't.code', 't.name'])
      .where('r.status', '!=', 'cancelled')
      .execute(),
  };
}

/** The records of `ids` in a few queries (a bound list stays under SQLite's variable limit). */
export async function participantsByIds(db: Db, ids: number[]): Promise<ParticipantRow[]> {
  const unique = [...new Set(ids)];
  const out: ParticipantRow[] = [];
  for (let i = 0; i < unique.length; i += 900)
    out.push(
      ...(await db
        .selectFrom('participants')
        .selectAll()
        .where('id', 'in', unique.slice(i, i + 900))
        .execute()),
    );
  return out;
}

/** The person's outcome of this type on this date, if recorded. */
export async function findOutcomeOn(db: Db, participantId: number, type: string, date: string) {
  return db
    .selectFrom('outcomes')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('outcome_type', '=', type)
    .where('outcome_date', '=', date)
    .executeTakeFirst();
}

/** The person's placement starting on this date, if recorded. */
export async function findPlacementStarting(db: Db, participantId: number, startsOn: string) {
  return db
    .selectFrom('placements')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('starts_on', '=', startsOn)
    .executeTakeFirst();
}

/** The person's enrolment on this course run, if any. */
export async function findEnrolmentOn(db: Db, courseRunId: number, participantId: number) {
  return db
    .selectFrom('enrolments')
    .selectAll()
    .where('course_run_id', '=', courseRunId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst();
}

/** Whether the record may take imported data: not merged away, not anonymised. */
export async function isLiveParticipant(db: Db, id: number): Promise<boolean> {
  const row = await db
    .selectFrom('participants')
    .select('id')
    .where('id', '=', id)
    .where('status', 'not in', ['merged', 'anonymised'])
    .executeTakeFirst();
  return !!row;
}

/** The person's outcomes of one type (any date), oldest record first. */
export async function outcomesOfType(db: Db, participantId: number, type: string) {
  return db
    .selectFrom('outcomes')
    .select(['id', 'outcome_date'])
    .where('participant_id', '=', participantId)
    .where('outcome_type', '=', type)
    .orderBy('id')
    .execute();
}

/** Our live records referred in the period (by `referralSource` when given), by reference. */
export async function participantsReferred(
  db: Db,
  f: { referralSource: string | undefined; from: string | null; to: string | null },
) {
  let q = db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'referral_date'])
    .where('status', 'not in', ['merged', 'anonymised']);
  if (f.referralSource) q = q.where('referral_source', '=', f.referralSource);
  if (f.from) q = q.where('referral_date', '>=', f.from);
  if (f.to) q = q.where('referral_date', '<=', f.to);
  return q.orderBy('reference').execute();
}

/** Our outcomes of `types` in the period (with that employer when given), by date. */
export async function outcomesInPeriod(
  db: Db,
  f: { types: string[]; employerOrgId: number | undefined; from: string | null; to: string | null },
) {
  if (!f.types.length) return [];
  let q = db
    .selectFrom('outcomes as o')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .select([
      'o.id',
      'o.participant_id',
      'o.outcome_type',
      'o.outcome_date',
      'p.reference',
      'p.first_name',
      'p.last_name',
    ])
    .where('o.outcome_type', 'in', f.types);
  if (f.employerOrgId) q = q.where('o.employer_org_id', '=', f.employerOrgId);
  if (f.from) q = q.where('o.outcome_date', '>=', f.from);
  if (f.to) q = q.where('o.outcome_date', '<=', f.to);
  return q.orderBy('o.outcome_date').execute();
}

/** The person's L1 Award from this run, HS&E test on this date, and CSCS cards and tests on file. */
export async function cscsRecordsOf(db: Db, participantId: number) {
  const [l1, tests, cards] = await Promise.all([
    db.selectFrom('l1_awards').selectAll().where('participant_id', '=', participantId).execute(),
    db.selectFrom('hse_tests').selectAll().where('participant_id', '=', participantId).execute(),
    db.selectFrom('cscs_cards').selectAll().where('participant_id', '=', participantId).execute(),
  ]);
  return { l1, tests, cards };
}

/** The person's placements, oldest first. */
export async function placementsOf(db: Db, participantId: number) {
  return db
    .selectFrom('placements')
    .selectAll()
    .where('participant_id', '=', participantId)
    .orderBy('starts_on')
    .orderBy('id')
    .execute();
}
