// Social value and Section 106 (issue 17): a contract can be a planning obligation, with its
// planning application reference and clause; its trigger dates (commencement, occupation, ...);
// the money received against it (in-lieu financial contributions and community investment, in
// integer pence); and a job outcome gains the day the job ended, so person-weeks of local
// employment can be counted from start, end and hours. Portable schema builder only (it runs on
// PostgreSQL too); dates are ISO text as elsewhere.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .alterTable('social_value_contracts')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('contract'))
    .execute();
  await db.schema.alterTable('social_value_contracts').addColumn('planning_reference', 'text').execute();
  await db.schema.alterTable('social_value_contracts').addColumn('planning_clause', 'text').execute();

  await db.schema
    .createTable('contract_triggers')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('contract_id', 'integer', (c) => c.notNull().references('social_value_contracts.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('met_on', 'text')
    .execute();
  await db.schema.createIndex('contract_triggers_contract').on('contract_triggers').column('contract_id').execute();

  await db.schema
    .createTable('contract_payments')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('contract_id', 'integer', (c) => c.notNull().references('social_value_contracts.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('in_lieu','community_investment')`))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('amount_pence', 'integer', (c) => c.notNull().check(sql`amount_pence > 0`))
    .addColumn('payer', 'text')
    .addColumn('purpose', 'text')
    .addColumn('reference', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema
    .createIndex('contract_payments_contract')
    .on('contract_payments')
    .columns(['contract_id', 'received_on'])
    .execute();

  await db.schema.alterTable('outcomes').addColumn('ended_on', 'text').execute();
}
