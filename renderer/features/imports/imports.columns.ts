// Columns of the preview, history and reconciliation grids.
import type { ColDef } from 'ag-grid-community';
import type { BatchGridRow, PreviewGridRow, ReconcileGridRow } from '../../../shared/contract/imports.contract';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';

export const statusLabels: Record<string, string> = {
  new: 'New',
  changed: 'Changed',
  unchanged: 'Unchanged',
  review: 'Needs review',
  error: 'Error',
};
export const reconcileLabels: Record<string, string> = {
  agree: 'In both, agree',
  differ: 'In both, differ',
  theirs_only: 'Theirs, not ours',
  ours_only: 'Ours, not theirs',
  unsure: 'Check match',
};

export const previewColumns: ColDef<PreviewGridRow>[] = [
  { field: 'rowNumber', headerName: 'Row', width: 75 },
  { field: 'status', headerName: 'Status', width: 125, valueFormatter: (p) => statusLabels[p.value as string] ?? '' },
  {
    field: 'decision',
    headerName: 'Decision',
    width: 100,
    valueFormatter: (p) =>
      p.data && (p.data.status === 'new' || p.data.status === 'changed')
        ? p.value === 'accept'
          ? 'Accept'
          : 'Reject'
        : p.data?.status === 'review'
          ? 'Resolve'
          : '—',
  },
  { field: 'name', headerName: 'Name', width: 165 },
  {
    field: 'detail',
    headerName: 'What will happen / problem',
    flex: 1,
    minWidth: 300,
    sortable: false,
    tooltipField: 'detail',
  },
  { field: 'match', headerName: 'Our record', width: 180 },
  {
    field: 'dateOfBirth',
    headerName: 'Date of birth',
    width: 120,
    valueFormatter: (p) => formatUkDate(p.value as string | null),
  },
  { field: 'niNumber', headerName: 'NI number', width: 135 },
];

export const batchColumns: ColDef<BatchGridRow>[] = [
  { field: 'id', headerName: 'Batch', width: 90 },
  { field: 'at', headerName: 'When', width: 160, valueFormatter: (p) => formatUkDateTime(p.value as string) },
  { field: 'fileName', headerName: 'File', width: 220 },
  { field: 'partner', headerName: 'Partner', width: 180 },
  { field: 'kind', headerName: 'Kind', width: 120 },
  { field: 'created', headerName: 'New', width: 80 },
  { field: 'updated', headerName: 'Changed', width: 100 },
  { field: 'errors', headerName: 'Errors', width: 90 },
  { field: 'staffName', headerName: 'By', width: 150 },
  {
    field: 'undoneAt',
    headerName: 'Undone',
    width: 160,
    valueFormatter: (p) => (p.value ? formatUkDateTime(p.value as string) : ''),
  },
];

export const reconcileColumns: ColDef<ReconcileGridRow>[] = [
  {
    field: 'status',
    headerName: 'Result',
    width: 150,
    valueFormatter: (p) => reconcileLabels[p.value as string] ?? '',
  },
  { field: 'rowNumber', headerName: 'Their row', width: 100 },
  { field: 'reference', headerName: 'Our reference', width: 130 },
  { field: 'name', headerName: 'Name', width: 180 },
  { field: 'detail', headerName: 'Detail', flex: 1, minWidth: 280, sortable: false },
  {
    field: 'accepted',
    headerName: 'Accepted',
    width: 140,
    valueFormatter: (p) => ((p.value as string[] | undefined)?.length ? 'Yes' : ''),
  },
];
