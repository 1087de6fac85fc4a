// Export of the grid's current view: asks the backend for the workbook and saves it.
import { plural } from '../../shared/domain/labels';
import { useState } from 'react';
import type { GridApi } from 'ag-grid-community';
import type { ChannelName } from '../../shared/contract/index';
import { api } from '../api/client';
import { downloadBytes } from './download';
import { useToasts } from './Toasts';
import { currentGridQuery } from './grid-view';

/** Channels that take a grid's view (search, preset, filters, sort) and return a workbook. */
export type GridExportChannel = Extract<ChannelName, 'placements.export' | 'outcomes.export'>;

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
    const result = await api.call(channel, currentGridQuery(gridApi(), search, preset));
    setExporting(false);
    if (!result.ok) {
      toasts.show({ kind: 'error', message: result.error.message });
      return;
    }
    downloadBytes(result.value.fileName, result.value.bytes, result.value.mime);
    toasts.show({
      kind: 'success',
      message: `Exported ${plural(result.value.rows ?? 0, 'row')} to ${result.value.fileName}`,
    });
  }
  return { exporting, run };
}
