// Exporting the outcomes and placements grids as a job: progress as rows are read, the workbook
// handed over once complete (read back by openpyxl) and audited; Cancel leaves no file at all,
// partial or complete, and no audit entry.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { peopleWithOutcomes } from '../support/builders';
import { setLogSink } from '../../db/backend/log';
import type { BackendEvent } from '../../shared/events';

setLogSink(() => {});
let t: TestBackend;
const outcomes = 1_200;

beforeAll(async () => {
  t = await createTestBackend({ role: 'officer' });
  await peopleWithOutcomes(
    t.backend.store.db,
    outcomes,
    (i) => ({ reference: `SW-7${String(i).padStart(5, '0')}`, last_name: `Exporter${i}` }),
    () => '2026-05-01',
  );
}, 60_000);
afterAll(() => t.close());

const exportsDir = () => path.join(t.backend.services.dataDir, 'exports');
const filesLeft = () => (fs.existsSync(exportsDir()) ? fs.readdirSync(exportsDir()) : []);
const exportAudits = async () =>
  (await t.backend.store.db.selectFrom('audit_log').select('id').where('action', '=', 'export').execute()).length;

it('reports progress, hands over the complete workbook once, and audits it', async () => {
  const progress: number[] = [];
  const off = t.backend.onEvent((e: BackendEvent) => {
    if (e.type === 'job' && e.job.kind === 'export' && e.job.state === 'running') progress.push(e.job.done);
  });
  const before = await exportAudits();
  const { jobId } = await t.ok('outcomes.export', {});
  await t.backend.services.jobs.wait(jobId);
  off();
  const job = await t.ok('jobs.exportFile', { jobId });
  expect(job).toMatchObject({ state: 'done', total: outcomes });
  expect(job.result).toMatchObject({ rows: outcomes, fileName: expect.stringMatching(/^outcomes-.*\.xlsx$/) });
  expect(progress.some((d) => d > 0 && d < outcomes)).toBe(true);
  const file = path.join(t.dir, 'job-export.xlsx');
  fs.writeFileSync(file, job.result!.bytes);
  const rows = execFileSync('/usr/bin/python3', [
    '-c',
    'import openpyxl,sys\nprint(openpyxl.load_workbook(sys.argv[1]).active.max_row)',
    file,
  ]).toString();
  expect(Number(rows)).toBeGreaterThan(outcomes);
  expect(await exportAudits()).toBe(before + 1);
  // Handed over once: the file is gone from the exports folder.
  expect(filesLeft()).toEqual([]);
  expect((await t.ok('jobs.exportFile', { jobId })).result).toBeNull();
});

it('Cancel leaves no file, partial or complete, and nothing in the audit log', async () => {
  const before = await exportAudits();
  const { jobId } = await t.ok('placements.export', {});
  await t.ok('jobs.cancel', { jobId });
  const ended = await t.backend.services.jobs.wait(jobId);
  expect(ended.state).toBe('cancelled');
  expect((await t.ok('jobs.exportFile', { jobId })).result).toBeNull();
  expect(filesLeft()).toEqual([]);
  expect(await exportAudits()).toBe(before);
});
