// Columns of the participants grid, typed from the row the backend returns.
import type { ColDef } from 'ag-grid-community';
import type { ParticipantGridRow } from '../../../shared/contract/participants.contract';
import { ukDate } from '../../components/grid-setup';

const eligibilityLabels: Record<string, string> = { eligible: 'Eligible', pending: 'Pending evidence', not_eligible: 'Not eligible' };
const statusLabels: Record<string, string> = { active: 'Active', left: 'Left', anonymised: 'Anonymised' };

export const participantColumns: ColDef<ParticipantGridRow>[] = [
  { field: 'reference', headerName: 'Reference', width: 130, pinned: 'left', filter: 'agTextColumnFilter' },
  { field: 'lastName', headerName: 'Last name', width: 150, filter: 'agTextColumnFilter' },
  { field: 'firstName', headerName: 'First name', width: 140, filter: 'agTextColumnFilter' },
  { field: 'dateOfBirth', headerName: 'Date of birth', width: 130, valueFormatter: ukDate },
  { field: 'niNumber', headerName: 'NI number', width: 130, filter: 'agTextColumnFilter' },
  { field: 'postcode', headerName: 'Postcode', width: 110, filter: 'agTextColumnFilter' },
  { field: 'phone', headerName: 'Phone', width: 140 },
  { field: 'eligibilityStatus', headerName: 'Eligibility', width: 150, valueFormatter: (p) => eligibilityLabels[p.value as string] ?? '' },
  { field: 'status', headerName: 'Status', width: 110, valueFormatter: (p) => statusLabels[p.value as string] ?? '' },
  { field: 'startDate', headerName: 'Start date', width: 120, valueFormatter: ukDate },
  { field: 'keyWorker', headerName: 'Key worker', width: 150, filter: 'agTextColumnFilter' },
  { field: 'fundingStream', headerName: 'Funding stream', width: 200 },
];
