// Funders, versioned indicator sets with declarative counting rules, and submitted returns with
// their frozen claim lines. Seeds three sets (UKSPF People & Skills, Towns Fund learners, the
// Stevenage Works headline figures). Frozen in time: the seed is written out here, not imported.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

interface SeedIndicator {
  code: string;
  title: string;
  definition: string;
  unit: string;
  evidence: string;
  rule: Record<string, unknown>;
  confirm?: boolean;
  intervention?: string;
}

const ukspfBase = { excludeClaimedInSubmittedReturns: true, eligibleOnly: true, countDistinct: 'participant' };
const verifiedOutcomes = (types: string[]) => ({
  ...ukspfBase,
  subject: 'outcomes',
  dateField: 'outcome_date',
  outcomeTypes: types,
  verifiedOnly: true,
});

const ukspf: SeedIndicator[] = [
  {
    code: 'UKSPF-O1',
    title: 'Number of economically inactive people engaging with keyworker support services',
    intervention: 'E33',
    confirm: true,
    definition: 'Economically inactive residents who start keyworker support on the programme in the period.',
    unit: 'People',
    evidence: 'Registration form with labour-market status at entry; eligibility evidence (age, right to work).',
    rule: {
      ...ukspfBase,
      subject: 'participants',
      dateField: 'start_date',
      labourMarketStatuses: ['inactive_in_education', 'inactive_not_in_education'],
    },
  },
  {
    code: 'UKSPF-O2',
    title: 'Number of people receiving support to gain employment',
    intervention: 'E33',
    confirm: true,
    definition:
      'Residents who start support to gain employment in the period; people counted under UKSPF-O1 are not counted again here.',
    unit: 'People',
    evidence: 'Registration form; eligibility evidence (age, right to work); referral.',
    rule: {
      ...ukspfBase,
      subject: 'participants',
      dateField: 'start_date',
      labourMarketStatuses: [
        'unemployed',
        'long_term_unemployed',
        'inactive_in_education',
        'inactive_not_in_education',
      ],
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
    rule: verifiedOutcomes(['job_search_engaged']),
  },
  {
    code: 'UKSPF-O4',
    title: 'Number of people supported to access basic skills',
    intervention: 'E33',
    confirm: true,
    definition: 'People with a verified basic-skills support outcome in the period.',
    unit: 'People',
    evidence: 'Enrolment or attendance record from the basic-skills provider.',
    rule: verifiedOutcomes(['basic_skills']),
  },
  {
    code: 'UKSPF-O5',
    title: 'Number of people taking part in work experience programmes',
    intervention: 'E33',
    confirm: true,
    definition: 'People with a verified completed work placement in the period.',
    unit: 'People',
    evidence: 'Placement agreement and employer confirmation of attendance.',
    rule: verifiedOutcomes(['work_placement']),
  },
  {
    code: 'UKSPF-R1',
    title: 'Number of people in employment, including self-employment, following support',
    intervention: 'E33',
    definition: 'People with a verified job start, apprenticeship start or self-employment in the period.',
    unit: 'People',
    evidence: 'Employer letter, contract, payslip or HMRC self-employment registration.',
    rule: verifiedOutcomes(['job_start', 'apprenticeship_start', 'self_employment']),
  },
  {
    code: 'UKSPF-R2',
    title: 'Number of people gaining a qualification or completing a course following support',
    intervention: 'E37',
    confirm: true,
    definition: 'People with a verified qualification or course completion in the period.',
    unit: 'People',
    evidence: 'Certificate or provider achievement record.',
    rule: verifiedOutcomes(['qualification', 'course_completed']),
  },
  {
    code: 'UKSPF-R3',
    title: 'Number of people in education/training following support',
    intervention: 'E33',
    confirm: true,
    definition: 'People with a verified start in education or training in the period.',
    unit: 'People',
    evidence: 'Enrolment confirmation from the provider.',
    rule: verifiedOutcomes(['education_training']),
  },
  {
    code: 'UKSPF-R4',
    title: 'Number of people sustaining employment for 6 months',
    intervention: 'E33',
    confirm: true,
    definition: 'People with a verified 26-week sustainment in the period.',
    unit: 'People',
    evidence: 'Employer confirmation or payslips covering 26 weeks.',
    rule: verifiedOutcomes(['sustained_26_weeks']),
  },
];

const townsFund: SeedIndicator[] = [
  {
    code: 'TF-L1',
    title: '# of learners enrolled in new education and training courses',
    definition:
      'People enrolled on a course run that starts in the period (waiting list and withdrawn enrolments excluded).',
    unit: 'Learners',
    evidence: 'Provider enrolment record.',
    rule: {
      subject: 'enrolments',
      dateField: 'run_start_date',
      enrolmentStatuses: ['enrolled', 'completed', 'not_completed'],
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: true,
    },
  },
  {
    code: 'TF-L2',
    title:
      '# of learners/students/trainees gaining certificates, graduating or completing courses at new or improved training or education facilities, ' +
      'or attending new courses',
    definition: 'People who complete a course in the period.',
    unit: 'Learners',
    evidence: 'Certificate or provider achievement record.',
    rule: {
      subject: 'enrolments',
      dateField: 'completed_on',
      enrolmentStatuses: ['completed'],
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: true,
    },
  },
  {
    code: 'TF-E1',
    title: 'Number of closer collaborations with employers',
    definition: 'Employers offering a work placement that starts in the period, each employer once.',
    unit: 'Employers',
    evidence: 'Placement agreement with the employer.',
    rule: {
      subject: 'placements',
      dateField: 'starts_on',
      countDistinct: 'employer',
      excludeClaimedInSubmittedReturns: true,
    },
  },
];

const headline: SeedIndicator[] = [
  {
    code: 'SW-1',
    title: 'CSCS courses provided',
    definition: 'CSCS course runs (not cancelled) starting in the period.',
    unit: 'Courses',
    evidence: 'Course register.',
    rule: {
      subject: 'course_runs',
      dateField: 'start_date',
      cscsOnly: true,
      countDistinct: 'item',
      excludeClaimedInSubmittedReturns: false,
    },
  },
  {
    code: 'SW-2',
    title: 'Course participants supported',
    definition: 'People enrolled on a CSCS course run starting in the period (not waiting or withdrawn).',
    unit: 'People',
    evidence: 'Course register.',
    rule: {
      subject: 'enrolments',
      dateField: 'run_start_date',
      cscsOnly: true,
      enrolmentStatuses: ['enrolled', 'completed', 'not_completed'],
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: false,
    },
  },
  {
    code: 'SW-3',
    title: 'Site-ready candidates',
    definition: 'People signed off as site ready (not revoked) in the period.',
    unit: 'People',
    evidence: 'Site-ready sign-off.',
    rule: {
      subject: 'site_ready',
      dateField: 'signed_on',
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: false,
    },
  },
  {
    code: 'SW-4',
    title: 'Jobs in construction',
    definition: 'Job starts in the construction sector in the period.',
    unit: 'Jobs',
    evidence: 'Employer confirmation.',
    rule: {
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['job_start'],
      sectors: ['construction'],
      countDistinct: 'item',
      excludeClaimedInSubmittedReturns: false,
    },
  },
  {
    code: 'SW-5',
    title: 'Apprenticeships',
    definition: 'Apprenticeship starts in the period.',
    unit: 'Apprenticeships',
    evidence: 'Apprenticeship agreement.',
    rule: {
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['apprenticeship_start'],
      countDistinct: 'item',
      excludeClaimedInSubmittedReturns: false,
    },
  },
  {
    code: 'SW-6',
    title: 'Local people benefitting from employment and training initiatives',
    definition:
      'Stevenage residents (SG1, SG2) with a job, apprenticeship, self-employment, education or training start, or a completed work placement in ' +
      'the period, each person once.',
    unit: 'People',
    evidence: 'As for the outcome.',
    rule: {
      subject: 'outcomes',
      dateField: 'outcome_date',
      outcomeTypes: ['job_start', 'apprenticeship_start', 'self_employment', 'education_training', 'work_placement'],
      postcodeDistricts: ['SG1', 'SG2'],
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: false,
    },
  },
];

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('funders')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('notes', 'text')
    // Which personal columns the claim-lines sheet carries for this funder (JSON array of codes).
    .addColumn('personal_columns_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('indicator_sets')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('funder_id', 'integer', (c) => c.notNull().references('funders.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // A change to a set's indicators creates a new version; returns keep the version they used.
  await db.schema
    .createTable('indicator_set_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('set_id', 'integer', (c) => c.notNull().references('indicator_sets.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addUniqueConstraint('indicator_set_versions_set_version', ['set_id', 'version'])
    .execute();

  await db.schema
    .createTable('indicators')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('set_version_id', 'integer', (c) => c.notNull().references('indicator_set_versions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('evidence_required', 'text', (c) => c.notNull())
    .addColumn('intervention_code', 'text')
    .addColumn('rule_json', 'text', (c) => c.notNull())
    // 1 when no public source confirmed the title or definition: agree it locally.
    .addColumn('needs_local_confirmation', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('indicators_version_code', ['set_version_id', 'code'])
    .execute();

  await db.schema
    .createTable('returns')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('set_id', 'integer', (c) => c.notNull().references('indicator_sets.id'))
    .addColumn('set_version_id', 'integer', (c) => c.notNull().references('indicator_set_versions.id'))
    .addColumn('period_from', 'text', (c) => c.notNull())
    .addColumn('period_to', 'text', (c) => c.notNull())
    .addColumn('period_label', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('submitted')`))
    .addColumn('note', 'text')
    .addColumn('totals_json', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema
    .createIndex('returns_set_period')
    .on('returns')
    .columns(['set_id', 'period_from', 'period_to'])
    .execute();

  await db.schema
    .createTable('return_lines')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('return_id', 'integer', (c) => c.notNull().references('returns.id'))
    .addColumn('set_id', 'integer', (c) => c.notNull().references('indicator_sets.id'))
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('person_id', 'integer', (c) => c.references('participants.id'))
    .addColumn('participant_id', 'integer', (c) => c.references('participants.id'))
    .addColumn('employer_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('item_date', 'text')
    .addColumn('verification_status', 'text')
    .addColumn('evidence_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('return_lines_claimed_person')
    .on('return_lines')
    .columns(['set_id', 'indicator_code', 'person_id'])
    .execute();
  await db.schema
    .createIndex('return_lines_claimed_item')
    .on('return_lines')
    .columns(['set_id', 'indicator_code', 'item_kind', 'item_id'])
    .execute();
  await db.schema
    .createIndex('return_lines_claimed_employer')
    .on('return_lines')
    .columns(['set_id', 'indicator_code', 'employer_id'])
    .execute();
  await db.schema
    .createIndex('return_lines_return')
    .on('return_lines')
    .columns(['return_id', 'indicator_code'])
    .execute();

  // A submitted return is frozen: its lines cannot change.
  const refuse = sql.raw("select raise(abort, 'Submitted return lines are frozen');");
  await sql`create trigger return_lines_frozen_update before update on return_lines begin ${refuse} end`.execute(db);
  await sql`create trigger return_lines_frozen_delete before delete on return_lines begin ${refuse} end`.execute(db);

  // Indexes the counting queries use.
  await db.schema.createIndex('participants_referral').on('participants').column('referral_date').execute();
  // Covers the participant-start indicators (who started, eligible, labour-market status at entry)
  // so counting them reads the index alone.
  await db.schema
    .createIndex('participants_start_counting')
    .on('participants')
    .columns(['start_date', 'eligibility_status', 'labour_market_status', 'merged_into_id'])
    .execute();
  await db.schema.createIndex('site_ready_signoffs_signed').on('site_ready_signoffs').column('signed_on').execute();
  await db.schema.createIndex('enrolments_completed').on('enrolments').column('completed_on').execute();
  await db.schema.createIndex('enrolments_enrolled_on').on('enrolments').column('enrolled_on').execute();
  await db.schema.createIndex('course_runs_end').on('course_runs').column('end_date').execute();

  const now = '2026-01-01T00:00:00.000Z';
  const seeds: Array<{
    funder: [string, string, string[]];
    set: [string, string, string];
    indicators: SeedIndicator[];
  }> = [
    {
      funder: ['UKSPF', 'UK Shared Prosperity Fund', ['reference', 'ni_number', 'date_of_birth', 'postcode']],
      set: [
        'UKSPF-PS',
        'UKSPF People & Skills',
        'Outputs and outcomes; definitions and evidence are set locally with partners.',
      ],
      indicators: ukspf,
    },
    {
      funder: ['TOWNS-FUND', 'Towns Fund (Stevenage Town Deal)', ['reference']],
      set: [
        'TOWNS-FUND-LEARNERS',
        'Towns Fund learner indicators',
        'Learner and employer outputs on the Towns Fund template.',
      ],
      indicators: townsFund,
    },
    {
      funder: ['SBC', 'Stevenage Borough Council', ['reference', 'name']],
      set: [
        'SW-HEADLINE',
        'Stevenage Works headline figures',
        'The figures the council publishes (Skills Framework, Feb 2024).',
      ],
      indicators: headline,
    },
  ];
  for (const s of seeds) {
    const funder = await db
      .insertInto('funders')
      .values({
        code: s.funder[0],
        name: s.funder[1],
        personal_columns_json: JSON.stringify(s.funder[2]),
        notes: null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const set = await db
      .insertInto('indicator_sets')
      .values({ code: s.set[0], funder_id: funder.id, name: s.set[1], description: s.set[2], is_active: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await db
      .insertInto('indicator_set_versions')
      .values({ set_id: set.id, version: 1, note: 'Shipped with Worksbook', created_at: now, created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [i, ind] of s.indicators.entries()) {
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
          needs_local_confirmation: ind.confirm ? 1 : 0,
          sort_order: i,
        })
        .execute();
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
