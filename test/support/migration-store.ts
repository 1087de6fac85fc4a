// A SQLite store file at an older schema version, for the tests that migrate a store already
// holding rows: open it just before a migration, insert the rows that version had, then migrate
// on (`migrateThrough` or `migrateToLatest(db)`) and check nothing was lost. The file lives in a
// temporary folder removed when the test ends. SQLite only: a PostgreSQL run migrates its
// template through the same portable migrations.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, sql } from 'kysely';
import { onTestFinished } from 'vitest';
import { WorksbookSqliteDialect } from '../../db/store/sqlite/dialect';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';
import type { MigrationDb } from '../../db/store/migrations/migration-db';
import { tempDir } from './backend';

/** Migrations numbered (the four digits of their name) for which `keep` holds. */
function migrationsWhere(keep: (number: string) => boolean) {
  return Object.fromEntries(Object.entries(migrations).filter(([name]) => keep(name.slice(0, 4))));
}

/** A new store file with every migration numbered below `first` ("0210") applied. */
export async function sqliteStoreBefore(first: string): Promise<MigrationDb> {
  const dir = tempDir();
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  const db: MigrationDb = new Kysely({
    dialect: new WorksbookSqliteDialect({ database: new Database(path.join(dir, 'old.sqlite')) }),
  });
  await migrateToLatest(
    db,
    migrationsWhere((n) => n < first),
  );
  return db;
}

/** Applies the migrations numbered up to and including `last` ("0240") that the store lacks. */
export async function migrateThrough(db: MigrationDb, last: string) {
  return migrateToLatest(
    db,
    migrationsWhere((n) => n <= last),
  );
}

/** An officer and a person who started (SW-000001, Ann Old, SG1), as every store since 0040 can
 * hold them: the starting rows most migration tests need. */
export async function insertOfficerAndPerson(db: MigrationDb, at = '2026-01-05T10:00:00.000Z') {
  const staff = await db
    .insertInto('staff')
    .values({ display_name: 'Jo Officer', role: 'officer', created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  const person = await db
    .insertInto('participants')
    .values({
      reference: 'SW-000001',
      first_name: 'Ann',
      last_name: 'Old',
      start_date: '2025-06-02',
      referral_date: '2025-05-20',
      postcode_district: 'SG1',
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { at, staffId: staff.id, participantId: person.id };
}

/** An import batch of one created row, as every store since 0050 can hold it; its id. */
export async function insertImportBatch(db: MigrationDb, at: string, staffId: number | null): Promise<number> {
  const batch = await db
    .insertInto('import_batches')
    .values({
      kind: 'participants',
      partner: 'JCP',
      file_name: 'a.xlsx',
      file_sha256: 'x'.repeat(64),
      sheet: 'S',
      profile_name: 'p',
      profile_json: '{}',
      rows_in_file: 1,
      created_count: 1,
      updated_count: 0,
      unchanged_count: 0,
      rejected_count: 0,
      error_count: 0,
      at,
      staff_id: staffId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return batch.id;
}

/** An import batch (insertImportBatch) and the row it wrote creating `participantId`; the row as
 * written, for tests that check a migration keeps it. */
export async function insertImportBatchWithRow(db: MigrationDb, at: string, staffId: number, participantId: number) {
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
  return { batchId, row };
}

/** The names of a table's own indexes (not SQLite's automatic ones), in order. SQLite only. */
export async function indexesOf(db: MigrationDb, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from sqlite_master where type = 'index'
    and tbl_name = ${table} and sql is not null order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** insertOfficerAndPerson, and that person's job start on 1 September 2025. */
export async function insertOfficerPersonAndJobStart(db: MigrationDb, at = '2026-01-05T10:00:00.000Z') {
  const rows = await insertOfficerAndPerson(db, at);
  await db
    .insertInto('outcomes')
    .values({
      participant_id: rows.participantId,
      outcome_type: 'job_start',
      outcome_date: '2025-09-01',
      created_at: at,
      created_by: rows.staffId,
      updated_at: at,
    })
    .execute();
  return rows;
}
