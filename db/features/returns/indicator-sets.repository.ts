// Funders and versioned indicator sets: reading a set's version with its parsed rules, and
// saving a change as a new version (the old one stays for the returns that used it).
import { AppFailure } from '../../../shared/result';
import { countingRuleSchema, describeRule, type CountingRule } from '../../../shared/domain/counting-rule';
import { labourMarketStatuses, labelOf } from '../../../shared/domain/reference-lists';
import type { IndicatorInput, IndicatorView, SetSummary } from '../../../shared/contract/returns.contract';
import type { Db, Tx } from '../../store/schema';
import type { GeographyLevel } from '../../../shared/domain/geography';
import { areaLabelsFor } from '../geography/resolution';

export interface SetVersion {
  set: SetSummary;
  versionId: number;
  version: number;
  indicators: IndicatorView[];
  rules: Map<string, CountingRule>;
}

export async function outcomeTypeLabels(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('outcome_types').select(['code', 'label']).execute();
  return new Map(rows.map((r) => [r.code, r.label]));
}

export function sentenceFor(
  rule: CountingRule,
  outcomeLabels: Map<string, string>,
  area?: (level: GeographyLevel, code: string) => string,
): string {
  return describeRule(rule, {
    outcomeType: (c) => outcomeLabels.get(c) ?? c,
    labourMarket: (c) => labelOf(labourMarketStatuses, c),
    ...(area ? { area } : {}),
  });
}

export async function listSets(db: Db): Promise<SetSummary[]> {
  const rows = await db
    .selectFrom('indicator_sets as s')
    .innerJoin('funders as f', 'f.id', 's.funder_id')
    .innerJoin('indicator_set_versions as v', 'v.set_id', 's.id')
    .where('v.version', '=', (eb) =>
      eb
        .selectFrom('indicator_set_versions as v2')
        .select((e) => e.fn.max('v2.version').as('m'))
        .whereRef('v2.set_id', '=', 's.id'),
    )
    .select((eb) => [
      's.id',
      's.code',
      's.name',
      's.description',
      'f.id as funderId',
      'f.code as funderCode',
      'f.name as funderName',
      'v.version as currentVersion',
      'v.id as currentVersionId',
      eb
        .selectFrom('indicators as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.set_version_id', '=', 'v.id')
        .as('indicatorCount'),
    ])
    .where('s.is_active', '=', 1)
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ ...r, indicatorCount: Number(r.indicatorCount ?? 0) }));
}

export async function findSetByCode(db: Db, code: string): Promise<SetSummary | undefined> {
  return (await listSets(db)).find((s) => s.code.toLowerCase() === code.toLowerCase());
}

/** A set at a version (default: its latest), with each indicator's parsed rule and sentence. */
export async function loadSetVersion(db: Db, setId: number, versionId?: number): Promise<SetVersion> {
  const set = (await listSets(db)).find((s) => s.id === setId);
  if (!set) throw new AppFailure('not-found', 'That indicator set does not exist.');
  const vid = versionId ?? set.currentVersionId;
  const version = await db
    .selectFrom('indicator_set_versions')
    .select(['id', 'version'])
    .where('id', '=', vid)
    .where('set_id', '=', setId)
    .executeTakeFirst();
  if (!version) throw new AppFailure('not-found', 'That version of the indicator set does not exist.');
  const rows = await db
    .selectFrom('indicators')
    .selectAll()
    .where('set_version_id', '=', vid)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const labels = await outcomeTypeLabels(db);
  const rules = new Map<string, CountingRule>();
  for (const r of rows) rules.set(r.code, countingRuleSchema.parse(JSON.parse(r.rule_json)));
  const areas = await areaLabelsFor(
    db,
    [...rules.values()].map((r) => r.area),
  );
  const indicators = rows.map((r) => {
    const rule = rules.get(r.code)!;
    return {
      code: r.code,
      title: r.title,
      definition: r.definition,
      unit: r.unit,
      evidenceRequired: r.evidence_required,
      interventionCode: r.intervention_code,
      needsLocalConfirmation: r.needs_local_confirmation === 1,
      rule,
      sentence: sentenceFor(rule, labels, areas),
    };
  });
  return { set, versionId: version.id, version: version.version, indicators, rules };
}

export async function listVersions(db: Db, setId: number) {
  const rows = await db
    .selectFrom('indicator_set_versions as v')
    .leftJoin('staff as s', 's.id', 'v.created_by')
    .select((eb) => [
      'v.id',
      'v.version',
      'v.note',
      'v.created_at as createdAt',
      's.display_name as createdBy',
      eb
        .selectFrom('returns as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.set_version_id', '=', 'v.id')
        .as('returns'),
    ])
    .where('v.set_id', '=', setId)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, returns: Number(r.returns ?? 0) }));
}

/** Writes a new version with the given indicators; the caller audits and owns the transaction. */
export async function insertSetVersion(
  tx: Tx,
  setId: number,
  note: string,
  indicators: IndicatorInput[],
  staffId: number | null,
  at: string,
): Promise<{ versionId: number; version: number }> {
  const latest = await tx
    .selectFrom('indicator_set_versions')
    .select((eb) => eb.fn.max('version').as('m'))
    .where('set_id', '=', setId)
    .executeTakeFirst();
  const version = Number(latest?.m ?? 0) + 1;
  const row = await tx
    .insertInto('indicator_set_versions')
    .values({ set_id: setId, version, note, created_at: at, created_by: staffId })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [i, ind] of indicators.entries()) {
    await tx
      .insertInto('indicators')
      .values({
        set_version_id: row.id,
        code: ind.code,
        title: ind.title,
        definition: ind.definition,
        unit: ind.unit,
        evidence_required: ind.evidenceRequired,
        intervention_code: ind.interventionCode,
        rule_json: JSON.stringify(ind.rule),
        needs_local_confirmation: ind.needsLocalConfirmation ? 1 : 0,
        sort_order: i,
      })
      .execute();
  }
  return { versionId: row.id, version };
}
