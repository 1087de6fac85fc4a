// Reads an ONS geography file as a stream: the header row first (which file it is, from
// shared/domain/geography.ts), then the rows one by one through csv-parse, never the whole file
// in memory (a full NSPL is about 2.7 million rows, 1 GB). Every value stays text. Counts the
// bytes read for progress and hashes them as they pass.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse';
import { detectLookupFile, type DetectedFile } from '../../../shared/domain/geography';

export interface LookupFile {
  header: string[];
  detected: DetectedFile;
  size: number;
  /** The rows after the header, each as text cells. */
  rows(): AsyncGenerator<string[]>;
  bytesRead(): number;
  /** The file's SHA-256, once every row has been read. */
  sha256(): string | null;
  close(): void;
}

export async function openLookupFile(file: string, fileName: string): Promise<LookupFile> {
  const size = fs.statSync(file).size;
  const input = fs.createReadStream(file, { highWaterMark: 1024 * 1024 });
  const hash = createHash('sha256');
  let bytes = 0;
  let digest: string | null = null;
  input.on('data', (chunk) => {
    bytes += chunk.length;
    hash.update(chunk);
  });
  input.on('end', () => {
    digest = hash.digest('hex');
  });
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      max_record_size: 1_000_000,
    }),
  );
  const iterator: AsyncIterator<string[]> = parser[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = first.done ? [] : first.value;
  const close = () => {
    input.destroy();
    parser.destroy();
  };
  return {
    header,
    detected: detectLookupFile(header, `"${fileName}"`),
    size,
    async *rows() {
      try {
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      } finally {
        close();
      }
    },
    bytesRead: () => bytes,
    sha256: () => digest,
    close,
  };
}
