// Queries on candidates: the grid of everyone put forward (search, column filters, sort,
// presets such as interviews this week and offers waiting), the facts the fit check needs for
// a few people at once, and the candidate rows themselves. Reads take `Db`; writes take `Tx`.
import { sql, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { CandidateGridRow } from '../../../shared/contract/vacancies-schemas';
import { weekOf } from '../../../shared/domain/dates';
import { evaluateSiteReady, type SiteReadyRule } from '../../../shared/domain/site-ready';
import type { FitPerson } from '../../../shared/domain/vacancy-fit';
import type { Database, Db, Tx } from '../../store/schema';
import type { VacancyCandidatesTable } from '../../store/tables/vacancies.tables';
import {
  applyGridFilters,
  applyGridPage,
  applyGridSort,
  countGridRows,
  gridColumns,
  textMatches,
  filtersOrSortsOn,
} from '../grid/grid-query';
import { loadFacts } from '../courses/site-ready.repository';
import { personQuickSearch } from '../participants/participants.repository';

export const candidateGridColumns = gridColumns<CandidateGridRow>({
  participantRef: { sql: 'p.reference', filter: 'text' },
  participantName: { sql: sql`(p.first_name || ' ' || p.last_name)`, filter: 'text' },
  jobTitle: { sql: 'v.job_title', filter: 'text' },
  employerName: { sql: 'e.name', filter: 'text' },
  stage: { sql: 'k.stage' },
  submittedOn: { sql: 'k.submitted_on', filter: 'date' },
  interviewOn: { sql: 'k.interview_on', filter: 'date' },
  interviewGuaranteed: { sql: 'k.interview_guaranteed' },
  offeredOn: { sql: 'k.offered_on', filter: 'date' },
  startedOn: { sql: 'k.started_on', filter: 'date' },
  closedReason: { sql: 'k.closed_reason', filter: 'text' },
  updatedAt: { sql: 'k.updated_at', filter: 'date' },
});

/**
 * The candidates a quick search finds, each set by index: people through the participants' search
 * index (as the participants grid finds them) then candidates by person, vacancies by job title or
 * employer name (small tables) then candidates by vacancy. A bounded set of ids: the page query
 * sorts only these, never walking every candidate to test an OR of four columns.
 */
function searchedCandidateIds(db: Db, search: string) {
  return sql`(select bp.id from vacancy_candidates as bp where ${personQuickSearch(db, search, 'bp.participant_id')}
    union select bv.id from vacancy_candidates as bv where bv.vacancy_id in
      (select sv.id from vacancies as sv where ${textMatches('sv.job_title', search)}
        or sv.employer_org_id in (select id from organisations where ${textMatches('name', search)})))`;
}

/** Latest change first (or interviews soonest first when listing them), then by id, so paging
 * never skips or repeats a row. */
function defaultOrder(query: GridQuery) {
  return <DB, TB extends keyof DB, O>(r: SelectQueryBuilder<DB, TB, O>) =>
    query.preset === 'interviews-this-week'
      ? r.orderBy(sql`k.interview_on`).orderBy(sql`k.id`)
      : r.orderBy(sql`k.updated_at`, 'desc').orderBy(sql`k.id`, 'desc');
}

/** Grid columns read from the joined tables (people, vacancies, employers). */
const joinedColumns = new Set(['participantRef', 'participantName', 'jobTitle', 'employerName']);

/** Whether a query filters or sorts on a joined table's column. */
const needsJoins = (query: Pick<GridQuery, 'filters' | 'sort'>) => filtersOrSortsOn(query, joinedColumns);

type Base = SelectQueryBuilder<
  Database & { k: Database['vacancy_candidates']; p: Database['participants'] } & {
    v: Database['vacancies'];
    e: Database['organisations'];
  },
  'k' | 'p' | 'v' | 'e',
  object
>;

/**
 * The candidates a query shows, before sorting. `joins: false` leaves out the people, vacancies
 * and employers (for the searched page's ids and count when no filter or sort is on their
 * columns): each is a required foreign key (a candidate's person and vacancy, a vacancy's
 * employer), so the inner joins drop no row, and leaving them out saves three look-ups a match.
 */
function candidateBase(db: Db, query: GridQuery, today: string, options: { joins?: boolean } = {}): Base {
  let q = (
    (options.joins ?? true)
      ? db
          .selectFrom('vacancy_candidates as k')
          .innerJoin('participants as p', 'p.id', 'k.participant_id')
          .innerJoin('vacancies as v', 'v.id', 'k.vacancy_id')
          .innerJoin('organisations as e', 'e.id', 'v.employer_org_id')
      : db.selectFrom('vacancy_candidates as k')
  ) as Base;
  const s = query.search.trim();
  if (s) q = q.where(sql<boolean>`k.id in ${searchedCandidateIds(db, s)}`);
  const week = weekOf(today);
  switch (query.preset) {
    case 'interviews-this-week':
      q = q
        .where('k.stage', '=', 'interview_booked')
        .where('k.interview_on', '>=', week.monday)
        .where('k.interview_on', '<=', week.sunday);
      break;
    case 'offers-waiting':
      q = q.where('k.stage', '=', 'offered');
      break;
    case 'in-progress':
      q = q.where('k.stage', 'in', ['submitted', 'interview_booked', 'interviewed', 'offered', 'accepted']);
      break;
    case 'started':
    case 'declined':
    case 'unsuccessful':
      q = q.where('k.stage', '=', query.preset);
      break;
  }
  return applyGridFilters(q, candidateGridColumns, query.filters);
}

function selectRow<Q extends ReturnType<typeof candidateBase>>(q: Q) {
  return q.select([
    'k.id',
    'k.vacancy_id',
    'k.participant_id',
    'p.reference',
    'p.first_name',
    'p.last_name',
    'v.job_title',
    'e.name as employer_name',
    'k.stage',
    'k.submitted_on',
    'k.interview_on',
    'k.interview_guaranteed',
    'k.offered_on',
    'k.started_on',
    'k.closed_reason',
    'k.updated_at',
  ]);
}

/** Interviews soonest first when listing them; otherwise the latest change first. */
function sortedCandidates<Q extends ReturnType<typeof selectRow>>(q: Q, query: GridQuery) {
  return applyGridSort(q, candidateGridColumns, query.sort, defaultOrder(query));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectRow>['execute']>>[number];

export async function pageCandidates(
  db: Db,
  query: GridQuery,
  today: string,
): Promise<{ rows: CandidateGridRow[]; total: number; totalCapped: boolean }> {
  const base = candidateBase(db, query, today);
  const searched = query.search.trim() !== '';
  // Searched, the matches are counted and their ids sorted without the joined tables unless a
  // filter or sort needs them (the same rows: see candidateBase).
  const bare = searched ? candidateBase(db, query, today, { joins: needsJoins(query) }) : base;
  const counted = await countGridRows(db, bare, query);
  // Unsearched, one query (the view's order over the stage and preset conditions) is enough.
  if (!searched)
    return {
      rows: (await applyGridPage(sortedCandidates(selectRow(base), query), query).execute()).map(toGridRow),
      ...counted,
    };
  // Searched, two steps: the page's ids in the view's order, sorting only the matches' ids and
  // sort keys, then those rows by id in that order (no search and no sort of their own).
  const page = await applyGridPage(
    applyGridSort(bare.select('k.id'), candidateGridColumns, query.sort, defaultOrder(query)),
    query,
  ).execute();
  if (!page.length) return { rows: [], ...counted };
  const everything = { ...query, search: '', filters: {}, preset: undefined };
  const rows = await selectRow(candidateBase(db, everything, today))
    .where(
      'k.id',
      'in',
      page.map((r) => r.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: page.map((r) => toGridRow(byId.get(r.id)!)), ...counted };
}

/** Everyone in the grid's view, in its order, a chunk at a time (the export). */
export async function* allCandidates(db: Db, query: GridQuery, today: string): AsyncGenerator<CandidateGridRow> {
  const chunk = 2000;
  for (let offset = 0; ; offset += chunk) {
    const rows = await applyGridPage(sortedCandidates(selectRow(candidateBase(db, query, today)), query), {
      limit: chunk,
      offset,
    }).execute();
    for (const r of rows) yield toGridRow(r);
    if (rows.length < chunk) return;
  }
}

function toGridRow(r: Selected): CandidateGridRow {
  return {
    id: r.id,
    vacancyId: r.vacancy_id,
    participantId: r.participant_id,
    participantRef: r.reference,
    participantName: `${r.first_name} ${r.last_name}`,
    jobTitle: r.job_title,
    employerName: r.employer_name,
    stage: r.stage,
    submittedOn: r.submitted_on,
    interviewOn: r.interview_on,
    interviewGuaranteed: r.interview_guaranteed === 1,
    offeredOn: r.offered_on,
    startedOn: r.started_on,
    closedReason: r.closed_reason,
    updatedAt: r.updated_at,
  };
}

/** What the fit check needs about each of `ids` for this vacancy, read in a few queries. */
export async function fitFacts(
  db: Db,
  vacancyId: number,
  ids: number[],
  rule: SiteReadyRule,
  today: string,
): Promise<Map<number, FitPerson>> {
  const out = new Map<number, FitPerson>();
  if (!ids.length) return out;
  const people = await db
    .selectFrom('participants')
    .select(['id', 'status', 'eligibility_status', 'labour_market_status'])
    .where('id', 'in', ids)
    .execute();
  const facts = await loadFacts(db, ids);
  const starts = await db
    .selectFrom('outcomes as o')
    .innerJoin('outcome_types as t', 't.code', 'o.outcome_type')
    .leftJoin('placements as pl', 'pl.id', 'o.placement_id')
    .select(['o.participant_id', 'o.outcome_date', 't.label', 'pl.ends_on', 'pl.status as placement_status'])
    .where('o.participant_id', 'in', ids)
    .where('o.outcome_type', 'in', ['job_start', 'apprenticeship_start', 'self_employment'])
    .where('o.verification_status', '!=', 'rejected')
    .execute();
  const already = await db
    .selectFrom('vacancy_candidates')
    .select('participant_id')
    .where('vacancy_id', '=', vacancyId)
    .where('participant_id', 'in', ids)
    .execute();
  const taken = new Set(already.map((a) => a.participant_id));
  for (const p of people) {
    const f = facts.get(p.id) ?? { cards: [], hseTests: [], l1Awards: [], ppeIssues: [], signoffs: [] };
    const r = evaluateSiteReady(rule, f, today);
    out.set(p.id, {
      status: p.status,
      eligibilityStatus: p.eligibility_status,
      siteReady: { ready: r.ready, missing: r.missing.map((m) => m.label) },
      validCardTypes: [
        ...new Set(f.cards.filter((c) => c.issuedOn <= today && c.expiresOn >= today).map((c) => c.cardType)),
      ],
      labourMarketStatus: p.labour_market_status,
      jobStarts: starts
        .filter((s) => s.participant_id === p.id)
        .map((s) => ({
          date: s.outcome_date,
          label: s.label,
          // A placement that ended early ended on its end date; one still running has not ended.
          endedOn: s.placement_status === 'completed' || s.placement_status === 'ended_early' ? s.ends_on : null,
        })),
      alreadyCandidate: taken.has(p.id),
    });
  }
  return out;
}

export async function candidateRecord(db: Db, id: number) {
  return db.selectFrom('vacancy_candidates').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCandidate(tx: Tx, row: Insertable<VacancyCandidatesTable>): Promise<number> {
  const inserted = await tx.insertInto('vacancy_candidates').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateCandidate(tx: Tx, id: number, values: Updateable<VacancyCandidatesTable>): Promise<void> {
  await tx.updateTable('vacancy_candidates').set(values).where('id', '=', id).execute();
}

export async function deleteCandidate(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('vacancy_candidates').where('id', '=', id).execute();
}

/** People by id with what a list of candidates shows (reference, name, postcode). */
export async function peopleByIds(db: Db, ids: number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'postcode'])
    .where('id', 'in', ids)
    .execute();
}
