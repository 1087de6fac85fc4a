// Queries on set-up codes (staff_setup_codes): only hashes are stored; a code is current while it
// is unused and not expired, and a newer code replaces the older ones.
import type { Db, Tx } from '../../store/schema';
import type { StaffSetupCodeRow } from '../../store/tables/trust.tables';

/** The newest current code of a profile, if any. */
export async function currentSetupCode(
  db: Db,
  staffId: number,
  nowIso: string,
): Promise<StaffSetupCodeRow | undefined> {
  return db
    .selectFrom('staff_setup_codes')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** When each profile's current code expires (for the staff list). */
export async function setupCodeExpiries(db: Db, nowIso: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('staff_setup_codes')
    .select(['staff_id', (eb) => eb.fn.max('expires_at').as('expires_at')])
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso)
    .groupBy('staff_id')
    .execute();
  return new Map(rows.map((r) => [r.staff_id, String(r.expires_at)]));
}

/** Ends every unused code of a profile (a new one is issued, or a password was set). */
export async function retireSetupCodes(tx: Tx, staffId: number, nowIso: string): Promise<void> {
  await tx
    .updateTable('staff_setup_codes')
    .set({ used_at: nowIso })
    .where('staff_id', '=', staffId)
    .where('used_at', 'is', null)
    .execute();
}

export async function insertSetupCode(
  tx: Tx,
  values: { staff_id: number; code_hash: string; issued_by: number | null; created_at: string; expires_at: string },
): Promise<void> {
  await tx.insertInto('staff_setup_codes').values(values).execute();
}

/** Marks a code used; false when another request used it first (a code works once). */
export async function useSetupCode(tx: Tx, id: number, nowIso: string): Promise<boolean> {
  const result = await tx
    .updateTable('staff_setup_codes')
    .set({ used_at: nowIso })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
