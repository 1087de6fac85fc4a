// Loads the synthetic ONS files (test/fixtures/geography) through the channels as the Settings
// screen does: the file in pieces, then the load job.
import fs from 'node:fs';
import path from 'node:path';
import type { TestBackend } from './backend';

export const GEOGRAPHY_FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'geography');

export const fixtureFiles = {
  nspl: 'NSPL21_FEB_2025_UK_synthetic.csv',
  onspd: 'ONSPD_NOV_2024_UK_synthetic.csv',
  iod2019: 'IoD2019_File_1_IMD_synthetic.csv',
  iod2025: 'IoD2025_File_1_IMD_synthetic.csv',
  wardNames: 'WD24_names_MAY_2024_synthetic.csv',
  laNames: 'LAD24_names_MAY_2024_synthetic.csv',
} as const;

/** Sends `bytes` in pieces of `piece` bytes; returns the upload id. */
export async function uploadGeography(t: TestBackend, fileName: string, bytes: Uint8Array, piece = 64 * 1024) {
  let uploadId: string | undefined;
  for (let offset = 0; offset < bytes.length || offset === 0; offset += piece) {
    const r = await t.ok('geography.upload', {
      ...(uploadId ? { uploadId } : {}),
      fileName,
      offset,
      bytes: bytes.subarray(offset, offset + piece) as Uint8Array<ArrayBuffer>,
    });
    uploadId = r.uploadId;
    if (bytes.length === 0) break;
  }
  return uploadId!;
}

export async function loadGeography(
  t: TestBackend,
  fileName: string,
  options: { bytes?: Uint8Array; fileDate?: string } = {},
) {
  const bytes = options.bytes ?? fs.readFileSync(path.join(GEOGRAPHY_FIXTURES, fileName));
  const uploadId = await uploadGeography(t, fileName, bytes);
  const { jobId } = await t.ok('geography.load', {
    uploadId,
    ...(options.fileDate ? { fileDate: options.fileDate } : {}),
  });
  const job = await t.backend.services.jobs.wait(jobId);
  if (job.state !== 'done') throw new Error(`geography load ${job.state}: ${job.message}`);
  return job.result as {
    versionId: number;
    rows: number;
    skipped: number;
    replaced: number[];
    recomputed: { people: number; eligibilityChanged: number } | null;
  };
}

/** The postcode directory, IoD 2025 and the names: what the demo loads. */
export async function loadSyntheticGeography(t: TestBackend) {
  await loadGeography(t, fixtureFiles.wardNames);
  await loadGeography(t, fixtureFiles.laNames);
  await loadGeography(t, fixtureFiles.iod2025);
  await loadGeography(t, fixtureFiles.nspl);
}
