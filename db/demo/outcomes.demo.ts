// Demo data for placements & outcomes: employers and contractors (construction-heavy) with
// contacts, social-value contracts with commitments, placements for ~18% of participants, job
// and apprenticeship starts (~33 construction jobs and ~13 apprenticeships per 600 people over
// two years), other outcomes, evidence (a few small real PDFs), mixed verification, and
// sustainment checks for older starts. Deterministic (ctx.rng); multi-row inserts that keep
// the one-outcome-per-type-and-date rule by checking what earlier steps recorded.
import { createHash } from 'node:crypto';
import type { NewOrganisationContact, DemoOutcome, DemoPlacement } from './outcomes-demo-types';
import { insertInChunks, type DemoContext, type DemoStep } from './demo-context';
import { addDays, type Random } from './random';
import { firstNames, lastNames } from './names';
import { demoPdf } from './outcomes-pdf';
import { section106Obligation } from './social-value.demo';
import type { Insertable } from 'kysely';
import type { EvidenceItemsTable } from '../store/tables/outcomes.tables';

type Sector =
  | 'construction'
  | 'advanced_manufacturing'
  | 'life_sciences'
  | 'public_services'
  | 'retail_hospitality'
  | 'environment_energy'
  | 'creative';
const employers: Array<[string, 'employer' | 'contractor', Sector]> = [
  ['Fairlands Build Ltd', 'employer', 'construction'],
  ['Six Hills Groundworks', 'employer', 'construction'],
  ['Gunnels Wood Scaffolding', 'employer', 'construction'],
  ['Chells Roofing & Cladding', 'employer', 'construction'],
  ['Broadwater Dry Lining', 'employer', 'construction'],
  ['Pin Green Plant Hire', 'employer', 'construction'],
  ['Symonds Green Electrical', 'employer', 'construction'],
  ['Stevenage Brickwork Co', 'employer', 'construction'],
  ['Hertford Road Civils', 'employer', 'construction'],
  ['Aston Precision Engineering', 'employer', 'advanced_manufacturing'],
  ['Gunnels Wood Avionics Assembly', 'employer', 'advanced_manufacturing'],
  ['Catalyst Cell Therapies (demo)', 'employer', 'life_sciences'],
  ['Lister Hospital Estates (demo)', 'employer', 'public_services'],
  ['Stevenage Leisure Centre (demo)', 'employer', 'retail_hospitality'],
  ['Westgate Retail Park Stores', 'employer', 'retail_hospitality'],
  ['Solar Herts Installations', 'employer', 'environment_energy'],
  ['Gordon Craig Theatre Crew (demo)', 'employer', 'creative'],
  ['Northgate Construction Partners', 'contractor', 'construction'],
  ['Hertsmere Regeneration Ltd', 'contractor', 'construction'],
  ['Queensway Homes Contracting', 'contractor', 'construction'],
];
const others: Array<[string, 'jcp_office' | 'referral_agency']> = [
  ['Stevenage Jobcentre Plus', 'jcp_office'],
  ['Hitchin Jobcentre Plus', 'jcp_office'],
  ['Stevenage Citizens Advice (demo)', 'referral_agency'],
  ['Herts Young People Services (demo)', 'referral_agency'],
];

interface OrgFacts {
  id: number;
  name: string;
  sector: Sector | null;
  kind: string;
}
interface ContractFacts {
  id: number;
  startsOn: string;
  endsOn: string;
}

async function organisationsAndContracts(
  ctx: DemoContext,
): Promise<{ employers: OrgFacts[]; contracts: ContractFacts[] }> {
  const { tx, rng } = ctx;
  const made: OrgFacts[] = [];
  const contacts: NewOrganisationContact[] = [];
  for (const [name, kind, sector] of [...employers, ...others.map(([n, k]) => [n, k, null] as const)]) {
    const existing = await tx.selectFrom('organisations').select('id').where('name', '=', name).executeTakeFirst();
    const id =
      existing?.id ??
      (
        await tx
          .insertInto('organisations')
          .values({
            name,
            kind,
            sector,
            address: `Unit ${rng.int(1, 40)}, ${rng.pick(['Gunnels Wood Road', 'Babbage Road', 'Cartwright Road', 'Caxton Way', 'Danestrete'])}`,
            postcode: `SG1 ${rng.int(1, 4)}${rng.pick(['AB', 'DE', 'FG', 'HJ', 'LN', 'PQ'])}`,
            phone: `01438 ${rng.int(200_000, 799_999)}`,
            email: `info@${name.toLowerCase().replace(/[^a-z]+/g, '')}.example.org`,
            notes: 'Demo organisation',
            is_active: 1,
            created_at: ctx.nowIso,
            updated_at: ctx.nowIso,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    made.push({ id, name, sector, kind });
    if (!existing) {
      for (let c = 0; c < rng.int(1, 2); c++) {
        const first = rng.pick(firstNames);
        const last = rng.pick(lastNames);
        contacts.push({
          organisation_id: id,
          name: `${first} ${last}`,
          job_title: rng.pick(['Site manager', 'HR manager', 'Social value lead', 'Work coach', 'Operations director']),
          phone: `07${rng.int(100, 999)} ${rng.int(100_000, 999_999)}`,
          email: `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.org',
        });
      }
    }
  }
  if (contacts.length) await tx.insertInto('organisation_contacts').values(contacts).execute();

  const scale = Math.max(1, ctx.size / 600);
  const contractor = (name: string) => made.find((o) => o.name === name)!.id;
  const specs = [
    {
      name: 'Major Repairs Contract',
      reference: 'SBC-MRC-2024',
      contractor: 'Northgate Construction Partners',
      from: -730,
      to: 1095,
      commitments: [
        ['local_jobs', 14],
        ['apprenticeships', 6],
        ['work_placements', 20],
        ['site_visits', 8],
      ],
    },
    {
      name: 'Town centre regeneration phase 1',
      reference: 'SG1-TC-P1',
      contractor: 'Hertsmere Regeneration Ltd',
      from: -620,
      to: 120,
      commitments: [
        ['local_jobs', 10],
        ['apprenticeships', 4],
        ['work_placements', 12],
        ['site_visits', 6],
      ],
    },
    {
      name: 'Queensway housing development',
      reference: 'S106-QW',
      contractor: 'Queensway Homes Contracting',
      from: -420,
      to: 480,
      commitments: [
        ['local_jobs', 8],
        ['apprenticeships', 3],
        ['work_placements', 10],
        ['other', 2],
      ],
    },
    {
      name: 'Leisure centre new build',
      reference: 'SBC-LC-2025',
      contractor: 'Northgate Construction Partners',
      from: -200,
      to: 700,
      commitments: [
        ['local_jobs', 6],
        ['apprenticeships', 2],
        ['work_placements', 8],
      ],
    },
  ] as const;
  const contracts: ContractFacts[] = [];
  for (const s of specs) {
    const startsOn = addDays(ctx.today, s.from);
    const endsOn = addDays(ctx.today, s.to);
    const row = await tx
      .insertInto('social_value_contracts')
      .values({
        name: s.name,
        reference: s.reference,
        contractor_org_id: contractor(s.contractor),
        starts_on: startsOn,
        ends_on: endsOn,
        notes: 'Demo contract',
        created_at: ctx.nowIso,
        updated_at: ctx.nowIso,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('contract_commitments')
      .values(
        s.commitments.map(([kind, target]) => ({
          contract_id: row.id,
          kind,
          target: Math.round(target * scale),
          description: null,
          manual_achieved:
            kind === 'site_visits' || kind === 'other' ? Math.round((target * scale * rng.int(30, 90)) / 100) : null,
        })),
      )
      .execute();
    contracts.push({ id: row.id, startsOn, endsOn });
    if (s.reference === 'S106-QW') await section106Obligation(ctx, row.id, startsOn);
  }
  return { employers: made.filter((o) => o.kind === 'employer' || o.kind === 'contractor'), contracts };
}

function pickContract(rng: Random, contracts: ContractFacts[], date: string): number | null {
  const open = contracts.filter((c) => c.startsOn <= date && date <= c.endsOn);
  return open.length && rng.chance(0.65) ? rng.pick(open).id : null;
}

const WP_KINDS = ['work_experience', 'work_trial', 'swap'] as const;

export const outcomesStep: DemoStep = {
  name: 'placements and outcomes',
  async run(ctx) {
    const { tx, rng } = ctx;
    const { employers: orgs, contracts } = await organisationsAndContracts(ctx);
    const construction = orgs.filter((o) => o.sector === 'construction');
    const otherSectors = orgs.filter((o) => o.sector !== 'construction');
    const staff = () => rng.pick(ctx.staffIds);

    // Placements, built in memory then inserted in chunks; conversions point at the work placement.
    // Who gets what is decided by exact shares of the people far enough into the programme (taken
    // in a random order), not by an independent roll each: the figures then stay near the headline
    // ones (~18% placed, ~33 construction jobs, ~13 apprenticeships per 600) whatever earlier demo
    // steps drew from the shared random stream.
    const ready: Array<{ p: DemoContext['participants'][number]; earliest: string; k: number }> = [];
    for (const p of ctx.participants) {
      const earliest = addDays(p.startDate, rng.int(14, 120));
      if (earliest <= ctx.today) ready.push({ p, earliest, k: rng.next() });
    }
    ready.sort((a, b) => a.k - b.k);
    const share = (fraction: number) => Math.round(ready.length * fraction);
    const wpCount = share(0.12);
    const jobCount = share(0.042);
    const apprenticeshipCount = share(0.024);
    const base = (participantId: number, employer: OrgFacts) => ({
      participant_id: participantId,
      employer_org_id: employer.id,
      sector: employer.sector,
      site:
        employer.sector === 'construction'
          ? rng.pick(['Queensway', 'Town Square', 'Bedwell estate', 'Symonds Green', 'Depot, Cavendish Road'])
          : null,
      supervisor: `${rng.pick(firstNames)} ${rng.pick(lastNames)}`,
    });
    const placements: DemoPlacement[] = [];
    const convertible: number[] = [];
    for (const [i, { p, earliest }] of ready.slice(0, wpCount).entries()) {
      const employer = i < Math.round(wpCount * 0.75) ? rng.pick(construction) : rng.pick(otherSectors);
      const status = addDays(earliest, 14) > ctx.today ? 'active' : rng.chance(0.1) ? 'ended_early' : 'completed';
      const ends = status === 'active' ? null : addDays(earliest, rng.int(5, 30));
      const wp: DemoPlacement = {
        ...base(p.id, employer),
        kind: rng.pick(WP_KINDS),
        contract_id: pickContract(rng, contracts, earliest),
        starts_on: earliest,
        ends_on: ends && ends > ctx.today ? ctx.today : ends,
        hours_per_week: rng.pick([16, 20, 25, 30]),
        hourly_wage_pence: null,
        status,
        ended_reason:
          status === 'ended_early'
            ? rng.pick(['Health reasons', 'Did not attend', 'Moved away', 'Found other work'])
            : null,
        converted_from_index: null,
      };
      placements.push(wp);
      if (
        status === 'completed' &&
        employer.sector === 'construction' &&
        addDays(wp.ends_on ?? earliest, 1) <= ctx.today
      )
        convertible.push(placements.length - 1);
    }
    for (const [i, { p, earliest }] of ready.slice(wpCount, wpCount + jobCount).entries()) {
      const employer = i < Math.round(jobCount * 0.6) ? rng.pick(construction) : rng.pick(otherSectors);
      const status = rng.chance(0.12) ? 'ended_early' : rng.chance(0.15) ? 'completed' : 'active';
      placements.push({
        ...base(p.id, employer),
        kind: 'paid_job',
        contract_id: employer.sector === 'construction' ? pickContract(rng, contracts, earliest) : null,
        starts_on: earliest,
        ends_on:
          status === 'active'
            ? null
            : addDays(earliest, Math.min(rng.int(20, 300), Math.max(0, daysUntil(earliest, ctx.today)))),
        hours_per_week: rng.pick([12, 16, 20, 30, 37.5, 40, 40, 45]),
        hourly_wage_pence: rng.int(1150, 1800),
        status,
        ended_reason: status === 'ended_early' ? 'Contract ended' : null,
        converted_from_index: null,
      });
    }
    for (const [i, { p, earliest }] of ready
      .slice(wpCount + jobCount, wpCount + jobCount + apprenticeshipCount)
      .entries()) {
      const employer = i < Math.round(apprenticeshipCount * 0.8) ? rng.pick(construction) : rng.pick(otherSectors);
      placements.push({
        ...base(p.id, employer),
        kind: 'apprenticeship',
        contract_id: pickContract(rng, contracts, earliest),
        starts_on: earliest,
        ends_on: null,
        hours_per_week: 37.5,
        hourly_wage_pence: rng.int(700, 1100),
        status: 'active',
        ended_reason: null,
        converted_from_index: null,
        apprenticeship: rng.pick([
          ['Bricklayer', 2],
          ['Carpentry and joinery', 2],
          ['Groundworker', 2],
          ['Electrical installation', 3],
          ['Plumbing and domestic heating', 3],
          ['Site supervisor', 4],
        ] as const),
      });
    }
    // Four in ten completed construction placements turn into a job with the same employer. They
    // come after every work placement, so each is inserted after the placement it points at.
    for (const from of convertible.slice(0, Math.round(convertible.length * 0.4))) {
      const wp = placements[from]!;
      placements.push({
        participant_id: wp.participant_id,
        employer_org_id: wp.employer_org_id,
        sector: wp.sector,
        site: wp.site,
        supervisor: wp.supervisor,
        kind: 'paid_job',
        contract_id: wp.contract_id,
        starts_on: addDays(wp.ends_on!, 1),
        ends_on: null,
        hours_per_week: rng.pick([37.5, 40, 40, 45, 30]),
        hourly_wage_pence: rng.int(1150, 1650),
        status: 'active',
        ended_reason: null,
        converted_from_index: from,
      });
    }
    const placementIds: number[] = [];
    const firstConversion = placements.findIndex((pl) => pl.converted_from_index !== null);
    const batches =
      firstConversion < 0 ? [placements] : [placements.slice(0, firstConversion), placements.slice(firstConversion)];
    for (const batch of batches) {
      await insertInChunks(batch, 500, async (chunk) => {
        const rows = chunk.map((pl) => ({
          participant_id: pl.participant_id,
          kind: pl.kind,
          employer_org_id: pl.employer_org_id,
          contract_id: pl.contract_id,
          course_run_id: null,
          site: pl.site,
          starts_on: pl.starts_on,
          ends_on: pl.ends_on,
          hours_per_week: pl.hours_per_week,
          hourly_wage_pence: pl.hourly_wage_pence,
          supervisor: pl.supervisor,
          status: pl.status,
          ended_reason: pl.ended_reason,
          converted_from_id: pl.converted_from_index === null ? null : placementIds[pl.converted_from_index]!,
          apprenticeship_standard: pl.apprenticeship?.[0] ?? null,
          apprenticeship_level: pl.apprenticeship?.[1] ?? null,
          notes: null,
          created_at: `${pl.starts_on}T09:00:00.000Z`,
          created_by: staff(),
          updated_at: `${pl.starts_on}T09:00:00.000Z`,
        }));
        const inserted = await tx.insertInto('placements').values(rows).returning('id').execute();
        placementIds.push(...inserted.map((r) => r.id));
        await ctx.progress(
          placementIds.length,
          placements.length,
          `Placements ${placementIds.length.toLocaleString('en-GB')}`,
        );
      });
    }

    // Outcomes that follow from placements, and others; skip any (person, type, date) already recorded.
    const taken = new Set(
      (await tx.selectFrom('outcomes').select(['participant_id', 'outcome_type', 'outcome_date']).execute()).map(
        (o) => `${o.participant_id}|${o.outcome_type}|${o.outcome_date}`,
      ),
    );
    const outcomes: DemoOutcome[] = [];
    const add = (o: DemoOutcome) => {
      const key = `${o.participant_id}|${o.outcome_type}|${o.outcome_date}`;
      if (taken.has(key) || o.outcome_date > ctx.today) return;
      taken.add(key);
      outcomes.push(o);
    };
    for (const [i, pl] of placements.entries()) {
      const common = {
        participant_id: pl.participant_id,
        placement_id: placementIds[i]!,
        employer_org_id: pl.employer_org_id,
        contract_id: pl.contract_id,
        sector: pl.sector,
        hours_per_week: pl.hours_per_week,
        source: 'placement' as const,
        source_ref: `placement:${placementIds[i]}`,
      };
      if (pl.kind === 'paid_job') add({ ...common, outcome_type: 'job_start', outcome_date: pl.starts_on });
      else if (pl.kind === 'apprenticeship')
        add({
          ...common,
          outcome_type: 'apprenticeship_start',
          outcome_date: pl.starts_on,
          apprenticeship_standard: pl.apprenticeship?.[0] ?? null,
          apprenticeship_level: pl.apprenticeship?.[1] ?? null,
        });
      else if (pl.status === 'completed' && pl.ends_on)
        add({ ...common, outcome_type: 'work_placement', outcome_date: pl.ends_on });
    }
    for (const p of ctx.participants) {
      const after = (min: number, max: number) => addDays(p.startDate, rng.int(min, max));
      if (rng.chance(0.3))
        add({ participant_id: p.id, outcome_type: 'job_search_engaged', outcome_date: after(1, 30), source: 'manual' });
      if (rng.chance(0.05))
        add({ participant_id: p.id, outcome_type: 'basic_skills', outcome_date: after(7, 90), source: 'manual' });
      if (rng.chance(0.04))
        add({
          participant_id: p.id,
          outcome_type: 'education_training',
          outcome_date: after(30, 300),
          source: 'manual',
          qualification_title: rng.pick([
            'Level 2 Diploma in Site Carpentry',
            'ESOL Entry 3',
            'Functional Skills Maths Level 1',
            'Level 1 Certificate in Construction Skills',
          ]),
        });
      if (rng.chance(0.02))
        add({ participant_id: p.id, outcome_type: 'volunteering', outcome_date: after(14, 200), source: 'manual' });
      if (rng.chance(0.006))
        add({
          participant_id: p.id,
          outcome_type: 'self_employment',
          outcome_date: after(60, 400),
          source: 'manual',
          sector: rng.pick(['construction', 'creative', 'other']),
          hours_per_week: rng.pick([16, 25, 40]),
        });
    }
    const outcomeIds = await insertOutcomes(ctx, outcomes);

    // Sustainment checks for older starts: most done on time, some left for the worklist.
    const sustained: DemoOutcome[] = [];
    const checks: Array<{
      startIndex: number;
      weeks: 13 | 26;
      sustained: boolean;
      sustainedOn: string | null;
      checkedOn: string;
      sustainedIndex: number | null;
    }> = [];
    for (const [i, o] of outcomes.entries()) {
      if (o.outcome_type !== 'job_start' && o.outcome_type !== 'apprenticeship_start') continue;
      let stillIn = true;
      for (const weeks of [13, 26] as const) {
        const due = addDays(o.outcome_date, weeks * 7);
        const checkedOn = addDays(due, rng.int(0, 35));
        if (!stillIn || checkedOn > ctx.today || !rng.chance(0.8)) break;
        stillIn = rng.chance(weeks === 13 ? 0.8 : 0.85);
        const key = `${o.participant_id}|sustained_${weeks}_weeks|${due}`;
        let sustainedIndex: number | null = null;
        if (stillIn && !taken.has(key)) {
          taken.add(key);
          sustainedIndex = sustained.length;
          sustained.push({
            participant_id: o.participant_id,
            outcome_type: `sustained_${weeks}_weeks`,
            outcome_date: due,
            source: 'sustainment',
            source_ref: `start:${i}:${weeks}`,
            placement_id: o.placement_id ?? null,
            employer_org_id: o.employer_org_id ?? null,
            contract_id: o.contract_id ?? null,
            sector: o.sector ?? null,
            hours_per_week: o.hours_per_week ?? null,
            parent_index: i,
          });
        }
        checks.push({
          startIndex: i,
          weeks,
          sustained: stillIn,
          sustainedOn: stillIn ? due : null,
          checkedOn,
          sustainedIndex,
        });
      }
    }
    for (const s of sustained) {
      s.parent_outcome_id = outcomeIds[s.parent_index!]!;
      s.source_ref = `start:${s.parent_outcome_id}:${s.outcome_type === 'sustained_13_weeks' ? 13 : 26}`;
    }
    const sustainedIds = await insertOutcomes(ctx, sustained);
    await insertInChunks(
      checks,
      1000,
      async (chunk) =>
        void (await tx
          .insertInto('sustainment_checks')
          .values(
            chunk.map((c) => ({
              start_outcome_id: outcomeIds[c.startIndex]!,
              participant_id: outcomes[c.startIndex]!.participant_id,
              weeks: c.weeks,
              sustained: c.sustained ? 1 : 0,
              sustained_on: c.sustainedOn,
              checked_on: c.checkedOn,
              outcome_id: c.sustainedIndex === null ? null : sustainedIds[c.sustainedIndex]!,
              notes: c.sustained ? null : 'Left the job',
              created_at: `${c.checkedOn}T11:00:00.000Z`,
              created_by: staff(),
            })),
          )
          .execute()),
    );

    await evidenceForDemo(ctx, [...outcomes, ...sustained], [...outcomeIds, ...sustainedIds]);
  },
};

function daysUntil(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Inserts outcomes with a mixed verification state (recent ones more often unverified). */
async function insertOutcomes(ctx: DemoContext, outcomes: DemoOutcome[]): Promise<number[]> {
  const { rng } = ctx;
  const ids: number[] = [];
  const reasons = {
    has_issues: ['Payslip hours do not match', 'Employer letter unsigned', 'Start date differs from JCP record'],
    rejected: [
      'Employer could not confirm the job',
      'Duplicate of a claim by another provider',
      'Person not eligible at start',
    ],
  };
  await insertInChunks(outcomes, 800, async (chunk) => {
    const rows = chunk.map((o) => {
      const recent = daysUntil(o.outcome_date, ctx.today) < 60;
      const status = rng.weighted([
        ['verified', recent ? 35 : 78],
        ['unverified', recent ? 60 : 12],
        ['has_issues', 7],
        ['rejected', 3],
      ] as const);
      const verifiedAt =
        status === 'unverified'
          ? null
          : `${addDays(o.outcome_date, Math.min(rng.int(3, 40), Math.max(0, daysUntil(o.outcome_date, ctx.today))))}T14:00:00.000Z`;
      return {
        participant_id: o.participant_id,
        outcome_type: o.outcome_type,
        outcome_date: o.outcome_date,
        placement_id: o.placement_id ?? null,
        employer_org_id: o.employer_org_id ?? null,
        course_run_id: null,
        contract_id: o.contract_id ?? null,
        parent_outcome_id: o.parent_outcome_id ?? null,
        sector: o.sector ?? null,
        hours_per_week: o.hours_per_week ?? null,
        apprenticeship_standard: o.apprenticeship_standard ?? null,
        apprenticeship_level: o.apprenticeship_level ?? null,
        qualification_title: o.qualification_title ?? null,
        notes: null,
        source: o.source,
        source_ref: o.source_ref ?? null,
        verification_status: status,
        verified_by: verifiedAt ? rng.pick(ctx.staffIds) : null,
        verified_at: verifiedAt,
        verification_reason: status === 'has_issues' || status === 'rejected' ? rng.pick(reasons[status]) : null,
        created_at: `${o.outcome_date}T10:00:00.000Z`,
        created_by: rng.pick(ctx.staffIds),
        updated_at: `${o.outcome_date}T10:00:00.000Z`,
      };
    });
    const inserted = await ctx.tx.insertInto('outcomes').values(rows).returning('id').execute();
    ids.push(...inserted.map((r) => r.id));
  });
  return ids;
}

const evidenceFor: Record<string, string[]> = {
  job_start: ['payslip', 'employer_letter', 'contract_of_employment', 'jcp_confirmation'],
  apprenticeship_start: ['apprenticeship_agreement', 'employer_letter'],
  sustained_13_weeks: ['payslip', 'employer_letter'],
  sustained_26_weeks: ['payslip', 'employer_letter'],
  education_training: ['enrolment_confirmation'],
  self_employment: ['self_declaration'],
  work_placement: ['employer_letter'],
};

async function evidenceForDemo(ctx: DemoContext, outcomes: DemoOutcome[], ids: number[]): Promise<void> {
  const { rng, tx } = ctx;
  // A handful of real PDFs so the viewer has something to open; the rest is metadata only.
  const files = ['June', 'July', 'August'].map((month) => {
    const bytes = demoPdf([
      `Demo payslip - ${month}`,
      'Demo employer Ltd',
      'Hours this period: 160',
      'This is synthetic demo data, not a real payslip.',
    ]);
    return {
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: Buffer.from(bytes),
      mime: 'application/pdf' as const,
      size: bytes.length,
      created_at: ctx.nowIso,
    };
  });
  await tx
    .insertInto('evidence_files')
    .values(files)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  const items: Insertable<EvidenceItemsTable>[] = [];
  let withFile = 0;
  for (const [i, o] of outcomes.entries()) {
    const kinds = evidenceFor[o.outcome_type];
    if (!kinds || !rng.chance(0.8)) continue;
    const n = rng.chance(0.3) ? 2 : 1;
    for (let k = 0; k < n; k++) {
      const kind = kinds[k % kinds.length]!;
      const file = kind === 'payslip' && withFile < 12 && rng.chance(0.5) ? files[withFile++ % files.length]! : null;
      items.push({
        participant_id: o.participant_id,
        outcome_id: ids[i]!,
        kind,
        received_on:
          addDays(o.outcome_date, rng.int(1, 30)) > ctx.today ? ctx.today : addDays(o.outcome_date, rng.int(1, 30)),
        seen_by: rng.pick(ctx.staffIds),
        notes: null,
        file_name: file ? `payslip-${withFile}.pdf` : null,
        file_mime: file?.mime ?? null,
        file_size: file?.size ?? null,
        file_sha256: file?.sha256 ?? null,
        created_at: `${o.outcome_date}T15:00:00.000Z`,
        created_by: rng.pick(ctx.staffIds),
      });
    }
  }
  await insertInChunks(
    items,
    1500,
    async (chunk) => void (await tx.insertInto('evidence_items').values(chunk).execute()),
  );
}

export const outcomesSteps: DemoStep[] = [outcomesStep];
