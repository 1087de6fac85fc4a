// Demo funding: who paid for whom, and when. UKSPF and the Town Deal ended on 31 March 2026, so
// people who started before then in Stevenage were funded by one of them (or the council's core
// budget), and those still on the programme after it moved to council core funding, Section 106
// contributions or Connect to Work. Some items are paid by another stream than the person's (a
// Town Deal funded course place for a UKSPF participant, a job under a Section 106 clause), each
// changed by an officer with a reason — so the UKSPF return counts only what UKSPF paid for, and
// a Town Deal return claiming the same people warns. Targets and profiles make the progress
// figures realistic. Deterministic for a seed.
import { sql } from 'kysely';
import { fyHalf, fyQuarter } from '../../shared/domain/reporting-periods';
import { findSetByCode, loadSetVersion } from '../features/returns/indicator-sets.repository';
import { computeCounts } from '../features/returns/return.service';
import { upsertTarget } from '../features/returns/targets.repository';
import type { Random } from './random';
import { insertInChunks, type DemoContext, type DemoStep } from './demo-context';

/** The day UKSPF and the Town Deal's revenue funding ended. */
export const FUNDS_ENDED = '2026-03-31';
const AFTER_FUNDS = '2026-04-01';

/** The stream a person (or a course run) starting on `date` is funded by. */
export function demoStreamFor(rng: Random, date: string, local: boolean): string {
  if (date <= FUNDS_ENDED)
    return local
      ? rng.weighted([
          ['UKSPF-PS', 45],
          ['TOWNS-FUND', 30],
          ['SBC-CORE', 25],
        ] as const)
      : 'SBC-CORE';
  return rng.weighted([
    ['SBC-CORE', 45],
    ['DWP-CTW', 30],
    [local ? 'SBC-S106' : 'SBC-CORE', 25],
  ] as const);
}

/** What the person moves to when their UKSPF or Town Deal funding ends and they are still here. */
function nextStream(rng: Random): string {
  return rng.weighted([
    ['SBC-CORE', 55],
    ['DWP-CTW', 30],
    ['SBC-S106', 15],
  ] as const);
}

const projects = [
  { code: 'UKSPF-E33-KW', name: 'UKSPF keyworker support', stream: 'UKSPF-PS', intervention: 'E33' },
  { code: 'UKSPF-E38-CSCS', name: 'UKSPF CSCS route', stream: 'UKSPF-PS', intervention: 'E38' },
  { code: 'TF-SKILLS-HUB', name: 'Town Deal construction skills hub', stream: 'TOWNS-FUND', intervention: null },
  { code: 'S106-QUEENSWAY', name: 'Queensway local labour clause', stream: 'SBC-S106', intervention: null },
];

async function setUp(ctx: DemoContext): Promise<Map<string, number>> {
  const { tx } = ctx;
  for (const p of projects) {
    const streamId = ctx.fundingStreamIds[p.stream];
    if (!streamId) continue;
    await tx
      .insertInto('funding_projects')
      .values({
        code: p.code,
        name: p.name,
        funding_stream_id: streamId,
        intervention_code: p.intervention,
        is_active: 1,
      })
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
  // The demo's grant letters: final claims by the end of June after the funds ended.
  await tx
    .updateTable('funding_agreements')
    .set({ closure_on: '2026-06-30' })
    .where('ends_on', '=', FUNDS_ENDED)
    .where('closure_on', 'is', null)
    .execute();
  const rows = await tx.selectFrom('funding_projects').select(['id', 'code']).execute();
  return new Map(rows.map((r) => [r.code, r.id]));
}

async function spells(ctx: DemoContext, projectIds: Map<string, number>): Promise<void> {
  const { tx, rng } = ctx;
  const people = await tx
    .selectFrom('participants as p')
    .leftJoin('funding_streams as s', 's.id', 'p.funding_stream_id')
    .select([
      'p.id',
      's.code as stream',
      'p.start_date',
      'p.leave_date',
      sql<number>`(select count(*) from enrolments e inner join course_runs r on r.id = e.course_run_id
        inner join course_types ct on ct.id = r.course_type_id where e.participant_id = p.id and ct.cscs_component is not null)`.as(
        'cscs',
      ),
    ])
    .where('p.status', '!=', 'merged')
    .orderBy('p.id')
    .execute();
  const stamp = `${ctx.today}T09:00:00.000Z`;
  type Row = {
    participant_id: number;
    funding_stream_id: number;
    project_id: number | null;
    starts_on: string;
    ends_on: string | null;
    note: string | null;
    created_at: string;
    created_by: number | null;
    updated_at: string;
  };
  const rows: Row[] = [];
  const projectOf = (stream: string, cscs: boolean) =>
    stream === 'UKSPF-PS'
      ? (projectIds.get(cscs ? 'UKSPF-E38-CSCS' : 'UKSPF-E33-KW') ?? null)
      : stream === 'TOWNS-FUND'
        ? (projectIds.get('TF-SKILLS-HUB') ?? null)
        : stream === 'SBC-S106'
          ? (projectIds.get('S106-QUEENSWAY') ?? null)
          : null;
  for (const p of people) {
    if (!p.stream || !p.start_date) continue;
    const first = ctx.fundingStreamIds[p.stream]!;
    const ended = p.stream === 'UKSPF-PS' || p.stream === 'TOWNS-FUND';
    const staysOn = !p.leave_date || p.leave_date > FUNDS_ENDED;
    const base = {
      participant_id: p.id,
      note: null,
      created_at: stamp,
      created_by: rng.pick(ctx.staffIds),
      updated_at: stamp,
    };
    if (ended && staysOn && p.start_date <= FUNDS_ENDED) {
      rows.push({
        ...base,
        funding_stream_id: first,
        project_id: projectOf(p.stream, Number(p.cscs) > 0),
        starts_on: p.start_date,
        ends_on: FUNDS_ENDED,
      });
      const next = nextStream(rng);
      rows.push({
        ...base,
        funding_stream_id: ctx.fundingStreamIds[next]!,
        project_id: projectOf(next, false),
        starts_on: AFTER_FUNDS,
        ends_on: p.leave_date,
        note: `Moved from ${p.stream === 'UKSPF-PS' ? 'UKSPF' : 'the Town Deal'} when that funding ended`,
      });
    } else {
      rows.push({
        ...base,
        funding_stream_id: first,
        project_id: projectOf(p.stream, Number(p.cscs) > 0),
        starts_on: p.start_date,
        ends_on: p.leave_date,
      });
    }
  }
  await insertInChunks(
    rows,
    500,
    async (chunk) => void (await tx.insertInto('funding_spells').values(chunk).execute()),
  );
}

/** Officers' changes: course places the Town Deal paid for, jobs under a Section 106 clause. */
async function attributions(ctx: DemoContext, projectIds: Map<string, number>): Promise<void> {
  const { tx, rng } = ctx;
  const tf = ctx.fundingStreamIds['TOWNS-FUND'];
  const s106 = ctx.fundingStreamIds['SBC-S106'];
  const ukspf = ctx.fundingStreamIds['UKSPF-PS'];
  const at = `${ctx.today}T11:00:00.000Z`;
  type Row = {
    participant_id: number;
    item_kind: 'enrolment' | 'outcome';
    item_id: number;
    funding_stream_id: number;
    project_id: number | null;
    reason: string;
    set_by: number | null;
    set_at: string;
  };
  const rows: Row[] = [];
  if (tf && ukspf) {
    const places = await tx
      .selectFrom('enrolments as e')
      .innerJoin('course_runs as r', 'r.id', 'e.course_run_id')
      .innerJoin('funding_spells as sp', (j) =>
        j
          .onRef('sp.participant_id', '=', 'e.participant_id')
          .onRef('sp.starts_on', '<=', 'r.start_date')
          .on('sp.funding_stream_id', '=', ukspf),
      )
      .select(['e.id', 'e.participant_id'])
      .where((eb) => eb.or([eb('sp.ends_on', 'is', null), eb('sp.ends_on', '>=', eb.ref('r.start_date'))]))
      .where('r.funding_stream_id', '=', tf)
      .where('r.start_date', '<=', FUNDS_ENDED)
      .where('e.status', 'in', ['enrolled', 'completed', 'not_completed'])
      .orderBy('e.id')
      .execute();
    for (const e of places)
      if (rng.chance(0.35))
        rows.push({
          participant_id: e.participant_id,
          item_kind: 'enrolment',
          item_id: e.id,
          funding_stream_id: tf,
          project_id: projectIds.get('TF-SKILLS-HUB') ?? null,
          reason: 'Course place paid by the Town Deal skills hub (course invoiced to Towns Fund)',
          set_by: rng.pick(ctx.staffIds),
          set_at: at,
        });
  }
  if (s106) {
    const jobs = await tx
      .selectFrom('outcomes as o')
      .select(['o.id', 'o.participant_id'])
      .where('o.outcome_type', 'in', ['job_start', 'apprenticeship_start'])
      .where('o.contract_id', 'is not', null)
      .where('o.outcome_date', '>=', '2023-04-01')
      .orderBy('o.id')
      .execute();
    for (const o of jobs)
      if (rng.chance(0.2))
        rows.push({
          participant_id: o.participant_id,
          item_kind: 'outcome',
          item_id: o.id,
          funding_stream_id: s106,
          project_id: projectIds.get('S106-QUEENSWAY') ?? null,
          reason:
            "Job created under the contractor's Section 106 local labour clause; claimed from the S106 contribution",
          set_by: rng.pick(ctx.staffIds),
          set_at: at,
        });
  }
  await insertInChunks(
    rows,
    500,
    async (chunk) => void (await tx.insertInto('funding_attributions').values(chunk).execute()),
  );
}

/** Per set, targets and profiles from what the demo programme actually did, scaled so some
 * indicators are ahead of profile and some behind. */
async function targets(ctx: DemoContext): Promise<void> {
  const { tx } = ctx;
  const staffId = ctx.staffIds[0] ?? null;
  const at = `${ctx.today}T12:00:00.000Z`;
  const plans: Array<{ code: string; kind: 'half' | 'quarter'; periods: Array<{ from: string; to: string }> }> = [
    { code: 'UKSPF-PS', kind: 'half', periods: [fyHalf(2024, 2), fyHalf(2025, 1), fyHalf(2025, 2)] },
    {
      code: 'TOWNS-FUND-LEARNERS',
      kind: 'half',
      periods: [fyHalf(2024, 2), fyHalf(2025, 1), fyHalf(2025, 2)],
    },
    {
      code: 'CTW-SUPPORTED',
      kind: 'quarter',
      periods: [fyQuarter(2026, 1), fyQuarter(2026, 2), fyQuarter(2026, 3), fyQuarter(2026, 4)],
    },
    {
      code: 'SBC-LOCAL-LABOUR',
      kind: 'quarter',
      periods: [1, 2, 3, 4].flatMap((q) => [fyQuarter(2025, q as 1 | 2 | 3 | 4), fyQuarter(2026, q as 1 | 2 | 3 | 4)]),
    },
  ];
  const factors = [0.9, 1.0, 1.06, 1.25, 0.8, 1.12];
  for (const plan of plans) {
    const set = await findSetByCode(tx, plan.code);
    if (!set) continue;
    const sv = await loadSetVersion(tx, set.id);
    const periods = [...plan.periods].sort((a, b) => (a.from < b.from ? -1 : 1));
    const perPeriod: Array<Map<string, number>> = [];
    // Done periods use what happened; later ones repeat the last full period's figures.
    for (const p of periods)
      perPeriod.push(p.from <= ctx.today ? await computeCounts(tx, sv, p) : (perPeriod.at(-1) ?? new Map()));
    for (const [i, ind] of sv.indicators.entries()) {
      const factor = factors[i % factors.length]!;
      const profile = periods.map((p, j) => ({
        from: p.from,
        to: p.to,
        amount: Math.max(1, Math.round((perPeriod[j]!.get(ind.code) ?? 0) * factor)),
      }));
      const total = profile.reduce((n, p) => n + p.amount, 0);
      await upsertTarget(
        tx,
        set.id,
        { indicatorCode: ind.code, target: total + Math.round(total * 0.05), profileKind: plan.kind, profile },
        at,
        staffId,
      );
    }
  }
}

export const fundingSteps: DemoStep[] = [
  {
    name: 'funding spells and attribution',
    async run(ctx) {
      const projectIds = await setUp(ctx);
      await spells(ctx, projectIds);
      await attributions(ctx, projectIds);
      await targets(ctx);
      await ctx.progress(1, 1, 'Recorded funding spells, attributions and targets');
    },
  },
];
