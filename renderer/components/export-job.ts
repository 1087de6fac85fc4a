// Every export runs as a backend job (db/features/export/export-job.ts): the shell's JobsProgress
// shows its progress and Cancel meanwhile; this waits for its end, saves the workbook once and
// says so. A cancelled export saves nothing and says that no file was saved.
import type { ChannelInput, ExportChannel, ExportedFile } from '../../shared/contract/index';
import { api } from '../api/client';
import { waitForJob } from '../features/imports/run-job';
import { downloadBytes } from './download';
import type { ToastApi } from './Toasts';

/** Starts an export (any `….export` channel) and saves its file once made; a refusal is a toast.
 * A form that shows the refusal by its fields submits the channel itself, then `saveExportJob`. */
export async function exportAndSave<C extends ExportChannel>(
  channel: C,
  input: ChannelInput<C>,
  toasts: ToastApi,
  saidOf: (file: ExportedFile) => string,
): Promise<void> {
  const started = await api.call(channel, input);
  if (!started.ok) return toasts.show({ kind: 'error', message: started.error.message });
  await saveExportJob(started.value.jobId, toasts, saidOf);
}

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
