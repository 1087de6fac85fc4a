// Geography files arrive from the window in pieces (a postcode directory can be 1 GB, far too big
// for one message) and are written to a temporary file beside the store, loaded from there as a
// stream, then deleted. The files are ONS open data: nothing personal is written outside the store.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../../shared/result';

export interface Upload {
  id: string;
  fileName: string;
  file: string;
  received: number;
}

const uploadsByOwner = new WeakMap<object, Map<string, Upload>>();
const STALE_MS = 24 * 60 * 60 * 1000;

function uploads(owner: object): Map<string, Upload> {
  let m = uploadsByOwner.get(owner);
  if (!m) {
    m = new Map();
    uploadsByOwner.set(owner, m);
  }
  return m;
}

const folder = (dataDir: string) => path.join(dataDir, 'geography-uploads');

/** Appends a piece at `offset` (pieces arrive in order; a repeated piece is refused). */
export function receivePiece(
  owner: object,
  dataDir: string,
  input: { uploadId?: string | undefined; fileName: string; offset: number; bytes: Uint8Array },
): Upload {
  const all = uploads(owner);
  let upload = input.uploadId ? all.get(input.uploadId) : undefined;
  if (input.uploadId && !upload)
    throw new AppFailure('not-found', 'That file is no longer being received. Choose it again.');
  if (!upload) {
    if (input.offset !== 0) throw new AppFailure('validation', 'A file must be sent from its start.');
    const dir = folder(dataDir);
    fs.mkdirSync(dir, { recursive: true });
    removeStale(dir);
    const id = randomUUID();
    upload = { id, fileName: input.fileName, file: path.join(dir, `${id}.csv`), received: 0 };
    fs.writeFileSync(upload.file, new Uint8Array(0));
    all.set(id, upload);
  }
  if (input.offset !== upload.received)
    throw new AppFailure(
      'conflict',
      `Expected the file from byte ${upload.received}, got ${input.offset}. Choose it again.`,
    );
  fs.appendFileSync(upload.file, input.bytes);
  upload.received += input.bytes.length;
  return upload;
}

export function takeUpload(owner: object, id: string): Upload {
  const upload = uploads(owner).get(id);
  if (!upload || !fs.existsSync(upload.file))
    throw new AppFailure('not-found', 'That file is no longer here. Choose it again.');
  return upload;
}

export function discardUpload(owner: object, id: string): void {
  const all = uploads(owner);
  const upload = all.get(id);
  all.delete(id);
  if (upload) fs.rmSync(upload.file, { force: true });
}

function removeStale(dir: string): void {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
    } catch {
      // Gone already, or in use: the next upload tries again.
    }
  }
}
