// A large export's workbook written in a worker thread (xlsx-writer.worker.ts), by the same writer
// as a small one: this thread walks the rows (a cursor over the store), takes each column's plain
// value and sends them a chunk at a time, while the worker builds the sheet's XML and zips it.
// Reading the rows and writing the workbook then overlap, and the backend thread is free between
// chunks for other requests. At most a few chunks are in flight: the store is not read faster
// than the workbook is written, so a big export holds a few thousand rows, not all of them.
import { Worker } from 'node:worker_threads';
import { workerScript } from '../../backend/workers';
import { writeXlsx, type RawCell, type XlsxSheet } from './xlsx-writer';
import type { XlsxWriteReply, XlsxWriteRequest, XlsxWriteStart } from './xlsx-writer.worker';

/** Rows from which an export's workbook is written in the worker: below it, starting the worker
 * costs more than the overlap saves. A new worker starts cold (ExcelJS loaded and compiled
 * afresh): on the 2-core host, 19,000 outcomes took 400–425 ms through it against 245–285 in this
 * thread, 191,000 took 2,150–2,450 against 2,570–3,020; the two lines cross near 60,000. */
export const XLSX_WORKER_FROM = 60_000;

/** The writer for an export of about `rows` rows: the worker's from XLSX_WORKER_FROM, else this
 * thread's. Either makes the same workbook. */
export function xlsxWriterFor(rows: number): typeof writeXlsx {
  return rows >= XLSX_WORKER_FROM ? writeXlsxInWorker : writeXlsx;
}

/** Rows sent to the worker at a time, and how many such chunks may wait there. */
const CHUNK_ROWS = 1_000;
const CHUNKS_IN_FLIGHT = 4;

export async function writeXlsxInWorker(
  sheets: XlsxSheet<unknown>[],
  meta: { creator?: string; title?: string } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const { script, isCode } = await workerScript('xlsx-writer');
  const start: XlsxWriteStart = {
    task: 'write-xlsx',
    sheets: sheets.map(({ rows: _rows, written: _written, columns, ...spec }) => ({
      ...spec,
      columns: columns.map(({ value: _value, ...column }) => column),
    })),
    meta,
  };
  const worker = new Worker(script, { eval: isCode, workerData: start });
  let inFlight = 0;
  let chunkTaken: (() => void) | null = null;
  const finished = new Promise<Uint8Array<ArrayBuffer>>((resolve, reject) => {
    worker.on('message', (reply: XlsxWriteReply) => {
      if ('taken' in reply) {
        inFlight--;
        chunkTaken?.();
      } else if ('bytes' in reply) resolve(reply.bytes);
      else reject(new Error(`The workbook could not be written: ${reply.bug}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The workbook writer stopped (exit code ${code}).`)));
  });
  // Awaited below, or dropped when the rows fail (a cancelled export): not an unhandled rejection.
  finished.catch(() => {});
  const post = (request: XlsxWriteRequest) => worker.postMessage(request);
  try {
    for (const [index, sheet] of sheets.entries()) {
      let chunk: RawCell[][] = [];
      let count = 0;
      const send = async () => {
        while (inFlight >= CHUNKS_IN_FLIGHT)
          await Promise.race([new Promise<void>((resolve) => (chunkTaken = resolve)), finished]);
        inFlight++;
        post({ sheet: index, rows: chunk });
        chunk = [];
      };
      const add = (row: unknown) => {
        chunk.push(sheet.columns.map((column) => column.value(row)));
        count++;
      };
      if (Symbol.iterator in (sheet.rows as object))
        for (const row of sheet.rows as Iterable<unknown>) {
          add(row);
          if (chunk.length >= CHUNK_ROWS) await send();
        }
      else
        for await (const row of sheet.rows as AsyncIterable<unknown>) {
          add(row);
          if (chunk.length >= CHUNK_ROWS) await send();
        }
      if (chunk.length) await send();
      post({ sheet: index, done: true });
      sheet.written?.(count);
    }
    return await finished;
  } finally {
    void worker.terminate();
  }
}
