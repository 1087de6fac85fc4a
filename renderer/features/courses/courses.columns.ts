// Grid columns of the course screens, typed from the rows the backend returns.
import type { ColDef } from 'ag-grid-community';
import type { EnrolCandidate, RunGridRow, SiteReadyRow } from '../../../shared/contract/courses.contract';
import { ukDate } from '../../components/grid-setup';
import { eligibilityLabels, runStatusLabels } from './format';

export const runColumns: ColDef<RunGridRow>[] = [
  { field: 'startDate', headerName: 'Starts', width: 115, valueFormatter: ukDate, sort: 'desc' },
  { field: 'endDate', headerName: 'Ends', width: 115, valueFormatter: ukDate },
  { field: 'courseType', headerName: 'Course', flex: 2, minWidth: 240, filter: 'agTextColumnFilter' },
  { field: 'provider', headerName: 'Provider', flex: 1, minWidth: 160, filter: 'agTextColumnFilter' },
  {
    field: 'status',
    headerName: 'Status',
    width: 120,
    valueFormatter: (p) => runStatusLabels[p.value as string] ?? '',
  },
  {
    colId: 'places',
    headerName: 'Places',
    width: 100,
    sortable: false,
    valueGetter: (p) => (p.data ? `${p.data.enrolled}/${p.data.capacity}` : ''),
  },
  { field: 'waiting', headerName: 'Waiting', width: 100, sortable: false },
  { field: 'completed', headerName: 'Completed', width: 115, sortable: false },
  { field: 'venue', headerName: 'Venue', flex: 1, minWidth: 160 },
  { field: 'tutor', headerName: 'Tutor', width: 140 },
];

export const candidateColumns: ColDef<EnrolCandidate>[] = [
  { field: 'reference', headerName: 'Reference', width: 140, sortable: false },
  { field: 'lastName', headerName: 'Last name', width: 150, sortable: false },
  { field: 'firstName', headerName: 'First name', width: 140, sortable: false },
  { field: 'dateOfBirth', headerName: 'Date of birth', width: 130, valueFormatter: ukDate, sortable: false },
  { field: 'postcode', headerName: 'Postcode', width: 110, sortable: false },
  {
    field: 'eligibilityStatus',
    headerName: 'Eligibility',
    width: 150,
    sortable: false,
    valueFormatter: (p) => eligibilityLabels[p.value as string] ?? '',
  },
  {
    field: 'inRun',
    headerName: 'On this run',
    width: 140,
    sortable: false,
    valueFormatter: (p) => (p.value ? String(p.value).replace('_', ' ') : ''),
  },
];

export const siteReadyColumns: ColDef<SiteReadyRow>[] = [
  { field: 'reference', headerName: 'Reference', width: 120 },
  { field: 'lastName', headerName: 'Last name', width: 140 },
  { field: 'firstName', headerName: 'First name', width: 130 },
  { field: 'phone', headerName: 'Phone', width: 140, sortable: false },
  { field: 'email', headerName: 'Email', width: 220, sortable: false },
  { field: 'postcode', headerName: 'Postcode', width: 105 },
  {
    // Right to work among it: people not confirmed stay on the list, flagged, and out of exports unless asked.
    field: 'eligibilityStatus',
    headerName: 'Eligibility',
    width: 150,
    sortable: false,
    valueFormatter: (p) =>
      p.data?.eligibilityConfirmed ? 'Confirmed' : `Not confirmed (${eligibilityLabels[p.value as string] ?? p.value})`,
    cellClass: (p) => (p.data?.eligibilityConfirmed ? undefined : 'flag-warning'),
  },
  { field: 'readySince', headerName: 'Ready since', width: 125, valueFormatter: ukDate },
  { field: 'readyUntil', headerName: 'Ready until', width: 125, valueFormatter: ukDate },
  { field: 'cardType', headerName: 'CSCS card', width: 170, sortable: false },
  { field: 'cardNumber', headerName: 'Card number', width: 130, sortable: false },
  { field: 'cardExpiresOn', headerName: 'Card expires', width: 130, valueFormatter: ukDate },
  { field: 'hsePassedOn', headerName: 'HS&E passed', width: 130, valueFormatter: ukDate },
  { field: 'missing', headerName: 'Missing', flex: 1, minWidth: 260 },
];
