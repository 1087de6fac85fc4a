// Merging two records of the same person, and undoing it. The officer picks, per differing field,
// whose value the survivor keeps; everything attached to the other record moves to the survivor
// (linked-tables.ts); the other record stays, marked 'merged'. Which fields the officer chooses,
// and which columns travel with them, is the personal-data registry's
// (db/store/tables/personal-data.ts). A snapshot of both records and of every moved row is stored
// so the merge can be undone exactly.
import { AppFailure } from '../../../shared/result';
import type { Tx } from '../../store/schema';
import type { ParticipantRow } from '../../store/tables/participants.tables';
import { columnRules } from '../../store/tables/personal-data';
import { appendAudit } from '../audit/audit.repository';
import { fieldColumns, toRecord, type StoredField } from './participant-mapping';
import {
  findMerge,
  setsOf,
  findParticipant,
  insertMerge,
  markMergeUndone,
  updateParticipantRow,
} from './participants.repository';
import { countLinked, moveLinked, restoreLinked, type MovedRows } from './linked-tables';
import { refreshEligibility } from './eligibility.service';
import { diffRecords, getDetail, type Actor } from './participants.service';

interface MergeSnapshot {
  survivor: ParticipantRow;
  merged: ParticipantRow;
  moved: MovedRows;
}

const columnMerge = columnRules('participants');

/** The columns taking `column` from the merged record takes, as the personal-data registry says:
 * the column, the one it follows, and those following either (NI number and its status, postcode
 * and district, phone and its digits). Null when the officer does not choose this column. */
function takenTogether(column: string): string[] | null {
  const rule = columnMerge[column]?.merge;
  if (!rule || rule === 'survivor') return null;
  const lead = rule === 'choose' ? column : rule.follows;
  const followers = Object.entries(columnMerge).flatMap(([c, r]) =>
    typeof r.merge === 'object' && r.merge.follows === lead ? [c] : [],
  );
  return [lead, ...followers];
}

/** Columns restored by an undo: all but identity and bookkeeping. */
const restorable = (row: ParticipantRow) => {
  const { id: _id, reference: _reference, version: _version, created_at: _c, created_by: _cb, ...rest } = row;
  return rest;
};

/** Both records side by side with what hangs off each (opening them may be audited). */
export async function mergePreview(tx: Tx, actor: Actor, a: number, b: number) {
  if (a === b) throw new AppFailure('validation', 'Choose two different records to merge.');
  return {
    a: await getDetail(tx, actor, a),
    b: await getDetail(tx, actor, b),
    linked: { a: await countLinked(tx, a), b: await countLinked(tx, b) },
  };
}

export async function mergeParticipants(
  tx: Tx,
  actor: Actor,
  input: {
    survivorId: number;
    mergedId: number;
    survivorVersion: number;
    mergedVersion: number;
    take: Record<string, 'survivor' | 'merged'>;
  },
): Promise<{ mergeId: number; moved: Record<string, number> }> {
  if (input.survivorId === input.mergedId) throw new AppFailure('validation', 'Choose two different records to merge.');
  const survivor = await findParticipant(tx, input.survivorId);
  const merged = await findParticipant(tx, input.mergedId);
  if (!survivor || !merged) throw new AppFailure('not-found', 'One of the records to merge does not exist.');
  if (survivor.status === 'merged' || merged.status === 'merged')
    throw new AppFailure('conflict', 'One of these records has already been merged into another.');
  if (survivor.status === 'anonymised' || merged.status === 'anonymised')
    throw new AppFailure('conflict', 'An anonymised record cannot be merged.');
  if (survivor.version !== input.survivorVersion || merged.version !== input.mergedVersion) {
    throw new AppFailure(
      'conflict',
      'One of the records was changed after you opened the merge screen. Reload it and choose again.',
    );
  }
  const before = toRecord(survivor, await setsOf(tx, survivor.id));

  const set: Record<string, unknown> = {};
  for (const [field, side] of Object.entries(input.take)) {
    if (side !== 'merged') continue;
    const column = fieldColumns[field as StoredField];
    const columns = column ? takenTogether(column) : null;
    if (!columns) throw new AppFailure('validation', `Unknown field ${field}.`);
    for (const c of columns) set[c] = merged[c as keyof ParticipantRow];
  }
  const versionAfter = survivor.version + 1;
  await updateParticipantRow(tx, survivor.id, {
    ...set,
    version: versionAfter,
    updated_at: actor.now,
    updated_by: actor.staffId,
  });

  const moved = await moveLinked(tx, merged.id, survivor.id);
  await updateParticipantRow(tx, merged.id, {
    status: 'merged',
    merged_into_id: survivor.id,
    version: merged.version + 1,
    updated_at: actor.now,
    updated_by: actor.staffId,
  });
  await refreshEligibility(tx, survivor.id, actor.today);

  const snapshot: MergeSnapshot = { survivor, merged, moved };
  const mergeId = await insertMerge(tx, {
    survivor_id: survivor.id,
    merged_id: merged.id,
    snapshot_json: JSON.stringify(snapshot),
    survivor_version_after: versionAfter,
    merged_at: actor.now,
    merged_by: actor.staffId,
  });

  const after = toRecord((await findParticipant(tx, survivor.id))!, await setsOf(tx, survivor.id));
  const counts = Object.fromEntries(
    Object.entries(moved.rows)
      .filter(([, ids]) => ids.length)
      .map(([t, ids]) => [t, ids.length]),
  );
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'merge',
    entity: 'participant',
    entityId: survivor.id,
    participantId: survivor.id,
    summary: `Merged ${merged.reference} into ${survivor.reference}`,
    ...diffRecords(before, after),
  });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'merge',
    entity: 'participant',
    entityId: merged.id,
    participantId: merged.id,
    summary: `Merged into ${survivor.reference}`,
    before: { status: merged.status },
    after: { status: 'merged', mergedInto: survivor.reference, moved: counts },
  });
  return { mergeId, moved: counts };
}

export async function unmergeParticipants(
  tx: Tx,
  actor: Actor,
  mergeId: number,
): Promise<{ survivorId: number; restoredId: number }> {
  const merge = await findMerge(tx, mergeId);
  if (!merge) throw new AppFailure('not-found', 'That merge does not exist.');
  if (merge.undone_at) throw new AppFailure('conflict', 'That merge has already been undone.');
  const snapshot = JSON.parse(merge.snapshot_json) as MergeSnapshot;
  const survivor = await findParticipant(tx, merge.survivor_id);
  const merged = await findParticipant(tx, merge.merged_id);
  if (!survivor || !merged) throw new AppFailure('not-found', 'One of the merged records no longer exists.');
  if (merged.status !== 'merged' || merged.merged_into_id !== survivor.id)
    throw new AppFailure('conflict', 'The merged record has changed since; this merge cannot be undone.');
  if (survivor.version !== merge.survivor_version_after) {
    throw new AppFailure(
      'conflict',
      `${survivor.reference} was edited after the merge, so undoing it would lose those edits. Correct the record by hand instead.`,
    );
  }
  const before = toRecord(survivor, await setsOf(tx, survivor.id));
  await updateParticipantRow(tx, survivor.id, {
    ...restorable(snapshot.survivor),
    version: survivor.version + 1,
    updated_at: actor.now,
    updated_by: actor.staffId,
  });
  await updateParticipantRow(tx, merged.id, {
    ...restorable(snapshot.merged),
    version: merged.version + 1,
    updated_at: actor.now,
    updated_by: actor.staffId,
  });
  await restoreLinked(tx, snapshot.moved, survivor.id, merged.id);
  await refreshEligibility(tx, survivor.id, actor.today);
  await refreshEligibility(tx, merged.id, actor.today);
  await markMergeUndone(tx, mergeId, actor.now, actor.staffId);
  const after = toRecord((await findParticipant(tx, survivor.id))!, await setsOf(tx, survivor.id));
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'unmerge',
    entity: 'participant',
    entityId: survivor.id,
    participantId: survivor.id,
    summary: `Undid the merge of ${merged.reference} into ${survivor.reference}`,
    ...diffRecords(before, after),
  });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'unmerge',
    entity: 'participant',
    entityId: merged.id,
    participantId: merged.id,
    summary: `Restored from the merge into ${survivor.reference}`,
    before: { status: 'merged' },
    after: { status: snapshot.merged.status },
  });
  return { survivorId: survivor.id, restoredId: merged.id };
}
