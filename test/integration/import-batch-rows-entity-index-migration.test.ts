// Migration 0291 over a store at 0290 that already holds an import batch and the row it wrote:
// the index of batch rows by entity (read by nothing) is gone, the row is kept, and an undo's
// read of its batch's rows still searches the batch index.
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import {
  indexesOf,
  insertImportBatchWithRow,
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
  const { batchId, row } = await insertImportBatchWithRow(db, at, staffId, participantId);
  const indexes = () => indexesOf(db, 'import_batch_rows');
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
