// The one way every export runs (every `….export` channel): as a job. Rows are read outside any
// transaction so the backend keeps answering, progress goes to JobsProgress every 500 rows and
// Cancel is checked there; the finished file is sealed to disk (export-file.ts) and audited only
// then, in one small transaction. A cancelled or failed export leaves no file and no audit entry.
// The window collects the file once through `jobs.exportFile` (collectExportJob), which removes it.
import path from 'node:path';
import type { FileOutput } from '../../../shared/contract/common';
import type { ChannelInput, ExportChannel, ExportedFile } from '../../../shared/contract/index';
import { AppFailure, type Result } from '../../../shared/result';
import type { Backend } from '../../backend/backend';
import type { OwnTransactionsContext } from '../../backend/context';
import type { JobControl, JobRunner } from '../../backend/jobs';
import type { Tx } from '../../store/schema';
import { discardExportFile, takeExportFile, writeExportFile } from './export-file';

/** Passes rows through unchanged, or reports progress and stops on Cancel (an export job);
 * `total`: how many rows there are, when only known once they are computed (a return's lines). */
export type RowTracker = <R>(rows: Iterable<R> | AsyncIterable<R>, total?: number) => Iterable<R> | AsyncIterable<R>;

/** How often progress is reported and Cancel checked, in rows. */
const PROGRESS_EVERY = 500;

/** The rows as they are written, reporting progress every 500 and stopping there on Cancel. */
export function trackRows(job: JobControl, total: number): RowTracker {
  return async function* <R>(rows: Iterable<R> | AsyncIterable<R>): AsyncIterable<R> {
    let n = 0;
    for await (const row of rows) {
      yield row;
      if (++n % PROGRESS_EVERY === 0) {
        job.throwIfCancelled();
        await job.progress(n, total, `${n.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`);
      }
    }
    job.throwIfCancelled();
    await job.progress(n, total, 'Writing the file');
  };
}

/** Says in JobsProgress what an export is doing before its rows are known, once Cancel is checked. */
export type ExportStage = (message: string) => Promise<void>;

/** Leaves rows as they are: a workbook written outside an export job (the benchmarks' and tests'
 * calls of the writers); an array stays an array, which the writer walks without an await per row. */
export const untracked: RowTracker = (rows) => rows;

export interface ExportJobWork<File extends FileOutput> {
  /** Shown in JobsProgress, e.g. "Exporting participants". */
  label: string;
  /** Rows the file will hold (for the bar); 0 when it is only known once built. */
  total: number;
  /** Builds the workbook, passing its rows through `track`; `stage` says what it is doing before
   * the rows (Cancel is checked there too). */
  write(track: RowTracker, stage: ExportStage): Promise<File>;
  /** Records the finished file in the audit log (called once, only for a complete file). */
  audit(tx: Tx, file: File): Promise<void>;
}

type ExportHost = Pick<OwnTransactionsContext, 'jobs' | 'dataDir' | 'transact'>;

interface FinishedExport {
  fileName: string;
  mime: string;
  rows: number;
  file: string;
  extra: Record<string, unknown>;
}

/** Starts the export as a job and returns its id at once. */
export function startExportJob<File extends FileOutput>(host: ExportHost, work: ExportJobWork<File>): string {
  return host.jobs.start('export', work.label, async (job): Promise<FinishedExport> => {
    await job.progress(0, work.total, 'Reading rows');
    const stage: ExportStage = async (message) => {
      job.throwIfCancelled();
      await job.progress(0, work.total, message);
    };
    const built = await work.write((rows, total) => trackRows(job, total ?? work.total)(rows), stage);
    job.throwIfCancelled();
    const written = writeExportFile(path.join(host.dataDir, 'exports'), built.bytes);
    try {
      job.throwIfCancelled();
      await host.transact((tx) => work.audit(tx, built));
    } catch (error) {
      discardExportFile(written);
      throw error;
    }
    const { bytes: _bytes, fileName, mime, rows, ...extra } = built;
    return { fileName, mime, rows: rows ?? 0, file: written, extra };
  });
}

/** Removes the files of finished exports nobody collected (the window closed while they ran):
 * called as the backend closes, so personal data does not outlive it outside the store. */
export function discardUncollectedExports(jobs: JobRunner): void {
  for (const job of jobs.list())
    if (job.kind === 'export' && job.state === 'done') discardExportFile((job.result as FinishedExport).file);
}

/** An export job's state, and its workbook once done (handed over once: the file is removed). */
export function collectExportJob(jobs: JobRunner, jobId: string) {
  const job = jobs.list().find((j) => j.id === jobId && j.kind === 'export');
  if (!job) throw new AppFailure('not-found', 'That export is not known.');
  const done = job.state === 'done' ? (job.result as FinishedExport) : null;
  const bytes = done ? takeExportFile(done.file) : null;
  return {
    state: job.state,
    done: job.done,
    total: job.total,
    message: job.message ?? null,
    result: done && bytes ? { ...done.extra, fileName: done.fileName, mime: done.mime, rows: done.rows, bytes } : null,
  };
}

/** Runs an export channel to its end and collects its file, as the window does: for the CLI,
 * tests and benchmarks. The channel's refusal, or the job's failure or cancellation (its
 * message; kind 'conflict' when cancelled), comes back as the Result's error. */
export async function exportToEnd<C extends ExportChannel>(
  backend: Pick<Backend, 'call' | 'services'>,
  clientId: string,
  channel: C,
  input: ChannelInput<C>,
): Promise<Result<ExportedFile>> {
  const started = await backend.call(clientId, channel, input);
  if (!started.ok) return started;
  const { jobId } = started.value;
  await backend.services.jobs.wait(jobId);
  const job = collectExportJob(backend.services.jobs, jobId);
  if (job.result) return { ok: true, value: job.result };
  const kind = job.state === 'cancelled' ? 'conflict' : 'validation';
  return { ok: false, error: { kind, message: job.message ?? `The export ended ${job.state}.` } };
}
