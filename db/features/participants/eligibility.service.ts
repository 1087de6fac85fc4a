// Applies the shared eligibility rules to a stored participant: reads the programme-area setting,
// where the person lives (the geography area's resolution and the "local" setting) and the
// recorded checks, and keeps participants.eligibility_status and is_local in step with them.
import {
  DEFAULT_DISTRICTS,
  evaluateEligibility,
  isLocalPerson,
  normaliseDistricts,
  type EligibilityResult,
  type EligibilityStatus,
} from '../../../shared/domain/eligibility';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { areaNames } from '../geography/geography.repository';
import { areaFactsOf, loadGeographyContext, resolveParticipants, type GeographyContext } from '../geography/resolution';
import {
  eligibilityChecks,
  eligibilityChecksOf,
  eligibilityFacts,
  eligibilityFactsOf,
  readDistrictsSetting,
  setEligibilityDerived,
  setEligibilityDerivedOf,
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

type StoredFacts = Awaited<ReturnType<typeof eligibilityFacts>>;
type StoredCheck = Awaited<ReturnType<typeof eligibilityChecks>>[number];

/** The rules applied to a person's stored facts and checks (`names`: the area names they use). */
function evaluateStored(
  p: StoredFacts,
  checks: readonly StoredCheck[],
  names: Map<string, string>,
  s: EligibilitySettings,
  today: string,
): EligibilityView {
  // Ties on recorded_at (same second) resolve to the later row by id.
  const ordered = checks.map((c) => ({ ...c, recordedAt: `${c.recordedAt}#${String(c.id).padStart(12, '0')}` }));
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
  const names = await areaNames(db, [p.geo_la_code, p.geo_ward_code]);
  return evaluateStored(p, checks, names, s, today);
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

/** People re-evaluated together: their facts, checks and area names read a statement per 5,000
 * people, not four statements a person (an import of 50,000 new people spent most of its commit
 * here), and their results written a statement per result and 5,000 people. */
const REFRESH_CHUNK = 5_000;

/** Re-evaluates everyone (not merged or anonymised; with `ids`, those) against `settings`; says how
 * many people's status changed. The same rules and stored result as refreshEligibility, person by person. */
export async function refreshEveryone(
  tx: Tx,
  today: string,
  settings: EligibilitySettings,
  ids?: number[],
): Promise<number> {
  let changed = 0;
  const stored = await storedEligibility(tx, ids);
  for (let i = 0; i < stored.length; i += REFRESH_CHUNK) {
    const chunk = stored.slice(i, i + REFRESH_CHUNK);
    const chunkIds = chunk.map((p) => p.id);
    const facts = new Map((await eligibilityFactsOf(tx, chunkIds)).map((f) => [f.id, f]));
    const checks = new Map<number, StoredCheck[]>();
    for (const { participantId, ...c } of await eligibilityChecksOf(tx, chunkIds)) {
      const list = checks.get(participantId);
      if (list) list.push(c);
      else checks.set(participantId, [c]);
    }
    const names = await areaNames(
      tx,
      [...facts.values()].flatMap((f) => [f.geo_la_code, f.geo_ward_code]),
    );
    // People with the same result are written together.
    const results = new Map<string, { status: EligibilityStatus; isLocal: boolean; ids: number[] }>();
    for (const p of chunk) {
      const f = facts.get(p.id);
      if (!f) continue;
      const now = evaluateStored(f, checks.get(p.id) ?? [], names, settings, today);
      if (now.status !== p.eligibility_status) changed++;
      const key = `${now.status}|${now.isLocal}`;
      const group = results.get(key);
      if (group) group.ids.push(p.id);
      else results.set(key, { status: now.status, isLocal: now.isLocal, ids: [p.id] });
    }
    for (const group of results.values()) await setEligibilityDerivedOf(tx, group.ids, group.status, group.isLocal);
  }
  return changed;
}

/** The stored result of people about to be inserted (an import's new people: no checks recorded
 * yet), from the facts they will be inserted with, so they are written once with it rather than
 * inserted "pending" and refreshed. The same rules as refreshEveryone (a test holds them equal). */
export async function eligibilityOfNew(
  db: Db,
  people: readonly StoredFacts[],
  settings: EligibilitySettings,
  today: string,
): Promise<Array<{ eligibility_status: EligibilityStatus; is_local: number }>> {
  const names = await areaNames(
    db,
    people.flatMap((p) => [p.geo_la_code, p.geo_ward_code]),
  );
  return people.map((p) => {
    const now = evaluateStored(p, [], names, settings, today);
    return { eligibility_status: now.status, is_local: now.isLocal ? 1 : 0 };
  });
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
