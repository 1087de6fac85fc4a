// Applies the shared eligibility rules to a stored participant: reads the programme-area setting
// and the recorded checks, and keeps participants.eligibility_status in step with them.
import {
  DEFAULT_DISTRICTS,
  ELIGIBILITY_SETTING_KEY,
  evaluateEligibility,
  normaliseDistricts,
  type EligibilityResult,
} from '../../../shared/domain/eligibility';
import type { Tx } from '../../store/schema';

export async function loadDistricts(tx: Tx): Promise<string[]> {
  const row = await tx
    .selectFrom('settings')
    .select('value_json')
    .where('key', '=', ELIGIBILITY_SETTING_KEY)
    .executeTakeFirst();
  if (!row) return [...DEFAULT_DISTRICTS];
  try {
    const value: unknown = JSON.parse(row.value_json);
    return normaliseDistricts(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return [...DEFAULT_DISTRICTS];
  }
}

export async function saveDistricts(tx: Tx, districts: string[], at: string): Promise<string[]> {
  const list = normaliseDistricts(districts);
  await tx
    .insertInto('settings')
    .values({ key: ELIGIBILITY_SETTING_KEY, value_json: JSON.stringify(list), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(list), updated_at: at }))
    .execute();
  return list;
}

/** Evaluates one participant from the store. */
export async function eligibilityOf(
  tx: Tx,
  id: number,
  today: string,
  districts?: string[],
): Promise<EligibilityResult & { districts: string[] }> {
  const p = await tx
    .selectFrom('participants')
    .select(['date_of_birth', 'start_date', 'referral_date', 'postcode'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const checks = await tx
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
  const list = districts ?? (await loadDistricts(tx));
  // Ties on recorded_at (same second) resolve to the later row by id.
  const ordered = checks.map((c) => ({ ...c, recordedAt: `${c.recordedAt}#${String(c.id).padStart(12, '0')}` }));
  const result = evaluateEligibility(
    { dateOfBirth: p.date_of_birth, startDate: p.start_date ?? p.referral_date, postcode: p.postcode, checks: ordered },
    list,
    today,
  );
  return { ...result, districts: list };
}

/** Re-evaluates and stores the status; returns it. Does not bump the version (derived data). */
export async function refreshEligibility(
  tx: Tx,
  id: number,
  today: string,
  districts?: string[],
): Promise<EligibilityResult & { districts: string[] }> {
  const result = await eligibilityOf(tx, id, today, districts);
  await tx
    .updateTable('participants')
    .set({ eligibility_status: result.status })
    .where('id', '=', id)
    .where('eligibility_status', '!=', result.status)
    .execute();
  return result;
}
