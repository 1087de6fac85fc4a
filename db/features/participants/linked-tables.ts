// Every table that hangs off a participant, in ONE place: a merge moves their rows to the
// survivor and an unmerge moves exactly those rows back. When an area adds a table with a
// participant_id column, list it here (test/integration/participants-merge.test.ts fails until
// every such table is either here or in `notMoved` with the reason).
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import type { Tx } from '../../store/schema';

export interface LinkedTable {
  table: string;
  label: string;
  /** Columns that, with participant_id, must be unique: both records having the same is a clash. */
  uniqueWith?: string[];
  /** How to describe a clash to the officer. */
  clash?: string;
}

/** Rows with their own id, moved by updating participant_id. */
export const linkedTables: LinkedTable[] = [
  { table: 'eligibility_checks', label: 'eligibility checks' },
  { table: 'participant_notes', label: 'notes' },
  {
    table: 'enrolments',
    label: 'course enrolments',
    uniqueWith: ['course_run_id'],
    clash: 'Both records are enrolled on the same course run; withdraw or remove one enrolment first.',
  },
  { table: 'l1_awards', label: 'Level 1 awards' },
  { table: 'hse_tests', label: 'HS&E tests' },
  { table: 'cscs_cards', label: 'CSCS cards' },
  { table: 'ppe_issues', label: 'PPE issues' },
  { table: 'site_ready_signoffs', label: 'site-ready sign-offs' },
  { table: 'placements', label: 'placements' },
  {
    table: 'outcomes',
    label: 'outcomes',
    uniqueWith: ['outcome_type', 'outcome_date'],
    clash:
      'Both records have the same outcome on the same date; remove the duplicate outcome first so it is not counted twice.',
  },
  { table: 'evidence_items', label: 'evidence items' },
  // One per start outcome and week (13/26); the start outcome moves with the person, so its checks do too.
  { table: 'sustainment_checks', label: 'sustainment checks' },
];

/** Rows keyed by (participant_id, code): merged as a set (the survivor gets the union). */
export const linkedSets = [{ table: 'participant_barriers', column: 'barrier_code', label: 'barriers' }] as const;

/** Tables with a participant_id column that a merge deliberately leaves alone, and why. */
export const notMoved: Record<string, string> = {
  audit_log: 'append-only; history is read across the records merged into a person',
  audit_keys:
    "the key sealing the audit entries written about that record (the record id is part of the sealing); history opens each entry with its own record's key, and anonymising the survivor shreds the keys of the records merged into it",
  participant_barriers: 'merged as a set (linkedSets)',
  return_lines:
    'lines of submitted returns are frozen (by trigger): a merge must not rewrite what was claimed; the returns area already counts a merged record as its survivor (person_id = coalesce(merged_into_id, id))',
  import_batch_rows:
    'a record of what an import wrote to which record; its undo finds the rows by entity id, and an undo of a person since merged keeps them (the merge changed the record)',
};

type Row = Record<string, unknown>;

/** Tables holding a person's data through another table rather than a participant_id column of
 * their own (for the subject access bundle). `ids` are the person's record and those merged into it. */
export const heldThroughOtherTables: Array<{
  table: string;
  label: string;
  rows: (tx: Tx, ids: number[]) => Promise<Row[]>;
}> = [
  {
    table: 'attendance',
    label: 'attendance',
    rows: async (tx, ids) =>
      (
        await sql<Row>`select a.* from attendance a join enrolments e on e.id = a.enrolment_id where e.participant_id in (${sql.join(ids)}) order by a.id`.execute(
          tx,
        )
      ).rows,
  },
  {
    // Stored once per content (sha256) and shared by the evidence items that attach it.
    table: 'evidence_files',
    label: 'evidence files',
    rows: async (tx, ids) =>
      (
        await sql<Row>`select f.*, min(e.file_name) as evidence_file_name from evidence_files f join evidence_items e on e.file_sha256 = f.sha256
      where e.participant_id in (${sql.join(ids)}) group by f.sha256 order by min(e.id)`.execute(tx)
      ).rows,
  },
  {
    table: 'participant_merges',
    label: 'merges',
    rows: async (tx, ids) =>
      (
        await sql<Row>`select * from participant_merges where survivor_id in (${sql.join(ids)}) or merged_id in (${sql.join(ids)}) order by id`.execute(
          tx,
        )
      ).rows,
  },
  {
    table: 'not_duplicate_pairs',
    label: '"not the same person" decisions',
    rows: async (tx, ids) =>
      (
        await sql<Row>`select * from not_duplicate_pairs where participant_a in (${sql.join(ids)}) or participant_b in (${sql.join(ids)}) order by participant_a, participant_b`.execute(
          tx,
        )
      ).rows,
  },
];

/** Every table holding a person's data by a participant_id column, as listed above. */
export function tablesByParticipantId(): string[] {
  return [
    ...new Set([...linkedTables.map((l) => l.table), ...linkedSets.map((l) => l.table), ...Object.keys(notMoved)]),
  ];
}

export interface MovedRows {
  rows: Record<string, number[]>;
  sets: Record<string, { mergedCodes: string[]; addedToSurvivor: string[] }>;
  pairs: {
    removed: Array<{ participant_a: number; participant_b: number; decided_by: number | null; decided_at: string }>;
    added: Array<{ participant_a: number; participant_b: number }>;
  };
}

/** How many rows of each linked table a participant has (for the merge screen). */
export async function countLinked(tx: Tx, participantId: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of [...linkedTables, ...linkedSets]) {
    const row = await sql<{
      n: number;
    }>`select count(*) as n from ${sql.table(t.table)} where participant_id = ${participantId}`.execute(tx);
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
