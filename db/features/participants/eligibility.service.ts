// Applies the shared eligibility rules to a stored participant: reads the programme-area setting
// and the recorded checks, and keeps participants.eligibility_status in step with them.
import {
  DEFAULT_DISTRICTS,
  evaluateEligibility,
  normaliseDistricts,
  type EligibilityResult,
} from '../../../shared/domain/eligibility';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import {
  eligibilityChecks,
  eligibilityFacts,
  readDistrictsSetting,
  setEligibilityStatus,
  storedEligibility,
  writeDistrictsSetting,
} from './eligibility.repository';

export async function loadDistricts(db: Db): Promise<string[]> {
  const json = await readDistrictsSetting(db);
  if (json === null) return [...DEFAULT_DISTRICTS];
  try {
    const value: unknown = JSON.parse(json);
    return normaliseDistricts(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return [...DEFAULT_DISTRICTS];
  }
}

async function saveDistricts(tx: Tx, districts: string[], at: string): Promise<string[]> {
  const list = normaliseDistricts(districts);
  await writeDistrictsSetting(tx, JSON.stringify(list), at);
  return list;
}

/** Evaluates one participant from the store. */
export async function eligibilityOf(
  db: Db,
  id: number,
  today: string,
  districts?: string[],
): Promise<EligibilityResult & { districts: string[] }> {
  const p = await eligibilityFacts(db, id);
  const checks = await eligibilityChecks(db, id);
  const list = districts ?? (await loadDistricts(db));
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
  await setEligibilityStatus(tx, id, result.status);
  return result;
}

/** Sets the programme area (postcode districts) and re-evaluates everyone against it, audited;
 * says how many people's status changed. */
export async function setProgrammeArea(
  tx: Tx,
  districts: string[],
  actor: { staffId: number | null; now: string; today: string },
): Promise<{ districts: string[]; recalculated: number }> {
  const before = await loadDistricts(tx);
  const saved = await saveDistricts(tx, districts, actor.now);
  let recalculated = 0;
  for (const p of await storedEligibility(tx)) {
    const now = await refreshEligibility(tx, p.id, actor.today, saved);
    if (now.status !== p.eligibility_status) recalculated++;
  }
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'setting',
    entityId: 'eligibility.postcodeDistricts',
    summary: `Programme area set to ${saved.join(', ')}`,
    before: { districts: before },
    after: { districts: saved },
  });
  return { districts: saved, recalculated };
}
