// Keyworker support (issue 17): per participant, an action plan (goals, barriers addressed and
// next steps with due dates and a done date) and a log of keyworker contacts (date, method,
// minutes, who, free-text notes). "Engaging with keyworker support" in a counting rule means at
// least one recorded contact. Portable schema builder only; dates ISO text.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('keyworker_plan_items')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('goal','barrier','step')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('done_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('keyworker_plan_items_participant')
    .on('keyworker_plan_items')
    .column('participant_id')
    .execute();
  await db.schema
    .createTable('keyworker_contacts')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('contact_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) =>
      c.notNull().check(sql`method in ('face_to_face','phone','video','email','text_message')`),
    )
    .addColumn('minutes', 'integer')
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema
    .createIndex('keyworker_contacts_participant')
    .on('keyworker_contacts')
    .columns(['participant_id', 'contact_on'])
    .execute();
}
