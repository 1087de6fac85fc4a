// Retention: each funding stream has a date until which records are kept; people who have left
// and whose stream's date has passed appear on a worklist, and are anonymised in one
// transaction. What anonymising does to each column is the personal-data registry's
// (db/store/tables/personal-data.ts): it keeps what published totals are built from (outcome
// types and dates, coded monitoring fields, postcode district, age band at start) and erases or
// generalises everything that identifies the person. With secure_delete on, the erased values are
// overwritten in the file; the WAL is checkpointed afterwards so no old page copy lingers there
// either. Personal data in the (append-only) audit log is crypto-shredded: the registry deletes
// the person's audit key (see audit/audit-crypto.ts).
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import { postcodeDistrict } from '../../../shared/domain/identifiers';
import { ageBandAtStart } from '../../../shared/domain/age-band';
import type { Db, Tx } from '../../store/schema';
import {
  anonymousReference,
  mentioningTables,
  participantTables,
  type ColumnRetention,
  type MentionStep,
  type TableName,
} from '../../store/tables/personal-data';
import { appendAudit } from '../audit/audit.repository';
import { findParticipant } from '../participants/participants.repository';
import {
  deletePersonRows,
  deleteUnused,
  eraseUndoKeptLabels,
  reachedKeys,
  unanonymisedMergedInto,
  updatePersonRows,
} from './person-rows.repository';
import { findStreamRetention, updateStreamRetention, worklistQuery } from './retention.repository';
import { purgeParticipantSearchTrace } from '../../store/dialect';

/** Sets how long a funding stream's records are kept. */
export async function setRetainUntil(
  tx: Tx,
  id: number,
  retainUntil: string | null,
  at: string,
  staffId: number | null,
): Promise<void> {
  const before = await findStreamRetention(tx, id);
  if (!before) throw new AppFailure('not-found', 'That funding stream does not exist.');
  await updateStreamRetention(tx, id, retainUntil);
  await appendAudit(tx, at, staffId, {
    action: 'update',
    entity: 'funding_stream',
    entityId: id,
    summary: `Retention date of ${before.name} changed`,
    before: { retain_until: before.retain_until },
    after: { retain_until: retainUntil },
  });
}

/** What anonymising writes into one column of the person's rows, or undefined to leave it. */
function anonymisedValue(rule: ColumnRetention, column: string, id: number): unknown {
  if (rule === 'keep') return undefined;
  if (rule === 'erase') return null;
  if (rule === 'anonymous-reference') return anonymousReference(id);
  if ('replace' in rule) return rule.replace;
  // A date, kept as the first of its month (the same expression in SQLite and PostgreSQL).
  if (rule.generalise === 'month') return sql`substr(${sql.ref(column)}, 1, 7) || '-01'`;
  return null; // kept only as the coarser value written into another column (below)
}

/** The coarser value a generalised column leaves in another column (district, age band at start). */
function generalised(rule: ColumnRetention, row: Record<string, unknown>, column: string): [string, unknown] | null {
  if (typeof rule !== 'object' || !('into' in rule)) return null;
  const value = row[column];
  if (rule.generalise === 'district')
    return [rule.into, row[rule.into] ?? (typeof value === 'string' ? postcodeDistrict(value) : null)];
  const start = row.start_date;
  return [
    rule.into,
    row[rule.into] ??
      ageBandAtStart(typeof value === 'string' ? value : null, typeof start === 'string' ? start : null),
  ];
}

/** Steps for tables that only mention people (named in the registry). */
const mentionSteps: Record<MentionStep, (tx: Tx, id: number) => Promise<void>> = {
  // An undone import lists the records it left alone, labelled "reference first last".
  'import-undo-labels': (tx, id) => eraseUndoKeptLabels(tx, id),
};

/** Erases one person (and any records merged into them) as the personal-data registry says. Runs
 * inside the caller's transaction. */
export async function anonymiseParticipant(tx: Tx, id: number, nowIso: string): Promise<void> {
  const ids = [id];
  // Rows reached through others' rows (evidence files) are found before those rows lose the link.
  const reached = new Map<TableName, unknown[]>();
  for (const t of participantTables())
    if (t.retention === 'delete-when-unused') reached.set(t.table, await reachedKeys(tx, t.table, ids));

  for (const t of participantTables()) {
    if (t.retention === 'delete-rows') {
      await deletePersonRows(tx, t.table, ids);
      continue;
    }
    if (t.retention !== 'columns') continue;
    const rules = Object.entries(t.columns);
    const set: Record<string, unknown> = {};
    if (t.table === 'participants') {
      const row = await findParticipant(tx, id);
      if (!row) throw new AppFailure('not-found', 'That participant does not exist.');
      for (const [column, rule] of rules) {
        const into = generalised(rule.retention, row, column);
        if (into) set[into[0]] = into[1];
      }
      // A record merged into this person stays 'merged' so that counts (which skip merged records)
      // do not start counting it as a person of its own. A new version: an open form, an undo of a
      // merge or of an import cannot put old values back.
      Object.assign(set, {
        status: row.status === 'merged' ? 'merged' : 'anonymised',
        updated_at: nowIso,
        version: sql`version + 1`,
      });
    }
    for (const [column, rule] of rules) {
      const value = anonymisedValue(rule.retention, column, id);
      if (value !== undefined) set[column] = value;
    }
    await updatePersonRows(tx, t.table, ids, set);
  }
  for (const [table, keys] of reached) await deleteUnused(tx, table, keys);
  for (const step of mentioningTables()) await mentionSteps[step](tx, id);

  for (const merged of await unanonymisedMergedInto(tx, id)) await anonymiseParticipant(tx, merged, nowIso);
}

/** Refuses unless every one of `ids` is on the worklist (left, and past their stream's date). */
export async function checkAnonymisable(db: Db, ids: number[], today: string): Promise<void> {
  const due = await worklistQuery(db, today).select('p.id').where('p.id', 'in', ids).execute();
  if (due.length !== ids.length) {
    throw new AppFailure(
      'conflict',
      'Some of the chosen people are not past their retention date (or are already anonymised); nothing was changed.',
    );
  }
}

/** Anonymises each of `ids` (checked with `checkAnonymisable`) in the caller's transaction. */
export async function anonymise(tx: Tx, ids: number[], nowIso: string, staffId: number | null): Promise<void> {
  for (const id of ids) {
    await anonymiseParticipant(tx, id, nowIso);
    await appendAudit(tx, nowIso, staffId, {
      action: 'anonymise',
      entity: 'participant',
      entityId: id,
      summary: 'Participant anonymised: past the retention date of their funding stream',
    });
  }
  // The quick-search index still holds the old names and identifiers in its segments.
  await purgeParticipantSearchTrace(tx);
}
