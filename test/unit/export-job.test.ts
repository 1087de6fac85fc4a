// The export job's row tracker: progress every 500 rows with the count, Cancel checked there, and a
// last word once every row has passed ("Writing the file"). The file a finished export waits in,
// sealed with a key held in memory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discardExportFile, takeExportFile, writeExportFile } from '../../db/features/export/export-file';
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

describe('an export file waiting to be collected', () => {
  const dir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'export-file-'));
  const marker = 'Canary Persona AB123456C';

  it('is sealed on disk: its text is not there to read, and it opens once to the same bytes', () => {
    const bytes = new TextEncoder().encode(`${marker} `.repeat(50));
    const file = writeExportFile(dir(), bytes);
    const held = fs.readFileSync(file);
    expect(held.includes(Buffer.from('Canary'))).toBe(false);
    expect(held.length).toBe(bytes.length + 28); // the IV and the authentication tag
    expect(takeExportFile(file)).toEqual(new Uint8Array(bytes));
    expect(fs.existsSync(file)).toBe(false);
    expect(takeExportFile(file)).toBeNull();
  });

  it('refuses a file changed on disk', () => {
    const file = writeExportFile(dir(), new TextEncoder().encode(marker));
    const held = fs.readFileSync(file);
    held[held.length - 1]! ^= 1;
    fs.writeFileSync(file, held);
    expect(() => takeExportFile(file)).toThrow();
  });

  it('is gone with its key once discarded (a failed audit, or nobody collected it)', () => {
    const file = writeExportFile(dir(), new TextEncoder().encode(marker));
    discardExportFile(file);
    expect(fs.existsSync(file)).toBe(false);
    expect(takeExportFile(file)).toBeNull();
  });
});
