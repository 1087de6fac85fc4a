// Queries of the outcomes course results cause (the outcomes themselves are written through
// recordOutcomeOnce in the outcomes area).
import type { Db, Tx } from '../../store/schema';

/** The outcome a result caused (one per result, found by its source reference). */
export async function findCourseOutcome(db: Db, participantId: number, sourceRef: string, outcomeType?: string) {
  let q = db
    .selectFrom('outcomes')
    .selectAll()
    .where('participant_id', '=', participantId)
    .where('source', '=', 'course')
    .where('source_ref', '=', sourceRef);
  if (outcomeType) q = q.where('outcome_type', '=', outcomeType);
  return q.executeTakeFirst();
}

/** Whether the person already has an outcome of this type dated within [from, to]. */
export async function hasOutcomeBetween(
  db: Db,
  participantId: number,
  outcomeType: string,
  from: string,
  to: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('outcomes')
    .select('id')
    .where('participant_id', '=', participantId)
    .where('outcome_type', '=', outcomeType)
    .where('outcome_date', '>=', from)
    .where('outcome_date', '<=', to)
    .executeTakeFirst();
  return !!row;
}

export async function moveOutcomeDate(tx: Tx, id: number, date: string, at: string): Promise<void> {
  await tx.updateTable('outcomes').set({ outcome_date: date, updated_at: at }).where('id', '=', id).execute();
}

export async function hasEvidence(db: Db, outcomeId: number): Promise<boolean> {
  return !!(await db.selectFrom('evidence_items').select('id').where('outcome_id', '=', outcomeId).executeTakeFirst());
}

export async function deleteOutcome(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('outcomes').where('id', '=', id).execute();
}

/** The dates of each person's outcomes of one type (any verification), in a few queries. */
export async function outcomeDatesOf(db: Db, participantIds: number[], outcomeType: string) {
  const out = new Map<number, string[]>();
  for (let i = 0; i < participantIds.length; i += 900) {
    const rows = await db
      .selectFrom('outcomes')
      .select(['participant_id', 'outcome_date'])
      .where('outcome_type', '=', outcomeType)
      .where('participant_id', 'in', participantIds.slice(i, i + 900))
      .execute();
    for (const r of rows) {
      const list = out.get(r.participant_id);
      if (list) list.push(r.outcome_date);
      else out.set(r.participant_id, [r.outcome_date]);
    }
  }
  return out;
}
