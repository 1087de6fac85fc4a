// Every table that hangs off a participant, as the personal-data registry
// (db/store/tables/personal-data.ts) says a merge treats it: a merge moves their rows to the
// survivor and an unmerge moves exactly those rows back. A table added to the store fails the
// type check until it is classified there.
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { Db, Tx } from '../../store/schema';
import { participantTables, type TableName } from '../../store/tables/personal-data';

export interface LinkedTable {
  table: TableName;
  label: string;
  /** Columns that, with participant_id, must be unique: both records having the same is a clash. */
  uniqueWith?: readonly string[];
  /** How to describe a clash to the officer. */
  clash?: string;
}

/** Rows with their own id, moved by updating participant_id. */
export const linkedTables: LinkedTable[] = participantTables().flatMap(({ table, merge }) =>
  merge.rows === 'move' ? [{ table, label: merge.label, uniqueWith: merge.uniqueWith, clash: merge.clash }] : [],
);

/** Rows keyed by (participant_id, code): merged as a set (the survivor gets the union). */
export const linkedSets = participantTables().flatMap(({ table, merge }) =>
  merge.rows === 'union' ? [{ table, column: merge.column, label: merge.label }] : [],
);

/** Tables about a person that a merge deliberately leaves alone, and why. */
export const notMoved: Partial<Record<TableName, string>> = Object.fromEntries(
  participantTables().flatMap(({ table, merge }) => (merge.rows === 'keep' ? [[table, merge.why]] : [])),
);

export interface MovedRows {
  rows: Record<string, number[]>;
  sets: Record<string, { mergedCodes: string[]; addedToSurvivor: string[] }>;
  pairs: {
    removed: Array<{ participant_a: number; participant_b: number; decided_by: number | null; decided_at: string }>;
    added: Array<{ participant_a: number; participant_b: number }>;
  };
}

/** How many rows of each linked table a participant has (for the merge screen). */
export async function countLinked(db: Db, participantId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...linkedTables, ...linkedSets]) {
    const row = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(t.table)} where participant_id = ${participantId}`.execute(db);
    const n = Number(row.rows[0]?.n ?? 0);
    if (n) out[t.label] = n;
  }
  return out;
}

/** Moves everything attached to `fromId` onto `toId`; returns what moved, for the undo snapshot. */
export async function moveLinked(tx: Tx, fromId: number, toId: number): Promise<MovedRows> {
  const moved: MovedRows = { rows: {}, sets: {}, pairs: { removed: [], added: [] } };
  for (const t of linkedTables) {
    if (t.uniqueWith) {
      const cols = t.uniqueWith.map((c) => sql`a.${sql.ref(c)} = b.${sql.ref(c)}`);
      const clash = await sql<{
        n: number;
      }>`select count(*) as n from ${sql.table(t.table)} a join ${sql.table(t.table)} b on ${sql.join(cols, sql` and `)}
        where a.participant_id = ${fromId} and b.participant_id = ${toId}`.execute(tx);
      if (Number(clash.rows[0]?.n ?? 0) > 0)
        throw new AppFailure('conflict', t.clash ?? `Both records have the same ${t.label}.`);
    }
    const ids = await sql<{
      id: number;
    }>`select id from ${sql.table(t.table)} where participant_id = ${fromId} order by id`.execute(tx);
    moved.rows[t.table] = ids.rows.map((r) => r.id);
    if (ids.rows.length)
      await sql`update ${sql.table(t.table)} set participant_id = ${toId} where participant_id = ${fromId}`.execute(tx);
  }
  for (const s of linkedSets) {
    const mine = await sql<{
      code: string;
    }>`select ${sql.ref(s.column)} as code from ${sql.table(s.table)} where participant_id = ${fromId}`.execute(tx);
    const theirs = await sql<{
      code: string;
    }>`select ${sql.ref(s.column)} as code from ${sql.table(s.table)} where participant_id = ${toId}`.execute(tx);
    const have = new Set(theirs.rows.map((r) => r.code));
    const added = mine.rows.map((r) => r.code).filter((c) => !have.has(c));
    for (const code of added)
      await sql`insert into ${sql.table(s.table)} (participant_id, ${sql.ref(s.column)}) values (${toId}, ${code})`.execute(
        tx,
      );
    await sql`delete from ${sql.table(s.table)} where participant_id = ${fromId}`.execute(tx);
    moved.sets[s.table] = { mergedCodes: mine.rows.map((r) => r.code), addedToSurvivor: added };
  }
  // "Not the same person" decisions: a decision about the merged record now holds for the survivor.
  const pairs = await tx
    .selectFrom('not_duplicate_pairs')
    .selectAll()
    .where((eb) => eb.or([eb('participant_a', '=', fromId), eb('participant_b', '=', fromId)]))
    .execute();
  for (const p of pairs) {
    await tx
      .deleteFrom('not_duplicate_pairs')
      .where('participant_a', '=', p.participant_a)
      .where('participant_b', '=', p.participant_b)
      .execute();
    moved.pairs.removed.push(p);
    const other = p.participant_a === fromId ? p.participant_b : p.participant_a;
    if (other === toId) continue;
    const [a, b] = other < toId ? [other, toId] : [toId, other];
    const result = await tx
      .insertInto('not_duplicate_pairs')
      .values({ participant_a: a, participant_b: b, decided_by: p.decided_by, decided_at: p.decided_at })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0)
      moved.pairs.added.push({ participant_a: a, participant_b: b });
  }
  return moved;
}

/** Puts back exactly what `moveLinked` moved (rows added to the survivor since stay with it). */
export async function restoreLinked(tx: Tx, moved: MovedRows, survivorId: number, restoredId: number): Promise<void> {
  for (const t of linkedTables) {
    const ids = moved.rows[t.table] ?? [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await sql`update ${sql.table(t.table)} set participant_id = ${restoredId} where participant_id = ${survivorId} and id in (${sql.join(chunk)})`.execute(
        tx,
      );
    }
  }
  for (const s of linkedSets) {
    const set = moved.sets[s.table];
    if (!set) continue;
    for (const code of set.addedToSurvivor)
      await sql`delete from ${sql.table(s.table)} where participant_id = ${survivorId} and ${sql.ref(s.column)} = ${code}`.execute(
        tx,
      );
    for (const code of set.mergedCodes)
      await sql`insert into ${sql.table(s.table)} (participant_id, ${sql.ref(s.column)}) values (${restoredId}, ${code}) on conflict do nothing`.execute(
        tx,
      );
  }
  for (const p of moved.pairs.added)
    await tx
      .deleteFrom('not_duplicate_pairs')
      .where('participant_a', '=', p.participant_a)
      .where('participant_b', '=', p.participant_b)
      .execute();
  for (const p of moved.pairs.removed)
    await tx
      .insertInto('not_duplicate_pairs')
      .values(p)
      .onConflict((oc) => oc.doNothing())
      .execute();
}
