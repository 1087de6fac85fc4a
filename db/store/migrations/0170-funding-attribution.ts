// Funding attribution: funding agreements (a funder's start, end and closure dates for final
// claims), funding streams linked to their funder, projects within a stream, each participant's
// funding spells over time, officers' changes to an item's attribution (with a reason), the stream
// and project of each claim line, targets and profiles per indicator, and an honest definition
// status. Existing people's funding stream becomes their first spell; existing streams are linked
// to the funder whose code or name they carry.
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('funding_agreements')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('funder_id', 'integer', (c) => c.notNull().references('funders.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    // The last day the funder accepts final claims (closure reporting).
    .addColumn('closure_on', 'text')
    .addColumn('notes', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('indicator_sets')
    .addColumn('agreement_id', 'integer', (c) => c.references('funding_agreements.id'))
    .execute();
  await db.schema
    .alterTable('funding_streams')
    .addColumn('funder_id', 'integer', (c) => c.references('funders.id'))
    .execute();

  await db.schema
    .createTable('funding_projects')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('funding_stream_id', 'integer', (c) => c.notNull().references('funding_streams.id'))
    // The funder's intervention this project delivers (UKSPF E33, E38 …), for the split by project.
    .addColumn('intervention_code', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // A person's support under one funding stream (and project) over a span of time.
  await db.schema
    .createTable('funding_spells')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('funding_stream_id', 'integer', (c) => c.notNull().references('funding_streams.id'))
    .addColumn('project_id', 'integer', (c) => c.references('funding_projects.id'))
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('funding_spells_person_start')
    .on('funding_spells')
    .columns(['participant_id', 'starts_on'])
    .execute();
  // Funded starts in a period (a set's "people starting support" indicators) seek by date.
  await db.schema.createIndex('funding_spells_start').on('funding_spells').column('starts_on').execute();

  // An officer's change of an item's stream (the default is the person's spell on the item's date).
  await db.schema
    .createTable('funding_attributions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id'))
    .addColumn('item_kind', 'text', (c) => c.notNull().check(sql`item_kind in ('outcome','placement','enrolment')`))
    .addColumn('item_id', 'integer', (c) => c.notNull())
    .addColumn('funding_stream_id', 'integer', (c) => c.notNull().references('funding_streams.id'))
    .addColumn('project_id', 'integer', (c) => c.references('funding_projects.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('set_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('funding_attributions_item', ['item_kind', 'item_id'])
    .execute();
  await db.schema
    .createIndex('funding_attributions_person')
    .on('funding_attributions')
    .column('participant_id')
    .execute();

  // What each claim line was attributed to when the return was submitted (frozen with the line).
  await db.schema.alterTable('return_lines').addColumn('funding_stream_id', 'integer').execute();
  await db.schema.alterTable('return_lines').addColumn('funding_project_id', 'integer').execute();

  // 'inferred' (shipped, from public guidance), 'local_draft', or 'agreed' (an administrator
  // confirmed it is agreed with the funder: who and when).
  await db.schema
    .alterTable('indicators')
    .addColumn('definition_status', 'text', (c) => c.notNull().defaultTo('inferred'))
    .execute();
  await db.schema
    .alterTable('indicators')
    .addColumn('agreed_by', 'integer', (c) => c.references('staff.id'))
    .execute();
  await db.schema.alterTable('indicators').addColumn('agreed_on', 'text').execute();

  // A target for the whole agreement and a profile per quarter or half-year, per indicator of a
  // set (by code, so a new version of the set keeps them).
  await db.schema
    .createTable('indicator_targets')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('set_id', 'integer', (c) => c.notNull().references('indicator_sets.id'))
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('target', 'integer')
    .addColumn('profile_kind', 'text')
    // [{ "from": "2025-04-01", "to": "2025-06-30", "amount": 10 }, …], not cumulative.
    .addColumn('profile_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('staff.id'))
    .addUniqueConstraint('indicator_targets_set_code', ['set_id', 'indicator_code'])
    .execute();

  // Existing streams: linked to the funder whose code or name they carry.
  const funders = (await db.selectFrom('funders').select(['id', 'code', 'name']).execute()) as Array<{
    id: number;
    code: string;
    name: string;
  }>;
  const streams = (await db.selectFrom('funding_streams').select(['id', 'code', 'funder']).execute()) as Array<{
    id: number;
    code: string;
    funder: string;
  }>;
  const norm = (s: string) => s.trim().toLowerCase();
  for (const s of streams) {
    const match =
      funders.find((f) => norm(f.code) === norm(s.code)) ??
      funders.find((f) => norm(f.name) === norm(s.funder) || norm(f.code) === norm(s.funder)) ??
      funders.find((f) => norm(f.name).startsWith(norm(s.funder)) && norm(s.funder).length >= 5);
    if (match) await db.updateTable('funding_streams').set({ funder_id: match.id }).where('id', '=', s.id).execute();
  }

  // Existing people: the stream on their record becomes a spell from their start to their leaving.
  const now = new Date().toISOString();
  await db
    .insertInto('funding_spells')
    .columns(['participant_id', 'funding_stream_id', 'starts_on', 'ends_on', 'note', 'created_at', 'updated_at'])
    .expression(
      db
        .selectFrom('participants')
        .select([
          'id',
          'funding_stream_id',
          sql`coalesce(start_date, referral_date, substr(created_at, 1, 10))`.as('starts_on'),
          sql`case when leave_date >= coalesce(start_date, referral_date, substr(created_at, 1, 10)) then leave_date end`.as(
            'ends_on',
          ),
          sql.lit('From the funding stream on the record when spells were introduced').as('note'),
          sql.lit(now).as('created_at'),
          sql.lit(now).as('updated_at'),
        ])
        .where('funding_stream_id', 'is not', null)
        .where('status', '!=', 'merged'),
    )
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
