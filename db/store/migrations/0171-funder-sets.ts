// Funder-shaped sets. Each seeded funder gets its funding agreement; UKSPF People & Skills and the
// Towns Fund learner set get a NEW version that counts only items attributed to the funder's
// streams (their submitted returns keep version 1). UKSPF is corrected for closure reporting: the
// CSCS route counts under "people gaining qualifications, licences and skills" (E38), people
// employed at entry are not "in employment following support", work experience is counted at the
// placement's start, and the indicators the programme can evidence are added. Two starter sets
// ship as editable reference data. Every shipped definition was inferred from public guidance
// and says so (definition_status 'inferred'). Frozen in time: the seed is written out here.
import type { MigrationDb } from './migration-db';

interface Seed {
  code: string;
  title: string;
  definition: string;
  unit: string;
  evidence: string;
  intervention?: string;
  rule: Record<string, unknown>;
}

const AT = '2026-12-01T00:00:00.000Z';
const funded = { funding: 'funder', excludeClaimedInSubmittedReturns: true };
const ukspfBase = { ...funded, eligibleOnly: true, countDistinct: 'participant' };
const verified = (types: string[], extra: Record<string, unknown> = {}) => ({
  ...ukspfBase,
  subject: 'outcomes',
  dateField: 'outcome_date',
  outcomeTypes: types,
  verifiedOnly: true,
  ...extra,
});
const notEmployedAtEntry = ['unemployed', 'long_term_unemployed', 'inactive_in_education', 'inactive_not_in_education'];
const inactive = ['inactive_in_education', 'inactive_not_in_education'];

const ukspf: Seed[] = [
  {
    code: 'UKSPF-O1',
    title: 'Number of economically inactive people engaging with keyworker support services',
    intervention: 'E33',
    definition: 'Economically inactive residents whose UKSPF-funded keyworker support starts in the period.',
    unit: 'People',
    evidence: 'Registration form with labour-market status at entry; eligibility evidence (age, right to work).',
    rule: { ...ukspfBase, subject: 'funding_spells', dateField: 'starts_on', labourMarketStatuses: inactive },
  },
  {
    code: 'UKSPF-O2',
    title: 'Number of people receiving support to gain employment',
    intervention: 'E33',
    definition:
      'Residents not in work at entry whose UKSPF-funded support starts in the period; people counted under UKSPF-O1 are not counted again.',
    unit: 'People',
    evidence: 'Registration form; eligibility evidence (age, right to work); referral.',
    rule: {
      ...ukspfBase,
      subject: 'funding_spells',
      dateField: 'starts_on',
      labourMarketStatuses: notEmployedAtEntry,
      notCountedUnder: ['UKSPF-O1'],
    },
  },
  {
    code: 'UKSPF-O3',
    title: 'Number of people supported to engage in job-searching',
    intervention: 'E33',
    definition: 'People with a verified job-search engagement outcome in the period.',
    unit: 'People',
    evidence: 'Action plan or job-search record signed by the participant.',
    rule: verified(['job_search_engaged']),
  },
  {
    code: 'UKSPF-O4',
    title: 'Number of people supported to access basic skills',
    intervention: 'E33',
    definition: 'People with a verified basic-skills support outcome in the period.',
    unit: 'People',
    evidence: 'Enrolment or attendance record from the basic-skills provider.',
    rule: verified(['basic_skills']),
  },
  {
    code: 'UKSPF-O5',
    title: 'Number of people taking part in work experience programmes',
    intervention: 'E33',
    definition:
      'People starting a work experience, work trial or sector-based work academy placement in the period (counted at the placement start).',
    unit: 'People',
    evidence: 'Placement agreement signed by the employer.',
    rule: {
      ...ukspfBase,
      subject: 'placements',
      dateField: 'starts_on',
      placementKinds: ['work_experience', 'work_trial', 'swap'],
    },
  },
  {
    code: 'UKSPF-O6',
    title: 'Number of socially excluded people accessing support',
    intervention: 'E33',
    definition:
      'People facing a barrier to work (disability or health, care leaver, ex-offender, ESOL, homelessness, NEET, no basic skills) whose ' +
      'UKSPF-funded support starts in the period.',
    unit: 'People',
    evidence: 'Registration form recording the barrier; referral.',
    rule: {
      ...ukspfBase,
      subject: 'funding_spells',
      dateField: 'starts_on',
      barriers: [
        'disability_health',
        'care_leaver',
        'ex_offender',
        'esol',
        'homeless',
        'neet_16_24',
        'no_basic_skills',
      ],
    },
  },
  {
    code: 'UKSPF-O7',
    title:
      "Number of people familiarised with employers' expectations, including standards of behaviour in the workplace",
    intervention: 'E33',
    definition: 'People completing a pre-employment (CSCS route) course in the period.',
    unit: 'People',
    evidence: 'Course register showing completion.',
    rule: {
      ...ukspfBase,
      subject: 'enrolments',
      dateField: 'completed_on',
      enrolmentStatuses: ['completed'],
      cscsOnly: true,
    },
  },
  {
    code: 'UKSPF-R1',
    title: 'Number of people in employment, including self-employment, following support',
    intervention: 'E33',
    definition:
      'People not in work at entry with a verified job start, apprenticeship start or self-employment in the period (people employed at ' +
      'entry are excluded).',
    unit: 'People',
    evidence: 'Employer letter, contract, payslip or HMRC self-employment registration.',
    rule: verified(['job_start', 'apprenticeship_start', 'self_employment'], {
      labourMarketStatuses: notEmployedAtEntry,
    }),
  },
  {
    code: 'UKSPF-R2',
    title: 'Number of people gaining qualifications, licences and skills',
    intervention: 'E38',
    definition:
      'People with a verified qualification (including the Level 1 Award in Health and Safety), CSCS card (after the HS&E test) or course ' +
      'completion in the period: the CSCS route is technical and vocational qualifications and licences (E38).',
    unit: 'People',
    evidence: 'Certificate, CSCS Smart Check result or provider achievement record.',
    rule: verified(['qualification', 'cscs_card', 'course_completed']),
  },
  {
    code: 'UKSPF-R3',
    title: 'Number of people in education/training following support',
    intervention: 'E33',
    definition: 'People with a verified start in education or training in the period.',
    unit: 'People',
    evidence: 'Enrolment confirmation from the provider.',
    rule: verified(['education_training']),
  },
  {
    code: 'UKSPF-R4',
    title: 'Number of people sustaining employment for 6 months',
    intervention: 'E33',
    definition: 'People with a verified 26-week sustainment in the period.',
    unit: 'People',
    evidence: 'Employer confirmation or payslips covering 26 weeks.',
    rule: verified(['sustained_26_weeks']),
  },
  {
    code: 'UKSPF-R5',
    title: 'Number of people engaged in job-searching following support',
    intervention: 'E33',
    definition: 'People economically inactive at entry with a verified job-search engagement outcome in the period.',
    unit: 'People',
    evidence: 'Action plan or job-search record signed by the participant.',
    rule: verified(['job_search_engaged'], { labourMarketStatuses: inactive }),
  },
  {
    code: 'UKSPF-R6',
    title: 'Number of people engaged in volunteering following support',
    intervention: 'E33',
    definition: 'People with a verified volunteering outcome in the period.',
    unit: 'People',
    evidence: 'Confirmation from the volunteering organisation.',
    rule: verified(['volunteering']),
  },
];

const enrolled = ['enrolled', 'completed', 'not_completed'];
const townsFund: Seed[] = [
  {
    code: 'TF-L1',
    title: '# of learners enrolled in new education and training courses',
    definition:
      'People enrolled on a course run that starts in the period (waiting list and withdrawn enrolments excluded), attributed to a Towns ' +
      'Fund stream.',
    unit: 'Learners',
    evidence: 'Provider enrolment record.',
    rule: {
      ...funded,
      subject: 'enrolments',
      dateField: 'run_start_date',
      enrolmentStatuses: enrolled,
      countDistinct: 'participant',
    },
  },
  {
    code: 'TF-L2',
    title:
      '# of learners/students/trainees gaining certificates, graduating or completing courses at new or improved training or education facilities, ' +
      'or attending new courses',
    definition: 'People who complete a course in the period, attributed to a Towns Fund stream.',
    unit: 'Learners',
    evidence: 'Certificate or provider achievement record.',
    rule: {
      ...funded,
      subject: 'enrolments',
      dateField: 'completed_on',
      enrolmentStatuses: ['completed'],
      countDistinct: 'participant',
    },
  },
  {
    code: 'TF-E1',
    title: 'Number of closer collaborations with employers',
    definition:
      'Employers offering a work placement that starts in the period, each employer once, attributed to a Towns Fund stream.',
    unit: 'Employers',
    evidence: 'Placement agreement with the employer.',
    rule: { ...funded, subject: 'placements', dateField: 'starts_on', countDistinct: 'employer' },
  },
];

const local = { area: { level: 'postcode_district', codes: ['SG1', 'SG2'] } };
const localLabour: Seed[] = [
  {
    code: 'LL-1',
    title: 'Local residents starting support',
    definition: 'Stevenage residents (SG1, SG2) whose council or Section 106 funded support starts in the period.',
    unit: 'People',
    evidence: 'Registration form with address; eligibility evidence.',
    rule: { ...funded, subject: 'funding_spells', dateField: 'starts_on', countDistinct: 'participant', ...local },
  },
  {
    code: 'LL-2',
    title: 'Local people into jobs of 16 or more hours a week',
    definition:
      'Stevenage residents with a verified job start or self-employment of 16 or more hours a week in the period.',
    unit: 'People',
    evidence: 'Employer letter, contract or payslip showing the hours.',
    rule: {
      ...funded,
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['job_start', 'self_employment'],
      verifiedOnly: true,
      minHoursPerWeek: 16,
      countDistinct: 'participant',
      ...local,
    },
  },
  {
    code: 'LL-3',
    title: 'Apprenticeship starts by local residents',
    definition: 'Verified apprenticeship starts by Stevenage residents in the period, each apprenticeship once.',
    unit: 'Apprenticeships',
    evidence: 'Apprenticeship agreement.',
    rule: {
      ...funded,
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['apprenticeship_start'],
      verifiedOnly: true,
      countDistinct: 'item',
      ...local,
    },
  },
  {
    code: 'LL-4',
    title: 'Work placements started by local residents',
    definition: 'Work placements (any kind) starting in the period for Stevenage residents, each placement once.',
    unit: 'Placements',
    evidence: 'Placement agreement.',
    rule: { ...funded, subject: 'placements', dateField: 'starts_on', countDistinct: 'item', ...local },
  },
  {
    code: 'LL-5',
    title: 'Young people aged 16-24 supported',
    definition: 'People aged 16 to 24 at their start whose funded support starts in the period.',
    unit: 'People',
    evidence: 'Registration form; age evidence.',
    rule: {
      ...funded,
      subject: 'funding_spells',
      dateField: 'starts_on',
      countDistinct: 'participant',
      ageAtStart: [{ min: 16, max: 24 }],
    },
  },
  {
    code: 'LL-6',
    title: 'People aged 50 or over supported',
    definition: 'People aged 50 or over at their start whose funded support starts in the period.',
    unit: 'People',
    evidence: 'Registration form; age evidence.',
    rule: {
      ...funded,
      subject: 'funding_spells',
      dateField: 'starts_on',
      countDistinct: 'participant',
      ageAtStart: [{ min: 50 }],
    },
  },
  {
    code: 'LL-7',
    title: 'CSCS cards achieved',
    definition: 'Verified CSCS cards in the period, each person once.',
    unit: 'People',
    evidence: 'CSCS Smart Check result.',
    rule: {
      ...funded,
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['cscs_card'],
      verifiedOnly: true,
      countDistinct: 'participant',
    },
  },
];

const supported: Seed[] = [
  {
    code: 'CTW-1',
    title: 'Starts on supported employment',
    definition: 'Eligible people whose supported-employment support starts in the period.',
    unit: 'People',
    evidence: 'Referral and eligibility evidence (disability, health condition or disadvantage); start form.',
    rule: {
      ...funded,
      subject: 'funding_spells',
      dateField: 'starts_on',
      eligibleOnly: true,
      countDistinct: 'participant',
    },
  },
  {
    code: 'CTW-2',
    title: 'Job outcomes',
    definition:
      'People with a verified job start, apprenticeship start or self-employment in the period (any hours: add a minimum if the agreement sets one).',
    unit: 'People',
    evidence: 'Employer confirmation, contract or payslip.',
    rule: {
      ...funded,
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['job_start', 'apprenticeship_start', 'self_employment'],
      verifiedOnly: true,
      countDistinct: 'participant',
    },
  },
  {
    code: 'CTW-3',
    title: 'Sustained employment (26 weeks)',
    definition: 'People with a verified 26-week sustainment in the period.',
    unit: 'People',
    evidence: 'Employer confirmation or payslips covering 26 weeks.',
    rule: {
      ...funded,
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['sustained_26_weeks'],
      verifiedOnly: true,
      countDistinct: 'participant',
    },
  },
];

async function funderId(db: MigrationDb, code: string, name: string, columns: string[]): Promise<number> {
  const found = (await db.selectFrom('funders').select('id').where('code', '=', code).executeTakeFirst()) as
    { id: number } | undefined;
  if (found) return found.id;
  const row = (await db
    .insertInto('funders')
    .values({ code, name, notes: null, personal_columns_json: JSON.stringify(columns), created_at: AT, updated_at: AT })
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number };
  return row.id;
}

async function agreement(
  db: MigrationDb,
  funder: number,
  a: { name: string; startsOn: string; endsOn: string | null; notes: string },
): Promise<number> {
  const row = (await db
    .insertInto('funding_agreements')
    .values({
      funder_id: funder,
      name: a.name,
      starts_on: a.startsOn,
      ends_on: a.endsOn,
      closure_on: null,
      notes: a.notes,
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number };
  return row.id;
}

async function addVersion(db: MigrationDb, setId: number, note: string, indicators: Seed[]): Promise<void> {
  const latest = (await db
    .selectFrom('indicator_set_versions')
    .select((eb) => eb.fn.max('version').as('m'))
    .where('set_id', '=', setId)
    .executeTakeFirst()) as { m: number | null } | undefined;
  const version = (await db
    .insertInto('indicator_set_versions')
    .values({ set_id: setId, version: Number(latest?.m ?? 0) + 1, note, created_at: AT, created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow()) as { id: number };
  for (const [i, ind] of indicators.entries()) {
    await db
      .insertInto('indicators')
      .values({
        set_version_id: version.id,
        code: ind.code,
        title: ind.title,
        definition: ind.definition,
        unit: ind.unit,
        evidence_required: ind.evidence,
        intervention_code: ind.intervention ?? null,
        rule_json: JSON.stringify(ind.rule),
        needs_local_confirmation: 1,
        definition_status: 'inferred',
        sort_order: i,
      })
      .execute();
  }
}

async function setOf(db: MigrationDb, code: string): Promise<number | null> {
  const row = (await db.selectFrom('indicator_sets').select('id').where('code', '=', code).executeTakeFirst()) as
    { id: number } | undefined;
  return row?.id ?? null;
}

export async function up(db: MigrationDb): Promise<void> {
  const confirm = 'Dates to confirm from the grant agreement (for local confirmation).';
  const ukspfFunder = await funderId(db, 'UKSPF', 'UK Shared Prosperity Fund', ['reference']);
  const tfFunder = await funderId(db, 'TOWNS-FUND', 'Towns Fund (Stevenage Town Deal)', ['reference']);
  const sbcFunder = await funderId(db, 'SBC', 'Stevenage Borough Council', ['reference', 'name']);
  const dwpFunder = await funderId(db, 'DWP-CTW', 'Department for Work and Pensions (Connect to Work)', ['reference']);

  const ukspfAgreement = await agreement(db, ukspfFunder, {
    name: 'UKSPF People & Skills 2022-2026',
    startsOn: '2022-04-01',
    endsOn: '2026-03-31',
    notes: `UKSPF 2022-25 and its transition year to 31 March 2026. Enter the closure date for final claims. ${confirm}`,
  });
  const tfAgreement = await agreement(db, tfFunder, {
    name: 'Stevenage Town Deal',
    startsOn: '2021-04-01',
    endsOn: '2026-03-31',
    notes: confirm,
  });
  const sbcAgreement = await agreement(db, sbcFunder, {
    name: 'Stevenage Works core funding and Section 106 contributions',
    startsOn: '2017-04-01',
    endsOn: null,
    notes: 'Open-ended: the council funds the programme and passes on Section 106 and social-value contributions.',
  });
  const dwpAgreement = await agreement(db, dwpFunder, {
    name: 'Connect to Work (Hertfordshire)',
    startsOn: '2025-04-01',
    endsOn: null,
    notes: confirm,
  });

  const link = async (code: string, agreementId: number) => {
    const id = await setOf(db, code);
    if (id !== null)
      await db.updateTable('indicator_sets').set({ agreement_id: agreementId }).where('id', '=', id).execute();
    return id;
  };
  const ukspfSet = await link('UKSPF-PS', ukspfAgreement);
  const tfSet = await link('TOWNS-FUND-LEARNERS', tfAgreement);
  await link('SW-HEADLINE', sbcAgreement);

  // Every shipped definition was inferred; none was confirmed with a funder.
  await db.updateTable('indicators').set({ definition_status: 'inferred' }).execute();

  if (ukspfSet !== null)
    await addVersion(
      db,
      ukspfSet,
      'Funding attribution and closure reporting: counts only UKSPF-attributed items; CSCS route under E38; employed at entry ' +
        'excluded from R1; work experience at placement start; O6, O7, R5, R6 added',
      ukspf,
    );
  if (tfSet !== null)
    await addVersion(db, tfSet, 'Funding attribution: counts only items attributed to a Towns Fund stream', townsFund);

  const starters: Array<{
    code: string;
    name: string;
    description: string;
    funder: number;
    agreement: number;
    seeds: Seed[];
  }> = [
    {
      code: 'SBC-LOCAL-LABOUR',
      name: 'Council core and Section 106 (local labour)',
      description:
        'Starter set, for local confirmation: local labour measures for council core funding and Section 106 obligations. Edit it to ' +
        'match your agreements.',
      funder: sbcFunder,
      agreement: sbcAgreement,
      seeds: localLabour,
    },
    {
      code: 'CTW-SUPPORTED',
      name: 'Supported employment (Connect to Work style: starts, job outcomes, sustained 26 weeks)',
      description:
        'Starter set, for local confirmation: starts, job outcomes and 26-week sustainment as supported employment programmes report ' +
        'them. Edit it to match your grant agreement.',
      funder: dwpFunder,
      agreement: dwpAgreement,
      seeds: supported,
    },
  ];
  for (const s of starters) {
    if ((await setOf(db, s.code)) !== null) continue;
    const set = (await db
      .insertInto('indicator_sets')
      .values({
        code: s.code,
        funder_id: s.funder,
        name: s.name,
        description: s.description,
        is_active: 1,
        agreement_id: s.agreement,
      })
      .returning('id')
      .executeTakeFirstOrThrow()) as { id: number };
    await addVersion(db, set.id, 'Starter set shipped with Worksbook, for local confirmation', s.seeds);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
