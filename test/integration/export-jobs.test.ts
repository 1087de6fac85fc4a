// Every export as a job through the one writer (db/features/export/export-job.ts): the participants
// grid (with the special-category purpose asked before the job starts), the funder return workbook
// and its evidence pack. Each reports progress, hands the complete workbook over once (read back
// by openpyxl) and audits it once; Cancel leaves no file, partial or complete, and no audit entry.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBackend, tempDir, type TestBackend } from '../support/backend';
import { aParticipant, peopleWithOutcomes } from '../support/builders';
import { setIdOf, withVersionOneRules } from '../support/returns-builders';
import { setLogSink } from '../../db/backend/log';
import type { BackendEvent } from '../../shared/events';

setLogSink(() => {});
let t: TestBackend;
let setId: number;
const people = 1_100;
const H1 = { from: '2025-04-01', to: '2025-09-30' };

beforeAll(async () => {
  t = await createTestBackend();
  const db = t.backend.store.db;
  await peopleWithOutcomes(
    db,
    people,
    (i) => ({
      reference: `SW-8${String(i).padStart(5, '0')}`,
      last_name: `Jobber${i}`,
      eligibility_status: 'eligible',
      start_date: '2025-04-01',
      ethnicity: 'black_african',
    }),
    () => '2025-05-01',
  );
  // Version 1's rules count whatever funds the items, so every outcome above is a claim line.
  await withVersionOneRules(t, db, 'UKSPF-PS');
  setId = await setIdOf(db, 'UKSPF-PS');
}, 120_000);
afterAll(() => t.close());

const exportsDir = () => path.join(t.backend.services.dataDir, 'exports');
const filesLeft = () => (fs.existsSync(exportsDir()) ? fs.readdirSync(exportsDir()) : []);
const exportAudits = async () =>
  t.backend.store.db.selectFrom('audit_log').select(['entity', 'summary']).where('action', '=', 'export').execute();

/** Starts an export and runs it to its end, with the progress events it sent (JobsProgress's). */
async function finish(start: () => Promise<{ jobId: string }>) {
  const progress: { done: number; message: string | undefined }[] = [];
  const events: object[] = [];
  const off = t.backend.onEvent((e: BackendEvent) => {
    if (e.type === 'job' && e.job.kind === 'export') events.push(e.job);
    if (e.type === 'job' && e.job.kind === 'export' && e.job.state === 'running')
      progress.push({ done: e.job.done, message: e.job.message });
  });
  const { jobId } = await start();
  await t.backend.services.jobs.wait(jobId);
  off();
  // Events go to every window: none carries the job's result (its file's name and extras).
  expect(events.length).toBeGreaterThan(0);
  expect(events.filter((e) => 'result' in e)).toEqual([]);
  return { jobId, progress, job: await t.ok('jobs.exportFile', { jobId }) };
}

const openpyxl = (file: string, script: string) =>
  execFileSync('/usr/bin/python3', [
    '-c',
    `import openpyxl,sys\nws=openpyxl.load_workbook(sys.argv[1]).active\n${script}`,
    file,
  ])
    .toString()
    .trim();

function saved(name: string, bytes: Uint8Array): string {
  const file = path.join(t.dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

describe('participants', () => {
  const view = { search: '', sort: [{ colId: 'reference', sort: 'asc' as const }], filters: {} };

  it('reports progress per 500 rows, hands over the whole view once and audits it', async () => {
    const before = (await exportAudits()).length;
    const { jobId, progress, job } = await finish(() =>
      t.ok('participants.export', { ...view, columns: ['reference', 'lastName'] }),
    );
    // Every row went through the tracker (its last word); events are throttled to 10 a second, so
    // the 500-row cadence itself is test/unit/export-job.test.ts's.
    expect(job).toMatchObject({ state: 'done', done: people, total: people, message: 'Writing the file' });
    expect(progress.length).toBeGreaterThan(0);
    expect(job.result).toMatchObject({ rows: people, specialCategoryHidden: false });
    const file = saved('participants-job.xlsx', job.result!.bytes);
    // Header plus every person, in the view's order, with the chosen columns only.
    expect(openpyxl(file, 'print(ws.max_row, ws.max_column, ws.cell(2,1).value, ws.cell(ws.max_row,2).value)')).toBe(
      `${people + 1} 2 SW-800000 Jobber${people - 1}`,
    );
    const audits = await exportAudits();
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)).toMatchObject({ entity: 'participants' });
    expect(filesLeft()).toEqual([]);
    expect((await t.ok('jobs.exportFile', { jobId })).result).toBeNull(); // handed over once
  });

  it('asks why before a job with ethnic group starts, and keeps the purpose with the export', async () => {
    const before = (await exportAudits()).length;
    const refused = await t.backend.call('test', 'participants.export', {
      ...view,
      columns: ['reference', 'ethnicity'],
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.fields?.[0]?.path).toEqual(['purpose']);
    expect(t.backend.services.jobs.list().filter((j) => j.label === 'Exporting participants')).toHaveLength(1);
    const { job } = await finish(() =>
      t.ok('participants.export', {
        ...view,
        search: 'SW-800010', // one person, by reference
        columns: ['reference', 'ethnicity'],
        purpose: 'Equality monitoring for the return',
      }),
    );
    expect(job.state).toBe('done');
    const file = saved('participants-special.xlsx', job.result!.bytes);
    expect(openpyxl(file, 'print(ws.cell(1,2).value, ws.cell(2,2).value)')).toBe('Ethnic group African');
    const audits = await exportAudits();
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)!.summary).toContain('Purpose: Equality monitoring for the return');
  });

  it('Cancel leaves no file and nothing in the audit log', async () => {
    const before = (await exportAudits()).length;
    const { job } = await finish(async () => {
      const started = await t.ok('participants.export', { ...view, columns: ['reference', 'lastName'] });
      await t.ok('jobs.cancel', started);
      return started;
    });
    expect(job.state).toBe('cancelled');
    expect(job.result).toBeNull();
    expect(filesLeft()).toEqual([]);
    expect((await exportAudits()).length).toBe(before);
  });
});

describe('funder return workbook and evidence pack', () => {
  const asked = { ...H1, purpose: 'Quarterly claim to the funder' };

  it('the evidence pack reports its stages and claim lines, is read back whole and audited once', async () => {
    const before = (await exportAudits()).length;
    const { progress, job } = await finish(() => t.ok('returns.export', { ...asked, setId, part: 'evidence' }));
    expect(job.state).toBe('done');
    expect(progress.length).toBeGreaterThan(0);
    const lines = job.result!.rows!;
    expect(job).toMatchObject({ done: lines, total: lines, message: 'Writing the file' });
    expect(lines).toBeGreaterThanOrEqual(people);
    const file = saved('evidence-job.xlsx', job.result!.bytes);
    // Five preamble lines, a blank line and the header above the claim lines.
    expect(Number(openpyxl(file, 'print(ws.max_row)'))).toBe(lines + 7);
    const audits = await exportAudits();
    expect(audits.length).toBe(before + 1);
    expect(audits.at(-1)).toMatchObject({ entity: 'return' });
    expect(filesLeft()).toEqual([]);
  });

  it('the aggregate return workbook is handed over and audited', async () => {
    const before = (await exportAudits()).length;
    const { progress, job } = await finish(() => t.ok('returns.export', { ...asked, setId, part: 'aggregate' }));
    expect(job.state).toBe('done');
    expect(job.message).toBe('Writing the workbook');
    expect(progress.length).toBeGreaterThan(0);
    const file = saved('return-job.xlsx', job.result!.bytes);
    expect(openpyxl(file, 'print(ws.parent.sheetnames[0])')).toBeTruthy();
    expect((await exportAudits()).length).toBe(before + 1);
  });

  it('Cancel leaves no file and nothing in the audit log', async () => {
    const before = (await exportAudits()).length;
    const { job } = await finish(async () => {
      const started = await t.ok('returns.export', { ...asked, setId, part: 'evidence' });
      await t.ok('jobs.cancel', started);
      return started;
    });
    expect(job.state).toBe('cancelled');
    expect(job.result).toBeNull();
    expect(filesLeft()).toEqual([]);
    expect((await exportAudits()).length).toBe(before);
  });
});

describe('the file outside the store until it is collected', () => {
  it('is private to the user, and removed as the backend closes if nobody collected it', async () => {
    // A SQLite file of its own (on either run), so the backend can be closed here and looked after.
    const other = await createTestBackend({ file: path.join(tempDir(), 'closing.sqlite') });
    await aParticipant(other.backend.store.db);
    const started = await other.ok('participants.export', { columns: ['reference'] });
    await other.backend.services.jobs.wait(started.jobId);
    const dir = path.join(other.backend.services.dataDir, 'exports');
    const [name] = fs.readdirSync(dir);
    expect(name).toMatch(/\.xlsx\.sealed$/);
    if (process.platform !== 'win32') expect(fs.statSync(path.join(dir, name!)).mode & 0o777).toBe(0o600);
    await other.backend.close();
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.rmSync(other.dir, { recursive: true, force: true });
  });

  it('is removed by the next backend in the folder once a day old, after a crash left it', async () => {
    const dir = path.join(tempDir(), 'exports');
    fs.mkdirSync(dir);
    const day = 24 * 60 * 60 * 1000;
    const old = path.join(dir, 'left-by-a-crash.xlsx');
    const recent = path.join(dir, 'another-backend-running.xlsx');
    const notOurs = path.join(dir, 'notes.txt');
    for (const f of [old, recent, notOurs]) fs.writeFileSync(f, 'x');
    const yesterday = new Date(Date.now() - day - 60_000);
    fs.utimesSync(old, yesterday, yesterday);
    fs.utimesSync(notOurs, yesterday, yesterday);
    const next = await createTestBackend({ dataDir: path.dirname(dir) });
    expect(fs.readdirSync(dir).sort()).toEqual(['another-backend-running.xlsx', 'notes.txt']);
    await next.close();
  });
});
