// Builders for readable fixtures: aParticipant({ lastName: 'Khan' }) inserts a valid person with
// sensible defaults, straight through Kysely (tests of a feature use its channels instead).
import type { Kysely } from 'kysely';
import type { Database } from '../../db/store/schema';
import type { NewParticipant } from '../../db/store/tables/participants.tables';
import { TEST_NOW } from './backend';
import { nameSoundColumns } from '../../db/features/participants/name-sounds';

let counter = 0;

/** A valid participant's columns (as at the first version: no columns added since, so it also
 * fills stores at older versions in migration tests). */
export function participantValues(overrides: Partial<NewParticipant> = {}): NewParticipant {
  counter++;
  return {
    reference: `SW-T${String(counter).padStart(5, '0')}`,
    first_name: 'Alex',
    last_name: `Tester${counter}`,
    preferred_name: null,
    date_of_birth: '1995-06-15',
    ni_number: null,
    ni_status: 'not_yet_known',
    uln: null,
    address_line1: '1 Fairlands Way',
    address_line2: null,
    town: 'Stevenage',
    postcode: 'SG1 1AA',
    postcode_district: 'SG1',
    phone: '07700 900123',
    phone_digits: '07700900123',
    email: null,
    preferred_contact: 'phone',
    sex: 'female',
    gender_same_as_birth: 'yes',
    ethnicity: 'white_british',
    disability: 'no_condition',
    is_carer: 'no',
    is_lone_parent: 'no',
    labour_market_status: 'unemployed',
    time_out_of_work: 'under_6_months',
    qualification_level: 'level1',
    referral_source: 'jcp',
    referral_date: '2026-01-05',
    referrer_name: null,
    funding_stream_id: null,
    key_worker_id: null,
    start_date: '2026-01-10',
    leave_date: null,
    privacy_notice_version: '2024.1',
    privacy_notice_date: '2026-01-10',
    consent_partners_json: '["JCP","NHC"]',
    lawful_basis_note: null,
    merged_into_id: null,
    created_at: TEST_NOW,
    created_by: null,
    updated_at: TEST_NOW,
    updated_by: null,
    ...overrides,
  };
}

/** Stores at a version with geography (0130 on) mark the builder's SG1 person local, as the
 * programme's postcode districts do while no postcode directory is loaded. */
const hasGeography = new WeakMap<object, boolean>();
async function storeHasGeography(db: Kysely<Database>): Promise<boolean> {
  let known = hasGeography.get(db);
  if (known === undefined) {
    const tables = await db.introspection.getTables();
    known = !!tables.find((t) => t.name === 'participants')?.columns.some((c) => c.name === 'is_local');
    hasGeography.set(db, known);
  }
  return known;
}

export async function aParticipant(db: Kysely<Database>, overrides: Partial<NewParticipant> = {}): Promise<number> {
  const values = participantValues(overrides);
  if (values.is_local === undefined && (await storeHasGeography(db))) {
    values.is_local = values.postcode_district === 'SG1' || values.postcode_district === 'SG2' ? 1 : 0;
    values.geo_status ??= values.postcode ? 'no_lookup' : 'no_postcode';
  }
  const row = await db
    .insertInto('participants')
    // How the names sound, kept in step with them as the app writes them.
    .values({ ...values, ...nameSoundColumns(values), ...overrides })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** `count` people, each with one job start outcome, in one transaction (the export tests' stores):
 * `person(i)` gives the i-th person's columns, `outcomeDate(i)` the date of their outcome. */
export async function peopleWithOutcomes(
  db: Kysely<Database>,
  count: number,
  person: (i: number) => Partial<NewParticipant>,
  outcomeDate: (i: number) => string,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let i = 0; i < count; i++) {
      const p = await tx
        .insertInto('participants')
        .values(participantValues(person(i)))
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('outcomes')
        .values({
          participant_id: p.id,
          outcome_type: 'job_start',
          outcome_date: outcomeDate(i),
          created_at: 'x',
          updated_at: 'x',
        })
        .execute();
    }
  });
}
