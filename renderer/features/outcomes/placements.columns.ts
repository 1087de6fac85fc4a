// Columns of the placements grid, typed from the row the backend returns.
import type { ColDef } from 'ag-grid-community';
import type { PlacementGridRow } from '../../../shared/contract/outcomes-schemas';
import { labelFor, placementKinds, placementStatuses } from '../../../shared/domain/outcome-lists';
import { ukDate } from '../../components/grid-setup';

const text = { filter: 'agTextColumnFilter', filterParams: { maxNumConditions: 1 } };
const date = { filter: 'agDateColumnFilter', filterParams: { maxNumConditions: 1 }, valueFormatter: ukDate };
const num = { filter: 'agNumberColumnFilter', filterParams: { maxNumConditions: 1 } };

export const placementColumns: ColDef<PlacementGridRow>[] = [
  { field: 'participantRef', headerName: 'Reference', width: 120, pinned: 'left', ...text },
  { field: 'participantName', headerName: 'Participant', width: 170, ...text },
  { field: 'kind', headerName: 'Kind', width: 190, valueFormatter: (p) => labelFor(placementKinds, p.value as string) },
  // Status and dates beside the kind so the key columns show at 1366 wide.
  {
    field: 'status',
    headerName: 'Status',
    width: 120,
    valueFormatter: (p) => labelFor(placementStatuses, p.value as string),
  },
  { field: 'startsOn', headerName: 'Start', width: 120, ...date },
  { field: 'endsOn', headerName: 'End', width: 120, ...date },
  { field: 'employerName', headerName: 'Employer', width: 210, ...text },
  { field: 'contractName', headerName: 'Contract', width: 210, ...text },
  { field: 'site', headerName: 'Site', width: 140, ...text },
  { field: 'hoursPerWeek', headerName: 'Hours/week', width: 120, ...num },
  {
    field: 'hourlyWagePence',
    headerName: 'Wage/hour',
    width: 120,
    ...num,
    valueFormatter: (p) => (p.value == null ? '' : `£${((p.value as number) / 100).toFixed(2)}`),
  },
  { field: 'supervisor', headerName: 'Supervisor', width: 150, ...text },
];

export const placementPresetOptions = [
  { code: 'active', label: 'Active' },
  { code: 'planned', label: 'Planned' },
  { code: 'ended_early', label: 'Ended early' },
  { code: 'jobs', label: 'Jobs and apprenticeships' },
  { code: 'work_placements', label: 'Work placements' },
  { code: 'starting_this_month', label: 'Starting this month' },
  { code: 'ending_this_month', label: 'Ending this month' },
];
