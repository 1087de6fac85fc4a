// Demo data for vacancies: past vacancies behind the job and apprenticeship starts the outcomes
// step recorded (the starters as candidates who started, linked to their start outcome, beside
// others who were unsuccessful or declined), open vacancies with pipelines at every stage
// (interviews this week, offers waiting) drawn from the people who are site ready and not in
// work, and a log of employer engagement with pledges part delivered. No outcome is created
// here, so the headline figures stay those of the earlier steps. Deterministic (ctx.rng).
import type { Insertable } from 'kysely';
import type { VacancyCandidatesTable, VacanciesTable } from '../store/tables/vacancies.tables';
import type { EmployerEngagementsTable } from '../store/tables/vacancies.tables';
import { weekOf } from '../../shared/domain/dates';
import { insertInChunks, type DemoContext, type DemoStep } from './demo-context';
import { addDays, type Random } from './random';

type NewVacancy = Insertable<VacanciesTable>;
/** A candidate before its vacancy has an id. */
type NewCandidate = Omit<Insertable<VacancyCandidatesTable>, 'vacancy_id'>;

const titles: Record<string, readonly string[]> = {
  construction: [
    'Groundworker',
    'General labourer',
    'Scaffolder’s labourer',
    'Dryliner',
    'Plant operative',
    'Site operative',
  ],
  apprenticeship: ['Bricklaying apprentice', 'Carpentry apprentice', 'Electrical apprentice', 'Plumbing apprentice'],
  other: ['Warehouse operative', 'Production operative', 'Customer assistant', 'Facilities assistant'],
};
const standards: Array<[string, number]> = [
  ['Bricklayer', 2],
  ['Carpentry and joinery', 2],
  ['Installation electrician', 3],
  ['Plumbing and domestic heating technician', 3],
];
const sites = [
  'Town Square',
  'Queensway',
  'Bedwell estate',
  'Symonds Green',
  'Depot, Cavendish Road',
  'Leisure centre',
];
const unsuccessful = [
  'Employer chose a candidate with more experience',
  'Did not attend the interview',
  'Not enough experience of groundworks',
  'Interview went well; no place left',
];
const declined = [
  'Took another job',
  'Hours did not suit childcare',
  'Travel to site too far',
  'Changed mind about the role',
];

interface Org {
  id: number;
  name: string;
  kind: string;
  sector: string | null;
}

export const vacanciesStep: DemoStep = {
  name: 'vacancies and employer engagement',
  async run(ctx) {
    const { tx, rng } = ctx;
    const orgs: Org[] = await tx
      .selectFrom('organisations')
      .select(['id', 'name', 'kind', 'sector'])
      .where('kind', 'in', ['employer', 'contractor'])
      .orderBy('id')
      .execute();
    if (!orgs.length) return;
    const contracts = await tx
      .selectFrom('social_value_contracts')
      .select(['id', 'contractor_org_id', 'starts_on', 'ends_on'])
      .orderBy('id')
      .execute();
    const contractFor = (orgId: number, on: string) =>
      contracts.find(
        (c) => c.contractor_org_id === orgId && (!c.starts_on || c.starts_on <= on) && (!c.ends_on || c.ends_on >= on),
      )?.id ?? null;
    const staff = () => (ctx.staffIds.length ? rng.pick(ctx.staffIds) : null);
    const startedOf = new Map(ctx.participants.map((p) => [p.id, p.startDate]));

    // ---- past vacancies, one per employer and month of starts ----
    const starts = await tx
      .selectFrom('outcomes')
      .select([
        'id',
        'participant_id',
        'outcome_type',
        'outcome_date',
        'employer_org_id',
        'contract_id',
        'hours_per_week',
      ])
      .where('outcome_type', 'in', ['job_start', 'apprenticeship_start'])
      .where('employer_org_id', 'is not', null)
      .where('verification_status', '!=', 'rejected')
      .orderBy('outcome_date')
      .orderBy('id')
      .execute();
    const groups = new Map<string, typeof starts>();
    for (const s of starts) {
      const key = `${s.employer_org_id}|${s.outcome_type}|${s.outcome_date.slice(0, 7)}`;
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    const everyone = ctx.participants.map((p) => p.id);
    const vacancies: Array<{ row: NewVacancy; candidates: NewCandidate[] }> = [];
    for (const group of groups.values()) {
      const first = group[0]!;
      const org = orgs.find((o) => o.id === first.employer_org_id);
      if (!org) continue;
      const apprenticeship = first.outcome_type === 'apprenticeship_start';
      const closing = addDays(first.outcome_date, -rng.int(10, 28));
      const submitted = addDays(closing, -rng.int(5, 20));
      const [standard, level] = rng.pick(standards);
      const row: NewVacancy = {
        ...vacancyBase(rng, org, apprenticeship),
        places: group.length + rng.int(0, 1),
        closing_date: closing,
        starts_on: first.outcome_date,
        contract_id: first.contract_id ?? contractFor(org.id, first.outcome_date),
        status: 'filled',
        apprenticeship_standard: apprenticeship ? standard : null,
        apprenticeship_level: apprenticeship ? level : null,
        hours_per_week: first.hours_per_week ?? 39,
        created_at: `${addDays(submitted, -7)}T09:00:00.000Z`,
        created_by: staff(),
        updated_at: ctx.nowIso,
      };
      const candidates: NewCandidate[] = group.map((s) => {
        // Put forward before the vacancy closed, or on joining if that was later (still weeks
        // before the start: the outcomes step starts nobody in their first fortnight).
        const put = earliestOf(submitted, startedOf.get(s.participant_id));
        const interviewed = addDays(put, rng.int(2, 5));
        return {
          ...candidateBase(ctx, staff(), s.participant_id, put),
          stage: 'started',
          interview_on: interviewed,
          interview_guaranteed: rng.chance(0.5) ? 1 : 0,
          interviewed_on: interviewed,
          offered_on: addDays(interviewed, rng.int(1, 3)),
          accepted_on: addDays(interviewed, rng.int(3, 5)),
          started_on: s.outcome_date,
          outcome_id: s.id,
        };
      });
      const taken = new Set(group.map((s) => s.participant_id));
      for (let i = rng.int(1, 3); i > 0; i--) {
        const person = rng.pick(everyone);
        const since = startedOf.get(person);
        if (taken.has(person) || !since || since > submitted) continue;
        taken.add(person);
        const interviewed = addDays(closing, rng.int(1, 5));
        const refused = rng.chance(0.7);
        candidates.push({
          ...candidateBase(ctx, staff(), person, submitted),
          stage: refused ? 'unsuccessful' : 'declined',
          interview_on: interviewed,
          interviewed_on: interviewed,
          offered_on: refused ? null : addDays(interviewed, 2),
          closed_on: addDays(interviewed, rng.int(2, 6)),
          closed_from: refused ? 'interviewed' : 'offered',
          closed_reason: refused ? rng.pick(unsuccessful) : rng.pick(declined),
        });
      }
      vacancies.push({ row, candidates });
    }

    // ---- open vacancies with pipelines, from people site ready and not in work ----
    const ready = await tx
      .selectFrom('site_ready_signoffs as s')
      .select('s.participant_id')
      .where('s.revoked_on', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('outcomes as o')
              .select('o.id')
              .whereRef('o.participant_id', '=', 's.participant_id')
              .where('o.outcome_type', 'in', ['job_start', 'apprenticeship_start', 'self_employment']),
          ),
        ),
      )
      .orderBy('s.participant_id')
      .distinct()
      .execute();
    const pool = ready.map((r) => r.participant_id);
    const week = weekOf(ctx.today);
    const construction = orgs.filter((o) => o.sector === 'construction');
    const openCount = Math.max(3, Math.round((5 * ctx.size) / 600));
    let next = 0;
    for (let v = 0; v < openCount && construction.length; v++) {
      const org = construction[(v * 3) % construction.length]!;
      const apprenticeship = v % 4 === 3;
      const closing = v === 0 ? week.sunday : addDays(ctx.today, rng.int(5, 35));
      const [standard, level] = rng.pick(standards);
      const row: NewVacancy = {
        ...vacancyBase(rng, org, apprenticeship),
        kind: v === 1 ? 'guaranteed_interview' : apprenticeship ? 'apprenticeship' : 'job',
        places: rng.int(1, 4),
        closing_date: closing,
        starts_on: addDays(closing, rng.int(14, 28)),
        contract_id: contractFor(org.id, ctx.today),
        status: 'open',
        requires_site_ready: 1,
        card_type_required: apprenticeship ? null : 'green_labourer',
        apprenticeship_standard: apprenticeship ? standard : null,
        apprenticeship_level: apprenticeship ? level : null,
        created_at: `${addDays(ctx.today, -rng.int(10, 25))}T09:00:00.000Z`,
        created_by: staff(),
        updated_at: ctx.nowIso,
      };
      const candidates: NewCandidate[] = [];
      const submitted = addDays(ctx.today, -rng.int(5, 9));
      // A pipeline at every stage: put forward, interviews this week, interviewed, offered, accepted.
      const stages = [
        'submitted',
        'interview_booked',
        'interview_booked',
        'interviewed',
        'offered',
        'accepted',
      ] as const;
      for (const [i, stage] of stages.slice(0, v === 0 ? stages.length : rng.int(3, stages.length)).entries()) {
        const person = pool[next++];
        if (person === undefined) break;
        if ((startedOf.get(person) ?? '') > submitted) continue;
        const thisWeek = addDays(week.monday, (i + v) % 5);
        const interviewOn =
          stage !== 'interview_booked'
            ? addDays(submitted, 3)
            : thisWeek > submitted
              ? thisWeek
              : addDays(submitted, 1);
        const reached = stages.indexOf(stage);
        candidates.push({
          ...candidateBase(ctx, staff(), person, submitted),
          stage,
          interview_on: reached >= 1 ? interviewOn : null,
          interview_guaranteed: row.kind === 'guaranteed_interview' || rng.chance(0.3) ? 1 : 0,
          interviewed_on: reached >= 3 ? addDays(submitted, 3) : null,
          offered_on: reached >= 4 ? addDays(submitted, 4) : null,
          accepted_on: reached >= 5 ? addDays(submitted, 5) : null,
        });
      }
      vacancies.push({ row, candidates });
    }

    for (const { row, candidates } of vacancies) {
      const { id } = await tx.insertInto('vacancies').values(row).returning('id').executeTakeFirstOrThrow();
      await insertInChunks(
        candidates.map((c) => ({ ...c, vacancy_id: id })),
        200,
        async (chunk) => void (await tx.insertInto('vacancy_candidates').values(chunk).execute()),
      );
    }

    await engagement(ctx, orgs, staff);
  },
};

function vacancyBase(rng: Random, org: Org, apprenticeship: boolean) {
  const building = org.sector === 'construction';
  return {
    employer_org_id: org.id,
    job_title: rng.pick(apprenticeship ? titles.apprenticeship! : building ? titles.construction! : titles.other!),
    site: building ? rng.pick(sites) : null,
    sector: org.sector,
    kind: apprenticeship ? ('apprenticeship' as const) : ('job' as const),
    hours_per_week: rng.pick([37.5, 39, 40]),
    wage_pence: apprenticeship ? rng.pick([1_650_000, 1_800_000, 2_000_000]) : rng.pick([1221, 1300, 1350, 1450, 1600]),
    wage_per: apprenticeship ? ('year' as const) : ('hour' as const),
    description: building ? 'CSCS card and PPE needed on site. Early starts.' : null,
  };
}

function candidateBase(ctx: DemoContext, staffId: number | null, participantId: number, submittedOn: string) {
  return {
    participant_id: participantId,
    submitted_on: submittedOn,
    // Every column, so rows inserted together agree (a multi-row insert has no DEFAULT in SQLite).
    interview_on: null,
    interview_guaranteed: 0,
    interviewed_on: null,
    offered_on: null,
    accepted_on: null,
    started_on: null,
    closed_on: null,
    closed_from: null,
    closed_reason: null,
    override_reason: null,
    outcome_id: null,
    notes: null,
    fit_notes: 'Site ready; Card held; Eligible; Not in work',
    created_at: `${submittedOn}T10:00:00.000Z`,
    created_by: staffId,
    updated_at: ctx.nowIso,
    updated_by: staffId,
  };
}

/** Put forward on the day given, or on the day they joined if that was later. */
const earliestOf = (submitted: string, joined: string | undefined) =>
  joined && joined > submitted ? joined : submitted;

/** The engagement kinds the demo's entries use. */
type EngagementKindUsed = 'meeting' | 'call_or_email' | 'site_visit' | 'pledge' | 'mentor_offer' | 'careers_talk';

async function engagement(ctx: DemoContext, orgs: Org[], staff: () => number | null) {
  const { tx, rng } = ctx;
  const contacts = await tx.selectFrom('organisation_contacts').select(['id', 'organisation_id']).execute();
  const rows: Array<Insertable<EmployerEngagementsTable>> = [];
  for (const org of orgs.slice(0, Math.min(orgs.length, 14))) {
    const own = contacts.filter((c) => c.organisation_id === org.id);
    for (let i = rng.int(1, 4); i > 0; i--) {
      const on = addDays(ctx.today, -rng.int(5, 600));
      const kind = rng.weighted([
        ['meeting', 4],
        ['call_or_email', 3],
        ['site_visit', 2],
        ['pledge', 2],
        ['mentor_offer', 1],
        ['careers_talk', 1],
      ] as const);
      const promising = kind === 'pledge' || kind === 'mentor_offer';
      const promisedCount = promising ? rng.int(2, 6) : null;
      const deliveredCount = promisedCount === null ? null : rng.int(0, promisedCount);
      rows.push({
        organisation_id: org.id,
        kind,
        occurred_on: on,
        contact_id: own.length ? rng.pick(own).id : null,
        summary: summaries[kind](org.name),
        promised:
          kind === 'pledge'
            ? `${promisedCount} ${rng.pick(['two-week work placements', 'guaranteed interviews', 'site visits for course groups'])}`
            : kind === 'mentor_offer'
              ? `${promisedCount} mentors for new starters`
              : null,
        promised_count: promisedCount,
        delivered: deliveredCount ? `${deliveredCount} so far` : null,
        delivered_count: deliveredCount,
        due_on: promising ? addDays(on, rng.int(90, 365)) : null,
        follow_up_on: rng.chance(0.3) ? addDays(ctx.today, rng.int(3, 40)) : null,
        staff_id: staff(),
        created_at: `${on}T12:00:00.000Z`,
        updated_at: ctx.nowIso,
      });
    }
  }
  if (rows.length) await tx.insertInto('employer_engagements').values(rows).execute();
}

const summaries: Record<EngagementKindUsed, (org: string) => string> = {
  meeting: (org) => `Met ${org} about their local labour plan and upcoming vacancies`,
  call_or_email: () => 'Followed up on candidates put forward and interview dates',
  site_visit: () => 'Site visit with a course group: induction, PPE and a tour of the works',
  pledge: (org) => `${org} pledged opportunities at the employer breakfast`,
  mentor_offer: () => 'Offered experienced operatives to mentor new starters',
  careers_talk: () => 'Careers talk to the pre-employment course on routes into construction',
};
