// Vacancies (issue 17): the opportunities employers and contractors offer, the candidates the
// programme puts forward for each (one row per person and vacancy, with the date each stage was
// reached), and the log of the programme's contacts with employers (meetings, site visits,
// pledges with what was promised and delivered, mentor offers). Booleans are 0/1 integers and
// dates ISO text, as elsewhere, so the same schema builds on PostgreSQL.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('vacancies')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('employer_org_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('site', 'text')
    .addColumn('job_title', 'text', (c) => c.notNull())
    .addColumn('sector', 'text')
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('job','apprenticeship','work_trial','guaranteed_interview')`),
    )
    .addColumn('apprenticeship_standard', 'text')
    .addColumn('apprenticeship_level', 'integer')
    .addColumn('places', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hours_per_week', 'real')
    .addColumn('wage_pence', 'integer')
    .addColumn('wage_per', 'text', (c) => c.check(sql`wage_per in ('hour','week','year')`))
    .addColumn('closing_date', 'text')
    .addColumn('starts_on', 'text')
    .addColumn('contract_id', 'integer', (c) => c.references('social_value_contracts.id'))
    .addColumn('requires_site_ready', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`requires_site_ready in (0, 1)`),
    )
    .addColumn('card_type_required', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open','filled','closed')`),
    )
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vacancies_status').on('vacancies').columns(['status', 'closing_date']).execute();
  await db.schema.createIndex('vacancies_employer').on('vacancies').column('employer_org_id').execute();
  await db.schema.createIndex('vacancies_contract').on('vacancies').column('contract_id').execute();

  await db.schema
    .createTable('vacancy_candidates')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('vacancy_id', 'integer', (c) => c.notNull().references('vacancies.id'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('stage', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`stage in ('submitted','interview_booked','interviewed','offered','accepted','started','declined','unsuccessful')`,
        ),
    )
    .addColumn('submitted_on', 'text', (c) => c.notNull())
    .addColumn('interview_on', 'text')
    .addColumn('interview_guaranteed', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`interview_guaranteed in (0, 1)`),
    )
    .addColumn('interviewed_on', 'text')
    .addColumn('offered_on', 'text')
    .addColumn('accepted_on', 'text')
    .addColumn('started_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('closed_from', 'text')
    .addColumn('closed_reason', 'text')
    .addColumn('fit_notes', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('outcome_id', 'integer', (c) => c.references('outcomes.id'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('staff.id'))
    // A person is put forward for a vacancy once; moving through the stages changes that row.
    .addUniqueConstraint('vacancy_candidates_once', ['vacancy_id', 'participant_id'])
    .execute();
  await db.schema
    .createIndex('vacancy_candidates_participant')
    .on('vacancy_candidates')
    .column('participant_id')
    .execute();
  await db.schema
    .createIndex('vacancy_candidates_stage')
    .on('vacancy_candidates')
    .columns(['stage', 'interview_on'])
    .execute();
  await db.schema.createIndex('vacancy_candidates_outcome').on('vacancy_candidates').column('outcome_id').execute();

  await db.schema
    .createTable('employer_engagements')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'integer', (c) => c.references('organisation_contacts.id').onDelete('set null'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('promised', 'text')
    .addColumn('promised_count', 'integer')
    .addColumn('delivered', 'text')
    .addColumn('delivered_count', 'integer')
    .addColumn('due_on', 'text')
    .addColumn('follow_up_on', 'text')
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('employer_engagements_org')
    .on('employer_engagements')
    .columns(['organisation_id', 'occurred_on'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
