// The area's two grid exports, vacancies and candidates: the current view (search, preset,
// filters, sort) with the columns an officer sees, labels rather than codes, as export jobs through
// the same writer as the placements and outcomes grids, audited as an export.
import type { GridQuery } from '../../../shared/contract/common';
import type { CandidateGridRow, VacancyGridRow } from '../../../shared/contract/vacancies-schemas';
import { labelFor, sectors } from '../../../shared/domain/outcome-lists';
import { formatWage, vacancyKinds, vacancyStatuses } from '../../../shared/domain/vacancy-lists';
import { labelOfStage } from '../../../shared/domain/candidate-stages';
import type { Db } from '../../store/schema';
import type { XlsxColumn } from '../export/xlsx-writer';
import type { Actor } from '../participants/participants.service';
import { countOnly, gridExportJob } from '../outcomes/grid-export';
import { allVacancies, pageVacancies } from './vacancies.repository';
import { allCandidates, pageCandidates } from './candidates.repository';

const vacancyColumns: XlsxColumn<VacancyGridRow>[] = [
  { header: 'Job title', type: 'text', width: 28, value: (r) => r.jobTitle },
  { header: 'Employer', type: 'text', width: 28, value: (r) => r.employerName },
  { header: 'Site', type: 'text', width: 20, value: (r) => r.site },
  { header: 'Sector', type: 'text', width: 20, value: (r) => labelFor(sectors, r.sector) },
  { header: 'Kind', type: 'text', width: 24, value: (r) => labelFor(vacancyKinds, r.kind) },
  { header: 'Places', type: 'integer', value: (r) => r.places },
  { header: 'Hours a week', type: 'number', value: (r) => r.hoursPerWeek },
  { header: 'Wage', type: 'text', width: 16, value: (r) => formatWage(r.wagePence, r.wagePer) },
  { header: 'Closing date', type: 'date', width: 12, value: (r) => r.closingDate },
  { header: 'Starts', type: 'date', width: 12, value: (r) => r.startsOn },
  { header: 'Contract', type: 'text', width: 28, value: (r) => r.contractName },
  { header: 'Status', type: 'text', width: 10, value: (r) => labelFor(vacancyStatuses, r.status) },
  { header: 'Put forward', type: 'integer', value: (r) => r.candidates },
  { header: 'Interviewed', type: 'integer', value: (r) => r.interviewed },
  { header: 'Offered', type: 'integer', value: (r) => r.offered },
  { header: 'Started', type: 'integer', value: (r) => r.started },
];

const candidateColumns: XlsxColumn<CandidateGridRow>[] = [
  { header: 'Reference', type: 'text', width: 12, value: (r) => r.participantRef },
  { header: 'Participant', type: 'text', width: 24, value: (r) => r.participantName },
  { header: 'Vacancy', type: 'text', width: 28, value: (r) => r.jobTitle },
  { header: 'Employer', type: 'text', width: 28, value: (r) => r.employerName },
  { header: 'Stage', type: 'text', width: 16, value: (r) => labelOfStage(r.stage) },
  { header: 'Put forward', type: 'date', width: 12, value: (r) => r.submittedOn },
  { header: 'Interview', type: 'date', width: 12, value: (r) => r.interviewOn },
  { header: 'Guaranteed interview', type: 'boolean', value: (r) => r.interviewGuaranteed },
  { header: 'Offered', type: 'date', width: 12, value: (r) => r.offeredOn },
  { header: 'Started', type: 'date', width: 12, value: (r) => r.startedOn },
  { header: 'Reason closed', type: 'text', width: 24, value: (r) => r.closedReason },
];

/** The vacancies grid's view as an export job. */
export function vacanciesExportJob(db: Db, actor: Actor, query: GridQuery) {
  return gridExportJob(actor, {
    entity: 'vacancy',
    title: 'Vacancies',
    fileStem: 'vacancies',
    query,
    columns: vacancyColumns,
    count: async () => (await pageVacancies(db, countOnly(query), actor.today)).total,
    rows: () => allVacancies(db, query, actor.today),
  });
}

/** The candidates grid's view as an export job. */
export function candidatesExportJob(db: Db, actor: Actor, query: GridQuery) {
  return gridExportJob(actor, {
    entity: 'vacancy_candidate',
    title: 'Candidates',
    fileStem: 'candidates',
    query,
    columns: candidateColumns,
    count: async () => (await pageCandidates(db, countOnly(query), actor.today)).total,
    rows: () => allCandidates(db, query, actor.today),
  });
}
