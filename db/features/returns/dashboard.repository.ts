// Queries of the programme dashboard: each breakdown is one grouped query over the period; the
// service (dashboard.service.ts) turns the counts into the rows the screen shows.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, Db } from '../../store/schema';
import { reached } from '../vacancies/candidate-reach';
import { participantsByIdNarrow } from '../../store/dialect';

const notMerged = sql<boolean>`p.status != 'merged'`;

/** People who started in the period (merged records left out), counted by month ('YYYY-MM'),
 * postcode district, ward (with its local authority) and deprivation decile together: one pass
 * over the covering index participants_start_dashboard instead of one per breakdown. */
export interface StartCell {
  month: string;
  district: string;
  ward: string | null;
  decile: string | null;
  la: string | null;
  n: number;
}

export async function startCells(db: Db, from: string, to: string): Promise<StartCell[]> {
  const rows = await db
    .selectFrom('participants as p')
    .select([
      sql<string>`substr(p.start_date, 1, 7)`.as('month'),
      sql<string>`coalesce(p.postcode_district, 'Not recorded')`.as('district'),
      sql<string | null>`cast(p.geo_ward_code as text)`.as('ward'),
      sql<string | null>`cast(p.geo_imd_decile as text)`.as('decile'),
      sql<string | null>`max(p.geo_la_code)`.as('la'),
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('p.start_date', '>=', from)
    .where('p.start_date', '<=', to)
    .where(notMerged)
    .groupBy([
      sql`substr(p.start_date, 1, 7)`,
      sql`coalesce(p.postcode_district, 'Not recorded')`,
      'p.geo_ward_code',
      'p.geo_imd_decile',
    ])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Outcomes in the period (rejected ones left out), counted by type and by the person's ward and
 * decile. A person's outcome of one type and date counts once, even across a merged duplicate (the
 * key is the survivor's id). Outcomes of people no merge touches cannot repeat
 * (outcomes_no_duplicate is unique on person, type and date), so they are counted with count(*)
 * instead of a distinct count of built strings; those of merged records and their survivors
 * (`merged`, few) come back one by one to be counted distinct (dashboard-cells.ts).
 *
 * Two counts, not one pass by type, ward and decile together: the count by type reads no person
 * (each type's outcomes from the index by type and date), and the count by area counts each
 * person's outcomes first, so a person is looked up once, not once an outcome (FY 2025-26 at
 * 100,000: 99,329 outcomes of 37,320 people). About 0.7 of the one pass's CPU, same answers. */
export interface OutcomeTypeCount {
  type: string;
  n: number;
}
export interface OutcomeAreaCell {
  ward: string | null;
  decile: string | null;
  la: string | null;
  n: number;
}
export interface MergedOutcome {
  person: number;
  type: string;
  date: string;
  ward: string | null;
  decile: string | null;
  la: string | null;
}

/** The people a merge touched: merged records and the records they were merged into. (UNION ALL:
 * a plain UNION would have SQLite read every person in id order to merge the two lists.) */
const touchedByMerges = sql`(select m.id from participants m where m.merged_into_id is not null
  union all select m.merged_into_id from participants m where m.merged_into_id is not null)`;

export async function outcomeCells(
  db: Db,
  from: string,
  to: string,
): Promise<{ byType: OutcomeTypeCount[]; areas: OutcomeAreaCell[]; merged: MergedOutcome[] }> {
  // One search of outcomes_type_date_dashboard (type, date, status, person) a type: no sort of
  // the period's outcomes and no person read. (An outcome's type is one of outcome_types.)
  const { rows: byType } = await sql<OutcomeTypeCount>`select t.code as type,
      (select count(*) from outcomes as o
        where o.outcome_type = t.code and o.outcome_date >= ${from} and o.outcome_date <= ${to}
          and o.verification_status != 'rejected'
          -- Not merged_into_id is null, which SQLite would read through its index for every person.
          and o.participant_id not in ${touchedByMerges}) as n
    from outcome_types as t`.execute(db);
  // Each person's outcomes counted first, then each person's area read once, through the narrow
  // index of areas by id (participantsByIdNarrow, migration 0310) rather than the wide table row.
  const { rows: areas } = await sql<OutcomeAreaCell>`select cast(p.geo_ward_code as text) as ward,
      cast(p.geo_imd_decile as text) as decile, max(p.geo_la_code) as la, sum(per_person.n) as n
    from (select o.participant_id, count(*) as n from outcomes as o
        where o.outcome_date >= ${from} and o.outcome_date <= ${to} and o.verification_status != 'rejected'
        group by o.participant_id) as per_person
      inner join ${participantsByIdNarrow(db, 'p')} on p.id = per_person.participant_id
    where p.id not in ${touchedByMerges}
    group by p.geo_ward_code, p.geo_imd_decile`.execute(db);
  // Reached from the merged records and their survivors (a short list), not from the period.
  const merged = await db
    .selectFrom('participants as p')
    .innerJoin('outcomes as o', 'o.participant_id', 'p.id')
    .select([
      sql<number>`coalesce(p.merged_into_id, p.id)`.as('person'),
      'o.outcome_type as type',
      'o.outcome_date as date',
      sql<string | null>`cast(p.geo_ward_code as text)`.as('ward'),
      sql<string | null>`cast(p.geo_imd_decile as text)`.as('decile'),
      'p.geo_la_code as la',
    ])
    .where(sql<boolean>`p.id in ${touchedByMerges}`)
    .where('o.outcome_date', '>=', from)
    .where('o.outcome_date', '<=', to)
    .where('o.verification_status', '!=', 'rejected')
    .execute();
  return {
    byType: byType.map((r) => ({ type: r.type, n: Number(r.n) })),
    areas: areas.map((r) => ({ ...r, n: Number(r.n) })),
    merged: merged.map((r) => ({ ...r, person: Number(r.person) })),
  };
}

/** The active outcome types in their order: the rows of "outcomes by type". */
export async function activeOutcomeTypes(db: Db) {
  return db
    .selectFrom('outcome_types')
    .select(['code', 'label'])
    .where('is_active', '=', 1)
    .orderBy('sort_order')
    .execute();
}

type FunnelCounts = Record<
  'referred' | 'enrolled' | 'completed' | 'siteReady' | 'submitted' | 'interviewed' | 'offered' | 'job',
  number
>;
const jobTypes = ['job_start', 'apprenticeship_start', 'self_employment'];

/** Referred in the period: by referral date, else (no referral date) by start date. Written as an
 * OR of two ranges (not coalesce) so each half can use its date index. */
function referredIn(from: string, to: string) {
  return (eb: ExpressionBuilder<Database & { p: Database['participants'] }, 'p'>) =>
    eb.or([
      eb.and([eb('p.referral_date', '>=', from), eb('p.referral_date', '<=', to)]),
      eb.and([eb('p.referral_date', 'is', null), eb('p.start_date', '>=', from), eb('p.start_date', '<=', to)]),
    ]);
}

/** Of the people referred in the period, how many reached each stage (at any time since):
 * enrolments 2 completed / 1 enrolled, on a course or not completed; outcomes (not rejected)
 * 1 site ready + 2 a job, apprenticeship or self-employment; vacancies 3 offered / 2 interviewed /
 * 1 put forward (reaching a stage counts the ones before it, candidate-reach.ts).
 *
 * Read one of two ways, with the same answers: each person looked up in each of the three tables
 * (three index searches a person: 26 ms for a month at 100,000, but about 170 ms for the 50,000
 * people of a year), or, when the people are a large share of those their ids span, each table
 * read once, grouped by person over that span, and matched to the people here (about half the
 * time for the year). `read` chooses for the tests; otherwise the people's share decides. */
export async function countFunnel(
  db: Db,
  from: string,
  to: string,
  read: 'auto' | 'byPerson' | 'byTable' = 'auto',
): Promise<FunnelCounts> {
  const ids = await db
    .selectFrom('participants as p')
    .select('p.id')
    .where(referredIn(from, to))
    .where(notMerged)
    .execute();
  const people = new Set(ids.map((r) => Number(r.id)));
  if (!people.size) return funnelOf([], people);
  let low = Infinity;
  let high = -Infinity;
  for (const id of people) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  // Measured at 100,000: the two ways cost the same when the people are about a quarter of the
  // span; a year's people are half of it, a month's a twentieth.
  const byTable = read === 'byTable' || (read === 'auto' && high - low + 1 <= 3 * people.size);
  return byTable ? funnelByTable(db, people, low, high) : funnelOf(await funnelByPerson(db, from, to), people);
}

interface FunnelStages {
  id: number | null;
  enrolment: number | null;
  outcome: number | null;
  vacancy: number | null;
  n: number;
}

/** The stage counts from rows of stages and how many people reached them. */
function funnelOf(rows: FunnelStages[], people: ReadonlySet<number>): FunnelCounts {
  const c = {
    referred: people.size,
    enrolled: 0,
    completed: 0,
    siteReady: 0,
    submitted: 0,
    interviewed: 0,
    offered: 0,
    job: 0,
  };
  for (const g of rows) {
    const n = Number(g.n);
    const enrolment = Number(g.enrolment ?? 0);
    const outcome = Number(g.outcome ?? 0);
    const vacancy = Number(g.vacancy ?? 0);
    if (enrolment >= 1) c.enrolled += n;
    if (enrolment === 2) c.completed += n;
    if (outcome % 2 === 1) c.siteReady += n;
    if (outcome >= 2) c.job += n;
    if (vacancy >= 1) c.submitted += n;
    if (vacancy >= 2) c.interviewed += n;
    if (vacancy === 3) c.offered += n;
  }
  return c;
}

/** Each person's furthest stage in each table, looked up person by person, grouped by the three
 * stages (at most 48 rows). */
async function funnelByPerson(db: Db, from: string, to: string): Promise<FunnelStages[]> {
  const people = db
    .selectFrom('participants as p')
    .select([
      sql<number | null>`(select max(case when e.status = 'completed' then 2
        when e.status in ('enrolled','not_completed') then 1 else 0 end)
        from enrolments e where e.participant_id = p.id)`.as('enrolment'),
      // Site ready: the one definition (shared/domain/site-ready.ts), a 'Became site ready' outcome.
      sql<number | null>`(select max(case when o.outcome_type = 'site_ready' and o.verification_status != 'rejected'
        then 1 else 0 end) + 2 * max(case when o.outcome_type in (${sql.join(jobTypes)}) and o.verification_status != 'rejected'
        then 1 else 0 end) from outcomes o where o.participant_id = p.id)`.as('outcome'),
      sql<number | null>`(select max(case when ${reached('offered')} then 3 when ${reached('interviewed')} then 2
        else 1 end) from vacancy_candidates k where k.participant_id = p.id)`.as('vacancy'),
    ])
    .where(referredIn(from, to))
    .where(notMerged)
    .as('f');
  const rows = await db
    .selectFrom(people)
    .select(['f.enrolment', 'f.outcome', 'f.vacancy', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['f.enrolment', 'f.outcome', 'f.vacancy'])
    .execute();
  return rows.map((r) => ({ ...r, id: null }));
}

/** Each table read once over the people's span of ids, grouped by person (in the order of its
 * index on the person), each person's stages kept only for the people counted. */
async function funnelByTable(db: Db, people: ReadonlySet<number>, low: number, high: number): Promise<FunnelCounts> {
  const enrolments = await db
    .selectFrom('enrolments as e')
    .select([
      'e.participant_id as id',
      sql<number>`max(case when e.status = 'completed' then 2 else 1 end)`.as('stage'),
    ])
    .where('e.status', 'in', ['enrolled', 'completed', 'not_completed'])
    .where('e.participant_id', '>=', low)
    .where('e.participant_id', '<=', high)
    .groupBy('e.participant_id')
    .execute();
  const outcomes = await db
    .selectFrom('outcomes as o')
    .select([
      'o.participant_id as id',
      // 1 site ready + 2 a job, as funnelByPerson's.
      sql<number>`max(case when o.outcome_type = 'site_ready' then 1 else 0 end)
        + 2 * max(case when o.outcome_type = 'site_ready' then 0 else 1 end)`.as('stage'),
    ])
    .where('o.outcome_type', 'in', ['site_ready', ...jobTypes])
    .where('o.verification_status', '!=', 'rejected')
    .where('o.participant_id', '>=', low)
    .where('o.participant_id', '<=', high)
    .groupBy('o.participant_id')
    .execute();
  const candidates = await db
    .selectFrom('vacancy_candidates as k')
    .select([
      'k.participant_id as id',
      sql<number>`max(case when ${reached('offered')} then 3 when ${reached('interviewed')} then 2 else 1 end)`.as(
        'stage',
      ),
    ])
    .where('k.participant_id', '>=', low)
    .where('k.participant_id', '<=', high)
    .groupBy('k.participant_id')
    .execute();
  const stages = new Map<number, FunnelStages>();
  const stagesOf = (id: number) => {
    let s = stages.get(id);
    if (!s) stages.set(id, (s = { id, enrolment: null, outcome: null, vacancy: null, n: 1 }));
    return s;
  };
  for (const r of enrolments) if (people.has(Number(r.id))) stagesOf(Number(r.id)).enrolment = Number(r.stage);
  for (const r of outcomes) if (people.has(Number(r.id))) stagesOf(Number(r.id)).outcome = Number(r.stage);
  for (const r of candidates) if (people.has(Number(r.id))) stagesOf(Number(r.id)).vacancy = Number(r.stage);
  return funnelOf([...stages.values()], people);
}

/** People who started in the period by barrier (with its label), most first. Grouped by barrier
 * first and labelled after, so the label is looked up once a barrier, not once a person. */
export async function countByBarrier(db: Db, from: string, to: string) {
  const counts = db
    .selectFrom('participants as p')
    .innerJoin('participant_barriers as b', 'b.participant_id', 'p.id')
    .select(['b.barrier_code as code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.start_date', '>=', from)
    .where('p.start_date', '<=', to)
    .where(notMerged)
    .groupBy('b.barrier_code')
    .as('g');
  const rows = await db
    .selectFrom(counts)
    .leftJoin('reference_items as ri', (j) => j.onRef('ri.code', '=', 'g.code').on('ri.list', '=', 'barrier'))
    .select(['g.code', sql<string>`coalesce(ri.label, g.code)`.as('label'), 'g.n'])
    .orderBy('g.n', 'desc')
    .orderBy('g.code')
    .execute();
  return rows.map((r) => ({ code: r.code, label: r.label, count: Number(r.n) }));
}
