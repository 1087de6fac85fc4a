// Queries of the imports area: saved profiles, import batches and the rows each batch wrote.
import { sql } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { BatchGridRow } from '../../../shared/contract/imports.contract';
import type { Db, Tx } from '../../store/schema';
import { insertMany } from '../../store/insert-many';
import type { ImportBatchesTable, ImportBatchRowsTable } from '../../store/tables/imports.tables';
import type { Insertable, Updateable } from 'kysely';
import type { EnrolmentsTable } from '../../store/tables/courses.tables';
import type { PlacementsTable } from '../../store/tables/outcomes.tables';
import type { NewParticipant, ParticipantUpdate } from '../../store/tables/participants.tables';
import { applyGridFilters, applyGridPage, applyGridSort, gridColumns, textMatches } from '../grid/grid-query';

export async function listProfiles(db: Db) {
  return db.selectFrom('import_profiles').selectAll().orderBy('partner').orderBy('name').execute();
}

export async function findProfileByName(db: Db, name: string) {
  return db
    .selectFrom('import_profiles')
    .selectAll()
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
}

export async function upsertProfile(
  tx: Tx,
  at: string,
  staffId: number | null,
  p: { name: string; partner: string; kind: string; json: string },
): Promise<{ id: number; created: boolean }> {
  const existing = await findProfileByName(tx, p.name);
  if (existing) {
    await tx
      .updateTable('import_profiles')
      .set({ name: p.name, partner: p.partner, kind: p.kind, profile_json: p.json, updated_at: at })
      .where('id', '=', existing.id)
      .execute();
    return { id: existing.id, created: false };
  }
  const row = await tx
    .insertInto('import_profiles')
    .values({
      name: p.name,
      partner: p.partner,
      kind: p.kind,
      profile_json: p.json,
      created_at: at,
      created_by: staffId,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

export async function deleteProfile(tx: Tx, id: number): Promise<boolean> {
  const r = await tx.deleteFrom('import_profiles').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertBatch(tx: Tx, batch: Insertable<ImportBatchesTable>): Promise<number> {
  const row = await tx.insertInto('import_batches').values(batch).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Multi-row inserts, 500 rows a statement (9 columns × 500 stays under SQLite's bound-value limit). */
export async function insertBatchRows(tx: Tx, rows: Insertable<ImportBatchRowsTable>[]): Promise<void> {
  await insertMany(tx, rows, 500, (chunk) => tx.insertInto('import_batch_rows').values(chunk));
}

export async function findBatch(db: Db, id: number) {
  return db
    .selectFrom('import_batches as b')
    .leftJoin('staff as s', 's.id', 'b.staff_id')
    .leftJoin('staff as u', 'u.id', 'b.undone_by')
    .selectAll('b')
    .select(['s.display_name as staff_name', 'u.display_name as undone_by_name'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export async function batchRows(db: Db, batchId: number) {
  return db.selectFrom('import_batch_rows').selectAll().where('batch_id', '=', batchId).orderBy('id', 'desc').execute();
}

/** The first `limit` rows a batch wrote, in the order it wrote them, and how many it wrote in all
 * (by the batch's index: a 50,000-row batch's page reads 500 rows, not all of them). */
export async function firstBatchRows(db: Db, batchId: number, limit: number) {
  const [rows, total] = await Promise.all([
    db.selectFrom('import_batch_rows').selectAll().where('batch_id', '=', batchId).orderBy('id').limit(limit).execute(),
    db
      .selectFrom('import_batch_rows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export const batchGridColumns = gridColumns<BatchGridRow>({
  id: { sql: 'b.id', filter: 'number' },
  kind: { sql: 'b.kind', filter: 'text' },
  partner: { sql: 'b.partner', filter: 'text' },
  fileName: { sql: 'b.file_name', filter: 'text' },
  sheet: { sql: 'b.sheet', filter: 'text' },
  profileName: { sql: 'b.profile_name', filter: 'text' },
  at: { sql: 'b.at', filter: 'date' },
  staffName: { sql: 's.display_name', filter: 'text' },
  created: { sql: 'b.created_count', filter: 'number' },
  updated: { sql: 'b.updated_count', filter: 'number' },
  unchanged: { sql: 'b.unchanged_count', filter: 'number' },
  rejected: { sql: 'b.rejected_count', filter: 'number' },
  errors: { sql: 'b.error_count', filter: 'number' },
  undoneAt: { sql: 'b.undone_at', filter: 'date' },
});

export async function pageBatches(db: Db, query: GridQuery) {
  let base = db.selectFrom('import_batches as b').leftJoin('staff as s', 's.id', 'b.staff_id');
  const search = query.search.trim();
  if (search) {
    const matches = ['b.file_name', 'b.partner', 'b.profile_name'].map((c) => textMatches(c, search));
    base = base.where(sql<boolean>`(${sql.join(matches, sql` or `)})`);
  }
  base = applyGridFilters(base, batchGridColumns, query.filters);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = base.select([
    'b.id',
    'b.kind',
    'b.partner',
    'b.file_name as fileName',
    'b.sheet',
    'b.profile_name as profileName',
    'b.at',
    's.display_name as staffName',
    'b.created_count as created',
    'b.updated_count as updated',
    'b.unchanged_count as unchanged',
    'b.rejected_count as rejected',
    'b.error_count as errors',
    'b.undone_at as undoneAt',
  ]);
  const sorted = applyGridSort(rows, batchGridColumns, query.sort, (q) => q.orderBy('b.id', 'desc'));
  return { rows: await applyGridPage(sorted, query).execute(), total: Number(total.n) };
}

/** Earlier imports of the same file that still stand (newest first). */
export async function earlierImportsOfFile(db: Db, sha256: string) {
  return db
    .selectFrom('import_batches')
    .select(['id', 'at'])
    .where('file_sha256', '=', sha256)
    .where('undone_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(5)
    .execute();
}

/** Sets a batch's counts once its rows are written. */
export async function setBatchCounts(tx: Tx, batchId: number, created: number, updated: number): Promise<void> {
  await tx
    .updateTable('import_batches')
    .set({ created_count: created, updated_count: updated })
    .where('id', '=', batchId)
    .execute();
}

/** "SW-000123 Alex Tester" for each of `ids` that still exists. */
export async function participantLabels(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const people = await db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(people.map((p) => [p.id, `${p.reference} ${p.first_name} ${p.last_name}`]));
}

/** Writes changed columns of a participant (the caller bumps the version). */
export async function updateParticipantColumns(tx: Tx, id: number, values: ParticipantUpdate): Promise<void> {
  await tx.updateTable('participants').set(values).where('id', '=', id).execute();
}

export async function findOutcomeDate(db: Db, id: number) {
  return db.selectFrom('outcomes').select(['participant_id', 'outcome_date']).where('id', '=', id).executeTakeFirst();
}

export async function setOutcomeDate(tx: Tx, id: number, date: string, at: string): Promise<void> {
  await tx.updateTable('outcomes').set({ outcome_date: date, updated_at: at }).where('id', '=', id).execute();
}

// Placements and enrolments written by an import (their own areas' rules do not apply: the
// partner's file is the source, recorded row by row in the batch).

export async function findPlacement(db: Db, id: number) {
  return db.selectFrom('placements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function updatePlacement(tx: Tx, id: number, values: Updateable<PlacementsTable>): Promise<void> {
  await tx.updateTable('placements').set(values).where('id', '=', id).execute();
}

export async function insertPlacement(tx: Tx, values: Insertable<PlacementsTable>): Promise<{ id: number }> {
  return tx.insertInto('placements').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function findEnrolment(db: Db, id: number) {
  return db.selectFrom('enrolments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertEnrolment(tx: Tx, values: Insertable<EnrolmentsTable>): Promise<{ id: number }> {
  return tx.insertInto('enrolments').values(values).returning('id').executeTakeFirstOrThrow();
}

/** An import's change to an enrolment: its version moves on (a form opened before it is refused). */
export async function updateEnrolment(
  tx: Tx,
  id: number,
  values: Updateable<EnrolmentsTable>,
  change: { at: string; staffId: number | null },
): Promise<void> {
  await tx
    .updateTable('enrolments')
    .set({ ...values, version: sql`version + 1`, updated_at: change.at, updated_by: change.staffId })
    .where('id', '=', id)
    .execute();
}

/** The next free participant reference number (SW-000123 → 124). Only SW- and six digits count
 * (a range the unique index answers; casting every reference would fail on one that is not a
 * number, on PostgreSQL). */
export async function nextReferenceNumber(db: Db): Promise<number> {
  const top = await db
    .selectFrom('participants')
    .select('reference')
    .where('reference', '>=', 'SW-000000')
    .where('reference', '<=', 'SW-999999')
    .orderBy('reference', 'desc')
    .limit(1)
    .executeTakeFirst();
  return top ? Number(top.reference.slice(3)) + 1 : 1;
}

/**
 * Multi-row inserts of new participants. Columns that are null in every row of a chunk are left
 * out (they default to null), so a statement binds ~15 values a row instead of 47 and carries
 * as many rows as SQLite's 32,766 bound values allow. `inserted` is given each statement's new
 * ids and references, in order, as soon as it returns.
 */
export async function insertParticipants(
  tx: Tx,
  rows: NewParticipant[],
  inserted?: (people: Array<{ id: number; reference: string }>) => void | Promise<void>,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const CHUNK = 1_000;
  const named = new Set<string>();
  for (const r of rows) for (const k in r) named.add(k);
  const columns = [...named] as Array<keyof NewParticipant>;
  // Chunks that keep the same columns go through insertMany together (one compiled statement).
  let run: NewParticipant[] = [];
  let runKeys = '';
  let runPer = 0;
  const flush = async () => {
    const written = await insertMany(
      tx,
      run,
      runPer,
      (part) => tx.insertInto('participants').values(part).returning(['id', 'reference']),
      inserted,
    );
    for (const r of written) ids.set(r.reference, r.id);
    run = [];
  };
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    // A column is kept when any row has a value (most are decided by the first row or none).
    const keys = columns.filter((k) => chunk.some((r) => r[k] !== null && r[k] !== undefined));
    const per = Math.max(1, Math.floor(32_000 / keys.length));
    if (run.length && (keys.join(',') !== runKeys || per !== runPer)) await flush();
    runKeys = keys.join(',');
    runPer = per;
    for (const r of chunk) {
      const row: Record<string, unknown> = {};
      for (const k of keys) row[k] = r[k] ?? null;
      run.push(row as NewParticipant);
    }
  }
  if (run.length) await flush();
  return ids;
}

// Undoing a batch reaches whichever table each batch row names (participants, placements,
// enrolments, outcomes and what hangs off them), so these take the table by name.

export async function rowById(db: Db, table: string, id: number): Promise<Record<string, unknown> | undefined> {
  return (await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = ${id}`.execute(db)).rows[0];
}

export async function deleteRowById(tx: Tx, table: string, id: number): Promise<void> {
  await sql`delete from ${sql.table(table)} where id = ${id}`.execute(tx);
}

export async function setColumnsById(
  tx: Tx,
  table: string,
  id: number,
  values: Record<string, unknown>,
): Promise<void> {
  const set = sql.join(Object.entries(values).map(([column, value]) => sql`${sql.ref(column)} = ${value}`));
  await sql`update ${sql.table(table)} set ${set} where id = ${id}`.execute(tx);
}

/** Up to `limit` ids of `table` whose `column` is `value`. */
export async function idsWhere(db: Db, table: string, column: string, value: number, limit: number): Promise<number[]> {
  const rows = await sql<{
    id: number;
  }>`select id from ${sql.table(table)} where ${sql.ref(column)} = ${value} limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.id);
}

export async function markBatchUndone(
  tx: Tx,
  batchId: number,
  at: string,
  staffId: number | null,
  kept: unknown[],
): Promise<void> {
  await tx
    .updateTable('import_batches')
    .set({ undone_at: at, undone_by: staffId, undo_kept_json: JSON.stringify(kept) })
    .where('id', '=', batchId)
    .execute();
}
