// Child process for imports-kill.test.ts: imports a large workbook into a store and reports its
// phases on stdout, so the parent can kill it with SIGKILL at random points, commit included.
import fs from 'node:fs';
import { createBackend } from '../../db/backend/backend';
import { setLogSink } from '../../db/backend/log';

const [file, workbook] = process.argv.slice(2) as [string, string];
setLogSink(() => {});
const say = (s: string) => process.stdout.write(`${s}\n`);
const backend = await createBackend({ file, key: null });
const staff = await backend.store.db.selectFrom('staff').select('id').executeTakeFirstOrThrow();
await backend.call('kill', 'session.start', { staffId: staff.id, password: 'a long kill test password 1' });
const wait = async (jobId: string) => {
  const j = await backend.services.jobs.wait(jobId);
  if (j.state !== 'done') throw new Error(j.message);
  return j.result as Record<string, unknown>;
};
const call = async (channel: string, input: unknown) => {
  const r = await backend.call('kill', channel as never, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { jobId: string };
};
say('opening');
const upload = (await wait(
  (await call('imports.open', { file: { fileName: 'big.xlsx', bytes: new Uint8Array(fs.readFileSync(workbook)) } }))
    .jobId,
)) as { uploadId: string; sheets: Array<{ name: string }> };
say('previewing');
const profile = {
  name: 'kill',
  partner: 'Kill test',
  kind: 'participants',
  columns: {
    ni_number: 'NI Number',
    first_name: 'First name',
    last_name: 'Surname',
    date_of_birth: 'Date of birth',
    phone: 'Phone',
    postcode: 'Postcode',
    referral_date: 'Referral date',
  },
};
const preview = (await wait(
  (await call('imports.preview', { uploadId: upload.uploadId, sheet: upload.sheets[0]!.name, profile })).jobId,
)) as { previewId: string };
say('committing');
await wait((await call('imports.commit', { previewId: preview.previewId })).jobId);
say('committed');
await backend.close();
say('closed');
