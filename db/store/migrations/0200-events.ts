// Events and activities (issue 17): careers fairs, school STEM sessions, site visits, employer
// workshops. An event has a kind (reference list 'event_kind', seeded here, so labels live in the
// store and an administrator can add kinds), a title and a date, an organiser and partner
// organisations, a venue or school, and optionally the contract or Section 106 obligation it
// counts towards. Attendance is counted as aggregate headcounts by age group (and optionally
// school): numbers only, never records of children. Named attendance is for participants only
// (16 and over on the day, checked by the service). Portable schema builder only; dates ISO text.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

const kinds = [
  ['careers_fair', 'Careers fair'],
  ['school_stem_session', 'School STEM session'],
  ['site_visit', 'Site visit'],
  ['employer_workshop', 'Employer workshop'],
  ['other', 'Other activity'],
] as const;

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('organiser_org_id', 'integer', (c) => c.references('organisations.id'))
    .addColumn('venue', 'text')
    .addColumn('school', 'text')
    .addColumn('contract_id', 'integer', (c) => c.references('social_value_contracts.id'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('events_held_on').on('events').column('held_on').execute();
  await db.schema.createIndex('events_contract').on('events').columns(['contract_id', 'held_on']).execute();

  await db.schema
    .createTable('event_partners')
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('organisation_id', 'integer', (c) => c.notNull().references('organisations.id'))
    .addPrimaryKeyConstraint('event_partners_pk', ['event_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('event_headcounts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('age_group', 'text', (c) =>
      c.notNull().check(sql`age_group in ('under_11','age_11_15','age_16_18','age_19_24','age_25_plus')`),
    )
    // '' when the count is not split by school (a unique key cannot hold a null).
    .addColumn('school', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('headcount', 'integer', (c) => c.notNull().check(sql`headcount >= 0`))
    .addUniqueConstraint('event_headcounts_unique', ['event_id', 'age_group', 'school'])
    .execute();

  await db.schema
    .createTable('event_attendees')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('event_id', 'integer', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addUniqueConstraint('event_attendees_unique', ['event_id', 'participant_id'])
    .execute();
  await db.schema.createIndex('event_attendees_participant').on('event_attendees').column('participant_id').execute();

  for (const [i, [code, label]] of kinds.entries()) {
    await db
      .insertInto('reference_items')
      .values({ list: 'event_kind', code, label, sort_order: i, is_active: 1, extra_json: null })
      .onConflict((oc) => oc.columns(['list', 'code']).doNothing())
      .execute();
  }
}
