// Queries on outcomes: the grid (search, column filters, sort, presets), the rows for export,
// and the participant picker used by the placement and outcome forms.
import { sql, type SelectQueryBuilder } from 'kysely';
import { searchCountCap, type GridQuery } from '../../../shared/contract/common';
import type { OutcomeGridRow, ParticipantPick } from '../../../shared/contract/outcomes-schemas';
import { addDaysIso } from '../../../shared/domain/dates';
import { meetsSixteenHourRule, SUSTAINABLE_OUTCOME_TYPES } from '../../../shared/domain/outcome-rules';
import type { Db } from '../../store/schema';
import {
  applyGridFilters,
  applyGridPage,
  applyGridSort,
  countGridRows,
  filtersOrSortsOn,
  gridColumns,
  textMatches,
  unindexed,
} from '../grid/grid-query';
import { personQuickSearch } from '../participants/participants.repository';

const fullName = sql`first_name || ' ' || last_name`;

const evidenceCount = sql<number>`(select count(*) from evidence_items ei where ei.outcome_id = o.id)`;

export const outcomeGridColumns = gridColumns<OutcomeGridRow>({
  participantRef: { sql: 'p.reference', filter: 'text' },
  participantName: { sql: sql`(p.first_name || ' ' || p.last_name)`, filter: 'text' },
  typeLabel: { sql: 't.label', filter: 'text' },
  outcomeType: { sql: 'o.outcome_type', filter: 'text' },
  outcomeDate: { sql: 'o.outcome_date', filter: 'date' },
  employerName: { sql: 'e.name', filter: 'text' },
  contractName: { sql: 'c.name', filter: 'text' },
  sector: { sql: 'o.sector', filter: 'text' },
  hoursPerWeek: { sql: 'o.hours_per_week', filter: 'number' },
  isSixteenPlus: { sql: sql`(o.hours_per_week >= 16)` },
  verificationStatus: { sql: 'o.verification_status', filter: 'text' },
  verifiedByName: { sql: 's.display_name', filter: 'text' },
  verifiedAt: { sql: 'o.verified_at', filter: 'date' },
  evidenceCount: { sql: evidenceCount, filter: 'number' },
  source: { sql: 'o.source', filter: 'text' },
});

function monthBounds(today: string): { first: string; last: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return { first: `${today.slice(0, 7)}-01`, last: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** Preset conditions; they only use the outcomes table, so the fast count can apply them too. */
function applyPreset<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  preset: string | undefined,
  today: string,
): SelectQueryBuilder<DB, TB, O> {
  let r = q;
  switch (preset) {
    case 'unverified':
    case 'has_issues':
    case 'rejected':
    case 'verified':
      r = r.where(sql<boolean>`o.verification_status = ${preset}`);
      break;
    case 'no_evidence':
      r = r.where(sql<boolean>`not exists (select 1 from evidence_items ei where ei.outcome_id = o.id)`);
      break;
    case 'starts':
      r = r.where(sql<boolean>`o.outcome_type in (${sql.join([...SUSTAINABLE_OUTCOME_TYPES])})`);
      break;
    case 'sustainment_due_this_month': {
      const { first, last } = monthBounds(today);
      r =
        r.where(sql<boolean>`o.outcome_type in (${sql.join([...SUSTAINABLE_OUTCOME_TYPES])}) and o.verification_status != 'rejected' and (
          (o.outcome_date between ${addDaysIso(first, -91)} and ${addDaysIso(last, -91)}
            and not exists (select 1 from sustainment_checks k where k.start_outcome_id = o.id and k.weeks = 13))
          or (o.outcome_date between ${addDaysIso(first, -182)} and ${addDaysIso(last, -182)}
            and not exists (select 1 from sustainment_checks k where k.start_outcome_id = o.id and k.weeks = 26)))`);
      break;
    }
  }
  return r;
}

/**
 * The outcomes a quick search finds, each set by index: people through the participants' search
 * index (as the participants grid finds them) then outcomes by person, employers and outcome
 * types by name (small tables) then outcomes by employer or type. A bounded set of ids: when
 * the matches are no more than the capped total counts, the page query sorts only these.
 */
function searchedOutcomeIds(db: Db, search: string) {
  return sql`(select bp.id from outcomes as bp where ${personQuickSearch(db, search, 'bp.participant_id')}
    union select be.id from outcomes as be where be.employer_org_id in
      (select id from organisations where ${textMatches('name', search)})
    union select bt.id from outcomes as bt where bt.outcome_type in
      (select code from outcome_types where ${textMatches('label', search)}))`;
}

/**
 * The same matches as a condition on each outcome (`o`, or the walk's `w`), each list found by
 * its own index: counted this way, the outcomes stream and the count stops at the cap.
 */
function outcomeMatches(db: Db, search: string, alias: 'o' | 'w' = 'o') {
  const [person, employer, type] =
    alias === 'o' ? ['o.participant_id', 'o.employer_org_id', 'o.outcome_type'] : ['w.person', 'w.employer', 'w.type'];
  return sql<boolean>`(${personQuickSearch(db, search, person)}
    or ${sql.ref(employer)} in (select id from organisations where ${textMatches('name', search)})
    or ${sql.ref(type)} in (select code from outcome_types where ${textMatches('label', search)}))`;
}

/**
 * A page of a search past the capped total, in the default order: outcomes read newest first
 * (outcomes_date_search: the date, then the id, and every column tested), each tested against
 * the matches, stopping at the page; sorting every match would cost more. The columns tested are
 * `unindexed` (in a subquery the planner folds into this one), so no index on them can drive the
 * query instead of the walk.
 */
function walkedPage(db: Db, query: GridQuery, today: string) {
  const outcomes = applyPreset(db.selectFrom('outcomes as o'), query.preset, today).select([
    'o.id',
    'o.outcome_date',
    unindexed('o.participant_id', 'number').as('person'),
    unindexed('o.employer_org_id', 'number').as('employer'),
    unindexed('o.outcome_type', 'text').as('type'),
  ]);
  return applyGridPage(
    db
      .selectFrom(outcomes.as('w'))
      .select('w.id')
      .where(outcomeMatches(db, query.search.trim(), 'w'))
      .orderBy('w.outcome_date', 'desc')
      .orderBy('w.id', 'desc'),
    query,
  );
}

/** The grid's columns read from each joined table. */
const columnsFrom = {
  p: new Set(['participantRef', 'participantName']),
  t: new Set(['typeLabel']),
  e: new Set(['employerName']),
  c: new Set(['contractName']),
  s: new Set(['verifiedByName']),
};

function joinedOutcomes(db: Db) {
  return db
    .selectFrom('outcomes as o')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .innerJoin('outcome_types as t', 't.code', 'o.outcome_type')
    .leftJoin('organisations as e', 'e.id', 'o.employer_org_id')
    .leftJoin('social_value_contracts as c', 'c.id', 'o.contract_id')
    .leftJoin('staff as s', 's.id', 'o.verified_by');
}

type Joined = ReturnType<typeof joinedOutcomes>;

/**
 * The outcomes with only the tables the query's filters and sort read (for a page's ids and the
 * count): every outcome has its person and type (required foreign keys) and the others are left
 * joins on their keys, so the rows are the same, without a look-up in the wide participants
 * table for each of 46,000 unverified outcomes when sorting them by employer.
 */
function joinedFor(db: Db, query: Pick<GridQuery, 'filters' | 'sort'>): Joined {
  const needs = (table: keyof typeof columnsFrom) => filtersOrSortsOn(query, columnsFrom[table]);
  let q = db.selectFrom('outcomes as o') as unknown as Joined;
  if (needs('p')) q = q.innerJoin('participants as p', 'p.id', 'o.participant_id') as unknown as Joined;
  if (needs('t')) q = q.innerJoin('outcome_types as t', 't.code', 'o.outcome_type') as unknown as Joined;
  if (needs('e')) q = q.leftJoin('organisations as e', 'e.id', 'o.employer_org_id') as unknown as Joined;
  if (needs('c')) q = q.leftJoin('social_value_contracts as c', 'c.id', 'o.contract_id') as unknown as Joined;
  if (needs('s')) q = q.leftJoin('staff as s', 's.id', 'o.verified_by') as unknown as Joined;
  return q;
}

/** The view before sorting; `joins: 'needed'` for a page's ids and the count (see joinedFor). */
function outcomeBase(db: Db, query: GridQuery, today: string, joins: 'all' | 'needed' = 'all') {
  let q = joins === 'all' ? joinedOutcomes(db) : joinedFor(db, query);
  const search = query.search.trim();
  if (search) q = q.where(sql<boolean>`o.id in ${searchedOutcomeIds(db, search)}`);
  q = applyPreset(q, query.preset, today);
  return applyGridFilters(q, outcomeGridColumns, query.filters);
}

/**
 * The number of rows in the view. Without column filters the joins cannot change the count
 * (participant and type are required foreign keys; the rest are left joins), so it is counted on
 * the outcomes table alone — the difference between ~100 ms and a few ms at 100,000
 * participants. A search counts its matches as one condition (each list found by its index, the
 * outcomes streamed and counted until the cap), not as a set of ids built first.
 */
async function countOutcomes(
  db: Db,
  query: GridQuery,
  today: string,
): Promise<{ total: number; totalCapped: boolean }> {
  if (Object.keys(query.filters).length) return countGridRows(db, outcomeBase(db, query, today, 'needed'), query);
  const search = query.search.trim();
  const outcomes = applyPreset(db.selectFrom('outcomes as o'), query.preset, today);
  if (search) return countGridRows(db, outcomes.where(outcomeMatches(db, search)), query);
  const r = await outcomes.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { total: Number(r.n), totalCapped: false };
}

function selectRow<Q extends ReturnType<typeof outcomeBase>>(q: Q) {
  return q.select([
    'o.id',
    'o.participant_id',
    'p.reference',
    'p.first_name',
    'p.last_name',
    'o.outcome_type',
    't.label as type_label',
    'o.outcome_date',
    'e.name as employer_name',
    'c.name as contract_name',
    'o.sector',
    'o.hours_per_week',
    'o.verification_status',
    's.display_name as verified_by_name',
    'o.verified_at',
    'o.source',
    evidenceCount.as('evidence_count'),
  ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectRow>['execute']>>[number];

function toGridRow(r: Selected): OutcomeGridRow {
  return {
    id: r.id,
    participantId: r.participant_id,
    participantRef: r.reference,
    participantName: `${r.first_name} ${r.last_name}`,
    outcomeType: r.outcome_type,
    typeLabel: r.type_label,
    outcomeDate: r.outcome_date,
    employerName: r.employer_name,
    contractName: r.contract_name,
    sector: r.sector,
    hoursPerWeek: r.hours_per_week,
    isSixteenPlus: meetsSixteenHourRule(r.hours_per_week),
    verificationStatus: r.verification_status,
    verifiedByName: r.verified_by_name,
    verifiedAt: r.verified_at,
    evidenceCount: Number(r.evidence_count),
    source: r.source,
  };
}

/** The user's sort, then newest first (and by id, so paging never skips or repeats a row). */
function sorted<Q extends ReturnType<typeof selectRow>>(q: Q, query: GridQuery) {
  return applyGridSort(q, outcomeGridColumns, query.sort, defaultOrder);
}

/** Newest first, then by id, so paging never skips or repeats a row (the outcomes_date and
 * outcomes_date_search indexes' order). */
function defaultOrder<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) {
  return q.orderBy(sql`o.outcome_date`, 'desc').orderBy(sql`o.id`, 'desc');
}

export async function pageOutcomes(
  db: Db,
  query: GridQuery,
  today: string,
): Promise<{ rows: OutcomeGridRow[]; total: number; totalCapped: boolean }> {
  const counted = await countOutcomes(db, query, today);
  return { rows: await pageRows(db, query, today, counted.totalCapped || counted.total > searchCountCap), ...counted };
}

/**
 * A page in two steps: the page's ids in the view's order, then those 100 rows, in that order.
 * The ids: with no more matches than the capped total counts (or no search and a sort), by
 * sorting only the ids and sort keys, joining only what the sort and filters read; with more
 * matches (`many`) in the default order, by walking the view's order and stopping at the page,
 * whose cost grows with the page's depth, not the matches.
 */
async function pageRows(db: Db, query: GridQuery, today: string, many: boolean): Promise<OutcomeGridRow[]> {
  // Unsearched in the default order, the view's order is an index walk that stops at the page:
  // one query is enough.
  if (!query.search.trim() && !query.sort.length)
    return (await applyGridPage(sorted(selectRow(outcomeBase(db, query, today)), query), query).execute()).map(
      toGridRow,
    );
  // The walk reads outcomes alone (a join would fetch each row walked); column filters, which may
  // be on joined tables, take the sorted way.
  const page =
    many && !query.sort.length && !Object.keys(query.filters).length
      ? await walkedPage(db, query, today).execute()
      : await applyGridPage(
          applyGridSort(
            outcomeBase(db, query, today, 'needed').select('o.id'),
            outcomeGridColumns,
            query.sort,
            defaultOrder,
          ),
          query,
        ).execute();
  if (!page.length) return [];
  const everything = { ...query, search: '', filters: {}, preset: undefined };
  const rows = await selectRow(outcomeBase(db, everything, today))
    .where(
      'o.id',
      'in',
      page.map((r) => r.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return page.map((r) => toGridRow(byId.get(r.id)!));
}

export async function* allOutcomes(db: Db, query: GridQuery, today: string): AsyncGenerator<OutcomeGridRow> {
  const chunk = 2000;
  // In the default order (newest first, then by id: the outcomes_date index's walk) each chunk
  // starts just after the last row read (keyset), so every row is walked once; with OFFSET each
  // chunk walked past all the rows before it too, which grew with the square of the rows
  // (test/integration/outcomes-export-order.test.ts holds a chunk's plan to a range).
  if (!query.sort.length) {
    let after: { date: string; id: number } | null = null;
    for (;;) {
      let q = sorted(selectRow(outcomeBase(db, query, today)), query);
      // `outcome_date <= d` bounds the index walk (the planner cannot take a range from the OR
      // alone, so every chunk walked the index from the newest row down: quadratic in the rows).
      if (after)
        q = q.where(
          sql<boolean>`o.outcome_date <= ${after.date} and (o.outcome_date < ${after.date} or o.id < ${after.id})`,
        );
      const rows = await q.limit(chunk).execute();
      for (const r of rows) yield toGridRow(r);
      if (rows.length < chunk) return;
      const last = rows[rows.length - 1]!;
      after = { date: last.outcome_date, id: last.id };
    }
  }
  for (let offset = 0; ; offset += chunk) {
    const rows = await applyGridPage(sorted(selectRow(outcomeBase(db, query, today)), query), {
      limit: chunk,
      offset,
    }).execute();
    for (const r of rows) yield toGridRow(r);
    if (rows.length < chunk) return;
  }
}

export async function outcomeGridRow(db: Db, id: number): Promise<OutcomeGridRow | null> {
  const r = await selectRow(outcomeBase(db, { offset: 0, limit: 1, search: '', sort: [], filters: {} }, '2000-01-01'))
    .where('o.id', '=', id)
    .executeTakeFirst();
  return r ? toGridRow(r) : null;
}

/** Up to 20 people matching a reference or name (prefix), for the forms' participant picker. */
export async function findParticipants(db: Db, search: string, id?: number): Promise<ParticipantPick[]> {
  let q = db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'date_of_birth', 'postcode'])
    .where('status', '!=', 'merged');
  if (id) q = q.where('id', '=', id);
  else {
    const s = search.trim();
    if (s.length < 2) return [];
    const columns = ['reference', 'last_name', 'first_name', fullName];
    q = q.where(
      sql<boolean>`(${sql.join(
        columns.map((c) => textMatches(c, s, 'startsWith')),
        sql` or `,
      )})`,
    );
  }
  const rows = await q.orderBy('last_name').orderBy('first_name').orderBy('id').limit(20).execute();
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    name: `${r.first_name} ${r.last_name}`,
    dateOfBirth: r.date_of_birth,
    postcode: r.postcode,
  }));
}
