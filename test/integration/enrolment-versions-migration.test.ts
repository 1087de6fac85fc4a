// Migration 0210 over a store at 0195 that already holds an enrolment: it starts at version 1,
// last changed when and by whoever created it, and keeps every value.
import { expect, it } from 'vitest';
import { migrateToLatest } from '../../db/store/migrator';
import { insertOfficerAndPerson, sqliteStoreBefore } from '../support/migration-store';

// The migration is portable Kysely; the PostgreSQL run migrates its template through it too.
it('0210 gives existing enrolments version 1 and their creator as last to change them', async () => {
  const db = await sqliteStoreBefore('0210');
  const { at, staffId, participantId } = await insertOfficerAndPerson(db);
  const type = await db
    .insertInto('course_types')
    .values({ code: 'CSCS', name: 'CSCS Green Card course', typical_days: 5 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const run = await db
    .insertInto('course_runs')
    .values({
      course_type_id: type.id,
      start_date: '2026-02-02',
      end_date: '2026-02-06',
      capacity: 12,
      status: 'planned',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('enrolments')
    .values({
      course_run_id: run.id,
      participant_id: participantId,
      status: 'enrolled',
      enrolled_on: '2026-01-05',
      created_at: at,
      created_by: staffId,
    })
    .execute();

  const { applied } = await migrateToLatest(db);
  expect(applied).toContain('0210-enrolment-versions');
  const row = await db
    .selectFrom('enrolments')
    .select(['status', 'enrolled_on', 'version', 'updated_at', 'updated_by'])
    .executeTakeFirstOrThrow();
  expect(row).toEqual({
    status: 'enrolled',
    enrolled_on: '2026-01-05',
    version: 1,
    updated_at: at,
    updated_by: staffId,
  });
  await db.destroy();
});
