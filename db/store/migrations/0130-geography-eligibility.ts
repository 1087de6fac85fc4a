// Where people live and whether they are eligible: the geography reference data an administrator
// loads (each file a version; its postcodes, deprivation by LSOA and area names), what each
// participant's postcode resolved to, "local" as a setting (local authority codes), no fixed
// abode, Universal Credit conditionality, the harmonised two-step disability question, and
// benefits as a set (several at once) instead of one code. Existing answers move without loss:
// each benefit code becomes a row; each disability code becomes its two answers (the code itself
// stays, derived from them, for the breakdowns).
import { sql } from 'kysely';
import type { MigrationDb } from './migration-db';

/** Census disability classification → the harmonised question's two answers. */
const disabilityAnswers: Array<[string, string, string | null]> = [
  ['limited_a_lot', 'yes', 'yes_a_lot'],
  ['limited_a_little', 'yes', 'yes_a_little'],
  ['condition_not_limited', 'yes', 'not_at_all'],
  ['no_condition', 'no', null],
  ['prefer_not_to_say', 'prefer_not_to_say', null],
];

/** The districts setting as it stood (a JSON list; SG1 and SG2 when unset or unreadable). A
 * migration keeps its own copy of the rule: later code may change, this must not. */
function programmeDistricts(json: string | null): string[] {
  let list: unknown;
  try {
    list = json === null ? null : JSON.parse(json);
  } catch {
    list = null;
  }
  const districts = Array.isArray(list)
    ? list.filter((d): d is string => typeof d === 'string').map((d) => d.trim().toUpperCase())
    : [];
  return districts.length ? districts : ['SG1', 'SG2'];
}

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('geo_lookup_versions')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('postcodes','deprivation','names')`))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_date', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text')
    .addColumn('lsoa_vintage', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('loading','current','replaced','failed')`))
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('loaded_by', 'integer', (c) => c.references('staff.id'))
    .addColumn('message', 'text')
    .execute();
  await db.schema
    .createIndex('geo_lookup_versions_kind_status')
    .on('geo_lookup_versions')
    .columns(['kind', 'status'])
    .execute();

  // One row per postcode of a version (a full NSPL is about 2.7 million): the key is the lookup.
  await db.schema
    .createTable('geo_postcodes')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('geo_lookup_versions.id'))
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('la_code', 'text')
    .addColumn('ward_code', 'text')
    .addColumn('lsoa11', 'text')
    .addColumn('lsoa21', 'text')
    .addColumn('terminated', 'text')
    .addPrimaryKeyConstraint('geo_postcodes_pk', ['version_id', 'postcode'])
    .execute();

  await db.schema
    .createTable('geo_deprivation')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('geo_lookup_versions.id'))
    .addColumn('lsoa_code', 'text', (c) => c.notNull())
    .addColumn('imd_rank', 'integer', (c) => c.notNull())
    .addColumn('imd_decile', 'integer', (c) => c.notNull().check(sql`imd_decile between 1 and 10`))
    .addPrimaryKeyConstraint('geo_deprivation_pk', ['version_id', 'lsoa_code'])
    .execute();

  await db.schema
    .createTable('geo_area_names')
    .addColumn('version_id', 'integer', (c) => c.notNull().references('geo_lookup_versions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('geo_area_names_pk', ['version_id', 'code'])
    .execute();
  await db.schema.createIndex('geo_area_names_code').on('geo_area_names').column('code').execute();

  // The participant: where the postcode resolved, and the registration an auditor accepts.
  const add = async (name: string, type: 'text' | 'integer', notNullDefault?: number) => {
    await db.schema
      .alterTable('participants')
      .addColumn(name, type, (c) => (notNullDefault === undefined ? c : c.notNull().defaultTo(notNullDefault)))
      .execute();
  };
  await add('no_fixed_abode', 'integer', 0);
  await add('health_condition', 'text');
  await add('condition_impact', 'text');
  await add('uc_conditionality', 'text');
  await add('geo_status', 'text');
  await add('geo_la_code', 'text');
  await add('geo_ward_code', 'text');
  await add('geo_lsoa_code', 'text');
  await add('geo_imd_decile', 'integer');
  await add('geo_terminated', 'text');
  await add('geo_version_id', 'integer');
  await add('geo_deprivation_version_id', 'integer');
  await add('is_local', 'integer', 0);
  // Breakdowns group the starts of a period by these; counting filters on them.
  await db.schema.createIndex('participants_geo_ward').on('participants').column('geo_ward_code').execute();
  await db.schema.createIndex('participants_geo_decile').on('participants').column('geo_imd_decile').execute();
  await db.schema.createIndex('participants_geo_la').on('participants').column('geo_la_code').execute();

  // Who is local until a postcode directory is loaded: the programme's postcode districts, as
  // before (SG1 and SG2 unless an administrator changed them), so the "local people" figures and
  // contracts' local jobs read the same the day after the upgrade.
  const districtsRow = await db
    .selectFrom('settings')
    .select('value_json')
    .where('key', '=', 'eligibility.postcodeDistricts')
    .executeTakeFirst();
  await db
    .updateTable('participants')
    .set({ is_local: 1 })
    .where('postcode_district', 'in', programmeDistricts(districtsRow?.value_json ?? null))
    .execute();
  await db.updateTable('participants').set({ geo_status: 'no_lookup' }).where('postcode', 'is not', null).execute();
  await db.updateTable('participants').set({ geo_status: 'no_postcode' }).where('postcode', 'is', null).execute();

  for (const [disability, condition, impact] of disabilityAnswers) {
    await db
      .updateTable('participants')
      .set({ health_condition: condition, condition_impact: impact })
      .where('disability', '=', disability)
      .execute();
  }

  // Benefits: several at once, each a row; the one code each record had becomes its first row.
  await db.schema
    .createTable('participant_benefits')
    .addColumn('participant_id', 'integer', (c) => c.notNull().references('participants.id').onDelete('cascade'))
    .addColumn('benefit_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('participant_benefits_pk', ['participant_id', 'benefit_code'])
    .execute();
  await db.schema.createIndex('participant_benefits_code').on('participant_benefits').column('benefit_code').execute();
  await db
    .insertInto('participant_benefits')
    .columns(['participant_id', 'benefit_code'])
    .expression(
      db
        .selectFrom('participants')
        .select(['id', 'benefits'])
        .where('benefits', 'is not', null)
        .where('benefits', '!=', ''),
    )
    .execute();
  await db.schema.alterTable('participants').dropColumn('benefits').execute();

  // "Local": the local authorities whose residents count as local (Stevenage by default; the code
  // is unverified in DOMAIN.md, so it is a setting an administrator can correct).
  await db
    .insertInto('settings')
    .values({ key: 'geography.localAuthorities', value_json: '["E07000243"]', updated_at: '2026-01-01T00:00:00.000Z' })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
