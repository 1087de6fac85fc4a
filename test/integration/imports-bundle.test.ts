// The app's own bundle reads partner files in its bundled worker: scripts/build.mjs builds the
// backend and its workers beside it, and a driver plays Electron's utility-process port to open a
// store and import through the built backend.cjs, as the packaged app does. The bundled workbook
// writer writes a workbook from rows sent to it.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { unzipSync } from 'fflate';
import * as fx from '../fixtures/imports/generate';
import { WORKERS } from '../../scripts/cli-build.mjs';
import { workerNames } from '../../db/backend/workers';
import type { XlsxWriteReply, XlsxWriteRequest, XlsxWriteStart } from '../../db/features/export/xlsx-writer.worker';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Inside the repository, so the bundle's external better-sqlite3 resolves from node_modules.
const out = path.join(root, '.tmp', `bundle-test-${process.pid}`);
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const driver = String.raw`
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const path = require('node:path');
const port = new EventEmitter();
const replies = [];
let wake = () => {};
process.parentPort = {
  on: (event, listener) => port.on(event, listener),
  postMessage: (message) => { replies.push(message); wake(); },
};
require(path.join(__dirname, 'backend.cjs'));
const send = (data) => port.emit('message', { data });
async function reply(matches) {
  for (;;) {
    const i = replies.findIndex(matches);
    if (i >= 0) return replies.splice(i, 1)[0];
    await new Promise((resolve) => (wake = resolve));
  }
}
let id = 0;
async function call(channel, input) {
  const n = ++id;
  send({ type: 'call', id: n, clientId: 'bundle-test', channel, input });
  return (await reply((m) => m.type === 'result' && m.id === n)).result;
}
(async () => {
  const [store, ...files] = process.argv.slice(2);
  send({ type: 'open', file: store, key: null });
  const opened = await reply((m) => m.type === 'opened');
  if (!opened.ok) throw new Error(opened.message);
  await call('staff.createFirst', { displayName: 'Bundle Test', password: 'a long bundle test password 1' });
  const results = {};
  for (const file of files) {
    const started = await call('imports.open', { file: { fileName: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) } });
    let job = started;
    while (job.ok && (job.value.state === undefined || job.value.state === 'running')) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await call('imports.job', { jobId: started.value.jobId });
    }
    results[path.basename(file)] = job.ok ? job.value : job.error;
  }
  send({ type: 'close' });
  await reply((m) => m.type === 'closed');
  process.stdout.write(JSON.stringify(results));
  process.exit(0);
})().catch((error) => { console.error(error); process.exit(1); });
`;

describe('the bundled backend', () => {
  it('reads a workbook in its bundled worker, and refuses a hostile one there', async () => {
    execFileSync(process.execPath, ['scripts/build.mjs', '--backend', '--outdir', out], { cwd: root, stdio: 'pipe' });
    // Every worker the backend starts (backend/workers.ts) is a file beside it.
    expect(Object.keys(WORKERS).sort()).toEqual([...workerNames].sort());
    for (const { file } of Object.values(WORKERS)) expect(fs.existsSync(path.join(out, file))).toBe(true);
    fs.writeFileSync(path.join(out, 'driver.cjs'), driver);
    fs.writeFileSync(path.join(out, 'messy.xlsx'), await fx.messyReferralsWorkbook());
    fs.writeFileSync(path.join(out, 'bomb.xlsx'), fx.rowIndexBomb());
    const stdout = execFileSync(
      process.execPath,
      [
        path.join(out, 'driver.cjs'),
        path.join(out, 'store.sqlite'),
        path.join(out, 'messy.xlsx'),
        path.join(out, 'bomb.xlsx'),
      ],
      { cwd: out, stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString();
    const results = JSON.parse(stdout) as Record<string, { state: string; message: string | null; result: unknown }>;
    expect(results['messy.xlsx']).toMatchObject({
      state: 'done',
      result: {
        fileName: 'messy.xlsx',
        sheets: [
          { name: 'Notes', hidden: false },
          { name: 'March referrals', hidden: false },
        ],
      },
    });
    expect(results['bomb.xlsx']).toMatchObject({ state: 'failed' });
    expect(results['bomb.xlsx']!.message).toMatch(/row 4000000 on sheet "S" is beyond Excel's last row/);
  });

  it('writes a workbook in its bundled workbook writer, as a large export does', async () => {
    // Built by the test above; started as xlsx-worker-host.ts starts it, with two chunks of rows.
    const start: XlsxWriteStart = {
      task: 'write-xlsx',
      sheets: [
        {
          name: 'People',
          columns: [
            { header: 'Name', type: 'text' },
            { header: 'Day', type: 'date' },
          ],
        },
      ],
      meta: { title: 'Bundle test' },
    };
    const worker = new Worker(path.join(out, WORKERS['xlsx-writer'].file), { workerData: start });
    const bytes = await new Promise<Uint8Array>((resolve, reject) => {
      worker.on('message', (reply: XlsxWriteReply) => {
        if ('bytes' in reply) resolve(reply.bytes);
        else if ('bug' in reply) reject(new Error(reply.bug));
      });
      worker.once('error', reject);
      const send = (request: XlsxWriteRequest) => worker.postMessage(request);
      send({ sheet: 0, rows: [['Ada Lovelace', '2026-03-02']] });
      send({ sheet: 0, rows: [['Bo Diddley', null]] });
      send({ sheet: 0, done: true });
    });
    await worker.terminate();
    const sheet = Buffer.from(unzipSync(bytes)['xl/worksheets/sheet1.xml']!).toString();
    expect(sheet).toContain('Ada Lovelace');
    expect(sheet).toContain('Bo Diddley');
  });
});
