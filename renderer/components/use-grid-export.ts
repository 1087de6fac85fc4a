// Export of the grid's current view: runs as a backend job (the shell's JobsProgress shows its
// progress and Cancel), then saves the workbook. A cancelled export saves nothing.
import { plural } from '../../shared/domain/labels';
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
    const query = currentGridQuery(gridApi(), search, preset);
    // Outcomes and placements (the big ones) export as a job; vacancies and candidates directly.
    const jobGrid = channel === 'outcomes.export' ? 'outcomes' : channel === 'placements.export' ? 'placements' : null;
    let result;
    if (jobGrid) {
      const started = await api.call('outcomes.startExport', {
        grid: jobGrid,
        query: { offset: 0, limit: 100, ...query },
      });
      result = started.ok ? await waitForJob<FileOutput | null>(started.value.jobId, 'jobs.exportFile') : started;
    } else result = await api.call(channel, query);
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
    toasts.show({
      kind: 'success',
      message: `Exported ${plural(result.value.rows ?? 0, 'row')} to ${result.value.fileName}`,
    });
  }
  return { exporting, run };
}
