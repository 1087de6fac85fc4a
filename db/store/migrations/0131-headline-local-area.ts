// The headline "local people benefitting" figure counted people living in SG1 or SG2, which also
// covers villages of North and East Hertfordshire. A new version of the Stevenage Works headline
// set counts the local area instead (the local authorities set in Settings, Stevenage by default);
// returns already submitted keep the version they used. A set whose SW-6 an administrator has
// changed is left as they made it.
import type { MigrationDb } from './migration-db';

const DEFINITION =
  'Residents of the local area (the local authorities set in Settings → Geography; Stevenage by default) ' +
  'with a job, apprenticeship, self-employment, education or training start, or a completed work placement in ' +
  'the period, each person once.';

export async function up(db: MigrationDb): Promise<void> {
  const set = await db.selectFrom('indicator_sets').select('id').where('code', '=', 'SW-HEADLINE').executeTakeFirst();
  if (!set) return;
  const latest = await db
    .selectFrom('indicator_set_versions')
    .select(['id', 'version'])
    .where('set_id', '=', set.id)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!latest) return;
  const rows: Array<Record<string, unknown>> = await db
    .selectFrom('indicators')
    .selectAll()
    .where('set_version_id', '=', latest.id)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const sw6 = rows.find((r) => r.code === 'SW-6');
  if (!sw6) return;
  const rule = JSON.parse(String(sw6.rule_json)) as Record<string, unknown>;
  if (JSON.stringify(rule.postcodeDistricts) !== '["SG1","SG2"]' || rule.area) return;
  delete rule.postcodeDistricts;
  rule.area = { level: 'local', codes: [] };

  const version = await db
    .insertInto('indicator_set_versions')
    .values({
      set_id: set.id,
      version: Number(latest.version) + 1,
      note: 'Local people: the local area set in Settings (local authorities), not the postcode districts SG1 and SG2',
      created_at: new Date().toISOString(),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of rows) {
    const { id: _id, set_version_id: _version, ...rest } = r;
    await db
      .insertInto('indicators')
      .values({
        ...rest,
        set_version_id: version.id,
        ...(r.code === 'SW-6' ? { rule_json: JSON.stringify(rule), definition: DEFINITION } : {}),
      })
      .execute();
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
