// Queries of reconciling enrolments, results and placements: the partner's course runs and the
// records in their scope and the period, to find ours that their file does not list. Reads only.
import type { Db } from '../../store/schema';

/** The course runs carrying this partner's codes. */
export async function partnerRunIds(db: Db, partner: string): Promise<number[]> {
  const rows = await db
    .selectFrom('course_run_partner_refs')
    .select('course_run_id')
    .where('partner', '=', partner)
    .execute();
  return rows.map((r) => r.course_run_id);
}

/** Enrolments (not waiting) on these runs starting in the period, with the person and the course. */
export async function enrolmentsOnRuns(db: Db, runIds: number[], period: { from: string | null; to: string | null }) {
  if (!runIds.length) return [];
  let q = db
    .selectFrom('enrolments as e')
    .innerJoin('course_runs as r', 'r.id', 'e.course_run_id')
    .innerJoin('course_types as t', 't.id', 'r.course_type_id')
    .innerJoin('participants as p', 'p.id', 'e.participant_id')
    .leftJoin('course_run_partner_refs as x', 'x.course_run_id', 'r.id')
    .select([
      'e.id',
      'e.participant_id',
      'e.status',
      'r.start_date',
      'p.reference',
      'p.first_name',
      'p.last_name',
      (eb) => eb.fn.coalesce('x.partner_code', 't.name').as('course'),
    ])
    .where('e.course_run_id', 'in', runIds)
    .where('e.status', '!=', 'waiting')
    .where('p.status', 'not in', ['merged', 'anonymised']);
  if (period.from) q = q.where('r.start_date', '>=', period.from);
  if (period.to) q = q.where('r.start_date', '<=', period.to);
  const rows = await q.orderBy('r.start_date').orderBy('p.last_name').execute();
  // A run with codes from several partners is listed once per enrolment.
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && !!seen.add(r.id));
}

/** Placements starting in the period (with that employer when given). */
export async function placementsStarting(
  db: Db,
  f: { from: string | null; to: string | null; employerOrgId: number | undefined },
) {
  let q = db
    .selectFrom('placements as pl')
    .innerJoin('participants as p', 'p.id', 'pl.participant_id')
    .select(['pl.id', 'pl.participant_id', 'pl.starts_on', 'p.reference', 'p.first_name', 'p.last_name'])
    .where('p.status', 'not in', ['merged', 'anonymised']);
  if (f.employerOrgId) q = q.where('pl.employer_org_id', '=', f.employerOrgId);
  if (f.from) q = q.where('pl.starts_on', '>=', f.from);
  if (f.to) q = q.where('pl.starts_on', '<=', f.to);
  return q.orderBy('pl.starts_on').execute();
}
