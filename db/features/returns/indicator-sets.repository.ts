// Funders and versioned indicator sets: reading a set's version with its parsed rules, and
// saving a change as a new version (the old one stays for the returns that used it).
import { sql } from 'kysely';
import { AppFailure } from '../../../shared/result';
import { countingRuleSchema, describeRule, type CountingRule } from '../../../shared/domain/counting-rule';
import { labourMarketStatuses, labelOf, qualificationLevels, sexes } from '../../../shared/domain/reference-lists';
import { placementKinds } from '../../../shared/domain/outcome-lists';
import { definitionStatusCodes, type DefinitionStatus } from '../../../shared/domain/definition-status';
import type {
  AgreementView,
  IndicatorInput,
  IndicatorView,
  SetSummary,
} from '../../../shared/contract/returns.contract';
import type { Db, Tx } from '../../store/schema';
import type { GeographyLevel } from '../../../shared/domain/geography';
import { areaLabelsFor } from '../geography/resolution';
import { barrierLabels } from './returns.repository';

export interface SetVersion {
  set: SetSummary;
  versionId: number;
  version: number;
  indicators: IndicatorView[];
  rules: Map<string, CountingRule>;
}

/** The labels a rule's sentence names things by: outcome types, barriers, streams, projects. */
export interface RuleLabelMaps {
  outcomeTypes: Map<string, string>;
  barriers: Map<string, string>;
  streams: Map<string, string>;
  projects: Map<string, string>;
  eventKinds: Map<string, string>;
}

export async function ruleLabelMaps(db: Db): Promise<RuleLabelMaps> {
  const [types, barriers, streams, projects, eventKinds] = await Promise.all([
    db.selectFrom('outcome_types').select(['code', 'label']).execute(),
    barrierLabels(db),
    db.selectFrom('funding_streams').select(['code', 'name as label']).execute(),
    db.selectFrom('funding_projects').select(['code', 'name as label']).execute(),
    db.selectFrom('reference_items').select(['code', 'label']).where('list', '=', 'event_kind').execute(),
  ]);
  const map = (rows: Array<{ code: string; label: string }>) => new Map(rows.map((r) => [r.code, r.label]));
  return {
    outcomeTypes: map(types),
    barriers,
    streams: map(streams),
    projects: map(projects),
    eventKinds: map(eventKinds),
  };
}

export function sentenceFor(
  rule: CountingRule,
  labels: RuleLabelMaps,
  funderName?: string,
  area?: (level: GeographyLevel, code: string) => string,
): string {
  return describeRule(rule, {
    outcomeType: (c) => labels.outcomeTypes.get(c) ?? c,
    labourMarket: (c) => labelOf(labourMarketStatuses, c),
    sex: (c) => labelOf(sexes, c).toLowerCase(),
    qualification: (c) => labelOf(qualificationLevels, c),
    barrier: (c) => labels.barriers.get(c) ?? c.replace(/_/g, ' '),
    placementKind: (c) => labelOf([...placementKinds], c),
    eventKind: (c) => `a ${(labels.eventKinds.get(c) ?? c.replace(/_/g, ' ')).toLowerCase()}`,
    stream: (c) => labels.streams.get(c) ?? c,
    project: (c) => labels.projects.get(c) ?? c,
    ...(funderName ? { funderName } : {}),
    ...(area ? { area } : {}),
  });
}

const asStatus = (s: string): DefinitionStatus =>
  (definitionStatusCodes as readonly string[]).includes(s) ? (s as DefinitionStatus) : 'inferred';

async function agreementsById(db: Db): Promise<Map<number, AgreementView>> {
  const rows = await db
    .selectFrom('funding_agreements')
    .select([
      'id',
      'funder_id as funderId',
      'name',
      'starts_on as startsOn',
      'ends_on as endsOn',
      'closure_on as closureOn',
      'notes',
    ])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
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
      's.agreement_id as agreementId',
      eb
        .selectFrom('indicators as i')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('i.set_version_id', '=', 'v.id')
        .as('indicatorCount'),
    ])
    .where('s.is_active', '=', 1)
    .orderBy('s.id')
    .execute();
  const agreements = await agreementsById(db);
  return rows.map(({ agreementId, ...r }) => ({
    ...r,
    indicatorCount: Number(r.indicatorCount ?? 0),
    agreement: agreementId !== null ? (agreements.get(agreementId) ?? null) : null,
  }));
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
    .selectFrom('indicators as i')
    .leftJoin('staff as ab', 'ab.id', 'i.agreed_by')
    .selectAll('i')
    .select('ab.display_name as agreedByName')
    .where('i.set_version_id', '=', vid)
    .orderBy('i.sort_order')
    .orderBy('i.id')
    .execute();
  const labels = await ruleLabelMaps(db);
  const rules = new Map<string, CountingRule>();
  for (const r of rows) rules.set(r.code, countingRuleSchema.parse(JSON.parse(r.rule_json)));
  const areas = await areaLabelsFor(
    db,
    [...rules.values()].map((r) => r.area),
  );
  const indicators = rows.map((r): IndicatorView => {
    const rule = rules.get(r.code)!;
    return {
      code: r.code,
      title: r.title,
      definition: r.definition,
      unit: r.unit,
      evidenceRequired: r.evidence_required,
      interventionCode: r.intervention_code,
      definitionStatus: asStatus(r.definition_status),
      agreedBy: r.definition_status === 'agreed' ? (r.agreedByName ?? null) : null,
      agreedOn: r.definition_status === 'agreed' ? r.agreed_on : null,
      rule,
      sentence: sentenceFor(rule, labels, set.funderName, areas),
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

/** Who confirmed an indicator's definition was agreed with the funder, and when (null: not agreed). */
export interface Agreed {
  by: number | null;
  on: string;
}

/** Writes a new version with the given indicators; the caller audits and owns the transaction.
 * `agreed` gives, per indicator code marked agreed, who confirmed it and when. */
export async function insertSetVersion(
  tx: Tx,
  setId: number,
  note: string,
  indicators: IndicatorInput[],
  staffId: number | null,
  at: string,
  agreed: ReadonlyMap<string, Agreed> = new Map(),
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
        needs_local_confirmation: ind.definitionStatus === 'agreed' ? 0 : 1,
        definition_status: ind.definitionStatus,
        agreed_by: ind.definitionStatus === 'agreed' ? (agreed.get(ind.code)?.by ?? null) : null,
        agreed_on: ind.definitionStatus === 'agreed' ? (agreed.get(ind.code)?.on ?? null) : null,
        sort_order: i,
      })
      .execute();
  }
  return { versionId: row.id, version };
}

/** A new set for a funder (its first version is written by `insertSetVersion`). */
export async function insertSet(
  tx: Tx,
  values: { code: string; funderId: number; name: string; description: string | null; agreementId: number | null },
): Promise<number> {
  const row = await tx
    .insertInto('indicator_sets')
    .values({
      code: values.code,
      funder_id: values.funderId,
      name: values.name,
      description: values.description,
      agreement_id: values.agreementId,
      is_active: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findSetRow(db: Db, id: number) {
  return db.selectFrom('indicator_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setCodeTaken(db: Db, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('indicator_sets')
    .select('id')
    .where(sql`lower(code)`, '=', code.toLowerCase())
    .executeTakeFirst();
  return !!row;
}

export async function updateSet(
  tx: Tx,
  id: number,
  values: { name: string; description: string | null; agreement_id: number | null },
): Promise<void> {
  await tx.updateTable('indicator_sets').set(values).where('id', '=', id).execute();
}

export async function findAgreement(db: Db, id: number) {
  return db.selectFrom('funding_agreements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Per code, what an earlier version said and who confirmed it agreed (for carrying it forward). */
export async function agreementsOfVersion(db: Db, versionId: number) {
  const rows = await db
    .selectFrom('indicators')
    .select(['code', 'title', 'definition', 'rule_json', 'definition_status', 'agreed_by', 'agreed_on'])
    .where('set_version_id', '=', versionId)
    .execute();
  return new Map(rows.map((r) => [r.code, r]));
}
