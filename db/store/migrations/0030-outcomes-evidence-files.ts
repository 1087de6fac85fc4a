// Placements & outcomes (003x): evidence files kept inside the encrypted store (so they are
// encrypted and backed up with it), sustainment checks, job conversions, apprenticeship details
// on placements, manual progress for commitments nothing else can count, and the indexes the
// grids, the worklist and contract progress need at 100,000 participants.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  // One row per distinct file content: the same payslip attached twice is stored once.
  await db.schema
    .createTable('evidence_files')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('bytes', 'blob', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull().check(sql`mime in ('application/pdf','image/png','image/jpeg')`))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('placements')
    .addColumn('converted_from_id', 'integer', (c) => c.references('placements.id'))
    .execute();
  await db.schema.alterTable('placements').addColumn('apprenticeship_standard', 'text').execute();
  await db.schema.alterTable('placements').addColumn('apprenticeship_level', 'integer').execute();
  await db.schema.alterTable('placements').addColumn('notes', 'text').execute();
  await db.schema.createIndex('placements_status').on('placements').columns(['status', 'starts_on']).execute();

  // Site visits and other commitments have no records to count from: officers enter the figure.
  await db.schema.alterTable('contract_commitments').addColumn('manual_achieved', 'integer').execute();

  // One 13-week and one 26-week check per job or apprenticeship start; a "not sustained"
  // answer is kept too so the worklist stops asking.
  await db.schema
    .createTable('sustainment_checks')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('start_outcome_id', 'integer', (c) => c.notNull().references('outcomes.id'))
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('weeks', 'integer', (c) => c.notNull().check(sql`weeks in (13, 26)`))
    .addColumn('sustained', 'integer', (c) => c.notNull().check(sql`sustained in (0, 1)`))
    .addColumn('sustained_on', 'text')
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('outcome_id', 'integer', (c) => c.references('outcomes.id'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addUniqueConstraint('sustainment_checks_once', ['start_outcome_id', 'weeks'])
    .execute();

  await db.schema
    .createIndex('outcomes_verification')
    .on('outcomes')
    .columns(['verification_status', 'outcome_date'])
    .execute();
  await db.schema.createIndex('outcomes_contract').on('outcomes').columns(['contract_id', 'outcome_type']).execute();
  await db.schema.createIndex('outcomes_employer').on('outcomes').column('employer_org_id').execute();
  await db.schema
    .createIndex('organisation_contacts_org')
    .on('organisation_contacts')
    .column('organisation_id')
    .execute();
  await db.schema
    .createIndex('contract_commitments_contract')
    .on('contract_commitments')
    .column('contract_id')
    .execute();
  await db.schema.createIndex('evidence_items_sha').on('evidence_items').column('file_sha256').execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
