// Computing a return: the period against the set's funding agreement (refused when wholly outside,
// counted only within it otherwise), each indicator's count (one query each), its cumulative figure
// over the agreement to date, its target, profile, variance and RAG marker, its claim lines split by
// project, the warnings before export; submitting (one transaction, lines frozen with their
// attribution); and what changed since submission.
import type { Role } from '../../../shared/contract/define';
import { AppFailure } from '../../../shared/result';
import { describePeriod, financialYear, financialYearOf } from '../../../shared/domain/reporting-periods';
import {
  noStreamWarnings,
  notDuplicatePairKey,
  otherFunderWarnings,
  returnWarnings,
  type Warning,
} from '../../../shared/domain/return-warnings';
import { checkAgreement, type AgreementCheck } from '../../../shared/domain/funding-agreement';
import { progressOf } from '../../../shared/domain/targets';
import type { CountingRule } from '../../../shared/domain/counting-rule';
import type { ComputedReturn } from '../../../shared/contract/returns.contract';
import type { Db, Tx } from '../../store/schema';
import { appendAudit } from '../audit/audit.repository';
import { countIndicator, indicatorLines, type ClaimLine, type EngineScope } from './indicator-engine';
import { loadSetVersion, type SetVersion } from './indicator-sets.repository';
import { criteriaByIndicator, warningsWithCriteria } from './rule-criteria';
import {
  findReturn,
  findSubmitted,
  frozenLines,
  insertReturn,
  insertReturnLines,
  notDuplicatePairs,
  otherFunderClaims,
  type PeriodScope,
} from './returns.repository';
import { listTargets } from './targets.repository';

export type { PeriodScope };

export function scopeOf(sv: SetVersion, period: PeriodScope, claimsBeforeReturnId?: number): EngineScope {
  return {
    setId: sv.set.id,
    funderId: sv.set.funderId,
    from: period.from,
    to: period.to,
    siblings: sv.rules,
    ...(claimsBeforeReturnId !== undefined ? { claimsBeforeReturnId } : {}),
  };
}

/** The period against the set's agreement (`today` decides the closure-date warning). */
export function agreementCheckOf(sv: SetVersion, period: PeriodScope, today: string): AgreementCheck {
  const a = sv.set.agreement;
  return checkAgreement(
    a ? { name: a.name, startsOn: a.startsOn, endsOn: a.endsOn, closureOn: a.closureOn } : null,
    period.from,
    period.to,
    today,
  );
}

/** The part of the period a return counts: within the agreement. Null when none of it is. */
export function countedPeriod(sv: SetVersion, period: PeriodScope): PeriodScope | null {
  const check = agreementCheckOf(sv, period, period.to);
  return check.status === 'outside' ? null : { from: check.countedFrom, to: check.countedTo };
}

/** Refuses a period wholly outside the set's agreement (export and submit). */
export function refuseOutsideAgreement(sv: SetVersion, period: PeriodScope): PeriodScope {
  const counted = countedPeriod(sv, period);
  if (!counted) throw new AppFailure('conflict', agreementCheckOf(sv, period, period.to).messages[0]!);
  return counted;
}

/** Where cumulative figures start: the agreement's start, or the financial year's without one. */
export function cumulativeStart(sv: SetVersion, period: PeriodScope): string {
  if (sv.set.agreement) return sv.set.agreement.startsOn;
  const fy = financialYear(financialYearOf(period.to)).from;
  return period.from < fy ? period.from : fy;
}

/** Every indicator's count, one query per indicator (zero for a period outside the agreement). */
export async function computeCounts(
  db: Db,
  sv: SetVersion,
  period: PeriodScope,
  claimsBeforeReturnId?: number,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const counted = countedPeriod(sv, period);
  const scope = counted ? scopeOf(sv, counted, claimsBeforeReturnId) : null;
  for (const ind of sv.indicators)
    counts.set(ind.code, scope ? await countIndicator(db, ind.rule, ind.code, scope) : 0);
  return counts;
}

/** Every indicator counted from the cumulative start to the period's end (or the agreement's, if
 * earlier), each person or item once whatever was claimed before. */
async function computeCumulative(db: Db, sv: SetVersion, period: PeriodScope): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const from = cumulativeStart(sv, period);
  const end = sv.set.agreement?.endsOn;
  const to = end && period.to > end ? end : period.to;
  if (to < from) return out;
  const scope: EngineScope = { ...scopeOf(sv, { from, to }), ignoreClaims: true };
  for (const ind of sv.indicators)
    out.set(
      ind.code,
      await countIndicator(db, { ...ind.rule, excludeClaimedInSubmittedReturns: false }, ind.code, scope),
    );
  return out;
}

/** Every indicator's claim lines, one query per indicator, in the set's order. */
export async function computeLines(
  db: Db,
  sv: SetVersion,
  period: PeriodScope,
  claimsBeforeReturnId?: number,
  reader: Role = 'administrator',
): Promise<Map<string, ClaimLine[]>> {
  const lines = new Map<string, ClaimLine[]>();
  const counted = countedPeriod(sv, period);
  const scope = counted ? { ...scopeOf(sv, counted, claimsBeforeReturnId), reader } : null;
  for (const ind of sv.indicators)
    lines.set(ind.code, scope ? await indicatorLines(db, ind.rule, ind.code, scope) : []);
  return lines;
}

const restrictsFunding = (rule: CountingRule) =>
  rule.funding === 'funder' || !!rule.fundingStreams?.length || !!rule.fundingProjects?.length;

export async function warningsFor(
  db: Db,
  sv: SetVersion,
  lines: Map<string, ClaimLine[]>,
  period: PeriodScope,
  reader: Role = 'administrator',
): Promise<Warning[]> {
  const pairs = await notDuplicatePairs(db);
  const notDuplicates = new Set(pairs.map((p) => notDuplicatePairKey(p.participant_a, p.participant_b)));
  const evidence = new Map(sv.indicators.map((i) => [i.code, i.evidenceRequired]));
  const all = [...lines.values()].flat();
  const warnings = returnWarnings(all, evidence, notDuplicates);
  warnings.push(...otherFunderWarnings(all, await otherFunderClaims(db, sv.set.funderId, period.from, period.to)));
  // Items with no funding stream: counted anyway by a rule that does not look at funding, or left
  // out by one that does (they would count once attributed to one of the funder's streams).
  const counted = countedPeriod(sv, period);
  for (const ind of sv.indicators) {
    if (!restrictsFunding(ind.rule)) {
      warnings.push(
        ...noStreamWarnings(
          (lines.get(ind.code) ?? []).filter((l) => l.fundingStreamId === null),
          true,
        ),
      );
    } else if (counted) {
      const scope: EngineScope = { ...scopeOf(sv, counted), attribution: 'unattributed', reader };
      warnings.push(...noStreamWarnings(await indicatorLines(db, ind.rule, ind.code, scope), false));
    }
  }
  return warnings;
}

/** One indicator's lines split by the project (and its intervention) they are attributed to. */
export function splitByProject(lines: ClaimLine[], interventionCode: string | null) {
  const groups = new Map<
    string,
    { project: string | null; fundingStream: string | null; interventionCode: string | null; count: number }
  >();
  for (const l of lines) {
    const intervention = l.projectIntervention ?? interventionCode;
    const key = `${l.fundingProject ?? ''}|${l.fundingStream ?? ''}|${intervention ?? ''}`;
    const g = groups.get(key) ?? {
      project: l.fundingProject,
      fundingStream: l.fundingStream,
      interventionCode: intervention,
      count: 0,
    };
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

const WARNINGS_SHOWN = 300;

export async function computeReturn(
  db: Db,
  setId: number,
  period: PeriodScope,
  today: string,
  versionId?: number,
  withWarnings = true,
  reader: Role = 'administrator',
): Promise<ComputedReturn> {
  const sv = await loadSetVersion(db, setId, versionId);
  const check = agreementCheckOf(sv, period, today);
  const base = {
    set: sv.set,
    version: sv.version,
    versionId: sv.versionId,
    from: period.from,
    to: period.to,
    periodLabel: describePeriod(period.from, period.to),
    submittedReturnId: await findSubmitted(db, setId, period),
    agreement: check,
    cumulativeFrom: cumulativeStart(sv, period),
  };
  const cumulative = await computeCumulative(db, sv, period);
  const targets = new Map((await listTargets(db, setId)).map((t) => [t.indicatorCode, t]));
  const indicatorView = (
    i: SetVersion['indicators'][number],
    count: number,
    warnings: number,
    lines: ClaimLine[] | null,
  ) => {
    const cum = cumulative.get(i.code) ?? 0;
    return {
      code: i.code,
      title: i.title,
      unit: i.unit,
      interventionCode: i.interventionCode,
      count,
      cumulative: cum,
      ...progressOf(targets.get(i.code), cum, check.countedFrom, check.countedTo),
      sentence: i.sentence,
      evidenceRequired: i.evidenceRequired,
      definitionStatus: i.definitionStatus,
      warnings,
      byProject: lines ? splitByProject(lines, i.interventionCode) : null,
    };
  };
  if (!withWarnings) {
    const counts = await computeCounts(db, sv, period);
    return {
      ...base,
      indicators: sv.indicators.map((i) => indicatorView(i, counts.get(i.code) ?? 0, 0, null)),
      warningCounts: null,
      warnings: [],
    };
  }
  const lines = await computeLines(db, sv, period, undefined, reader);
  const warnings = warningsWithCriteria(
    await warningsFor(db, sv, lines, period, reader),
    lines,
    await criteriaByIndicator(db, sv),
  );
  const warningCounts: Record<string, number> = {};
  const perIndicator = new Map<string, number>();
  for (const w of warnings) {
    warningCounts[w.kind] = (warningCounts[w.kind] ?? 0) + 1;
    if (w.indicatorCode) perIndicator.set(w.indicatorCode, (perIndicator.get(w.indicatorCode) ?? 0) + 1);
  }
  return {
    ...base,
    indicators: sv.indicators.map((i) => {
      const l = lines.get(i.code) ?? [];
      return indicatorView(i, l.length, perIndicator.get(i.code) ?? 0, l);
    }),
    warningCounts,
    warnings: warnings.slice(0, WARNINGS_SHOWN),
  };
}

/** Freezes the return: the return row and every claim line (with the stream and project it was
 * attributed to), in the caller's transaction. A period wholly outside the agreement is refused. */
export async function submitReturn(
  tx: Tx,
  setId: number,
  period: PeriodScope,
  note: string | null,
  staffId: number | null,
  at: string,
): Promise<{ returnId: number; lines: number; totals: Record<string, number> }> {
  if (await findSubmitted(tx, setId, period)) {
    throw new AppFailure(
      'conflict',
      'A return for this set and period has already been submitted. Open it under Submitted returns to see what changed since.',
    );
  }
  const sv = await loadSetVersion(tx, setId);
  refuseOutsideAgreement(sv, period);
  const lines = await computeLines(tx, sv, period);
  const totals = Object.fromEntries([...lines].map(([code, l]) => [code, l.length]));
  const returnId = await insertReturn(tx, {
    set_id: setId,
    set_version_id: sv.versionId,
    period_from: period.from,
    period_to: period.to,
    period_label: describePeriod(period.from, period.to),
    status: 'submitted',
    note,
    totals_json: JSON.stringify(totals),
    submitted_at: at,
    submitted_by: staffId,
  });
  const all = [...lines.values()].flat().map((l) => ({
    return_id: returnId,
    set_id: setId,
    indicator_code: l.indicatorCode,
    person_id: l.personId,
    participant_id: l.participantId,
    employer_id: l.employerId,
    item_kind: l.itemKind,
    item_id: l.itemId,
    item_date: l.itemDate,
    verification_status: l.verificationStatus,
    evidence_count: l.evidenceCount ?? 0,
    funding_stream_id: l.fundingStreamId,
    funding_project_id: l.fundingProjectId,
    verified_without_evidence: l.itemKind === 'outcome' ? (l.verifiedWithoutEvidence ?? 0) : null,
  }));
  await insertReturnLines(tx, all);
  return { returnId, lines: all.length, totals };
}

/** What a line claims: the person, the employer or the item, as the indicator counts. */
function lineKey(countDistinct: string, l: ClaimLine): string {
  if (countDistinct === 'participant') return `p:${l.personId}`;
  if (countDistinct === 'employer') return `e:${l.employerId}`;
  return `${l.itemKind}:${l.itemId}`;
}

/** Re-runs a submitted return's period with the version it used, excluding only claims made
 * before it, and lists per indicator the lines added and removed since it was submitted. */
export async function changesSince(db: Db, returnId: number, reader: Role = 'administrator') {
  const ret = await findReturn(db, returnId);
  if (!ret) throw new AppFailure('not-found', 'That return does not exist.');
  const sv = await loadSetVersion(db, ret.set_id, ret.set_version_id);
  const now = await computeLines(db, sv, { from: ret.period_from, to: ret.period_to }, returnId, reader);
  const frozen = await frozenLines(db, returnId, reader);
  const criteria = await criteriaByIndicator(db, sv);
  return sv.indicators.map((ind) => {
    const before = frozen.filter((l) => l.indicatorCode === ind.code);
    const after = now.get(ind.code) ?? [];
    const key = (l: ClaimLine) => lineKey(ind.rule.countDistinct, l);
    const beforeKeys = new Set(before.map(key));
    const afterKeys = new Set(after.map(key));
    return {
      code: ind.code,
      title: ind.title,
      submitted: before.length,
      now: after.length,
      criteria: criteria.get(ind.code) ?? [],
      added: after.filter((l) => !beforeKeys.has(key(l))),
      removed: before.filter((l) => !afterKeys.has(key(l))),
    };
  });
}

/** Submits the return (see `submitReturn`) with its audit entry, in the caller's transaction. */
export async function submitReturnAudited(
  tx: Tx,
  input: { setId: number; from: string; to: string; note: string | null },
  at: string,
  staffId: number | null,
): Promise<{ returnId: number; lines: number }> {
  const submitted = await submitReturn(tx, input.setId, input, input.note, staffId, at);
  await appendAudit(tx, at, staffId, {
    action: 'create',
    entity: 'return',
    entityId: submitted.returnId,
    summary: `Return submitted and locked for ${describePeriod(input.from, input.to)} (${submitted.lines} claim lines)`,
    after: { setId: input.setId, from: input.from, to: input.to, totals: submitted.totals },
  });
  return { returnId: submitted.returnId, lines: submitted.lines };
}
