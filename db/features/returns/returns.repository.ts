// Queries of submitted returns (the return row and its frozen claim lines), of funders and of
// the "not the same person" pairs the warnings respect.
import type { Role } from '../../../shared/contract/define';
import type { Insertable } from 'kysely';
import { defaultBarriers } from '../../../shared/domain/reference-lists';
import type { ReturnSummary } from '../../../shared/contract/returns.contract';
import type { Db, Tx } from '../../store/schema';
import type { ReturnLinesTable, ReturnsTable } from '../../store/tables/returns.tables';
import { claimLinePersonColumns, type ClaimLine } from './indicator-engine';

export interface PeriodScope {
  from: string;
  to: string;
}

export async function findSubmitted(db: Db, setId: number, period: PeriodScope): Promise<number | null> {
  const row = await db
    .selectFrom('returns')
    .select('id')
    .where('set_id', '=', setId)
    .where('period_from', '=', period.from)
    .where('period_to', '=', period.to)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function listReturns(db: Db, where?: { returnId?: number }): Promise<ReturnSummary[]> {
  let q = db
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
export async function frozenLines(db: Db, returnId: number, reader: Role = 'administrator'): Promise<ClaimLine[]> {
  const rows = await db
    .selectFrom('return_lines as x')
    .leftJoin('participants as pp', 'pp.id', 'x.person_id')
    .leftJoin('organisations as org', 'org.id', 'x.employer_id')
    .leftJoin('outcomes as o', (j) => j.onRef('o.id', '=', 'x.item_id').on('x.item_kind', '=', 'outcome'))
    .leftJoin('outcome_types as ot', 'ot.code', 'o.outcome_type')
    .leftJoin('staff as vs', 'vs.id', 'o.verified_by')
    .leftJoin('funding_streams as fsn', 'fsn.id', 'x.funding_stream_id')
    .leftJoin('funding_projects as fpn', 'fpn.id', 'x.funding_project_id')
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
      'x.verified_without_evidence as verifiedWithoutEvidence',
      ...claimLinePersonColumns(reader),
      'x.funding_stream_id as fundingStreamId',
      'fsn.name as fundingStream',
      'x.funding_project_id as fundingProjectId',
      'fpn.name as fundingProject',
      'fpn.intervention_code as projectIntervention',
    ])
    .where('x.return_id', '=', returnId)
    .orderBy('x.id')
    .execute();
  return rows as ClaimLine[];
}

export async function findReturn(db: Db, id: number) {
  return db.selectFrom('returns').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertReturn(tx: Tx, values: Insertable<ReturnsTable>): Promise<number> {
  const row = await tx.insertInto('returns').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Multi-row inserts of 2,000 lines a statement. */
export async function insertReturnLines(tx: Tx, lines: Insertable<ReturnLinesTable>[]): Promise<void> {
  for (let i = 0; i < lines.length; i += 2000)
    await tx
      .insertInto('return_lines')
      .values(lines.slice(i, i + 2000))
      .execute();
}

export async function notDuplicatePairs(db: Db) {
  return db.selectFrom('not_duplicate_pairs').select(['participant_a', 'participant_b']).execute();
}

export async function listFunders(db: Db) {
  return db.selectFrom('funders').selectAll().orderBy('id').execute();
}

export async function findFunder(db: Db, id: number) {
  return db.selectFrom('funders').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateFunder(
  tx: Tx,
  id: number,
  values: { name: string; notes: string | null; personal_columns_json: string; updated_at: string },
): Promise<void> {
  await tx.updateTable('funders').set(values).where('id', '=', id).execute();
}

/** Lines of other funders' submitted returns whose period overlaps [from, to]. */
export async function otherFunderClaims(db: Db, funderId: number, from: string, to: string) {
  return db
    .selectFrom('return_lines as rl')
    .innerJoin('returns as r', 'r.id', 'rl.return_id')
    .innerJoin('indicator_sets as s', 's.id', 'r.set_id')
    .innerJoin('funders as f', 'f.id', 's.funder_id')
    .select([
      'rl.person_id as personId',
      'rl.item_kind as itemKind',
      'rl.item_id as itemId',
      'f.name as funderName',
      'rl.indicator_code as indicatorCode',
      'r.period_label as periodLabel',
    ])
    .where('s.funder_id', '!=', funderId)
    .where('r.period_from', '<=', to)
    .where('r.period_to', '>=', from)
    .execute();
}

/** What a set's submitted returns up to and including this one claimed, line by line. */
export async function claimedToDate(db: Db, setId: number, upToReturnId: number) {
  return db
    .selectFrom('return_lines')
    .select(['indicator_code', 'person_id', 'employer_id', 'item_kind', 'item_id'])
    .where('set_id', '=', setId)
    .where('return_id', '<=', upToReturnId)
    .execute();
}

/** Labels of the barrier reference items (stored, else as seeded), by code. */
export async function barrierLabels(db: Db): Promise<Map<string, string>> {
  const labels = new Map(defaultBarriers.map((b) => [b.code, b.label]));
  const rows = await db.selectFrom('reference_items').select(['code', 'label']).where('list', '=', 'barrier').execute();
  for (const r of rows) labels.set(r.code, r.label);
  return labels;
}
