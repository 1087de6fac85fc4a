// Jobs record who started them: only that staff member or an administrator cancels one. (A viewer
// could cancel anyone's import or demo load by its id before.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { createJobRunner } from '../../db/backend/jobs';

let t: TestBackend;
beforeAll(async () => {
  t = await createTestBackend();
});
afterAll(() => t.close());

async function signIn(client: string, role: 'viewer' | 'officer' | 'administrator', name: string) {
  const staff = await t.backend.store.db
    .insertInto('staff')
    .values({
      display_name: name,
      email: null,
      role,
      password_hash: null,
      locked_until: null,
      created_at: '2026-01-01',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const started = await t.backend.call(client, 'session.start', { staffId: staff.id });
  if (!started.ok) throw new Error(started.error.message);
}

describe('cancelling a job', () => {
  it('through the channel: a viewer and an officer are refused, the administrator who started it cancels it', async () => {
    await signIn('viewer', 'viewer', 'Vee Viewer');
    await signIn('officer', 'officer', 'Olu Officer');
    const { jobId } = await t.ok('demo.load', { participants: 3000, seed: 5 });
    for (const client of ['viewer', 'officer']) {
      const refused = await t.backend.call(client, 'jobs.cancel', { jobId });
      expect(refused.ok ? 'ok' : refused.error, client).toMatchObject({
        kind: 'forbidden',
        message: 'Only the person who started this job, or an administrator, can cancel it.',
      });
    }
    await t.ok('jobs.cancel', { jobId });
    expect((await t.backend.services.jobs.wait(jobId)).state).toBe('cancelled');
    const again = await t.call('jobs.cancel', { jobId });
    expect(again.ok ? 'ok' : again.error.kind).toBe('not-found');
  });

  it('the rule: the owner or any administrator, nobody else', async () => {
    const runner = createJobRunner(() => {});
    const forever = () => new Promise<never>(() => {});
    const job = runner.start('test', 'Test', forever, 7);
    expect(runner.cancel(job, { staffId: 8, isAdministrator: false })).toBe('not-yours');
    expect(runner.cancel(job, { staffId: null, isAdministrator: false })).toBe('not-yours');
    expect(runner.cancel(job, { staffId: 7, isAdministrator: false })).toBe('cancelled');
    const other = runner.start('test', 'Test', forever, 7);
    expect(runner.cancel(other, { staffId: 9, isAdministrator: true })).toBe('cancelled');
    // A job nobody started (the backend's own) only an administrator cancels.
    const own = runner.start('test', 'Test', forever);
    expect(runner.cancel(own, { staffId: null, isAdministrator: false })).toBe('not-yours');
    expect(runner.cancel('no-such-job', { staffId: 7, isAdministrator: true })).toBe('not-running');
  });
});
