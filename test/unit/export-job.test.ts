// The export job's row tracker: progress every 500 rows with the count, Cancel checked there, and a
// last word once every row has passed ("Writing the file").
import { describe, expect, it } from 'vitest';
import { JobCancelled, type JobControl } from '../../db/backend/jobs';
import { trackRows } from '../../db/features/export/export-job';

function fakeJob(cancelAfter = Infinity) {
  const calls: [number, number, string | undefined][] = [];
  const job: JobControl = {
    async progress(done, total, message) {
      calls.push([done, total, message]);
    },
    get isCancelled() {
      return calls.length >= cancelAfter;
    },
    throwIfCancelled() {
      if (calls.length >= cancelAfter) throw new JobCancelled();
    },
  };
  return { job, calls };
}

async function drain<R>(rows: Iterable<R> | AsyncIterable<R>): Promise<R[]> {
  const out: R[] = [];
  for await (const r of rows) out.push(r);
  return out;
}

describe('trackRows', () => {
  it('passes every row through and reports every 500 rows, then once at the end', async () => {
    const { job, calls } = fakeJob();
    const rows = Array.from({ length: 1_234 }, (_, i) => i);
    expect(await drain(trackRows(job, 1_234)(rows))).toEqual(rows);
    expect(calls).toEqual([
      [500, 1_234, '500 of 1,234 rows'],
      [1_000, 1_234, '1,000 of 1,234 rows'],
      [1_234, 1_234, 'Writing the file'],
    ]);
  });

  it('stops at the next 500 once cancelled, before any further row', async () => {
    const { job, calls } = fakeJob(1);
    const seen: number[] = [];
    const run = (async () => {
      for await (const r of trackRows(job, 2_000)(Array.from({ length: 2_000 }, (_, i) => i))) seen.push(r);
    })();
    await expect(run).rejects.toBeInstanceOf(JobCancelled);
    expect(seen).toHaveLength(1_000);
    expect(calls).toHaveLength(1);
  });
});
