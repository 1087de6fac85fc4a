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

const factColumns = [
  'id',
  'date_of_birth',
  'start_date',
  'referral_date',
  'postcode',
  'no_fixed_abode',
  'geo_status',
  'geo_la_code',
  'geo_ward_code',
  'geo_terminated',
] as const;

/** The facts of many people, a statement per 5,000 ids (a batch of people refreshed together). */
export async function eligibilityFactsOf(db: Db, ids: readonly number[]) {
  const rows = [];
  for (const chunk of idChunks(ids))
    rows.push(...(await db.selectFrom('participants').select(factColumns).where('id', 'in', chunk).execute()));
  return rows;
}

/** The checks of many people, in id order (as eligibilityChecks gives one person's). */
export async function eligibilityChecksOf(db: Db, ids: readonly number[]) {
  const rows = [];
  for (const chunk of idChunks(ids))
    rows.push(
      ...(await db
        .selectFrom('eligibility_checks')
        .select([
          'participant_id as participantId',
          'check_code as checkCode',
          'outcome',
          'evidence_type as evidenceType',
          'seen_on as seenOn',
          'recorded_at as recordedAt',
          'id',
        ])
        .where('participant_id', 'in', chunk)
        .orderBy('id')
        .execute()),
    );
  return rows;
}

/** Stores one result for many people, writing only rows where it changed (derived data: no
 * version bump). */
export async function setEligibilityDerivedOf(
  tx: Tx,
  ids: readonly number[],
  status: EligibilityStatus,
  isLocal: boolean,
): Promise<void> {
  const local = isLocal ? 1 : 0;
  for (const chunk of idChunks(ids))
    await tx
      .updateTable('participants')
      .set({ eligibility_status: status, is_local: local })
      .where('id', 'in', chunk)
      .where((eb) => eb.or([eb('eligibility_status', '!=', status), eb('is_local', '!=', local)]))
      .execute();
}

export async function eligibilityFacts(db: Db, id: number) {
  return db
    .selectFrom('participants')
    .select([
      'date_of_birth',
      'start_date',
      'referral_date',
      'postcode',
      'no_fixed_abode',
      'geo_status',
      'geo_la_code',
      'geo_ward_code',
      'geo_terminated',
    ])
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

/** Stores what the rules worked out, writing only when it changed (derived data: no version bump). */
export async function setEligibilityDerived(
  tx: Tx,
  id: number,
  status: EligibilityStatus,
  isLocal: boolean,
): Promise<void> {
  const local = isLocal ? 1 : 0;
  await tx
    .updateTable('participants')
    .set({ eligibility_status: status, is_local: local })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('eligibility_status', '!=', status), eb('is_local', '!=', local)]))
    .execute();
}

/** Ids a statement binds at most: an import's 50,000 new people in one list passes SQLite's
 * 32,766 bound values ("too many SQL variables") and PostgreSQL's 65,535. */
const IDS_PER_STATEMENT = 5_000;

/** Ids in slices of IDS_PER_STATEMENT, each one statement's `in (...)` list. */
function* idChunks(ids: readonly number[]): Generator<number[]> {
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) yield ids.slice(i, i + IDS_PER_STATEMENT);
}

/** Every person not merged into another nor anonymised (whose status is kept as it was for the
 * published totals: there is nothing left to evaluate), with their stored eligibility status;
 * with `ids`, only those. In id order. */
export async function storedEligibility(
  db: Db,
  ids?: number[],
): Promise<Array<{ id: number; eligibility_status: EligibilityStatus }>> {
  const q = db
    .selectFrom('participants')
    .select(['id', 'eligibility_status'])
    .where('status', 'not in', ['merged', 'anonymised']);
  if (!ids) return q.orderBy('id').execute();
  const unique = [...new Set(ids)];
  const found: Array<{ id: number; eligibility_status: EligibilityStatus }> = [];
  for (const chunk of idChunks(unique)) found.push(...(await q.where('id', 'in', chunk).execute()));
  return found.sort((a, b) => a.id - b.id);
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
