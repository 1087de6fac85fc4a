// One outcome as stored: found by id, by person, type and date (the rule that makes an outcome
// unique), or as the start outcome a placement produced; and changes to its details. Outcomes
// are created only by outcome-writer.ts#recordOutcomeOnce, so there is no insert here.
import type { Updateable } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { OutcomeRow, OutcomesTable } from '../../store/tables/outcomes.tables';

export async function outcomeRecord(db: Db, id: number): Promise<OutcomeRow | undefined> {
  return db.selectFrom('outcomes').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The outcome of this type on this date for this person, if one is recorded. */
export async function outcomeOn(
  db: Db,
  key: { participantId: number; outcomeType: string; outcomeDate: string },
): Promise<{ id: number } | undefined> {
  return db
    .selectFrom('outcomes')
    .select('id')
    .where('participant_id', '=', key.participantId)
    .where('outcome_type', '=', key.outcomeType)
    .where('outcome_date', '=', key.outcomeDate)
    .executeTakeFirst();
}

/** The outcome of `outcomeType` linked to a placement (its job or apprenticeship start). */
export async function placementOutcome(
  db: Db,
  placementId: number,
  outcomeType: string,
): Promise<OutcomeRow | undefined> {
  return db
    .selectFrom('outcomes')
    .selectAll()
    .where('placement_id', '=', placementId)
    .where('outcome_type', '=', outcomeType)
    .executeTakeFirst();
}

/** Writes an outcome and moves its version on (every write, so an open form is refused after
 * any change); with `expectedVersion`, only if the stored version is still that one. Says
 * whether a row was written. */
export async function updateOutcome(
  tx: Tx,
  id: number,
  values: Updateable<OutcomesTable>,
  expectedVersion?: number,
): Promise<boolean> {
  let q = tx
    .updateTable('outcomes')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}
