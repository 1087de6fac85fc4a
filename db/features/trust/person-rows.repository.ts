// A person's rows in any table about participants, found as the personal-data registry says
// (db/store/tables/personal-data.ts): by participant_id, by any of several columns, or through
// the rows of another table. Subject access reads them; anonymising updates or deletes them. And
// the lookups both need: a person by reference, merged records, the audit entries about them.
// `ids` are the person's record and any records merged into it.
import { sql, type RawBuilder } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { AUDIT_HASHED_FIELDS } from '../../store/tables/foundation.tables';
import {
  anonymousReference,
  participantTable,
  type PersonTable,
  type TableName,
} from '../../store/tables/personal-data';

type Row = Record<string, unknown>;

/** The condition selecting the person's rows of `table` (its columns unqualified). */
function reachCondition(entry: PersonTable, ids: readonly number[]): RawBuilder<boolean> {
  const inIds = sql.join(ids);
  const reach = entry.reach;
  if ('any' in reach)
    return sql<boolean>`(${sql.join(
      reach.any.map((c) => sql`${sql.ref(c)} in (${inIds})`),
      sql` or `,
    )})`;
  if ('through' in reach) {
    const parent = participantTable(reach.through);
    const parentRows = sql`select ${sql.ref(reach.parentColumn)} from ${sql.table(parent.table)}`;
    return sql<boolean>`${sql.ref(reach.column)} in (${parentRows} where ${reachCondition(parent, ids)})`;
  }
  return sql<boolean>`${sql.ref(reach.by)} in (${inIds})`;
}

/** Rows in the order they were written: by id, or by the columns that reach them. */
function orderOf(entry: PersonTable): RawBuilder<unknown> {
  const reach = entry.reach;
  const columns =
    'id' in entry.columns ? ['id'] : 'any' in reach ? [...reach.any] : 'through' in reach ? [reach.column] : [reach.by];
  return sql.join(columns.map((c) => sql.ref(c)));
}

/** The person's rows of `table`, with the columns asked for. A table reached through another
 * whose rows name a file held here gets `file_name` from the parent (for the bundle). */
export async function personRows(db: Db, table: TableName, ids: readonly number[], columns: string[]): Promise<Row[]> {
  const entry = participantTable(table);
  if (!ids.length || !columns.length) return [];
  const rows = (
    await sql<Row>`select ${sql.join(columns.map((c) => sql.ref(c)))} from ${sql.table(table)}
      where ${reachCondition(entry, ids)} order by ${orderOf(entry)}`.execute(db)
  ).rows;
  const reach = entry.reach;
  if ('through' in reach && reach.parentLabel && rows.length) {
    const parent = participantTable(reach.through);
    const labels = await sql<{
      k: unknown;
      label: string | null;
    }>`select ${sql.ref(reach.parentColumn)} as k, min(${sql.ref(reach.parentLabel)}) as label
      from ${sql.table(parent.table)} where ${reachCondition(parent, ids)} group by ${sql.ref(reach.parentColumn)}`.execute(
      db,
    );
    const byKey = new Map(labels.rows.map((l) => [l.k, l.label]));
    return rows.map((r) => ({ ...r, file_name: byKey.get(r[reach.column]) ?? null }));
  }
  return rows;
}

/** Sets columns of the person's rows of `table` (values or SQL expressions of the row). */
export async function updatePersonRows(
  tx: Tx,
  table: TableName,
  ids: readonly number[],
  set: Record<string, unknown>,
): Promise<void> {
  const assignments = Object.entries(set).map(([c, v]) => sql`${sql.ref(c)} = ${v}`);
  if (!assignments.length) return;
  await sql`update ${sql.table(table)} set ${sql.join(assignments)} where ${reachCondition(participantTable(table), ids)}`.execute(
    tx,
  );
}

export async function deletePersonRows(tx: Tx, table: TableName, ids: readonly number[]): Promise<void> {
  await sql`delete from ${sql.table(table)} where ${reachCondition(participantTable(table), ids)}`.execute(tx);
}

/** For a table reached through another: the keys the person's parent rows point at now. */
export async function reachedKeys(db: Db, table: TableName, ids: readonly number[]): Promise<unknown[]> {
  const entry = participantTable(table);
  const reach = entry.reach;
  if (!('through' in reach)) return [];
  const parent = participantTable(reach.through);
  const rows = await sql<{
    k: unknown;
  }>`select distinct ${sql.ref(reach.parentColumn)} as k from ${sql.table(parent.table)}
    where ${reachCondition(parent, ids)} and ${sql.ref(reach.parentColumn)} is not null`.execute(db);
  return rows.rows.map((r) => r.k);
}

/** Deletes the rows of `table` (reached through another) with these keys that no parent row points at any more. */
export async function deleteUnused(tx: Tx, table: TableName, keys: readonly unknown[]): Promise<void> {
  const reach = participantTable(table).reach;
  if (!('through' in reach) || !keys.length) return;
  const parent = participantTable(reach.through);
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    await sql`delete from ${sql.table(table)} where ${sql.ref(reach.column)} in (${sql.join(chunk)})
      and not exists (select 1 from ${sql.table(parent.table)} p where ${sql.ref(`p.${reach.parentColumn}`)} = ${sql.ref(`${table}.${reach.column}`)})`.execute(
      tx,
    );
  }
}

/** An undone import lists the records it left alone, each labelled "reference first last": the
 * person's entries keep only their (anonymous) reference. */
export async function eraseUndoKeptLabels(tx: Tx, id: number): Promise<void> {
  const batches = await tx
    .selectFrom('import_batches')
    .select(['id', 'undo_kept_json'])
    .where('undo_kept_json', 'is not', null)
    .execute();
  const reference = anonymousReference(id);
  for (const b of batches) {
    const kept = JSON.parse(b.undo_kept_json!) as Array<{ entity: string; id: number; label: string }>;
    let changed = false;
    for (const k of kept) {
      if (k.entity === 'participant' && k.id === id && k.label !== reference) {
        k.label = reference;
        changed = true;
      }
    }
    if (changed)
      await tx
        .updateTable('import_batches')
        .set({ undo_kept_json: JSON.stringify(kept) })
        .where('id', '=', b.id)
        .execute();
  }
}

/** A participant by reference (as typed: trimmed, any case). */
export async function personByReference(db: Db, reference: string) {
  return db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'status'])
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
}

/** The record `id` was merged into, if it was. */
export async function mergedIntoOf(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('participants').select('merged_into_id').where('id', '=', id).executeTakeFirst();
  return row?.merged_into_id ?? null;
}

/** Records merged into `id` that are not anonymised yet. */
export async function unanonymisedMergedInto(db: Db, id: number): Promise<number[]> {
  const rows = await db
    .selectFrom('participants')
    .select('id')
    .where('merged_into_id', '=', id)
    .where('reference', 'not like', 'ANON-%')
    .execute();
  return rows.map((r) => r.id);
}

/** Every audit entry about any of `ids`, oldest first, still sealed. */
export async function auditEntriesOf(db: Db, ids: readonly number[]) {
  return db
    .selectFrom('audit_log')
    .select(['id', ...AUDIT_HASHED_FIELDS])
    .where('participant_id', 'in', ids)
    .orderBy('id')
    .execute();
}

/** For the anonymised people among `ids` with a value in `column`: the groups they fall in by
 * `column` and `sharing`, each with how many anonymised people in the store share those values. */
export async function anonymisedGroupSizes(
  db: Db,
  column: string,
  sharing: readonly string[],
  ids: readonly number[],
): Promise<Array<{ ids: number[]; size: number }>> {
  if (!ids.length) return [];
  const columns = [column, ...sharing];
  const keyOf = (r: Record<string, unknown>) => JSON.stringify(columns.map((c) => r[c] ?? null));
  const mine = (
    await sql<Record<string, unknown> & { id: number }>`select id, ${sql.join(columns.map((c) => sql.ref(c)))}
      from participants where id in (${sql.join(ids)}) and status = 'anonymised' and ${sql.ref(column)} is not null`.execute(
      db,
    )
  ).rows;
  if (!mine.length) return [];
  const values = [...new Set(mine.map((r) => r[column]))];
  const sizes = (
    await sql<Record<string, unknown> & { n: number }>`select ${sql.join(columns.map((c) => sql.ref(c)))}, count(*) as n
      from participants where status = 'anonymised' and ${sql.ref(column)} in (${sql.join(values)})
      group by ${sql.join(columns.map((c) => sql.ref(c)))}`.execute(db)
  ).rows;
  const sizeOf = new Map(sizes.map((s) => [keyOf(s), Number(s.n)]));
  const groups = new Map<string, number[]>();
  for (const r of mine) groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), r.id]);
  return [...groups].map(([key, members]) => ({ ids: members, size: sizeOf.get(key) ?? members.length }));
}

/** Records merged into any of `ids` (at any depth). */
export async function mergedRecordsOf(db: Db, ids: readonly number[]): Promise<number[]> {
  const out: number[] = [];
  let next = [...ids];
  while (next.length) {
    const rows = await db.selectFrom('participants').select('id').where('merged_into_id', 'in', next).execute();
    next = rows.map((r) => r.id).filter((id) => !out.includes(id));
    out.push(...next);
  }
  return out;
}

/** A participant's reference, or not-found. */
export async function findParticipantReference(db: Db, id: number): Promise<string> {
  const row = await db.selectFrom('participants').select('reference').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppFailure('not-found', 'That participant does not exist.');
  return row.reference;
}
