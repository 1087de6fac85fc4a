// The programme dashboard for a period: the headline figures (the Stevenage Works headline
// indicator set, counted by its rules), starts by month, outcomes by type, the pathway funnel
// and breakdowns by postcode district and target group. Each is one grouped query.
import { sql } from 'kysely';
import type { Dashboard, CountRow } from '../../../shared/contract/returns.contract';
import { describePeriod, financialYear, financialYearOf } from '../../../shared/domain/reporting-periods';
import { addMonthsIso } from '../../../shared/domain/dates';
import type { Db } from '../../store/schema';
import { findSetByCode, loadSetVersion } from './indicator-sets.repository';
import { computeCounts } from './return.service';

export const HEADLINE_SET = 'SW-HEADLINE';

export function defaultPeriod(today: string): { from: string; to: string } {
  const fy = financialYear(financialYearOf(today));
  return { from: fy.from, to: fy.to };
}

const notMerged = sql<boolean>`p.status != 'merged'`;

export async function headlineFigures(db: Db, from: string, to: string): Promise<Dashboard['headline']> {
  const set = await findSetByCode(db, HEADLINE_SET);
  if (!set) return [];
  const sv = await loadSetVersion(db, set.id);
  const counts = await computeCounts(db, sv, { from, to });
  return sv.indicators.map((i) => ({
    code: i.code,
    title: i.title,
    unit: i.unit,
    count: counts.get(i.code) ?? 0,
    sentence: i.sentence,
  }));
}

async function startsByMonth(db: Db, from: string, to: string): Promise<CountRow[]> {
  const rows = await db
    .selectFrom('participants as p')
    .select([sql<string>`substr(p.start_date, 1, 7)`.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.start_date', '>=', from)
    .where('p.start_date', '<=', to)
    .where(notMerged)
    .groupBy(sql`substr(p.start_date, 1, 7)`)
    .execute();
  const byMonth = new Map(rows.map((r) => [r.month, Number(r.n)]));
  const out: CountRow[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7) && out.length < 120; m = addMonthsIso(m, 1)) {
    const key = m.slice(0, 7);
    const label = new Date(`${m}T00:00:00Z`).toLocaleDateString('en-GB', {
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
    out.push({ key, label, count: byMonth.get(key) ?? 0 });
  }
  return out;
}

async function outcomesByType(db: Db, from: string, to: string): Promise<CountRow[]> {
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
  return rows.map((r) => ({ key: r.code, label: r.label, count: Number(r.n) }));
}

/** Of the people referred in the period, how many reached each stage (at any time since). */
async function funnel(db: Db, from: string, to: string): Promise<CountRow[]> {
  const row = await db
    .selectFrom('participants as p')
    .select([
      (eb) => eb.fn.countAll<number>().as('referred'),
      sql<number>`count(case when exists (select 1 from enrolments e where e.participant_id = p.id
        and e.status in ('enrolled','completed','not_completed')) then 1 end)`.as('enrolled'),
      sql<number>`count(case when exists (select 1 from enrolments e where e.participant_id = p.id and e.status = 'completed') then 1 end)`.as(
        'completed',
      ),
      sql<number>`count(case when exists (select 1 from site_ready_signoffs s where s.participant_id = p.id and s.revoked_on is null)
        or exists (select 1 from outcomes o where o.participant_id = p.id and o.outcome_type = 'site_ready'
        and o.verification_status != 'rejected') then 1 end)`.as('siteReady'),
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
  return [
    { key: 'referred', label: 'Referred', count: n(row?.referred) },
    { key: 'enrolled', label: 'Enrolled on a course', count: n(row?.enrolled) },
    { key: 'completed', label: 'Completed a course', count: n(row?.completed) },
    { key: 'site_ready', label: 'Site ready', count: n(row?.siteReady) },
    { key: 'job', label: 'Job or apprenticeship', count: n(row?.job) },
  ];
}

async function byDistrict(db: Db, from: string, to: string): Promise<CountRow[]> {
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
    .execute();
  return rows.map((r) => ({ key: r.d, label: r.d, count: Number(r.n) }));
}

async function byBarrier(db: Db, from: string, to: string): Promise<CountRow[]> {
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
    .execute();
  return rows.map((r) => ({ key: r.code, label: r.label, count: Number(r.n) }));
}

export async function dashboard(db: Db, from: string, to: string): Promise<Dashboard> {
  return {
    from,
    to,
    periodLabel: describePeriod(from, to),
    headline: await headlineFigures(db, from, to),
    startsByMonth: await startsByMonth(db, from, to),
    outcomesByType: await outcomesByType(db, from, to),
    funnel: await funnel(db, from, to),
    byDistrict: await byDistrict(db, from, to),
    byBarrier: await byBarrier(db, from, to),
  };
}
