// The financial-year dashboard is kept until the data it reads changes (db/backend/read-cache.ts):
// the kept answer is the same as a fresh count, any change through a channel forgets it (on a
// team database also a change saved by another member, heard as LISTEN/NOTIFY), and a viewer's
// answer without special-category rows never leaks into or out of the kept one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../db/backend/backend';
import { fixedClock } from '../../db/backend/clock';
import { dashboard } from '../../db/features/returns/dashboard.service';
import type { ParticipantRecordInput } from '../../shared/domain/participant-record';
import { createTestBackend, tempDir, TEST_NOW, type TestBackend } from '../support/backend';
import { anOutcome, aPerson } from '../support/returns-builders';
import { isPostgresRun } from '../support/test-store';

const FY = { from: '2025-04-01', to: '2026-03-31' };
const person = (over: Partial<ParticipantRecordInput> = {}): ParticipantRecordInput => ({
  firstName: 'Amira',
  lastName: 'Khan',
  dateOfBirth: '14/02/1998',
  niStatus: 'known',
  niNumber: 'JK 12 34 56 C',
  postcode: 'SG1 1AA',
  startDate: '10/01/2026',
  barriers: ['esol', 'ex_offender'],
  ...over,
});

let t: TestBackend;
beforeEach(async () => (t = await createTestBackend()));
afterEach(() => t.close());

const startsIn = (d: { startsByMonth: Array<{ key: string; count: number }> }, month: string) =>
  d.startsByMonth.find((m) => m.key === month)!.count;
const jobs = (d: { outcomesByType: Array<{ key: string; count: number }> }) =>
  d.outcomesByType.find((o) => o.key === 'job_start')!.count;

describe('the kept dashboard', () => {
  it('is forgotten by any change through a channel, so no stale figure survives it', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    const first = await t.ok('returns.dashboard', FY);
    expect([startsIn(first, '2026-01'), jobs(first)]).toEqual([1, 0]);
    // A row written behind the backend's back (no event): the kept answer is what comes back,
    // which is how this test knows the answer is kept at all.
    await aPerson(t.backend.store.db, { start_date: '2026-01-15' });
    expect(startsIn(await t.ok('returns.dashboard', FY), '2026-01')).toBe(1);
    // A change through a channel forgets it: the next answer counts afresh (both people now).
    await t.ok('outcomes.record', { participantId: id, outcomeType: 'job_start', outcomeDate: '2026-02-01' });
    const after = await t.ok('returns.dashboard', FY);
    expect([startsIn(after, '2026-01'), jobs(after)]).toEqual([2, 1]);
    // And it equals a count from scratch.
    expect(after).toEqual(await dashboard(t.backend.store.db, FY.from, FY.to));
    // A change to a participant (an area it reads) forgets it too.
    await t.ok('participants.update', { id, version: 1, record: person({ startDate: '10/02/2026' }) });
    const moved = await t.ok('returns.dashboard', FY);
    expect([startsIn(moved, '2026-01'), startsIn(moved, '2026-02')]).toEqual([1, 1]);
  });

  it('forgets the kept figures (returns.dashboardFigures) on a change, and the whole with them', async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    const jobsIn = (f: { headline: Array<{ code: string; count: number }> }) =>
      f.headline.reduce((sum, h) => sum + h.count, 0);
    const first = await t.ok('returns.dashboardFigures', FY);
    // Written behind the backend's back: the kept figures come back unchanged, for both channels.
    const hired = await aPerson(t.backend.store.db, { start_date: '2025-05-01' });
    await anOutcome(t.backend.store.db, { participantId: hired, type: 'job_start', date: '2025-05-20' });
    expect(await t.ok('returns.dashboardFigures', FY)).toEqual(first);
    expect((await t.ok('returns.dashboard', FY)).headline).toEqual(first.headline);
    // A change through a channel forgets both: the figures count afresh, and equal a fresh count.
    await t.ok('outcomes.record', { participantId: id, outcomeType: 'job_start', outcomeDate: '2026-02-01' });
    const after = await t.ok('returns.dashboardFigures', FY);
    expect(jobsIn(after)).toBeGreaterThan(jobsIn(first));
    const fresh = await dashboard(t.backend.store.db, FY.from, FY.to);
    expect(after.headline).toEqual(fresh.headline);
    expect(await t.ok('returns.dashboard', FY)).toEqual(fresh);
  });

  it("keeps the targets figure's counts (returns.compute, counts only) and forgets them with the dashboard", async () => {
    await t.ok('participants.create', { record: person() });
    const set = (await t.ok('returns.sets', {})).find((s) => s.code === 'SW-HEADLINE')!;
    const input = { setId: set.id, ...FY, warnings: false };
    const counts = (r: { indicators: Array<{ code: string; count: number }> }) =>
      Object.fromEntries(r.indicators.map((i) => [i.code, i.count]));
    const first = counts(await t.ok('returns.compute', input));
    // Written behind the backend's back (a person and their job start): the kept counts come back
    // unchanged...
    const db = t.backend.store.db;
    const hired = await aPerson(db, { start_date: '2025-05-01' });
    await anOutcome(db, { participantId: hired, type: 'job_start', date: '2025-05-20' });
    expect(counts(await t.ok('returns.compute', input))).toEqual(first);
    // ...while the return builder's full count (with warnings) is never kept and sees the person.
    const fresh = counts(await t.ok('returns.compute', { ...input, warnings: true }));
    expect(fresh).not.toEqual(first);
    // A change through a channel forgets the kept counts: the next answer counts afresh.
    await t.ok('participants.create', { record: person({ firstName: 'Bola', niNumber: 'JK 12 34 57 C' }) });
    const after = counts(await t.ok('returns.compute', input));
    expect(after).toEqual(counts(await t.ok('returns.compute', { ...input, warnings: true })));
    expect(after).not.toEqual(first);
  });

  it("keeps a viewer's answer without special-category rows apart from the kept answer", async () => {
    await t.ok('participants.create', { record: person() });
    const admin = await t.ok('returns.dashboard', FY);
    expect(admin.byBarrier.map((b) => b.key).sort()).toEqual(['esol', 'ex_offender']);
    await t.signInAs('viewer');
    const viewer = await t.ok('returns.dashboard', FY);
    expect(viewer.byBarrier.map((b) => b.key)).toEqual(['esol']);
    await t.signInAs('administrator');
    expect((await t.ok('returns.dashboard', FY)).byBarrier.map((b) => b.key).sort()).toEqual(['esol', 'ex_offender']);
  });
});

// Two backends on one store need a team database (a SQLite store is opened by one program at a
// time, so only this backend's own writes can change it).
describe.skipIf(!isPostgresRun)('the kept dashboard on a team database (PostgreSQL)', () => {
  let other: Backend;
  beforeEach(async () => {
    other = await createBackend({ file: t.file, key: null, clock: fixedClock(TEST_NOW), dataDir: tempDir() });
    const officer = await t.signInAs('officer', 'Officer B');
    await t.signInAs('administrator');
    const started = await other.call('officer-b', 'session.start', { staffId: officer });
    if (!started.ok) throw new Error(started.error.message);
  });
  afterEach(async () => other.close());

  it("is forgotten when another member's change arrives", async () => {
    const { id } = await t.ok('participants.create', { record: person() });
    expect(jobs(await t.ok('returns.dashboard', FY))).toBe(0);
    const saved = await other.call('officer-b', 'outcomes.record', {
      participantId: id,
      outcomeType: 'job_start',
      outcomeDate: '2026-02-01',
    });
    expect(saved.ok).toBe(true);
    // Heard through LISTEN/NOTIFY a moment after the other backend commits.
    await vi.waitFor(async () => expect(jobs(await t.ok('returns.dashboard', FY))).toBe(1), { timeout: 5_000 });
  });
});
