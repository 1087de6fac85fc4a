// Export of the grid's current view: runs as a backend job (the shell's JobsProgress shows its
// progress and Cancel), then saves the workbook. A cancelled export saves nothing.
import { plural } from '../../shared/domain/labels';
import { useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { ChannelName } from '../../shared/contract/index';
import { api } from '../api/client';
import { saveExportJob } from './export-job';
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
    const said = (file: { fileName: string; rows?: number | undefined }) =>
      `Exported ${plural(file.rows ?? 0, 'row')} to ${file.fileName}`;
    // Outcomes and placements (the big ones) export as a job; vacancies and candidates directly.
    const jobGrid = channel === 'outcomes.export' ? 'outcomes' : channel === 'placements.export' ? 'placements' : null;
    if (jobGrid) {
      const started = await api.call('outcomes.startExport', {
        grid: jobGrid,
        query: { offset: 0, limit: 100, ...query },
      });
      if (started.ok) await saveExportJob(started.value.jobId, toasts, said);
      else toasts.show({ kind: 'error', message: started.error.message });
      setExporting(false);
      return;
    }
    const result = await api.call(channel, query);
    setExporting(false);
    if (!result.ok) return toasts.show({ kind: 'error', message: result.error.message });
    downloadBytes(result.value.fileName, result.value.bytes, result.value.mime);
    toasts.show({ kind: 'success', message: said(result.value) });
  }
  return { exporting, run };
}
