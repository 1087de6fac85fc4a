// A large export's workbook written in a worker thread (export/xlsx-worker-host.ts) is the same
// workbook, every part byte for byte (the zip's entry dates aside: the time of writing), as the one
// writer makes in the backend thread: every cell type, a preamble, two sheets, rows from a cursor
// and from an array, more chunks than may wait in the worker. A row source that fails (a cancelled
// export) fails the write with its own error. A grid's export at the
// threshold goes through it from the store, reads back in openpyxl, and stops on Cancel.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { writeXlsx, type XlsxSheet } from '../../db/features/export/xlsx-writer';
import { writeXlsxInWorker, xlsxWriterFor, XLSX_WORKER_FROM } from '../../db/features/export/xlsx-worker-host';
import { createTestBackend, type TestBackend } from '../support/backend';
import { outcomesView, placementsView } from '../../db/features/outcomes/exports.service';
import { writeGridView } from '../../db/features/outcomes/grid-export';
import { untracked, type RowTracker } from '../../db/features/export/export-job';
import { peopleWithOutcomes } from '../support/builders';
import { setLogSink } from '../../db/backend/log';

setLogSink(() => {});

interface Row {
  id: number;
  name: string;
  day: string | null;
  hours: number | null;
  share: number;
  verified: boolean;
}

const people: Row[] = Array.from({ length: 7_300 }, (_, i) => ({
  id: i + 1,
  name: i % 11 === 0 ? `=HYPERLINK("x") ${i}` : `Person ${i} 07700 900${String(i % 1000).padStart(3, '0')}`,
  day: i % 7 === 0 ? null : `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  hours: i % 5 === 0 ? null : 16 + (i % 30) / 2,
  share: (i % 100) / 100,
  verified: i % 3 === 0,
}));

function sheets(rows: () => Iterable<Row> | AsyncIterable<Row>, written: number[]): XlsxSheet<unknown>[] {
  const columns: XlsxSheet<Row>['columns'] = [
    { header: 'Id', type: 'integer', value: (r) => r.id },
    { header: 'Name', type: 'text', width: 30, value: (r) => r.name },
    { header: 'Day', type: 'date', value: (r) => r.day },
    { header: 'Hours', type: 'number', value: (r) => r.hours },
    { header: 'Share', type: 'percent', value: (r) => r.share },
    { header: 'Verified', type: 'boolean', value: (r) => r.verified },
  ];
  return [
    {
      name: 'People',
      columns,
      rows: rows(),
      preamble: ['People – Stevenage Works', 'Exported 05/12/2026'],
      landscape: true,
      written: (n) => written.push(n),
    },
    { name: 'Again', columns, rows: people.slice(0, 1_500), written: (n) => written.push(n) },
  ] as XlsxSheet<unknown>[];
}

/** Each part of a workbook (its zip's entries) as text. */
function parts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, part]) => [name, Buffer.from(part).toString()]),
  );
}

async function* cursor(rows: Row[], failAfter = Infinity): AsyncIterable<Row> {
  for (const [i, row] of rows.entries()) {
    if (i === failAfter) throw new Error('Export cancelled');
    yield row;
  }
}

describe('the workbook written in a worker thread', () => {
  it('is the same file as the one written in the backend thread', async () => {
    const here: number[] = [];
    const there: number[] = [];
    const inThread = await writeXlsx(
      sheets(() => cursor(people), here),
      { title: 'People' },
    );
    const inWorker = await writeXlsxInWorker(
      sheets(() => cursor(people), there),
      { title: 'People' },
    );
    expect(there).toEqual([7_300, 1_500]);
    expect(here).toEqual(there);
    expect(parts(inWorker)).toEqual(parts(inThread));
    // And from an array, as a small export's rows come.
    const fromArray = await writeXlsxInWorker(
      sheets(() => people, []),
      { title: 'People' },
    );
    expect(parts(fromArray)).toEqual(parts(inThread));
  });

  it('fails with the rows’ own error when they fail', async () => {
    await expect(
      writeXlsxInWorker(
        sheets(() => cursor(people, 2_500), []),
        {},
      ),
    ).rejects.toThrow('Export cancelled');
    await expect(
      writeXlsxInWorker(
        sheets(() => cursor(people, 0), []),
        {},
      ),
    ).rejects.toThrow('Export cancelled');
    // A column that throws is the writer's caller's bug: it fails the write too.
    const broken = sheets(() => people, []);
    broken[0]!.columns[1] = {
      header: 'Name',
      type: 'text',
      value: () => {
        throw new Error('no such column');
      },
    };
    await expect(writeXlsxInWorker(broken, {})).rejects.toThrow('no such column');
  });
});

describe('a grid export at the threshold', () => {
  // The export job passes the rows it counted as `total`; the threshold is given as the total
  // here, so a small store takes the worker's way (the job's glue is `xlsxWriterFor(total)`).
  let t: TestBackend;
  const outcomes = 1_300;
  const actor = { staffId: null, role: 'officer' as const, now: '2026-12-05T10:00:00.000Z', today: '2026-12-05' };
  const query = { search: '', filters: {}, sort: [], offset: 0, limit: 100 };
  beforeAll(async () => {
    t = await createTestBackend({ role: 'officer' });
    await peopleWithOutcomes(
      t.backend.store.db,
      outcomes,
      (i) => ({ reference: `SW-8${String(i).padStart(5, '0')}`, last_name: `Worker${i}` }),
      (i) => `2026-0${(i % 9) + 1}-01`,
    );
  }, 120_000);
  afterAll(() => t.close());

  it('is written in the worker from the threshold, the same workbook, read back by openpyxl', async () => {
    expect(xlsxWriterFor(XLSX_WORKER_FROM)).toBe(writeXlsxInWorker);
    expect(xlsxWriterFor(XLSX_WORKER_FROM - 1)).toBe(writeXlsx);
    const db = t.backend.store.db;
    const inWorker = await writeGridView(actor, outcomesView(db, actor, query), untracked, XLSX_WORKER_FROM);
    const inThread = await writeGridView(actor, outcomesView(db, actor, query), untracked, outcomes);
    expect(inWorker.rows).toBe(outcomes);
    expect(parts(inWorker.bytes)).toEqual(parts(inThread.bytes));
    const file = path.join(t.dir, 'worker-export.xlsx');
    fs.writeFileSync(file, inWorker.bytes);
    const [rows, last] = execFileSync('/usr/bin/python3', [
      '-c',
      'import openpyxl,sys\nws=openpyxl.load_workbook(sys.argv[1]).active\nprint(ws.max_row)\nprint(ws.cell(ws.max_row, 1).value)',
      file,
    ])
      .toString()
      .trim()
      .split('\n');
    // Three lines of preamble, a blank line and the header above the rows.
    expect(Number(rows)).toBe(outcomes + 5);
    expect(last).toMatch(/^SW-8\d{5}$/);
  });

  it('writes an empty view, and stops with the tracker’s error when cancelled part way', async () => {
    // As trackRows does on Cancel: the rows stop with an error after some were written.
    const cancelledAfter = (n: number): RowTracker =>
      async function* <R>(rows: Iterable<R> | AsyncIterable<R>) {
        let seen = 0;
        for await (const row of rows) {
          if (++seen > n) throw new Error('The export was cancelled.');
          yield row;
        }
      };
    const db = t.backend.store.db;
    await expect(
      writeGridView(actor, placementsView(db, actor, query), cancelledAfter(0), XLSX_WORKER_FROM),
    ).resolves.toMatchObject({ rows: 0 });
    await expect(
      writeGridView(actor, outcomesView(db, actor, query), cancelledAfter(1_100), XLSX_WORKER_FROM),
    ).rejects.toThrow('The export was cancelled.');
  });
});
