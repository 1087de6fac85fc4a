// Migration 0195 over a store at 0171 that already holds a placement and an outcome: both start
// at version 1, last saved by whoever created them, and keep every value.
import { expect, it } from 'vitest';
import { insertOfficerAndPerson, migrateThrough, sqliteStoreBefore } from '../support/migration-store';

it('0195 gives existing placements and outcomes version 1 and their creator as last saver', async () => {
  const db = await sqliteStoreBefore('0195');
  const { at, staffId, participantId } = await insertOfficerAndPerson(db);
  const placement = await db
    .insertInto('placements')
    .values({
      participant_id: participantId,
      kind: 'paid_job',
      starts_on: '2026-01-12',
      status: 'active',
      created_at: at,
      created_by: staffId,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('outcomes')
    .values({
      participant_id: participantId,
      outcome_type: 'job_start',
      outcome_date: '2026-01-12',
      placement_id: placement.id,
      hours_per_week: 30,
      created_at: at,
      created_by: staffId,
      updated_at: at,
    })
    .execute();

  await migrateThrough(db, '0195');

  expect(await db.selectFrom('placements').select(['kind', 'starts_on', 'version', 'updated_by']).execute()).toEqual([
    { kind: 'paid_job', starts_on: '2026-01-12', version: 1, updated_by: staffId },
  ]);
  expect(
    await db.selectFrom('outcomes').select(['outcome_type', 'hours_per_week', 'version', 'updated_by']).execute(),
  ).toEqual([{ outcome_type: 'job_start', hours_per_week: 30, version: 1, updated_by: staffId }]);
  await db.destroy();
});
