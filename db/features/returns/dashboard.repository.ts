// Queries of the programme dashboard: each breakdown is one grouped query over the period; the
// service (dashboard.service.ts) turns the counts into the rows the screen shows.
import { sql } from 'kysely';
import type { Db } from '../../store/schema';
import { reached } from '../vacancies/candidate-reach';

const notMerged = sql<boolean>`p.status != 'merged'`;

/** People who started in the period, by month ('YYYY-MM'). */
export async function countStartsByMonth(db: Db, from: string, to: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('participants as p')
    .select([sql<string>`substr(p.start_date, 1, 7)`.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.start_date', '>=', from)
    .where('p.start_date', '<=', to)
    .where(notMerged)
    .groupBy(sql`substr(p.start_date, 1, 7)`)
    .execute();
  return new Map(rows.map((r) => [r.month, Number(r.n)]));
}

/** Outcomes in the period by active type (in the types' order), rejected ones left out. */
export async function countOutcomesByType(db: Db, from: string, to: string) {
  const rows = await db
    .selectFrom('outcome_types as t')
    .leftJoin('outcomes as o', (j) =>
      j
        .onRef('o.outcome_type', '=', 't.code')
        .on('o.outcome_date', '>=', from)
        .on('o.outcome_date', '<=', to)
        .on('o.verification_status', '!=', 'rejected'),
    )
    .leftJoin('participants as p', 'p.id', 'o.participant_id')
    // The same person's outcome of one type and date counts once, even across a merged duplicate.
    .select([
      't.code',
      't.label',
      sql<number>`count(distinct case when o.id is not null then coalesce(p.merged_into_id, p.id) || ':' || o.outcome_date end)`.as(
        'n',
      ),
    ])
    .where('t.is_active', '=', 1)
    .groupBy(['t.code', 't.label', 't.sort_order'])
    .orderBy('t.sort_order')
    .execute();
  return rows.map((r) => ({ code: r.code, label: r.label, count: Number(r.n) }));
}

/** Of the people referred in the period, how many reached each stage (at any time since). */
export async function countFunnel(db: Db, from: string, to: string) {
  const row = await db
    .selectFrom('participants as p')
    .select([
      (eb) => eb.fn.countAll<number>().as('referred'),
      sql<number>`count(case when exists (select 1 from enrolments e where e.participant_id = p.id
        and e.status in ('enrolled','completed','not_completed')) then 1 end)`.as('enrolled'),
      sql<number>`count(case when exists (select 1 from enrolments e where e.participant_id = p.id and e.status = 'completed') then 1 end)`.as(
        'completed',
      ),
      // Site ready: the one definition (shared/domain/site-ready.ts), a 'Became site ready' outcome.
      sql<number>`count(case when exists (select 1 from outcomes o where o.participant_id = p.id and o.outcome_type = 'site_ready'
        and o.verification_status != 'rejected') then 1 end)`.as('siteReady'),
      sql<number>`count(case when exists (select 1 from vacancy_candidates k where k.participant_id = p.id) then 1 end)`.as(
        'submitted',
      ),
      sql<number>`count(case when exists (select 1 from vacancy_candidates k where k.participant_id = p.id
        and ${reached('interviewed')}) then 1 end)`.as('interviewed'),
      sql<number>`count(case when exists (select 1 from vacancy_candidates k where k.participant_id = p.id
        and ${reached('offered')}) then 1 end)`.as('offered'),
      sql<number>`count(case when exists (select 1 from outcomes o where o.participant_id = p.id and o.outcome_type
        in ('job_start','apprenticeship_start','self_employment') and o.verification_status != 'rejected') then 1 end)`.as(
        'job',
      ),
    ])
    // Written as an OR of two ranges (not coalesce) so each half can use its date index.
    .where((eb) =>
      eb.or([
        eb.and([eb('p.referral_date', '>=', from), eb('p.referral_date', '<=', to)]),
        eb.and([eb('p.referral_date', 'is', null), eb('p.start_date', '>=', from), eb('p.start_date', '<=', to)]),
      ]),
    )
    .where(notMerged)
    .executeTakeFirst();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    referred: n(row?.referred),
    enrolled: n(row?.enrolled),
    completed: n(row?.completed),
    siteReady: n(row?.siteReady),
    submitted: n(row?.submitted),
    interviewed: n(row?.interviewed),
    offered: n(row?.offered),
    job: n(row?.job),
  };
}

/** People who started in the period by postcode district, most first. */
export async function countByDistrict(db: Db, from: string, to: string) {
  const rows = await db
    .selectFrom('participants as p')
    .select([
      sql<string>`coalesce(p.postcode_district, 'Not recorded')`.as('d'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('p.start_date', '>=', from)
    .where('p.start_date', '<=', to)
    .where(notMerged)
    .groupBy(sql`coalesce(p.postcode_district, 'Not recorded')`)
    .orderBy(sql`count(*)`, 'desc')
    .orderBy(sql`coalesce(p.postcode_district, 'Not recorded')`)
    .execute();
  return rows.map((r) => ({ district: r.d, count: Number(r.n) }));
}

/** People who started in the period by barrier (with its label), most first. */
export async function countByBarrier(db: Db, from: string, to: string) {
  const rows = await db
    .selectFrom('participant_barriers as b')
    .innerJoin('participants as p', 'p.id', 'b.participant_id')
    .leftJoin('reference_items as ri', (j) => j.onRef('ri.code', '=', 'b.barrier_code').on('ri.list', '=', 'barrier'))
    .select([
      'b.barrier_code as code',
      sql<string>`coalesce(ri.label, b.barrier_code)`.as('label'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('p.start_date', '>=', from)
    .where('p.start_date', '<=', to)
    .where(notMerged)
    .groupBy(['b.barrier_code', 'ri.label'])
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('b.barrier_code')
    .execute();
  return rows.map((r) => ({ code: r.code, label: r.label, count: Number(r.n) }));
}
