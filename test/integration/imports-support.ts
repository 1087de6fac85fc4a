// Helpers for the imports tests: run the open → preview → commit jobs through the channels
// and wait for each job, as the window does.
import { expect } from 'vitest';
import type { TestBackend } from '../support/backend';
import type { ImportProfileInput } from '../../shared/domain/import-profile';
import type { PreviewCounts, UploadInfo } from '../../shared/contract/imports.contract';

export async function waitJob<T>(t: TestBackend, jobId: string): Promise<T> {
  const job = await t.backend.services.jobs.wait(jobId);
  if (job.state !== 'done') throw new Error(`job ${job.kind} ${job.state}: ${job.message}`);
  return job.result as T;
}

export async function openFile(t: TestBackend, fileName: string, bytes: Uint8Array): Promise<UploadInfo> {
  const { jobId } = await t.ok('imports.open', { file: { fileName, bytes: bytes as Uint8Array<ArrayBuffer> } });
  return waitJob<UploadInfo>(t, jobId);
}

/** What the window shows for a refused file: the open call's refusal, or its job's failure. */
export async function openRefusal(t: TestBackend, fileName: string, bytes: Uint8Array): Promise<string> {
  const started = await t.call('imports.open', { file: { fileName, bytes } });
  if (!started.ok) {
    expect(started.error.kind).toBe('validation');
    expect(started.error.fields?.[0]?.path).toEqual(['file']);
    return started.error.message;
  }
  const job = await t.backend.services.jobs.wait((started.value as { jobId: string }).jobId);
  expect(job.state).toBe('failed');
  return job.message ?? '';
}

export async function preview(
  t: TestBackend,
  upload: UploadInfo,
  profile: ImportProfileInput,
  sheet = upload.sheets[0]!.name,
): Promise<{ previewId: string; counts: PreviewCounts }> {
  const { jobId } = await t.ok('imports.preview', { uploadId: upload.uploadId, sheet, profile: profile as never });
  return waitJob(t, jobId);
}

export async function commit(
  t: TestBackend,
  previewId: string,
): Promise<{ batchId: number; created: number; updated: number }> {
  const { jobId } = await t.ok('imports.commit', { previewId });
  return waitJob(t, jobId);
}

export { referralsProfile } from '../fixtures/imports/profiles';

export const messyProfile: ImportProfileInput = {
  name: 'JCP March',
  partner: 'Jobcentre Plus Stevenage',
  kind: 'participants',
  sheet: 'March referrals',
  columns: {
    ni_number: 'NI No',
    first_name: 'Forename',
    last_name: 'Surname',
    date_of_birth: 'DOB',
    referral_date: 'Referral date',
    referrer_name: 'Work coach',
    phone: 'Mobile',
    postcode: 'Postcode',
  },
  defaults: { referral_source: 'jcp' },
};
