// Columns of the events grid, typed from the rows the backend returns, and its presets. The kind
// is shown by its label from the reference list (the backend joins it), never its code.
import type { ColDef } from 'ag-grid-community';
import type { EventGridRow } from '../../../shared/contract/events.contract';
import { ukDate } from '../../components/grid-setup';

const text = { filter: 'agTextColumnFilter', filterParams: { maxNumConditions: 1 } };
const date = { filter: 'agDateColumnFilter', filterParams: { maxNumConditions: 1 }, valueFormatter: ukDate };
const num = { filter: 'agNumberColumnFilter', filterParams: { maxNumConditions: 1 } };

export const eventColumns: ColDef<EventGridRow>[] = [
  { field: 'heldOn', headerName: 'Date', width: 120, pinned: 'left', ...date },
  { field: 'title', headerName: 'Event', width: 240, ...text },
  { field: 'kindLabel', headerName: 'Kind', width: 190, ...text },
  { field: 'organiserName', headerName: 'Organiser', width: 200, ...text },
  { field: 'venue', headerName: 'Venue', width: 170, ...text },
  { field: 'school', headerName: 'School', width: 170, ...text },
  { field: 'contractName', headerName: 'Counts towards', width: 200, ...text },
  { field: 'headcount', headerName: 'People counted', width: 140, ...num },
  { field: 'attendees', headerName: 'Named participants', width: 160, ...num },
];

export const eventPresetOptions = [
  { code: 'this-month', label: 'This month' },
  { code: 'upcoming', label: 'Upcoming' },
  { code: 'past', label: 'Past' },
  { code: 'linked-to-contract', label: 'Counting towards a contract' },
];
