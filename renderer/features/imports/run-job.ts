// Runs a backend job from the window: starts it with a channel returning { jobId }, then waits
// for its end (job events, with a poll as a fallback when an event was missed) and returns its
// result. The shell's JobsProgress shows the bar and Cancel meanwhile.
import type { Result } from '../../../shared/result';
import { api } from '../../api/client';

export async function runJob<T>(start: () => Promise<Result<{ jobId: string }>>): Promise<Result<T>> {
  const started = await start();
  if (!started.ok) return started;
  return waitForJob<T>(started.value.jobId);
}

/** Waits for a started job (a form's channel that answers { jobId }) and returns its result; the
 * area's own channel reports it (each area sees only its own jobs). */
export function waitForJob<T>(
  jobId: string,
  channel: 'imports.job' | 'geography.job' | 'jobs.exportFile' = 'imports.job',
): Promise<Result<T>> {
  return new Promise<Result<T>>((resolve) => {
    let finished = false;
    // One question at a time: an export's file is handed over once, so a second call overtaking
    // the first (a busy window firing the event and the poll together) would answer "no file".
    let asking = false;
    const finish = async () => {
      if (finished || asking) return;
      asking = true;
      const r = await api.call(channel, { jobId }).finally(() => {
        asking = false;
      });
      if (finished || !r.ok || r.value.state === 'running') return;
      finished = true;
      off();
      clearInterval(timer);
      if (r.value.state === 'done') resolve({ ok: true, value: r.value.result as T });
      else
        resolve({
          ok: false,
          error: {
            kind: r.value.state === 'cancelled' ? 'conflict' : 'validation',
            message: r.value.message ?? 'The work stopped.',
          },
        });
    };
    const off = api.onEvent((e) => {
      if (e.type === 'job' && e.job.id === jobId && e.job.state !== 'running') void finish();
    });
    const timer = setInterval(() => void finish(), 400);
    void finish();
  });
}

/** Reads a dropped or chosen file for the backend. */
export async function fileBytes(file: File): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
  return { fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}
