// Every export runs as a backend job (db/features/export/export-job.ts): the shell's JobsProgress
// shows its progress and Cancel meanwhile; this waits for its end, saves the workbook once and
// says so. A cancelled export saves nothing and says that no file was saved.
import type { ChannelOutput } from '../../shared/contract/index';
import { waitForJob } from '../features/imports/run-job';
import { downloadBytes } from './download';
import type { ToastApi } from './Toasts';

export type ExportedFile = NonNullable<ChannelOutput<'jobs.exportFile'>['result']>;

/** Waits for the export job, then downloads its file with a toast from `saidOf`. */
export async function saveExportJob(
  jobId: string,
  toasts: ToastApi,
  saidOf: (file: ExportedFile) => string,
): Promise<void> {
  const result = await waitForJob<ExportedFile | null>(jobId, 'jobs.exportFile');
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
  toasts.show({ kind: 'success', message: saidOf(result.value) });
}
