// The participant record: identity, contact, equality monitoring, situation at entry, referral,
// consent and eligibility evidence; and the funding streams people are enrolled on.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('funding_streams')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('funder', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    // Records kept until this date, then anonymised (retention is set per funding stream).
    .addColumn('retain_until', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('participants')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','left','merged','anonymised')`),
    )
    .addColumn('merged_into_id', 'integer', (c) => c.references('participants.id'))
    // identity and contact
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('preferred_name', 'text')
    .addColumn('date_of_birth', 'text')
    .addColumn('ni_number', 'text')
    .addColumn('ni_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('not_yet_known')
        .check(sql`ni_status in ('known','not_yet_known')`),
    )
    .addColumn('uln', 'text')
    .addColumn('address_line1', 'text')
    .addColumn('address_line2', 'text')
    .addColumn('town', 'text')
    .addColumn('postcode', 'text')
    .addColumn('postcode_district', 'text')
    .addColumn('phone', 'text')
    // Digits only (+44 folded to 0), kept by the repository for matching and search.
    .addColumn('phone_digits', 'text')
    .addColumn('email', 'text')
    .addColumn('preferred_contact', 'text')
    // equality monitoring: codes from shared/domain reference lists; 'prefer_not_to_say' allowed
    .addColumn('sex', 'text')
    .addColumn('gender_same_as_birth', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('disability', 'text')
    .addColumn('is_carer', 'text')
    .addColumn('is_lone_parent', 'text')
    // situation at entry
    .addColumn('labour_market_status', 'text')
    .addColumn('benefits', 'text')
    .addColumn('time_out_of_work', 'text')
    .addColumn('qualification_level', 'text')
    // referral and programme
    .addColumn('referral_source', 'text')
    .addColumn('referral_date', 'text')
    .addColumn('referrer_name', 'text')
    .addColumn('funding_stream_id', 'integer', (c) => c.references('funding_streams.id'))
    .addColumn('key_worker_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('start_date', 'text')
    .addColumn('leave_date', 'text')
    // consent and privacy
    .addColumn('privacy_notice_version', 'text')
    .addColumn('privacy_notice_date', 'text')
    .addColumn('consent_partners_json', 'text')
    .addColumn('lawful_basis_note', 'text')
    // eligibility, derived from the checks below by the shared rules
    .addColumn('eligibility_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`eligibility_status in ('eligible','pending','not_eligible')`),
    )
    // bookkeeping
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema.createIndex('participants_ni').on('participants').column('ni_number').execute();
  await db.schema
    .createIndex('participants_dob_last')
    .on('participants')
    .columns(['date_of_birth', 'last_name'])
    .execute();
  await db.schema.createIndex('participants_postcode').on('participants').column('postcode').execute();
  await db.schema.createIndex('participants_phone_digits').on('participants').column('phone_digits').execute();
  await db.schema
    .createIndex('participants_last_first')
    .on('participants')
    .columns(['last_name', 'first_name'])
    .execute();
  await db.schema.createIndex('participants_key_worker').on('participants').column('key_worker_id').execute();
  await db.schema.createIndex('participants_start').on('participants').column('start_date').execute();

  await db.schema
    .createTable('participant_barriers')
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('barrier_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('participant_barriers_pk', ['participant_id', 'barrier_code'])
    .execute();

  // One row per eligibility check with its evidence: what was seen, by whom, when.
  await db.schema
    .createTable('eligibility_checks')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('check_code', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('met','not_met','pending')`))
    .addColumn('evidence_type', 'text')
    .addColumn('seen_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('seen_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('eligibility_checks_participant')
    .on('eligibility_checks')
    .columns(['participant_id', 'check_code'])
    .execute();

  // "Not the same person" decisions, remembered so the warning is not shown again (a < b).
  await db.schema
    .createTable('not_duplicate_pairs')
    .addColumn('participant_a', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('participant_b', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('decided_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('not_duplicate_pairs_pk', ['participant_a', 'participant_b'])
    .addCheckConstraint('not_duplicate_pairs_order', sql`participant_a < participant_b`)
    .execute();

  await db.schema
    .createTable('participant_notes')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema
    .createIndex('participant_notes_participant')
    .on('participant_notes')
    .columns(['participant_id', 'id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
