// Migration 0306 over a store at 0305 that already holds an import batch and the row it wrote:
// import batch rows get an index by participant, the row is kept, and anonymising's erasure of
// what imports wrote about a person (by participant_id) searches it instead of reading the table.
import { expect, it } from 'vitest';
import { isPostgresRun } from '../support/test-store';
import {
  indexesOf,
  insertImportBatchWithRow,
  insertOfficerAndPerson,
  migrateThrough,
  sqliteStoreBefore,
} from '../support/migration-store';
import { updatePersonRows } from '../../db/features/trust/person-rows.repository';
import { statementPlans } from '../support/query-plans';

// SQLite only: builds a store file at an older version with SQLite's driver (PostgreSQL stores
// run the same portable migration from the team-mode migration tests).
it.skipIf(isPostgresRun)('0306 indexes import batch rows by participant, keeping the rows', async () => {
  const db = await sqliteStoreBefore('0306');
  const { at, staffId, participantId } = await insertOfficerAndPerson(db);
  const { row } = await insertImportBatchWithRow(db, at, staffId, participantId);
  const indexes = () => indexesOf(db, 'import_batch_rows');
  expect(await indexes()).toEqual(['import_batch_rows_batch']);
  const erase = (d: typeof db, id = participantId) =>
    d.transaction().execute((tx) => updatePersonRows(tx, 'import_batch_rows', [id], { after_json: '{"erased":true}' }));
  // Someone else's rows (none), so the row stays as it was written.
  expect((await statementPlans(db, (d) => erase(d, participantId + 1))).join('\n')).toMatch(/SCAN import_batch_rows/);

  await migrateThrough(db, '0306');

  expect(await indexes()).toEqual(['import_batch_rows_batch', 'import_batch_rows_participant']);
  expect(
    await db
      .selectFrom('import_batch_rows')
      .select(Object.keys(row) as Array<keyof typeof row>)
      .execute(),
  ).toEqual([row]);
  const plan = (await statementPlans(db, (d) => erase(d))).join('\n');
  expect(plan).toMatch(/SEARCH import_batch_rows USING INDEX import_batch_rows_participant/);
  expect(plan).not.toMatch(/SCAN import_batch_rows/);
  await erase(db);
  expect((await db.selectFrom('import_batch_rows').select('after_json').execute())[0]!.after_json).toBe(
    '{"erased":true}',
  );
  await db.destroy();
});
