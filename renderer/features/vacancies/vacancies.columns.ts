// Columns of the vacancies and candidates grids, typed from the rows the backend returns, and
// their presets.
import type { ColDef } from 'ag-grid-community';
import type { CandidateGridRow, VacancyGridRow } from '../../../shared/contract/vacancies-schemas';
import { labelFor, sectors } from '../../../shared/domain/outcome-lists';
import { formatWage, vacancyKinds, vacancyStatuses } from '../../../shared/domain/vacancy-lists';
import { candidateStages } from '../../../shared/domain/candidate-stages';
import { ukDate, ukDateTime } from '../../components/grid-setup';

const text = { filter: 'agTextColumnFilter', filterParams: { maxNumConditions: 1 } };
const date = { filter: 'agDateColumnFilter', filterParams: { maxNumConditions: 1 }, valueFormatter: ukDate };
const num = { filter: 'agNumberColumnFilter', filterParams: { maxNumConditions: 1 } };
/** Pipeline counts: worked out per row, so they neither sort nor filter in SQL. */
const count = { width: 110, sortable: false };

export const vacancyColumns: ColDef<VacancyGridRow>[] = [
  { field: 'jobTitle', headerName: 'Job title', width: 200, pinned: 'left', ...text },
  { field: 'employerName', headerName: 'Employer', width: 210, ...text },
  { field: 'kind', headerName: 'Kind', width: 170, valueFormatter: (p) => labelFor(vacancyKinds, p.value as string) },
  { field: 'site', headerName: 'Site', width: 150, ...text },
  { field: 'sector', headerName: 'Sector', width: 150, valueFormatter: (p) => labelFor(sectors, p.value as string) },
  { field: 'places', headerName: 'Places', width: 100, ...num },
  { field: 'hoursPerWeek', headerName: 'Hours/week', width: 120, ...num },
  {
    field: 'wagePence',
    headerName: 'Wage',
    width: 150,
    ...num,
    valueFormatter: (p) => formatWage(p.value as number | null, p.data?.wagePer),
  },
  { field: 'closingDate', headerName: 'Closes', width: 120, ...date },
  { field: 'startsOn', headerName: 'Starts', width: 120, ...date },
  { field: 'contractName', headerName: 'Contract or obligation', width: 210, ...text },
  {
    field: 'status',
    headerName: 'Status',
    width: 110,
    valueFormatter: (p) => labelFor(vacancyStatuses, p.value as string),
  },
  { field: 'candidates', headerName: 'Put forward', ...count },
  { field: 'interviewed', headerName: 'Interviewed', ...count },
  { field: 'offered', headerName: 'Offered', ...count },
  { field: 'started', headerName: 'Started', ...count },
];

export const vacancyPresetOptions = [
  { code: 'open', label: 'Open' },
  { code: 'closing-this-week', label: 'Closing this week' },
  { code: 'filled', label: 'Filled' },
  { code: 'closed', label: 'Closed' },
];

export const candidateColumns: ColDef<CandidateGridRow>[] = [
  { field: 'participantRef', headerName: 'Reference', width: 120, pinned: 'left', ...text },
  { field: 'participantName', headerName: 'Participant', width: 170, ...text },
  { field: 'jobTitle', headerName: 'Vacancy', width: 190, ...text },
  { field: 'employerName', headerName: 'Employer', width: 200, ...text },
  {
    field: 'stage',
    headerName: 'Stage',
    width: 150,
    valueFormatter: (p) => labelFor(candidateStages, p.value as string),
  },
  { field: 'submittedOn', headerName: 'Put forward', width: 130, ...date },
  { field: 'interviewOn', headerName: 'Interview', width: 120, ...date },
  {
    field: 'interviewGuaranteed',
    headerName: 'Guaranteed',
    width: 120,
    valueFormatter: (p) => (p.data?.interviewOn ? (p.value ? 'Yes' : 'No') : ''),
  },
  { field: 'offeredOn', headerName: 'Offered', width: 120, ...date },
  { field: 'startedOn', headerName: 'Started', width: 120, ...date },
  { field: 'closedReason', headerName: 'Reason (declined or unsuccessful)', width: 260, ...text },
  { field: 'updatedAt', headerName: 'Last change', width: 160, ...date, valueFormatter: ukDateTime },
];

export const candidatePresetOptions = [
  { code: 'interviews-this-week', label: 'Interviews this week' },
  { code: 'offers-waiting', label: 'Offers waiting for an answer' },
  { code: 'in-progress', label: 'In progress' },
  { code: 'started', label: 'Started' },
  { code: 'declined', label: 'Declined' },
  { code: 'unsuccessful', label: 'Unsuccessful' },
];
