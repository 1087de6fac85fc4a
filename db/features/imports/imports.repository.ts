// Queries of the imports area: saved profiles, import batches and the rows each batch wrote.
import { sql } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { BatchGridRow } from '../../../shared/contract/imports.contract';
import type { Tx } from '../../store/schema';
import type { ImportBatchesTable, ImportBatchRowsTable } from '../../store/tables/imports.tables';
import type { Insertable } from 'kysely';
import type { NewParticipant } from '../../store/tables/participants.tables';
import { applyGridFilters, applyGridPage, applyGridSort, gridColumns, textMatches } from '../grid/grid-query';

export async function listProfiles(tx: Tx) {
  return tx.selectFrom('import_profiles').selectAll().orderBy('partner').orderBy('name').execute();
}

export async function findProfileByName(tx: Tx, name: string) {
  return tx
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
  for (let i = 0; i < rows.length; i += 500)
    await tx
      .insertInto('import_batch_rows')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function findBatch(tx: Tx, id: number) {
  return tx
    .selectFrom('import_batches as b')
    .leftJoin('staff as s', 's.id', 'b.staff_id')
    .leftJoin('staff as u', 'u.id', 'b.undone_by')
    .selectAll('b')
    .select(['s.display_name as staff_name', 'u.display_name as undone_by_name'])
    .where('b.id', '=', id)
    .executeTakeFirst();
}

export async function batchRows(tx: Tx, batchId: number) {
  return tx.selectFrom('import_batch_rows').selectAll().where('batch_id', '=', batchId).orderBy('id', 'desc').execute();
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

export async function pageBatches(tx: Tx, query: GridQuery) {
  let base = tx.selectFrom('import_batches as b').leftJoin('staff as s', 's.id', 'b.staff_id');
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

/** The next free participant reference number (SW-000123 → 124). */
export async function nextReferenceNumber(tx: Tx): Promise<number> {
  const row = await tx
    .selectFrom('participants')
    .select(sql<number | null>`max(cast(substr(reference, 4) as integer))`.as('n'))
    .where('reference', 'like', 'SW-%')
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/**
 * Multi-row inserts of new participants. Columns that are null in every row of a chunk are left
 * out (they default to null), so a statement binds ~15 values a row instead of 47 and carries
 * as many rows as SQLite's 32,766 bound values allow.
 */
export async function insertParticipants(tx: Tx, rows: NewParticipant[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const CHUNK = 1_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const used = new Set<string>();
    for (const r of chunk) for (const [k, v] of Object.entries(r)) if (v !== null && v !== undefined) used.add(k);
    const keys = [...used];
    const per = Math.max(1, Math.floor(32_000 / keys.length));
    for (let j = 0; j < chunk.length; j += per) {
      const part = chunk
        .slice(j, j + per)
        .map(
          (r) => Object.fromEntries(keys.map((k) => [k, (r as Record<string, unknown>)[k] ?? null])) as NewParticipant,
        );
      const inserted = await tx.insertInto('participants').values(part).returning(['id', 'reference']).execute();
      for (const r of inserted) ids.set(r.reference, r.id);
    }
  }
  return ids;
}
