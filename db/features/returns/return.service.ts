// Computing a return: each indicator's count (one query each), its claim lines, the warnings
// before export; submitting (one transaction, lines frozen); and what changed since submission.
import { AppFailure } from '../../../shared/result';
import { describePeriod } from '../../../shared/domain/reporting-periods';
import { notDuplicatePairKey, returnWarnings, type Warning } from '../../../shared/domain/return-warnings';
import type { ComputedReturn, ReturnSummary } from '../../../shared/contract/returns.contract';
import type { Tx } from '../../store/schema';
import { countIndicator, indicatorLines, type ClaimLine, type EngineScope } from './indicator-engine';
import { loadSetVersion, type SetVersion } from './indicator-sets.repository';

export interface PeriodScope {
  from: string;
  to: string;
}

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
  tx: Tx,
  sv: SetVersion,
  period: PeriodScope,
  claimsBeforeReturnId?: number,
): Promise<Map<string, number>> {
  const scope = scopeOf(sv, period, claimsBeforeReturnId);
  const counts = new Map<string, number>();
  for (const ind of sv.indicators) counts.set(ind.code, await countIndicator(tx, ind.rule, ind.code, scope));
  return counts;
}

/** Every indicator's claim lines, one query per indicator, in the set's order. */
export async function computeLines(
  tx: Tx,
  sv: SetVersion,
  period: PeriodScope,
  claimsBeforeReturnId?: number,
): Promise<Map<string, ClaimLine[]>> {
  const scope = scopeOf(sv, period, claimsBeforeReturnId);
  const lines = new Map<string, ClaimLine[]>();
  for (const ind of sv.indicators) lines.set(ind.code, await indicatorLines(tx, ind.rule, ind.code, scope));
  return lines;
}

export async function warningsFor(tx: Tx, sv: SetVersion, lines: Map<string, ClaimLine[]>): Promise<Warning[]> {
  const pairs = await tx.selectFrom('not_duplicate_pairs').select(['participant_a', 'participant_b']).execute();
  const notDuplicates = new Set(pairs.map((p) => notDuplicatePairKey(p.participant_a, p.participant_b)));
  const evidence = new Map(sv.indicators.map((i) => [i.code, i.evidenceRequired]));
  return returnWarnings([...lines.values()].flat(), evidence, notDuplicates);
}

export async function findSubmitted(tx: Tx, setId: number, period: PeriodScope): Promise<number | null> {
  const row = await tx
    .selectFrom('returns')
    .select('id')
    .where('set_id', '=', setId)
    .where('period_from', '=', period.from)
    .where('period_to', '=', period.to)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

const WARNINGS_SHOWN = 300;

export async function computeReturn(
  tx: Tx,
  setId: number,
  period: PeriodScope,
  versionId?: number,
  withWarnings = true,
): Promise<ComputedReturn> {
  const sv = await loadSetVersion(tx, setId, versionId);
  const base = {
    set: sv.set,
    version: sv.version,
    versionId: sv.versionId,
    from: period.from,
    to: period.to,
    periodLabel: describePeriod(period.from, period.to),
    submittedReturnId: await findSubmitted(tx, setId, period),
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
    const counts = await computeCounts(tx, sv, period);
    return {
      ...base,
      indicators: sv.indicators.map((i) => indicatorView(i, counts.get(i.code) ?? 0, 0)),
      warningCounts: null,
      warnings: [],
    };
  }
  const lines = await computeLines(tx, sv, period);
  const warnings = await warningsFor(tx, sv, lines);
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
  const row = await tx
    .insertInto('returns')
    .values({
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
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const all = [...lines.values()].flat().map((l) => ({
    return_id: row.id,
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
  }));
  for (let i = 0; i < all.length; i += 2000)
    await tx
      .insertInto('return_lines')
      .values(all.slice(i, i + 2000))
      .execute();
  return { returnId: row.id, lines: all.length, totals };
}

export async function listReturns(tx: Tx, where?: { returnId?: number }): Promise<ReturnSummary[]> {
  let q = tx
    .selectFrom('returns as r')
    .innerJoin('indicator_sets as s', 's.id', 'r.set_id')
    .innerJoin('indicator_set_versions as v', 'v.id', 'r.set_version_id')
    .leftJoin('staff as st', 'st.id', 'r.submitted_by')
    .select([
      'r.id',
      'r.set_id as setId',
      's.code as setCode',
      's.name as setName',
      'v.version',
      'r.period_from as from',
      'r.period_to as to',
      'r.period_label as periodLabel',
      'r.submitted_at as submittedAt',
      'st.display_name as submittedBy',
      'r.note',
      'r.totals_json',
    ])
    .orderBy('r.id', 'desc');
  if (where?.returnId) q = q.where('r.id', '=', where.returnId);
  const rows = await q.execute();
  return rows.map(({ totals_json, ...r }) => ({ ...r, totals: JSON.parse(totals_json) as Record<string, number> }));
}

/** A submitted return's frozen lines, with today's personal details for the workbook. */
export async function frozenLines(tx: Tx, returnId: number): Promise<ClaimLine[]> {
  const rows = await tx
    .selectFrom('return_lines as x')
    .leftJoin('participants as pp', 'pp.id', 'x.person_id')
    .leftJoin('organisations as org', 'org.id', 'x.employer_id')
    .leftJoin('outcomes as o', (j) => j.onRef('o.id', '=', 'x.item_id').on('x.item_kind', '=', 'outcome'))
    .leftJoin('outcome_types as ot', 'ot.code', 'o.outcome_type')
    .leftJoin('staff as vs', 'vs.id', 'o.verified_by')
    .select([
      'x.indicator_code as indicatorCode',
      'x.person_id as personId',
      'x.participant_id as participantId',
      'x.employer_id as employerId',
      'org.name as employerName',
      'x.item_kind as itemKind',
      'x.item_id as itemId',
      'x.item_date as itemDate',
      'ot.label as itemLabel',
      'x.verification_status as verificationStatus',
      'vs.display_name as verifier',
      'x.evidence_count as evidenceCount',
      'pp.reference',
      'pp.first_name as firstName',
      'pp.last_name as lastName',
      'pp.date_of_birth as dateOfBirth',
      'pp.ni_number as niNumber',
      'pp.postcode',
      'pp.postcode_district as postcodeDistrict',
      'pp.phone',
      'pp.eligibility_status as eligibilityStatus',
      'pp.start_date as startDate',
      'pp.leave_date as leaveDate',
      'pp.sex',
      'pp.ethnicity',
      'pp.disability',
      'pp.labour_market_status as labourMarketStatus',
    ])
    .where('x.return_id', '=', returnId)
    .orderBy('x.id')
    .execute();
  return rows as ClaimLine[];
}

/** What a line claims: the person, the employer or the item, as the indicator counts. */
function lineKey(countDistinct: string, l: ClaimLine): string {
  if (countDistinct === 'participant') return `p:${l.personId}`;
  if (countDistinct === 'employer') return `e:${l.employerId}`;
  return `${l.itemKind}:${l.itemId}`;
}

/** Re-runs a submitted return's period with the version it used, excluding only claims made
 * before it, and lists per indicator the lines added and removed since it was submitted. */
export async function changesSince(tx: Tx, returnId: number) {
  const ret = await tx.selectFrom('returns').selectAll().where('id', '=', returnId).executeTakeFirst();
  if (!ret) throw new AppFailure('not-found', 'That return does not exist.');
  const sv = await loadSetVersion(tx, ret.set_id, ret.set_version_id);
  const now = await computeLines(tx, sv, { from: ret.period_from, to: ret.period_to }, returnId);
  const frozen = await frozenLines(tx, returnId);
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
      added: after.filter((l) => !beforeKeys.has(key(l))),
      removed: before.filter((l) => !afterKeys.has(key(l))),
    };
  });
}
