// Migration 0195 over a store at 0171 that already holds a placement and an outcome: both start
// at version 1, last saved by whoever created them, and keep every value.
import { expect, it } from 'vitest';
import { sqliteStoreBefore, migrateThrough } from '../support/migration-store';

it('0195 gives existing placements and outcomes version 1 and their creator as last saver', async () => {
  const db = await sqliteStoreBefore('0195');
  const at = '2026-01-05T10:00:00.000Z';
  const staff = await db
    .insertInto('staff')
    .values({ display_name: 'Jo Officer', role: 'officer', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const p = await db
    .insertInto('participants')
    .values({ reference: 'SW-000001', first_name: 'Ann', last_name: 'Old', created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const placement = await db
    .insertInto('placements')
    .values({
      participant_id: p.id,
      kind: 'paid_job',
      starts_on: '2026-01-12',
      status: 'active',
      created_at: at,
      created_by: staff.id,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('outcomes')
    .values({
      participant_id: p.id,
      outcome_type: 'job_start',
      outcome_date: '2026-01-12',
      placement_id: placement.id,
      hours_per_week: 30,
      created_at: at,
      created_by: staff.id,
      updated_at: at,
    })
    .execute();

  await migrateThrough(db, '0195');

  expect(await db.selectFrom('placements').select(['kind', 'starts_on', 'version', 'updated_by']).execute()).toEqual([
    { kind: 'paid_job', starts_on: '2026-01-12', version: 1, updated_by: staff.id },
  ]);
  expect(
    await db.selectFrom('outcomes').select(['outcome_type', 'hours_per_week', 'version', 'updated_by']).execute(),
  ).toEqual([{ outcome_type: 'job_start', hours_per_week: 30, version: 1, updated_by: staff.id }]);
  await db.destroy();
});
