// The backend's gate: unknown channels, signed-out callers and too-low roles are refused before
// any handler runs; errors come back as data; jobs report progress and can be cancelled.
import { afterEach, describe, expect, it } from 'vitest';
import { sqlRun } from '../support/store-sql';
import { createTestBackend, type TestBackend } from '../support/backend';
import { createJobRunner, JobCancelled } from '../../db/backend/jobs';
import type { BackendEvent } from '../../shared/events';
import { chainHash, GENESIS_HASH } from '../../db/features/audit/audit.repository';
import { readServerChainKeys } from '../../db/store/team-roles';
import { isPostgresRun } from '../support/test-store';

let t: TestBackend;
afterEach(async () => t?.close());

describe('the backend gate', () => {
  it('refuses unknown channels and signed-out callers', async () => {
    t = await createTestBackend();
    expect(await t.backend.dispatch('x', 'nope.nothing', {})).toMatchObject({
      ok: false,
      error: { kind: 'validation' },
    });
    expect(await t.backend.dispatch('stranger', 'participants.page', {})).toMatchObject({
      ok: false,
      error: { kind: 'unauthenticated' },
    });
    expect(await t.backend.dispatch('stranger', 'app.info', {})).toMatchObject({ ok: true });
  });

  it('refuses a viewer on an administrator channel', async () => {
    t = await createTestBackend({ role: 'viewer' });
    expect(await t.call('demo.load', { participants: 10 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  it('returns validation errors with field paths', async () => {
    t = await createTestBackend();
    const result = await t.call('demo.load', { participants: 'many' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'validation', fields: [{ path: ['participants'] }] } });
  });

  it('refuses a second first administrator', async () => {
    t = await createTestBackend();
    expect(await t.call('staff.createFirst', { displayName: 'Someone Else' })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    });
  });

  it('loads demo data as a job with progress events, then lists it', async () => {
    t = await createTestBackend();
    const events: BackendEvent[] = [];
    t.backend.onEvent((e) => events.push(e));
    const { jobId } = await t.ok('demo.load', { participants: 120, seed: 7 });
    const job = await t.backend.services.jobs.wait(jobId);
    expect(job.state).toBe('done');
    expect(events.some((e) => e.type === 'job' && e.job.state === 'done')).toBe(true);
    const page = await t.ok('participants.page', { limit: 50 });
    expect(page.total).toBe(120);
    expect(page.rows).toHaveLength(50);
    expect(page.rows[0]!.reference).toBe('SW-000001');
    // Deterministic: the same seed gives the same people.
    const again = await createTestBackend();
    const j2 = await again.ok('demo.load', { participants: 120, seed: 7 });
    await again.backend.services.jobs.wait(j2.jobId);
    expect((await again.ok('participants.page', { limit: 50 })).rows.map((r) => r.lastName)).toEqual(
      page.rows.map((r) => r.lastName),
    );
    await again.close();
  });

  it('refuses demo data on a programme that already has people, loading nothing', async () => {
    t = await createTestBackend();
    const first = await t.ok('demo.load', { participants: 20 });
    await t.backend.services.jobs.wait(first.jobId);
    const second = await t.ok('demo.load', { participants: 20 });
    const job = await t.backend.services.jobs.wait(second.jobId);
    expect(job.state).toBe('failed');
    expect((await t.ok('participants.page', {})).total).toBe(20);
  });
});

describe('jobs', () => {
  it('cancel stops the work and reports it', async () => {
    const events: BackendEvent[] = [];
    const runner = createJobRunner((e) => events.push(e));
    const id = runner.start('test', 'Counting', async (job) => {
      for (let i = 0; i < 1000; i++) {
        job.throwIfCancelled();
        await job.progress(i, 1000);
        await new Promise((r) => setTimeout(r, 2));
      }
      return 'finished';
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(runner.cancel(id, { staffId: null, isAdministrator: true })).toBe('cancelled');
    const done = await runner.wait(id);
    expect(done.state).toBe('cancelled');
    expect(done.done).toBeGreaterThan(0);
    expect(done.done).toBeLessThan(1000);
    expect(events.at(-1)).toMatchObject({ type: 'job', job: { state: 'cancelled' } });
    expect(new JobCancelled().message).toBe('Cancelled');
  });
});

describe('the audit log', () => {
  it('chains every entry to the one before and refuses edits and deletions', async () => {
    t = await createTestBackend();
    const rows = await t.backend.store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows.length).toBeGreaterThan(0);
    // A team database started empty is keyed by the server from its first administrator on
    // (team-audit-chain.test.ts): its entries from then are HMACs under the server's key.
    const serverKeys = await readServerChainKeys(t.backend.store.db);
    const keyFor = (id: number) =>
      Array.isArray(serverKeys) ? (serverKeys.findLast((k) => k.firstEntryId <= id)?.key ?? null) : null;
    expect(serverKeys === null).toBe(!isPostgresRun);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prev_hash).toBe(prev);
      expect(r.hash).toBe(chainHash(keyFor(r.id), prev, r));
      prev = r.hash;
    }
    const db = t.backend.store.db;
    await expect(sqlRun(db, 'update audit_log set summary = ?', 'x')).rejects.toThrow(/append-only/);
    await expect(sqlRun(db, 'delete from audit_log')).rejects.toThrow(/append-only/);
  });
});
