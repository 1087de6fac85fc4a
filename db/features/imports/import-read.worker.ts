// Entry of the worker thread that reads one untrusted partner file (import-read.host.ts starts
// it with a heap limit and a deadline). It answers with the sheets, or with the typed refusal
// (code + message) for the host to rethrow; anything else is a bug and goes back as such. The
// same bundle seals an import's audit entries (bulk-audit.worker.ts) when started for that task.
import { parentPort, workerData } from 'node:worker_threads';
import { ImportFileError, type FileKind } from './file-guard';
import { readImportFile, type ReadFile } from './import-read';
import type { SheetLimits } from './xlsx-reader';
import { runAuditSealer, type SealStart } from './bulk-audit.worker';

export interface ReadRequest {
  bytes: Uint8Array;
  fileName: string;
  kind: FileKind;
  limits: SheetLimits;
}

export type ReadReply =
  | { ok: true; file: ReadFile }
  | { ok: false; refusal: { code: ImportFileError['code']; message: string } }
  | { ok: false; bug: string };

function read({ bytes, fileName, kind, limits }: ReadRequest): ReadReply {
  try {
    return { ok: true, file: readImportFile(bytes, fileName, kind, limits) };
  } catch (error) {
    if (error instanceof ImportFileError) return { ok: false, refusal: { code: error.code, message: error.message } };
    // A string or array past V8's length limit is a file too big to hold, not a bug.
    if (error instanceof RangeError && /Invalid (string|array|typed array) length/.test(error.message))
      return { ok: false, refusal: { code: 'too-large', message: `"${fileName}" is too large to read safely.` } };
    return { ok: false, bug: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const data = workerData as ReadRequest | SealStart;
if ('task' in data && data.task === 'seal-audit') runAuditSealer(data);
else parentPort?.postMessage(read(data as ReadRequest));
