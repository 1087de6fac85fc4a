// The worker thread that writes a large export's workbook (started by xlsx-worker-host.ts; its own
// bundle, backend/workers.ts): the rows arrive as the columns' plain values, a chunk at a
// time, and the workbook is built here by the one writer (writeXlsx) while the backend thread
// reads the next rows from the store. Each chunk taken is acknowledged, so the backend thread
// never sends more than a few ahead (xlsx-worker-host.ts).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeXlsx, type RawCell, type XlsxSheetSpec } from './xlsx-writer';

export interface XlsxWriteStart {
  task: 'write-xlsx';
  sheets: XlsxSheetSpec[];
  meta: { creator?: string; title?: string };
}

export type XlsxWriteRequest = { sheet: number; rows: RawCell[][] } | { sheet: number; done: true };

export type XlsxWriteReply = { taken: true } | { bytes: Uint8Array<ArrayBuffer> } | { bug: string };

/** One sheet's rows as they arrive: an async iterable the writer walks. */
class RowQueue {
  private chunks: RawCell[][][] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  push(rows: RawCell[][]) {
    this.chunks.push(rows);
    this.wake?.();
  }

  end() {
    this.ended = true;
    this.wake?.();
  }

  async *rows(taken: () => void): AsyncIterable<RawCell[]> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        yield* chunk;
        taken();
      } else if (this.ended) return;
      else {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    }
  }
}

function runXlsxWriter(start: XlsxWriteStart): void {
  const port = parentPort!;
  const queues = start.sheets.map(() => new RowQueue());
  port.on('message', (request: XlsxWriteRequest) => {
    const queue = queues[request.sheet]!;
    if ('done' in request) queue.end();
    else queue.push(request.rows);
  });
  const taken = () => port.postMessage({ taken: true } satisfies XlsxWriteReply);
  const sheets = start.sheets.map((spec, i) => ({
    ...spec,
    columns: spec.columns.map((column, j) => ({ ...column, value: (row: unknown) => (row as RawCell[])[j] })),
    rows: queues[i]!.rows(taken),
  }));
  writeXlsx(sheets, start.meta).then(
    (bytes) => port.postMessage({ bytes } satisfies XlsxWriteReply, [bytes.buffer]),
    (error: unknown) =>
      port.postMessage({ bug: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }),
  );
}

if (!isMainThread && (workerData as XlsxWriteStart | undefined)?.task === 'write-xlsx')
  runXlsxWriter(workerData as XlsxWriteStart);
