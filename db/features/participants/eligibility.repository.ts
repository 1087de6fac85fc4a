// Queries behind eligibility: the programme-area setting, a person's facts and checks, and the
// stored status kept in step with them.
import { ELIGIBILITY_SETTING_KEY, type EligibilityStatus } from '../../../shared/domain/eligibility';
import type { Db, Tx } from '../../store/schema';

export async function readDistrictsSetting(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('settings')
    .select('value_json')
    .where('key', '=', ELIGIBILITY_SETTING_KEY)
    .executeTakeFirst();
  return row?.value_json ?? null;
}

export async function writeDistrictsSetting(tx: Tx, valueJson: string, at: string): Promise<void> {
  await tx
    .insertInto('settings')
    .values({ key: ELIGIBILITY_SETTING_KEY, value_json: valueJson, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: valueJson, updated_at: at }))
    .execute();
}

export async function eligibilityFacts(db: Db, id: number) {
  return db
    .selectFrom('participants')
    .select(['date_of_birth', 'start_date', 'referral_date', 'postcode'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function eligibilityChecks(db: Db, id: number) {
  return db
    .selectFrom('eligibility_checks')
    .select([
      'check_code as checkCode',
      'outcome',
      'evidence_type as evidenceType',
      'seen_on as seenOn',
      'recorded_at as recordedAt',
      'id',
    ])
    .where('participant_id', '=', id)
    .orderBy('id')
    .execute();
}

export async function setEligibilityStatus(tx: Tx, id: number, status: EligibilityStatus): Promise<void> {
  await tx
    .updateTable('participants')
    .set({ eligibility_status: status })
    .where('id', '=', id)
    .where('eligibility_status', '!=', status)
    .execute();
}

/** Every person not merged into another, with their stored eligibility status. */
export async function storedEligibility(db: Db): Promise<Array<{ id: number; eligibility_status: EligibilityStatus }>> {
  return db
    .selectFrom('participants')
    .select(['id', 'eligibility_status'])
    .where('status', '!=', 'merged')
    .orderBy('id')
    .execute();
}

export async function insertEligibilityCheck(
  tx: Tx,
  values: {
    participant_id: number;
    check_code: string;
    outcome: 'met' | 'not_met' | 'pending';
    evidence_type: string | null;
    seen_by: number | null;
    seen_on: string | null;
    notes: string | null;
    recorded_at: string;
  },
): Promise<{ id: number }> {
  return tx.insertInto('eligibility_checks').values(values).returning('id').executeTakeFirstOrThrow();
}
