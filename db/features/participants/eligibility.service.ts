// Applies the shared eligibility rules to a stored participant: reads the programme-area setting,
// where the person lives (the geography area's resolution and the "local" setting) and the
// recorded checks, and keeps participants.eligibility_status and is_local in step with them.
import {
  DEFAULT_DISTRICTS,
  evaluateEligibility,
  isLocalPerson,
  normaliseDistricts,
  type EligibilityResult,
} from '../../../shared/domain/eligibility';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { areaNames } from '../geography/geography.repository';
import { areaFactsOf, loadGeographyContext, resolveParticipants, type GeographyContext } from '../geography/resolution';
import {
  eligibilityChecks,
  eligibilityFacts,
  readDistrictsSetting,
  setEligibilityDerived,
  storedEligibility,
  writeDistrictsSetting,
} from './eligibility.repository';

/** What every person's rules are read against: the postcode districts (the stand-in while no
 * postcode directory is loaded) and the geography in use. Loaded once per request or batch. */
export interface EligibilitySettings {
  districts: string[];
  geo: GeographyContext;
}

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

export async function loadEligibilitySettings(db: Db): Promise<EligibilitySettings> {
  return { districts: await loadDistricts(db), geo: await loadGeographyContext(db) };
}

async function saveDistricts(tx: Tx, districts: string[], at: string): Promise<string[]> {
  const list = normaliseDistricts(districts);
  await writeDistrictsSetting(tx, JSON.stringify(list), at);
  return list;
}

export type EligibilityView = EligibilityResult & { districts: string[]; localLabel: string; isLocal: boolean };

/** Evaluates one participant from the store. */
export async function eligibilityOf(
  db: Db,
  id: number,
  today: string,
  settings?: EligibilitySettings,
): Promise<EligibilityView> {
  const s = settings ?? (await loadEligibilitySettings(db));
  const p = await eligibilityFacts(db, id);
  const checks = await eligibilityChecks(db, id);
  // Ties on recorded_at (same second) resolve to the later row by id.
  const ordered = checks.map((c) => ({ ...c, recordedAt: `${c.recordedAt}#${String(c.id).padStart(12, '0')}` }));
  const names = await areaNames(db, [p.geo_la_code, p.geo_ward_code]);
  const facts = {
    dateOfBirth: p.date_of_birth,
    startDate: p.start_date ?? p.referral_date,
    postcode: p.postcode,
    noFixedAbode: p.no_fixed_abode === 1,
    area: areaFactsOf(p, s.geo, names),
    checks: ordered,
  };
  const context = { districts: s.districts, localLabel: s.geo.localLabel };
  const result = evaluateEligibility(facts, context, today);
  return { ...result, districts: s.districts, localLabel: s.geo.localLabel, isLocal: isLocalPerson(facts, context) };
}

/** Re-evaluates and stores the status and whether the person is local; returns the result. Does
 * not bump the version (derived data). */
export async function refreshEligibility(
  tx: Tx,
  id: number,
  today: string,
  settings?: EligibilitySettings,
): Promise<EligibilityView> {
  const result = await eligibilityOf(tx, id, today, settings);
  await setEligibilityDerived(tx, id, result.status, result.isLocal);
  return result;
}

/** After the postcode or address changed: where the person lives, then their eligibility. */
export async function refreshParticipant(
  tx: Tx,
  id: number,
  today: string,
  settings?: EligibilitySettings,
): Promise<EligibilityView> {
  const s = settings ?? (await loadEligibilitySettings(tx));
  await resolveParticipants(tx, [id], s.geo);
  return refreshEligibility(tx, id, today, s);
}

/** Re-evaluates everyone (not merged or anonymised; with `ids`, those) against `settings`; says how
 * many people's status changed. */
export async function refreshEveryone(
  tx: Tx,
  today: string,
  settings: EligibilitySettings,
  ids?: number[],
): Promise<number> {
  let changed = 0;
  for (const p of await storedEligibility(tx, ids)) {
    const now = await refreshEligibility(tx, p.id, today, settings);
    if (now.status !== p.eligibility_status) changed++;
  }
  return changed;
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
  const recalculated = await refreshEveryone(tx, actor.today, {
    districts: saved,
    geo: await loadGeographyContext(tx),
  });
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
