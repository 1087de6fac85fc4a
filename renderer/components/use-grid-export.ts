// Export of the grid's current view: runs as a backend job (the shell's JobsProgress shows its
// progress and Cancel), then saves the workbook. A cancelled export saves nothing.
import { useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { ChannelName } from '../../shared/contract/index';
import type { FileOutput } from '../../shared/contract/common';
import { api } from '../api/client';
import { waitForJob } from '../features/imports/run-job';
import { downloadBytes } from './download';
import { useToasts } from './Toasts';
import { currentGridQuery } from './grid-view';

/** Channels that take a grid's view (search, preset, filters, sort) and return a workbook. */
export type GridExportChannel = Extract<
  ChannelName,
  'placements.export' | 'outcomes.export' | 'vacancies.export' | 'candidates.export'
>;

export function useGridExport<Row>(
  channel: GridExportChannel | null,
  gridApi: () => GridApi<Row> | null,
  search: string,
  preset: string,
) {
  const [exporting, setExporting] = useState(false);
  const toasts = useToasts();
  async function run() {
    if (!channel) return;
    setExporting(true);
    const started = await api.call('outcomes.startExport', {
      grid: channel === 'outcomes.export' ? 'outcomes' : 'placements',
      query: { offset: 0, limit: 100, ...currentGridQuery(gridApi(), search, preset) },
    });
    const result = started.ok
      ? await waitForJob<FileOutput | null>(started.value.jobId, 'outcomes.exportJob')
      : started;
    setExporting(false);
    if (!result.ok) {
      const cancelled = result.error.kind === 'conflict';
      toasts.show(
        cancelled
          ? { kind: 'info', message: 'Export cancelled: no file was saved.' }
          : { kind: 'error', message: result.error.message },
      );
      return;
    }
    if (!result.value) return;
    downloadBytes(result.value.fileName, result.value.bytes, result.value.mime);
    toasts.show({ kind: 'success', message: `Exported ${result.value.rows ?? 0} rows to ${result.value.fileName}` });
  }
  return { exporting, run };
}
