// Computing a return: each indicator's count (one query each), its claim lines, the warnings
// before export; submitting (one transaction, lines frozen); and what changed since submission.
import { AppFailure } from '../../../shared/result';
import { describePeriod } from '../../../shared/domain/reporting-periods';
import { notDuplicatePairKey, returnWarnings, type Warning } from '../../../shared/domain/return-warnings';
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
  type PeriodScope,
} from './returns.repository';

export type { PeriodScope };

export function scopeOf(sv: SetVersion, period: PeriodScope, claimsBeforeReturnId?: number): EngineScope {
  return {
    setId: sv.set.id,
    from: period.from,
    to: period.to,
    siblings: sv.rules,
    ...(claimsBeforeReturnId !== undefined ? { claimsBeforeReturnId } : {}),
  };
}

/** Every indicator's count, one query per indicator. */
export async function computeCounts(
  db: Db,
  sv: SetVersion,
  period: PeriodScope,
  claimsBeforeReturnId?: number,
): Promise<Map<string, number>> {
  const scope = scopeOf(sv, period, claimsBeforeReturnId);
  const counts = new Map<string, number>();
  for (const ind of sv.indicators) counts.set(ind.code, await countIndicator(db, ind.rule, ind.code, scope));
  return counts;
}

/** Every indicator's claim lines, one query per indicator, in the set's order. */
export async function computeLines(
  db: Db,
  sv: SetVersion,
  period: PeriodScope,
  claimsBeforeReturnId?: number,
): Promise<Map<string, ClaimLine[]>> {
  const scope = scopeOf(sv, period, claimsBeforeReturnId);
  const lines = new Map<string, ClaimLine[]>();
  for (const ind of sv.indicators) lines.set(ind.code, await indicatorLines(db, ind.rule, ind.code, scope));
  return lines;
}

export async function warningsFor(db: Db, sv: SetVersion, lines: Map<string, ClaimLine[]>): Promise<Warning[]> {
  const pairs = await notDuplicatePairs(db);
  const notDuplicates = new Set(pairs.map((p) => notDuplicatePairKey(p.participant_a, p.participant_b)));
  const evidence = new Map(sv.indicators.map((i) => [i.code, i.evidenceRequired]));
  return returnWarnings([...lines.values()].flat(), evidence, notDuplicates);
}

const WARNINGS_SHOWN = 300;

export async function computeReturn(
  db: Db,
  setId: number,
  period: PeriodScope,
  versionId?: number,
  withWarnings = true,
): Promise<ComputedReturn> {
  const sv = await loadSetVersion(db, setId, versionId);
  const base = {
    set: sv.set,
    version: sv.version,
    versionId: sv.versionId,
    from: period.from,
    to: period.to,
    periodLabel: describePeriod(period.from, period.to),
    submittedReturnId: await findSubmitted(db, setId, period),
  };
  const indicatorView = (i: SetVersion['indicators'][number], count: number, warnings: number) => ({
    code: i.code,
    title: i.title,
    unit: i.unit,
    count,
    sentence: i.sentence,
    evidenceRequired: i.evidenceRequired,
    needsLocalConfirmation: i.needsLocalConfirmation,
    warnings,
  });
  if (!withWarnings) {
    const counts = await computeCounts(db, sv, period);
    return {
      ...base,
      indicators: sv.indicators.map((i) => indicatorView(i, counts.get(i.code) ?? 0, 0)),
      warningCounts: null,
      warnings: [],
    };
  }
  const lines = await computeLines(db, sv, period);
  const warnings = warningsWithCriteria(await warningsFor(db, sv, lines), lines, await criteriaByIndicator(db, sv));
  const warningCounts: Record<string, number> = {};
  const perIndicator = new Map<string, number>();
  for (const w of warnings) {
    warningCounts[w.kind] = (warningCounts[w.kind] ?? 0) + 1;
    if (w.indicatorCode) perIndicator.set(w.indicatorCode, (perIndicator.get(w.indicatorCode) ?? 0) + 1);
  }
  return {
    ...base,
    indicators: sv.indicators.map((i) =>
      indicatorView(i, lines.get(i.code)?.length ?? 0, perIndicator.get(i.code) ?? 0),
    ),
    warningCounts,
    warnings: warnings.slice(0, WARNINGS_SHOWN),
  };
}

/** Freezes the return: the return row and every claim line, in the caller's transaction. */
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
export async function changesSince(db: Db, returnId: number) {
  const ret = await findReturn(db, returnId);
  if (!ret) throw new AppFailure('not-found', 'That return does not exist.');
  const sv = await loadSetVersion(db, ret.set_id, ret.set_version_id);
  const now = await computeLines(db, sv, { from: ret.period_from, to: ret.period_to }, returnId);
  const frozen = await frozenLines(db, returnId);
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
