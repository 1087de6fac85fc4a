// Columns of the outcomes grid, typed from the row the backend returns.
import type { ColDef } from 'ag-grid-community';
import type { OutcomeGridRow } from '../../../shared/contract/outcomes-schemas';
import { labelFor, sectors, verificationStatuses } from '../../../shared/domain/outcome-lists';
import { ukDate } from '../../components/grid-setup';

const text = { filter: 'agTextColumnFilter', filterParams: { maxNumConditions: 1 } };
const date = { filter: 'agDateColumnFilter', filterParams: { maxNumConditions: 1 }, valueFormatter: ukDate };
const num = { filter: 'agNumberColumnFilter', filterParams: { maxNumConditions: 1 } };

export const outcomeColumns: ColDef<OutcomeGridRow>[] = [
  { field: 'participantRef', headerName: 'Reference', width: 120, pinned: 'left', ...text },
  { field: 'participantName', headerName: 'Participant', width: 170, ...text },
  { field: 'typeLabel', headerName: 'Outcome', width: 210, ...text },
  { field: 'outcomeDate', headerName: 'Date', width: 120, ...date },
  // Verification beside the date so the key columns show at 1366 wide.
  {
    field: 'verificationStatus',
    headerName: 'Verification',
    width: 130,
    valueFormatter: (p) => labelFor(verificationStatuses, p.value as string),
  },
  { field: 'employerName', headerName: 'Employer', width: 200, ...text },
  { field: 'contractName', headerName: 'Contract', width: 200, ...text },
  { field: 'sector', headerName: 'Sector', width: 160, valueFormatter: (p) => labelFor(sectors, p.value as string) },
  { field: 'hoursPerWeek', headerName: 'Hours/week', width: 120, ...num },
  {
    field: 'isSixteenPlus',
    headerName: '16+ hours',
    width: 110,
    valueFormatter: (p) => (p.data?.hoursPerWeek == null ? '' : p.value ? 'Yes' : 'No'),
  },
  { field: 'verifiedByName', headerName: 'Verified by', width: 150, ...text },
  { field: 'verifiedAt', headerName: 'Verified on', width: 130, ...date },
  { field: 'evidenceCount', headerName: 'Evidence', width: 110, ...num },
  { field: 'source', headerName: 'Source', width: 120 },
];

export const outcomePresetOptions = [
  { code: 'unverified', label: 'Unverified' },
  { code: 'has_issues', label: 'Has issues' },
  { code: 'rejected', label: 'Rejected' },
  { code: 'verified', label: 'Verified' },
  { code: 'no_evidence', label: 'No evidence yet' },
  { code: 'starts', label: 'Job and apprenticeship starts' },
  { code: 'sustainment_due_this_month', label: 'Sustainment due this month' },
];
