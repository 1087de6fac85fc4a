// Reads an untrusted partner file in a worker thread with a heap limit and a deadline, so a
// hostile file can cost that worker its life but never stop the backend: past the deadline
// the worker is terminated, past the heap limit V8 stops it, and either way the caller gets a
// typed ImportFileError it can show. One worker per file; it ends when the file is read.
import { Worker } from 'node:worker_threads';
import { ImportFileError, importLimits, type FileKind } from './file-guard';
import type { ReadFile } from './import-read';
import type { ReadReply, ReadRequest } from './import-read.worker';
import { workerScript } from '../../backend/workers';

export interface ReadOptions {
  timeoutMs?: number;
  memoryMb?: number;
}

export async function readInWorker(
  bytes: Uint8Array,
  fileName: string,
  kind: FileKind,
  options: ReadOptions = {},
): Promise<ReadFile> {
  const timeoutMs = options.timeoutMs ?? importLimits.readTimeoutMs;
  const memoryMb = options.memoryMb ?? importLimits.readMemoryMb;
  const { script, isCode } = await workerScript('import-read');
  // The worker gets its own copy of the bytes (moved, not cloned again).
  const own = bytes.slice();
  const request: ReadRequest = {
    bytes: own,
    fileName,
    kind,
    limits: { maxCells: importLimits.maxCells, maxGridCells: importLimits.maxGridCells },
  };
  return new Promise<ReadFile>((resolve, reject) => {
    const worker = new Worker(script, {
      eval: isCode,
      workerData: request,
      transferList: [own.buffer as ArrayBuffer],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new ImportFileError(
              'too-slow',
              `This file took too long to read: "${fileName}" was still being read after ` +
                `${(timeoutMs / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} seconds, so it was stopped. ` +
                'It may be damaged, or far larger than partner files usually are. ' +
                'Save just the sheet you need as a new workbook and import that.',
            ),
          ),
        ),
      timeoutMs,
    );
    worker.once('message', (reply: ReadReply) =>
      settle(() => {
        if (reply.ok) resolve(reply.file);
        else if ('refusal' in reply) reject(new ImportFileError(reply.refusal.code, reply.refusal.message));
        else reject(new Error(`Reading "${fileName}" failed: ${reply.bug}`));
      }),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new ImportFileError(
                'too-large',
                `"${fileName}" is too large to read safely: reading it needed more than ${memoryMb} MB of memory, ` +
                  'so it was stopped. Save just the sheet you need as a new workbook, or split the file, and import that.',
              )
            : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() => reject(new Error(`The file reader stopped early (exit code ${code}).`))),
    );
  });
}
