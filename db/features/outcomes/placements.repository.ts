// Queries on placements: the grid (search, column filters, sort, presets), one placement with
// the outcomes it produced, and the placement rows themselves. Reads take the store or a
// transaction (`Db`); writes take the transaction (`Tx`).
import type { Role } from '../../../shared/contract/define';
import { textAs } from '../../store/tables/readable-columns';
import { sql, type Insertable, type SelectQueryBuilder, type Updateable } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { PlacementDetail, PlacementGridRow } from '../../../shared/contract/outcomes-schemas';
import { addDaysIso } from '../../../shared/domain/dates';
import type { Database, Db, Tx } from '../../store/schema';
import type { PlacementRow, PlacementsTable } from '../../store/tables/outcomes.tables';
import {
  applyGridFilters,
  applyGridPage,
  applyGridSort,
  countGridRows,
  gridColumns,
  textMatches,
  filtersOrSortsOn,
} from '../grid/grid-query';
import { personQuickSearch } from '../participants/participants.repository';

export const placementGridColumns = gridColumns<PlacementGridRow>({
  participantRef: { sql: 'p.reference', filter: 'text' },
  participantName: { sql: sql`(p.first_name || ' ' || p.last_name)`, filter: 'text' },
  kind: { sql: 'pl.kind', filter: 'text' },
  employerName: { sql: 'e.name', filter: 'text' },
  contractName: { sql: 'c.name', filter: 'text' },
  site: { sql: 'pl.site', filter: 'text' },
  startsOn: { sql: 'pl.starts_on', filter: 'date' },
  endsOn: { sql: 'pl.ends_on', filter: 'date' },
  hoursPerWeek: { sql: 'pl.hours_per_week', filter: 'number' },
  hourlyWagePence: { sql: 'pl.hourly_wage_pence', filter: 'number' },
  supervisor: { sql: 'pl.supervisor', filter: 'text' },
  status: { sql: 'pl.status', filter: 'text' },
});

function monthBounds(today: string): { first: string; last: string } {
  const first = `${today.slice(0, 7)}-01`;
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { first, last };
}

/**
 * The placements a quick search finds: people through the participants' search index then
 * placements by person, employers by name then placements by employer, and sites: the few
 * different sites matched (matchedSites), then placements at them by index (testing each
 * placement's site was a text comparison per placement, 20,000 at 100,000 people). A set of
 * ids the page query sorts, rather than testing an OR of three conditions on every placement.
 */
function searchedPlacementIds(db: Db, search: string) {
  return sql`(select bp.id from placements as bp where ${personQuickSearch(db, search, 'bp.participant_id')}
    union select be.id from placements as be where be.employer_org_id in
      (select id from organisations where ${textMatches('name', search)})
    union select bs.id from placements as bs where bs.site in (${matchedSites(search)}))`;
}

/**
 * The different sites that match, found by stepping through the site index from one site to the
 * next (each step one index seek), so a search tests each site once rather than each placement.
 * A store has a handful of sites and tens of thousands of placements at them.
 */
function matchedSites(search: string) {
  return sql`with recursive ps(site) as (select min(site) from placements
      union all select (select min(x.site) from placements as x where x.site > ps.site) from ps where ps.site is not null)
    select ps.site from ps where ${textMatches('ps.site', search)}`;
}

/** Grid columns read from the joined tables (people, employers, contracts). */
const joinedColumns = new Set(['participantRef', 'participantName', 'employerName', 'contractName']);

/** Whether a query filters or sorts on a joined table's column. */
const needsJoins = (query: Pick<GridQuery, 'filters' | 'sort'>) => filtersOrSortsOn(query, joinedColumns);

type Base = SelectQueryBuilder<
  Database & { pl: Database['placements']; p: Database['participants'] } & {
    e: Database['organisations'];
    c: Database['social_value_contracts'];
  },
  'pl' | 'p' | 'e' | 'c',
  object
>;

/**
 * The placements a query shows, before sorting. `joins: false` leaves out the people, employers
 * and contracts (for the searched page's ids and count when no filter or sort is on their
 * columns): every placement has its person (a required foreign key) and the others are left
 * joins on their keys, so the rows are the same, without a look-up per match in each table.
 */
function placementBase(db: Db, query: GridQuery, today: string, options: { joins?: boolean } = {}): Base {
  let q = (
    (options.joins ?? true)
      ? db
          .selectFrom('placements as pl')
          .innerJoin('participants as p', 'p.id', 'pl.participant_id')
          .leftJoin('organisations as e', 'e.id', 'pl.employer_org_id')
          .leftJoin('social_value_contracts as c', 'c.id', 'pl.contract_id')
      : db.selectFrom('placements as pl')
  ) as Base;
  const s = query.search.trim();
  if (s) q = q.where(sql<boolean>`pl.id in ${searchedPlacementIds(db, s)}`);
  const { first, last } = monthBounds(today);
  switch (query.preset) {
    case 'active':
    case 'planned':
    case 'ended_early':
      q = q.where('pl.status', '=', query.preset);
      break;
    case 'jobs':
      q = q.where('pl.kind', 'in', ['paid_job', 'apprenticeship']);
      break;
    case 'work_placements':
      q = q.where('pl.kind', 'in', ['work_experience', 'work_trial', 'swap']);
      break;
    case 'starting_this_month':
      q = q.where('pl.starts_on', '>=', first).where('pl.starts_on', '<=', last);
      break;
    case 'ending_this_month':
      q = q.where('pl.ends_on', '>=', first).where('pl.ends_on', '<=', last);
      break;
  }
  return applyGridFilters(q, placementGridColumns, query.filters);
}

function selectRow<Q extends ReturnType<typeof placementBase>>(q: Q) {
  return q.select([
    'pl.id',
    'pl.participant_id',
    'p.reference',
    'p.first_name',
    'p.last_name',
    'pl.kind',
    'e.name as employer_name',
    'c.name as contract_name',
    'pl.site',
    'pl.starts_on',
    'pl.ends_on',
    'pl.hours_per_week',
    'pl.hourly_wage_pence',
    'pl.supervisor',
    'pl.status',
  ]);
}

/** The user's sort, then latest start first (and by id, so paging never skips or repeats a row). */
function sorted<Q extends ReturnType<typeof selectRow>>(q: Q, query: GridQuery) {
  return applyGridSort(q, placementGridColumns, query.sort, defaultOrder);
}

/** Latest start first, then by id (the placements_starts index's order). */
function defaultOrder<DB, TB extends keyof DB, O>(q: SelectQueryBuilder<DB, TB, O>) {
  return q.orderBy(sql`pl.starts_on`, 'desc').orderBy(sql`pl.id`, 'desc');
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectRow>['execute']>>[number];

function toGridRow(r: Selected): PlacementGridRow {
  return {
    id: r.id,
    participantId: r.participant_id,
    participantRef: r.reference,
    participantName: `${r.first_name} ${r.last_name}`,
    kind: r.kind,
    employerName: r.employer_name,
    contractName: r.contract_name,
    site: r.site,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    hoursPerWeek: r.hours_per_week,
    hourlyWagePence: r.hourly_wage_pence,
    supervisor: r.supervisor,
    status: r.status,
  };
}

export async function pagePlacements(
  db: Db,
  query: GridQuery,
  today: string,
): Promise<{ rows: PlacementGridRow[]; total: number; totalCapped: boolean }> {
  const base = placementBase(db, query, today);
  // Unsearched, the view's order is an index walk that stops at the page: one query is enough.
  if (!query.search.trim())
    return {
      rows: (await applyGridPage(sorted(selectRow(base), query), query).execute()).map(toGridRow),
      ...(await countGridRows(db, base, query)),
    };
  // Searched, two steps: the page's ids in the view's order, sorting only the matches' ids and
  // sort keys, with the number of matches counted in the same pass (a window count over the
  // matches: the site is matched by reading every placement, so finding the matches twice, once
  // to count and once for the page, cost twice that); then those rows in that order. The count is
  // exact: it costs nothing more than the sort, which every match already takes part in.
  const page = await applyGridPage(
    applyGridSort(
      placementBase(db, query, today, { joins: needsJoins(query) }).select([
        'pl.id',
        sql<number>`count(*) over ()`.as('matches'),
      ]),
      placementGridColumns,
      query.sort,
      defaultOrder,
    ),
    query,
  ).execute();
  // A page past the last match has no row to carry the count.
  if (!page.length) return { rows: [], ...(await countGridRows(db, base, { ...query, countAll: true })) };
  const counted = { total: Number(page[0]!.matches), totalCapped: false };
  const everything = { ...query, search: '', filters: {}, preset: undefined };
  const rows = await selectRow(placementBase(db, everything, today))
    .where(
      'pl.id',
      'in',
      page.map((r) => r.id),
    )
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: page.map((r) => toGridRow(byId.get(r.id)!)), ...counted };
}

/** Every row of the current view (no paging), for export. */
export async function* allPlacements(db: Db, query: GridQuery, today: string): AsyncGenerator<PlacementGridRow> {
  const chunk = 2000;
  for (let offset = 0; ; offset += chunk) {
    const rows = await applyGridPage(sorted(selectRow(placementBase(db, query, today)), query), {
      limit: chunk,
      offset,
    }).execute();
    for (const r of rows) yield toGridRow(r);
    if (rows.length < chunk) return;
  }
}

export async function getPlacement(db: Db, id: number, reader: Role): Promise<PlacementDetail | null> {
  const base = placementBase(
    db,
    { offset: 0, limit: 1, search: '', sort: [], filters: {} },
    addDaysIso('2000-01-01', 0),
  );
  const r = await selectRow(base)
    .select([
      'pl.employer_org_id',
      'pl.contract_id',
      'pl.course_run_id',
      'pl.ended_reason',
      'pl.apprenticeship_standard',
      'pl.apprenticeship_level',
      textAs(reader, 'placements', 'pl.notes', 'notes'),
      'pl.converted_from_id',
      'pl.created_at',
      'pl.version',
    ])
    .where('pl.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const convertedTo = await conversionOf(db, id);
  const outcomes = await db
    .selectFrom('outcomes as o')
    .innerJoin('outcome_types as t', 't.code', 'o.outcome_type')
    .select(['o.id', 'o.outcome_type', 't.label', 'o.outcome_date', 'o.verification_status'])
    .where('o.placement_id', '=', id)
    .orderBy('o.outcome_date')
    .execute();
  return {
    ...toGridRow(r),
    employerOrgId: r.employer_org_id,
    contractId: r.contract_id,
    courseRunId: r.course_run_id,
    endedReason: r.ended_reason,
    apprenticeshipStandard: r.apprenticeship_standard,
    apprenticeshipLevel: r.apprenticeship_level,
    notes: r.notes,
    convertedFromId: r.converted_from_id,
    convertedToId: convertedTo?.id ?? null,
    createdAt: r.created_at,
    version: r.version,
    outcomes: outcomes.map((o) => ({
      id: o.id,
      outcomeType: o.outcome_type,
      typeLabel: o.label,
      outcomeDate: o.outcome_date,
      verificationStatus: o.verification_status,
    })),
  };
}

export async function placementRecord(db: Db, id: number): Promise<PlacementRow | undefined> {
  return db.selectFrom('placements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The placement a work placement was converted into, if it was. */
export async function conversionOf(db: Db, id: number): Promise<{ id: number } | undefined> {
  return db.selectFrom('placements').select('id').where('converted_from_id', '=', id).executeTakeFirst();
}

export async function insertPlacement(tx: Tx, row: Insertable<PlacementsTable>): Promise<number> {
  const inserted = await tx.insertInto('placements').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

/** Writes a placement and moves its version on (every write, so an open form is refused after
 * any change); with `expectedVersion`, only if the stored version is still that one. Says
 * whether a row was written. */
export async function updatePlacement(
  tx: Tx,
  id: number,
  values: Updateable<PlacementsTable>,
  expectedVersion?: number,
): Promise<boolean> {
  let q = tx
    .updateTable('placements')
    .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (expectedVersion !== undefined) q = q.where('version', '=', expectedVersion);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}
