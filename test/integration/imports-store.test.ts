// The imports migration (0050) on a store of the previous version with rows in it, and the
// query plans of the imports area's hot lookups.
import path from 'node:path';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrations } from '../../db/store/migrations/index';
import { migrateToLatest } from '../../db/store/migrator';
import { tempDir, TEST_NOW } from '../support/backend';
import { participantValues } from '../support/builders';
import { insertImportBatch } from '../support/migration-store';
import type { MigrationDb } from '../../db/store/migrations/migration-db';

it('adds the imports tables to a store of the previous version, keeping its rows', async () => {
  const dir = tempDir();
  const sqlite = new Database(path.join(dir, 'w.sqlite'));
  const db: MigrationDb = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  try {
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0050'));
    await migrateToLatest(db, before);
    await db
      .insertInto('participants')
      .values(participantValues({ reference: 'SW-000001' }))
      .execute();
    const { applied } = await migrateToLatest(db, migrations);
    expect(applied).toContain('0050-imports');
    expect(await db.selectFrom('participants').select('reference').execute()).toEqual([{ reference: 'SW-000001' }]);
    const batchId = await insertImportBatch(db, TEST_NOW, null);
    await db
      .insertInto('import_batch_rows')
      .values({
        batch_id: batchId,
        row_number: 2,
        action: 'created',
        entity: 'participant',
        entity_id: 1,
        participant_id: 1,
        before_json: null,
        after_json: '{}',
      })
      .execute();
    await expect(
      db
        .insertInto('import_batch_rows')
        .values({
          batch_id: batchId,
          row_number: 3,
          action: 'deleted',
          entity: 'participant',
          entity_id: 1,
          after_json: '{}',
        })
        .execute(),
    ).rejects.toThrow(/CHECK/);

    const plan = async (query: string) =>
      (await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(db)).rows
        .map((r) => r.detail)
        .join(' | ');
    expect(await plan('select * from import_batch_rows where batch_id = 1 order by id desc')).toMatch(
      /USING INDEX import_batch_rows_batch/,
    );
    expect(await plan("select id from import_batches where file_sha256 = 'x' and undone_at is null")).toMatch(
      /USING INDEX import_batches_sha/,
    );
    expect(
      await plan("select id from participants where status not in ('merged','anonymised') and ni_number in ('A','B')"),
    ).toMatch(/USING INDEX participants_ni/);
    expect(
      await plan(
        "select id from participants where status not in ('merged','anonymised') and date_of_birth in ('2000-01-01')",
      ),
    ).toMatch(/USING INDEX participants_dob_last/);
    expect(
      await plan(
        "select id from participants where status not in ('merged','anonymised') and phone_digits in ('0770')",
      ),
    ).toMatch(/USING INDEX participants_phone_digits/);
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
