// Queries on vacancies: the grid (search, column filters, sort, presets) with each vacancy's
// pipeline counts, one vacancy with its candidates, and the vacancy rows themselves. Reads take
// the store or a transaction (`Db`); writes take the transaction (`Tx`).
import { sql, type Insertable, type RawBuilder, type SqlBool, type Updateable } from 'kysely';
import type { GridQuery } from '../../../shared/contract/common';
import type { CandidateRow, VacancyGridRow } from '../../../shared/contract/vacancies-schemas';
import { weekOf } from '../../../shared/domain/dates';
import type { Db, Tx } from '../../store/schema';
import type { VacanciesTable } from '../../store/tables/vacancies.tables';
import { applyGridFilters, applyGridPage, applyGridSort, gridColumns, textMatches } from '../grid/grid-query';
import { reached } from './candidate-reach';

export const vacancyGridColumns = gridColumns<VacancyGridRow>({
  jobTitle: { sql: 'v.job_title', filter: 'text' },
  employerName: { sql: 'e.name', filter: 'text' },
  site: { sql: 'v.site', filter: 'text' },
  sector: { sql: 'v.sector' },
  kind: { sql: 'v.kind' },
  places: { sql: 'v.places', filter: 'number' },
  hoursPerWeek: { sql: 'v.hours_per_week', filter: 'number' },
  wagePence: { sql: 'v.wage_pence', filter: 'number' },
  closingDate: { sql: 'v.closing_date', filter: 'date' },
  startsOn: { sql: 'v.starts_on', filter: 'date' },
  contractName: { sql: 'c.name', filter: 'text' },
  status: { sql: 'v.status' },
});

function vacancyBase(db: Db, query: GridQuery, today: string) {
  let q = db
    .selectFrom('vacancies as v')
    .innerJoin('organisations as e', 'e.id', 'v.employer_org_id')
    .leftJoin('social_value_contracts as c', 'c.id', 'v.contract_id');
  const s = query.search.trim();
  if (s)
    q = q.where(
      sql<boolean>`(${textMatches('v.job_title', s)} or ${textMatches('e.name', s)} or ${textMatches('v.site', s)})`,
    );
  switch (query.preset) {
    case 'open':
      q = q
        .where('v.status', '=', 'open')
        .where((eb) => eb.or([eb('v.closing_date', 'is', null), eb('v.closing_date', '>=', today)]));
      break;
    case 'closing-this-week':
      q = q
        .where('v.status', '=', 'open')
        .where('v.closing_date', '>=', today)
        .where('v.closing_date', '<=', weekOf(today).sunday);
      break;
    case 'filled':
    case 'closed':
      q = q.where('v.status', '=', query.preset);
      break;
  }
  return applyGridFilters(q, vacancyGridColumns, query.filters);
}

const countWhere = (condition: RawBuilder<SqlBool>) =>
  sql<number>`(select count(*) from vacancy_candidates k where k.vacancy_id = v.id and ${condition})`;

function selectRow<Q extends ReturnType<typeof vacancyBase>>(q: Q) {
  return q.select([
    'v.id',
    'v.job_title',
    'e.name as employer_name',
    'v.site',
    'v.sector',
    'v.kind',
    'v.places',
    'v.hours_per_week',
    'v.wage_pence',
    'v.wage_per',
    'v.closing_date',
    'v.starts_on',
    'c.name as contract_name',
    'v.status',
    countWhere(sql<SqlBool>`1 = 1`).as('n_candidates'),
    countWhere(reached('interviewed')).as('n_interviewed'),
    countWhere(reached('offered')).as('n_offered'),
    countWhere(reached('started')).as('n_started'),
  ]);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectRow>['execute']>>[number];

function toGridRow(r: Selected): VacancyGridRow {
  return {
    id: r.id,
    jobTitle: r.job_title,
    employerName: r.employer_name,
    site: r.site,
    sector: r.sector,
    kind: r.kind,
    places: r.places,
    hoursPerWeek: r.hours_per_week,
    wagePence: r.wage_pence,
    wagePer: r.wage_per,
    closingDate: r.closing_date,
    startsOn: r.starts_on,
    contractName: r.contract_name,
    status: r.status,
    candidates: Number(r.n_candidates),
    interviewed: Number(r.n_interviewed),
    offered: Number(r.n_offered),
    started: Number(r.n_started),
  };
}

/** The user's sort, then the soonest closing first (no closing date last), then by id. */
function sorted<Q extends ReturnType<typeof selectRow>>(q: Q, query: GridQuery) {
  return applyGridSort(q, vacancyGridColumns, query.sort, (r) =>
    r
      .orderBy(sql`case when v.closing_date is null then 1 else 0 end`)
      .orderBy('v.closing_date')
      .orderBy('v.id', 'desc'),
  );
}

export async function pageVacancies(
  db: Db,
  query: GridQuery,
  today: string,
): Promise<{ rows: VacancyGridRow[]; total: number }> {
  const base = vacancyBase(db, query, today);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await applyGridPage(sorted(selectRow(base), query), query).execute();
  return { rows: rows.map(toGridRow), total: Number(total.n) };
}

/** One vacancy as the grid shows it (the detail page adds its own fields). */
/** Every vacancy in the grid's view, in its order, a chunk at a time (the export). */
export async function* allVacancies(db: Db, query: GridQuery, today: string): AsyncGenerator<VacancyGridRow> {
  const chunk = 2000;
  for (let offset = 0; ; offset += chunk) {
    const rows = await applyGridPage(sorted(selectRow(vacancyBase(db, query, today)), query), {
      limit: chunk,
      offset,
    }).execute();
    for (const r of rows) yield toGridRow(r);
    if (rows.length < chunk) return;
  }
}

export async function vacancyGridRow(db: Db, id: number, today: string): Promise<VacancyGridRow | undefined> {
  const base = vacancyBase(db, { offset: 0, limit: 1, search: '', sort: [], filters: {} }, today);
  const row = await selectRow(base).where('v.id', '=', id).executeTakeFirst();
  return row ? toGridRow(row) : undefined;
}

export async function vacancyRecord(db: Db, id: number) {
  return db.selectFrom('vacancies').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The candidates of a vacancy, furthest along first, then by name. */
export async function pipelineOf(db: Db, vacancyId: number): Promise<CandidateRow[]> {
  const rows = await db
    .selectFrom('vacancy_candidates as k')
    .innerJoin('participants as p', 'p.id', 'k.participant_id')
    .selectAll('k')
    .select(['p.reference', 'p.first_name', 'p.last_name'])
    .where('k.vacancy_id', '=', vacancyId)
    .orderBy('p.last_name')
    .orderBy('p.first_name')
    .orderBy('k.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    vacancyId: r.vacancy_id,
    participantId: r.participant_id,
    participantRef: r.reference,
    participantName: `${r.first_name} ${r.last_name}`,
    stage: r.stage,
    submittedOn: r.submitted_on,
    interviewOn: r.interview_on,
    interviewGuaranteed: r.interview_guaranteed === 1,
    interviewedOn: r.interviewed_on,
    offeredOn: r.offered_on,
    acceptedOn: r.accepted_on,
    startedOn: r.started_on,
    closedOn: r.closed_on,
    closedFrom: r.closed_from,
    closedReason: r.closed_reason,
    fitNotes: r.fit_notes,
    overrideReason: r.override_reason,
    outcomeId: r.outcome_id,
    notes: r.notes,
    updatedAt: r.updated_at,
  }));
}

export async function insertVacancy(tx: Tx, row: Insertable<VacanciesTable>): Promise<number> {
  const inserted = await tx.insertInto('vacancies').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateVacancy(tx: Tx, id: number, values: Updateable<VacanciesTable>): Promise<void> {
  await tx.updateTable('vacancies').set(values).where('id', '=', id).execute();
}
