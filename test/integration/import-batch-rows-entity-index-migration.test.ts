// Migration 0291 over a store at 0290 that already holds an import batch and the row it wrote:
// the index of batch rows by entity (read by nothing) is gone, the row is kept, and an undo's
// read of its batch's rows still searches the batch index.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import {
  insertImportBatch,
  insertOfficerAndPerson,
  migrateThrough,
  sqliteStoreBefore,
} from '../support/migration-store';
import { batchRows } from '../../db/features/imports/imports.repository';
import { statementPlans } from '../support/query-plans';

// SQLite only: builds a store file at an older version with SQLite's driver (PostgreSQL stores
// run the same portable migration from the team-mode migration tests).
it.skipIf(isPostgresRun)('0291 drops the index of import batch rows by entity, keeping the rows', async () => {
  const db = await sqliteStoreBefore('0291');
  const { at, staffId, participantId } = await insertOfficerAndPerson(db);
  const batchId = await insertImportBatch(db, at, staffId);
  const row = {
    batch_id: batchId,
    row_number: 2,
    action: 'created',
    entity: 'participant',
    entity_id: participantId,
    participant_id: participantId,
    before_json: null,
    after_json: '{"first_name":"Ann"}',
  } as const;
  await db.insertInto('import_batch_rows').values(row).execute();
  const indexes = async () =>
    (
      await sql<{ name: string }>`select name from sqlite_master where type = 'index'
        and tbl_name = 'import_batch_rows' and sql is not null order by name`.execute(db)
    ).rows.map((r) => r.name);
  expect(await indexes()).toEqual(['import_batch_rows_batch', 'import_batch_rows_entity']);

  await migrateThrough(db, '0291');

  expect(await indexes()).toEqual(['import_batch_rows_batch']);
  expect(
    await db
      .selectFrom('import_batch_rows')
      .select(Object.keys(row) as Array<keyof typeof row>)
      .execute(),
  ).toEqual([row]);
  const plans = await statementPlans(db, (d) => batchRows(d, batchId));
  expect(plans.join('\n')).toMatch(/import_batch_rows_batch/);
  await db.destroy();
});
