// Social-value contracts and their commitments, placements, outcome types, outcomes with their
// verification trail, and evidence items (with attached files stored beside the store).
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('social_value_contracts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('contractor_org_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contract_commitments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('contract_id', 'integer', (c) => c.notNull().references('social_value_contracts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('target', 'integer', (c) => c.notNull())
    .addColumn('description', 'text')
    .execute();

  await db.schema
    .createTable('placements')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('work_experience','work_trial','swap','apprenticeship','paid_job')`),
    )
    .addColumn('employer_org_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('contract_id', 'integer', (c) => c.references('social_value_contracts.id'))
    .addColumn('course_run_id', 'integer', (c) => c.references('course_runs.id'))
    .addColumn('site', 'text')
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('hours_per_week', 'real')
    .addColumn('hourly_wage_pence', 'integer')
    .addColumn('supervisor', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('planned','active','completed','ended_early')`),
    )
    .addColumn('ended_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('placements_participant').on('placements').column('participant_id').execute();
  await db.schema.createIndex('placements_employer').on('placements').column('employer_org_id').execute();
  await db.schema.createIndex('placements_contract').on('placements').column('contract_id').execute();
  await db.schema.createIndex('placements_starts').on('placements').column('starts_on').execute();

  // Outcome types are reference data (administrators can add); `category` groups them for
  // counting rules (job, apprenticeship, education, qualification, cscs, sustainment, other).
  await db.schema
    .createTable('outcome_types')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('outcomes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('outcome_type', 'text', (c) => c.notNull().references('outcome_types.code'))
    .addColumn('outcome_date', 'text', (c) => c.notNull())
    .addColumn('placement_id', 'integer', (c) => c.references('placements.id'))
    .addColumn('employer_org_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('course_run_id', 'integer', (c) => c.references('course_runs.id'))
    .addColumn('contract_id', 'integer', (c) => c.references('social_value_contracts.id'))
    // For sustainment checks: the job start they sustain.
    .addColumn('parent_outcome_id', 'integer', (c) => c.references('outcomes.id'))
    .addColumn('sector', 'text')
    .addColumn('hours_per_week', 'real')
    .addColumn('apprenticeship_standard', 'text')
    .addColumn('apprenticeship_level', 'integer')
    .addColumn('qualification_title', 'text')
    .addColumn('notes', 'text')
    .addColumn('source', 'text', (c) =>
      c
        .notNull()
        .defaultTo('manual')
        .check(sql`source in ('manual','course','placement','import','sustainment')`),
    )
    .addColumn('source_ref', 'text')
    .addColumn('verification_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('unverified')
        .check(sql`verification_status in ('unverified','verified','has_issues','rejected')`),
    )
    .addColumn('verified_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('verified_at', 'text')
    .addColumn('verification_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // No duplicate outcome of the same type and date for a person.
    .addUniqueConstraint('outcomes_no_duplicate', ['participant_id', 'outcome_type', 'outcome_date'])
    .execute();
  await db.schema.createIndex('outcomes_type_date').on('outcomes').columns(['outcome_type', 'outcome_date']).execute();
  await db.schema.createIndex('outcomes_date').on('outcomes').column('outcome_date').execute();
  await db.schema.createIndex('outcomes_placement').on('outcomes').column('placement_id').execute();
  await db.schema.createIndex('outcomes_parent').on('outcomes').column('parent_outcome_id').execute();

  await db.schema
    .createTable('evidence_items')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('outcome_id', 'integer', (c) => c.references('outcomes.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text')
    .addColumn('seen_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('notes', 'text')
    .addColumn('file_name', 'text')
    .addColumn('file_mime', 'text')
    .addColumn('file_size', 'integer')
    .addColumn('file_sha256', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('evidence_items_outcome').on('evidence_items').column('outcome_id').execute();
  await db.schema.createIndex('evidence_items_participant').on('evidence_items').column('participant_id').execute();

  // The outcome types shipped with the app (DOMAIN.md §3); more can be added as reference data.
  const types: Array<[string, string, string]> = [
    ['job_start', 'Job start', 'job'],
    ['apprenticeship_start', 'Apprenticeship start', 'apprenticeship'],
    ['self_employment', 'Self-employment', 'job'],
    ['education_training', 'Entered education or training', 'education'],
    ['qualification', 'Qualification gained', 'qualification'],
    ['course_completed', 'Course completed', 'qualification'],
    ['cscs_card', 'CSCS card achieved', 'cscs'],
    ['site_ready', 'Became site ready', 'cscs'],
    ['work_placement', 'Work placement completed', 'placement'],
    ['sustained_13_weeks', 'Sustained in work 13 weeks', 'sustainment'],
    ['sustained_26_weeks', 'Sustained in work 26 weeks', 'sustainment'],
    ['volunteering', 'Volunteering', 'other'],
    ['job_search_engaged', 'Engaged in job-searching', 'engagement'],
    ['basic_skills', 'Accessed basic skills support', 'engagement'],
  ];
  for (const [i, [code, label, category]] of types.entries()) {
    await db.insertInto('outcome_types').values({ code, label, category, sort_order: i, is_active: 1 }).execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
