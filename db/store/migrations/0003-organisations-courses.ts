// Partner organisations, and CSCS courses: catalogue, runs, sessions, enrolments, attendance,
// the Level 1 award, HS&E tests, CSCS cards, PPE and site-ready sign-off.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('organisations')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`kind in ('employer','contractor','training_provider','college','jcp_office','referral_agency','other')`,
        ),
    )
    .addColumn('sector', 'text')
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('notes', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('organisations_name').on('organisations').column('name').execute();

  await db.schema
    .createTable('organisation_contacts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('job_title', 'text')
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .execute();

  // The catalogue: administrators edit it. `cscs_component` marks the parts of the CSCS route.
  await db.schema
    .createTable('course_types')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('provider_org_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('typical_days', 'integer')
    .addColumn('leads_to', 'text')
    .addColumn('cscs_component', 'text', (c) =>
      c.check(
        sql`cscs_component is null or cscs_component in ('l1_award','hse_test','card_application','pre_employment')`,
      ),
    )
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('course_runs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('course_type_id', 'integer', (c) => c.notNull().references('course_types.id'))
    .addColumn('provider_org_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('venue', 'text')
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('tutor', 'text')
    .addColumn('funding_stream_id', 'integer', (c) => c.references('funding_streams.id'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('planned')
        .check(sql`status in ('planned','running','completed','cancelled')`),
    )
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('course_runs_start').on('course_runs').column('start_date').execute();

  await db.schema
    .createTable('course_sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('course_run_id', 'integer', (c) => c.notNull().references('course_runs.id').onDelete('cascade'))
    .addColumn('session_date', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text')
    .addColumn('ends_at', 'text')
    .addColumn('label', 'text')
    .execute();
  await db.schema
    .createIndex('course_sessions_run')
    .on('course_sessions')
    .columns(['course_run_id', 'session_date'])
    .execute();

  await db.schema
    .createTable('enrolments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('course_run_id', 'integer', (c) => c.notNull().references('course_runs.id'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('enrolled','waiting','withdrawn','completed','not_completed')`),
    )
    .addColumn('waiting_position', 'integer')
    .addColumn('enrolled_on', 'text', (c) => c.notNull())
    .addColumn('eligibility_override_reason', 'text')
    .addColumn('withdrawn_on', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('completed_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addUniqueConstraint('enrolments_run_participant', ['course_run_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('enrolments_participant').on('enrolments').column('participant_id').execute();

  await db.schema
    .createTable('attendance')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('course_session_id', 'integer', (c) => c.notNull().references('course_sessions.id').onDelete('cascade'))
    .addColumn('enrolment_id', 'integer', (c) => c.notNull().references('enrolments.id').onDelete('cascade'))
    .addColumn('mark', 'text', (c) => c.notNull().check(sql`mark in ('present','late','absent','excused')`))
    .addColumn('reason', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('staff.id'))
    .addUniqueConstraint('attendance_session_enrolment', ['course_session_id', 'enrolment_id'])
    .execute();
  await db.schema.createIndex('attendance_enrolment').on('attendance').column('enrolment_id').execute();

  await db.schema
    .createTable('l1_awards')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('course_run_id', 'integer', (c) => c.references('course_runs.id'))
    .addColumn('achieved_on', 'text', (c) => c.notNull())
    .addColumn('certificate_number', 'text')
    .addColumn('awarding_body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('l1_awards_participant').on('l1_awards').column('participant_id').execute();

  // CITB HS&E test for operatives: 50 questions, pass at 45.
  await db.schema
    .createTable('hse_tests')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('course_run_id', 'integer', (c) => c.references('course_runs.id'))
    .addColumn('taken_on', 'text', (c) => c.notNull())
    .addColumn('score', 'integer', (c) => c.notNull().check(sql`score between 0 and 50`))
    .addColumn('test_reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('hse_tests_participant')
    .on('hse_tests')
    .columns(['participant_id', 'taken_on'])
    .execute();

  await db.schema
    .createTable('cscs_cards')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('card_type', 'text', (c) => c.notNull())
    .addColumn('card_number', 'text')
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('is_first_labourer_card', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('course_run_id', 'integer', (c) => c.references('course_runs.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('cscs_cards_participant')
    .on('cscs_cards')
    .columns(['participant_id', 'expires_on'])
    .execute();
  await db.schema.createIndex('cscs_cards_expires').on('cscs_cards').column('expires_on').execute();

  await db.schema
    .createTable('ppe_issues')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('items', 'text')
    .addColumn('issued_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ppe_issues_participant').on('ppe_issues').column('participant_id').execute();

  await db.schema
    .createTable('site_ready_signoffs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('signed_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('notes', 'text')
    .addColumn('revoked_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('site_ready_signoffs_participant')
    .on('site_ready_signoffs')
    .column('participant_id')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
