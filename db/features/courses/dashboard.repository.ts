// The course dashboard: per run and overall fill rate (places taken ÷ capacity), completion rate
// (completed ÷ places taken), HS&E pass rate (passes ÷ tests taken on the run) and attendance
// rate ((present + late) ÷ marks other than excused). Cancelled runs are left out of the totals.
import { sql } from 'kysely';
import type { Dashboard } from '../../../shared/contract/courses.contract';
import { evaluateSiteReady, type SiteReadyRule } from '../../../shared/domain/site-ready';
import type { Db } from '../../store/schema';
import { countSiteReadyNow, type UseCache } from './site-ready.service';
import { loadFacts, ticketTypesOf } from './site-ready.repository';

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

export async function courseDashboard(
  db: Db,
  rule: SiteReadyRule,
  today: string,
  filter: { runId?: number | undefined; from?: string | undefined; to?: string | undefined },
  cache?: UseCache,
): Promise<Dashboard> {
  let runsQ = db
    .selectFrom('course_runs as r')
    .innerJoin('course_types as t', 't.id', 'r.course_type_id')
    .select(['r.id', 't.name as courseType', 'r.start_date as startDate', 'r.status', 'r.capacity']);
  if (filter.runId) runsQ = runsQ.where('r.id', '=', filter.runId);
  if (filter.from) runsQ = runsQ.where('r.start_date', '>=', filter.from);
  if (filter.to) runsQ = runsQ.where('r.start_date', '<=', filter.to);
  const runs = await runsQ.orderBy('r.start_date', 'desc').execute();
  const ids = runs.map((r) => r.id);
  // Over every run there is no need to bind thousands of ids.
  const everyRun = !filter.runId && !filter.from && !filter.to;
  const seats = ids.length
    ? await db
        .selectFrom('enrolments')
        .select([
          'course_run_id as runId',
          sql<number>`count(case when status in ('enrolled','completed','not_completed') then 1 end)`.as('seats'),
          sql<number>`count(case when status = 'completed' then 1 end)`.as('completed'),
        ])
        .$if(!everyRun, (q) => q.where('course_run_id', 'in', ids))
        .groupBy('course_run_id')
        .execute()
    : [];
  const hse = ids.length
    ? await db
        .selectFrom('hse_tests')
        .select([
          'course_run_id as runId',
          sql<number>`count(*)`.as('taken'),
          sql<number>`count(case when score >= 45 then 1 end)`.as('passed'),
        ])
        .$if(!everyRun, (q) => q.where('course_run_id', 'in', ids))
        .where('course_run_id', 'is not', null)
        .groupBy('course_run_id')
        .execute()
    : [];
  const att = ids.length
    ? await db
        .selectFrom('attendance as a')
        .innerJoin('course_sessions as s', 's.id', 'a.course_session_id')
        .select([
          's.course_run_id as runId',
          sql<number>`count(case when a.mark in ('present','late') then 1 end)`.as('attended'),
          sql<number>`count(case when a.mark in ('present','late','absent') then 1 end)`.as('marked'),
        ])
        .$if(!everyRun, (q) => q.where('s.course_run_id', 'in', ids))
        .groupBy('s.course_run_id')
        .execute()
    : [];
  const cards = ids.length
    ? await db
        .selectFrom('cscs_cards')
        .select(sql<number>`count(*)`.as('n'))
        .$if(!everyRun, (q) => q.where('course_run_id', 'in', ids))
        .where('course_run_id', 'is not', null)
        .executeTakeFirstOrThrow()
    : { n: 0 };
  const by = <T extends { runId: number | null }>(rows: T[]) => new Map(rows.map((r) => [r.runId, r]));
  const seatsBy = by(seats);
  const hseBy = by(hse);
  const attBy = by(att);
  const totals = { runs: 0, capacity: 0, seats: 0, completed: 0, hseTaken: 0, hsePassed: 0, attended: 0, marked: 0 };
  const rows = runs.map((r) => {
    const s = seatsBy.get(r.id);
    const h = hseBy.get(r.id);
    const a = attBy.get(r.id);
    const v = {
      seats: Number(s?.seats ?? 0),
      completed: Number(s?.completed ?? 0),
      hseTaken: Number(h?.taken ?? 0),
      hsePassed: Number(h?.passed ?? 0),
      attended: Number(a?.attended ?? 0),
      marked: Number(a?.marked ?? 0),
    };
    if (r.status !== 'cancelled') {
      totals.runs++;
      totals.capacity += r.capacity;
      totals.seats += v.seats;
      totals.completed += v.completed;
      totals.hseTaken += v.hseTaken;
      totals.hsePassed += v.hsePassed;
      totals.attended += v.attended;
      totals.marked += v.marked;
    }
    return {
      ...r,
      seats: v.seats,
      fillRate: ratio(v.seats, r.capacity),
      completionRate: ratio(v.completed, v.seats),
      hseTaken: v.hseTaken,
      hsePassRate: ratio(v.hsePassed, v.hseTaken),
      attendanceRate: ratio(v.attended, v.marked),
    };
  });
  return {
    overall: {
      runs: totals.runs,
      capacity: totals.capacity,
      seats: totals.seats,
      fillRate: ratio(totals.seats, totals.capacity),
      completed: totals.completed,
      completionRate: ratio(totals.completed, totals.seats),
      hseTaken: totals.hseTaken,
      hsePassed: totals.hsePassed,
      hsePassRate: ratio(totals.hsePassed, totals.hseTaken),
      attendanceRate: ratio(totals.attended, totals.marked),
      cardsIssued: Number(cards.n),
      siteReadyNow: filter.runId
        ? await readyOnRun(db, rule, today, filter.runId)
        : await countSiteReadyNow(db, rule, today, cache),
    },
    runs: rows,
  };
}

/** How many of a run's people (those who held a place) meet the site-ready rule today. */
async function readyOnRun(db: Db, rule: SiteReadyRule, today: string, runId: number): Promise<number> {
  const people = await db
    .selectFrom('enrolments')
    .select('participant_id')
    .where('course_run_id', '=', runId)
    .where('status', 'in', ['enrolled', 'completed', 'not_completed'])
    .execute();
  const facts = await loadFacts(
    db,
    people.map((p) => p.participant_id),
    ticketTypesOf(rule),
  );
  return [...facts.values()].filter((f) => evaluateSiteReady(rule, f, today).ready).length;
}
