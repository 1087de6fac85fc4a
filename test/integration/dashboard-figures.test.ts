// The dashboard's first screen on its own channel (returns.dashboardFigures): the same figures as
// the whole dashboard's for a seeded programme and several periods, and kept so that the whole
// dashboard asked for after them counts only its charts (the figures are counted once).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink } from '../../db/backend/log';
import { loadDemo } from '../../db/demo/demo';
import { dashboard } from '../../db/features/returns/dashboard.service';
import { createTestBackend, type TestBackend } from '../support/backend';
import { anOutcome, aPerson } from '../support/returns-builders';

setLogSink(() => {});
let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
  await t.backend.store.db
    .transaction()
    .execute((tx) =>
      loadDemo(tx, { participants: 400, seed: 2029, today: '2026-11-23', nowIso: '2026-11-23T10:00:00.000Z' }),
    );
});
afterEach(() => t.close());

const PERIODS = [
  { from: '2025-04-01', to: '2026-03-31' },
  { from: '2026-04-01', to: '2027-03-31' },
  { from: '2025-07-01', to: '2025-09-30' },
  { from: '2026-01-01', to: '2026-01-31' },
  { from: '2020-04-01', to: '2026-11-30' },
];

/** Records which kept answers were counted (their compute ran), by key. */
function countComputes(): string[] {
  const counted: string[] = [];
  const cache = t.backend.services.readCache;
  const remember = cache.remember.bind(cache);
  cache.remember = (key, areas, compute) =>
    remember(key, areas, () => {
      counted.push(key.split('|')[0]!);
      return compute();
    });
  return counted;
}

describe("the dashboard's figures", () => {
  it("are the whole dashboard's figures, for every period", async () => {
    let nonZero = 0;
    for (const period of PERIODS) {
      const figures = await t.ok('returns.dashboardFigures', period);
      const whole = await dashboard(t.backend.store.db, period.from, period.to);
      expect(figures).toEqual({
        from: whole.from,
        to: whole.to,
        periodLabel: whole.periodLabel,
        headline: whole.headline,
        communityInvestment: whole.communityInvestment,
        events: whole.events,
      });
      expect(await t.ok('returns.dashboard', period)).toEqual(whole);
      nonZero += figures.headline.filter((h) => h.count > 0).length + figures.events.count;
    }
    // The seeded programme has something to count (an all-zero comparison proves little).
    expect(nonZero).toBeGreaterThan(10);
    // The default period is this financial year, for both.
    const figures = await t.ok('returns.dashboardFigures', {});
    expect([figures.from, figures.to]).toEqual(['2026-04-01', '2027-03-31']);
    expect((await t.ok('returns.dashboard', {})).headline).toEqual(figures.headline);
  });

  it('are counted once when the whole dashboard is asked for after them', async () => {
    const db = t.backend.store.db;
    const period = PERIODS[0]!;
    const figures = await t.ok('returns.dashboardFigures', period);
    // A person who started and got a job, written behind the backend's back (no event, so nothing
    // kept is forgotten): figures counted afresh would count them.
    const hired = await aPerson(db, { start_date: '2025-05-01' });
    await anOutcome(db, { participantId: hired, type: 'job_start', date: '2025-05-20' });
    const fresh = await dashboard(db, period.from, period.to);
    expect(fresh.headline).not.toEqual(figures.headline);
    // The whole dashboard takes the kept figures (not counted again) and counts only its charts.
    const whole = await t.ok('returns.dashboard', period);
    expect(whole.headline).toEqual(figures.headline);
    expect(whole.startsByMonth).toEqual(fresh.startsByMonth);
    expect(whole.outcomesByType).toEqual(fresh.outcomesByType);
  });

  it('are kept by the whole dashboard asked for first', async () => {
    const counted = countComputes();
    const period = PERIODS[1]!;
    await t.ok('returns.dashboard', period);
    expect(counted).toEqual(['returns.dashboard', 'returns.dashboardFigures']);
    // The figures the whole counted are the figures' kept answer: nothing is counted again.
    await t.ok('returns.dashboardFigures', period);
    await t.ok('returns.dashboard', period);
    expect(counted).toEqual(['returns.dashboard', 'returns.dashboardFigures']);
  });

  it('rejects a period that ends before it starts, naming the field', async () => {
    const r = await t.call('returns.dashboardFigures', { from: '2026-04-01', to: '2026-03-31' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.fields?.map((f) => f.path.join('.'))).toEqual(['to']);
  });
});
