// Export of the grid's current view: runs as a backend job (the shell's JobsProgress shows its
// progress and Cancel), then saves the workbook. A cancelled export saves nothing.
import { plural } from '../../shared/domain/labels';
import { useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { ChannelName } from '../../shared/contract/index';
import { exportAndSave } from './export-job';
import { useToasts } from './Toasts';
import { currentGridQuery } from './grid-view';

/** Channels that take a grid's view (search, preset, filters, sort) and export it as a job. */
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
    await exportAndSave(
      channel,
      query,
      toasts,
      (file) => `Exported ${plural(file.rows ?? 0, 'row')} to ${file.fileName}`,
    );
    setExporting(false);
  }
  return { exporting, run };
}
