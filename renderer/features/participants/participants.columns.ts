// Columns of the participants grid, typed from the row the backend returns. Hidden ones can be
// shown with the column chooser; every sortable/filterable column is mapped in the repository.
import type { ColDef } from 'ag-grid-community';
import type { ParticipantGridRow } from '../../../shared/contract/participants.contract';
import {
  disabilities,
  ethnicities,
  labelOf,
  labourMarketStatuses,
  PREFER_NOT_TO_SAY,
  referralSources,
  sexes,
} from '../../../shared/domain/reference-lists';
import { formatNi } from '../../../shared/domain/identifiers';
import { ukDate } from '../../components/grid-setup';
import { eligibilityLabels, statusLabels } from './participant-labels';

const text = { filter: 'agTextColumnFilter', filterParams: { buttons: ['reset'], maxNumConditions: 1 } } as const;
const date = {
  filter: 'agDateColumnFilter',
  filterParams: { buttons: ['reset'], maxNumConditions: 1 },
  valueFormatter: ukDate,
} as const;

export const participantColumns: ColDef<ParticipantGridRow>[] = [
  { field: 'reference', headerName: 'Reference', width: 130, pinned: 'left', ...text },
  { field: 'lastName', headerName: 'Last name', width: 150, ...text },
  { field: 'firstName', headerName: 'First name', width: 140, ...text },
  // The key columns come straight after the name so they show at 1366 wide (a council laptop).
  { field: 'status', headerName: 'Status', width: 110, valueFormatter: (p) => statusLabels[p.value as string] ?? '' },
  { field: 'startDate', headerName: 'Start date', width: 130, ...date },
  { field: 'preferredName', headerName: 'Preferred name', width: 140, hide: true, ...text },
  { field: 'dateOfBirth', headerName: 'Date of birth', width: 140, ...date },
  {
    field: 'niNumber',
    headerName: 'NI number',
    width: 140,
    ...text,
    valueFormatter: (p) => formatNi(p.value as string | null),
  },
  { field: 'postcode', headerName: 'Postcode', width: 110, ...text },
  { field: 'phone', headerName: 'Phone', width: 140, ...text },
  { field: 'email', headerName: 'Email', width: 200, hide: true, ...text },
  { field: 'town', headerName: 'Town', width: 130, hide: true, ...text },
  {
    field: 'eligibilityStatus',
    headerName: 'Eligibility',
    width: 150,
    valueFormatter: (p) => eligibilityLabels[p.value as keyof typeof eligibilityLabels] ?? '',
  },
  { field: 'leaveDate', headerName: 'Leave date', width: 130, hide: true, ...date },
  { field: 'keyWorker', headerName: 'Key worker', width: 150, ...text },
  { field: 'fundingStream', headerName: 'Funding stream', width: 200, ...text },
  {
    field: 'referralSource',
    headerName: 'Referral source',
    width: 170,
    hide: true,
    valueFormatter: (p) => labelOf(referralSources, p.value as string | null),
  },
  {
    field: 'labourMarketStatus',
    headerName: 'Labour-market status',
    width: 200,
    hide: true,
    valueFormatter: (p) => labelOf(labourMarketStatuses, p.value as string | null),
  },
  {
    field: 'sex',
    headerName: 'Sex',
    width: 100,
    hide: true,
    valueFormatter: (p) => labelOf(sexes, p.value as string | null),
  },
  {
    field: 'ethnicity',
    headerName: 'Ethnic group',
    width: 200,
    hide: true,
    valueFormatter: (p) => labelOf([...ethnicities, PREFER_NOT_TO_SAY], p.value as string | null),
  },
  {
    field: 'disability',
    headerName: 'Disability',
    width: 200,
    hide: true,
    valueFormatter: (p) => labelOf(disabilities, p.value as string | null),
  },
];

/** Built-in views, offered beside the saved ones. */
export const participantPresets = [
  { id: 'all', name: 'All participants', state: { preset: undefined } },
  { id: 'my-caseload', name: 'My caseload', state: { preset: 'my-caseload' } },
  { id: 'pending-evidence', name: 'Pending evidence', state: { preset: 'pending-evidence' } },
  { id: 'not-eligible', name: 'Not eligible', state: { preset: 'not-eligible' } },
];
