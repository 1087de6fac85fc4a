// The demo's people as a trainer sees them (issue 20): nobody under 16 when they started (the
// programme is 16+), and the eligibility checks of the demo's two years are credited to demo
// staff who were there at the time, never to the profile made today by whoever loads the demo.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { setLogSink } from '../../db/backend/log';
import { loadDemo } from '../../db/demo/demo';
import { ageOn } from '../../shared/domain/dates';
import { MINIMUM_AGE } from '../../shared/domain/eligibility';

setLogSink(() => {});
let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(() => t.close());

it('has nobody under 16 and credits past checks to staff who existed then', async () => {
  const db = t.backend.store.db;
  await db
    .transaction()
    .execute((tx) =>
      loadDemo(tx, { participants: 400, seed: 2017, today: '2026-11-23', nowIso: '2026-11-23T10:00:00.000Z' }),
    );
  const people = await db
    .selectFrom('participants')
    .select(['reference', 'date_of_birth', 'start_date', 'referral_date'])
    .where('date_of_birth', 'is not', null)
    .execute();
  expect(people.length).toBeGreaterThan(300);
  const young = people.filter(
    (p) => ageOn(p.date_of_birth!, (p.start_date ?? p.referral_date ?? '2026-11-23').slice(0, 10)) < MINIMUM_AGE,
  );
  expect(young).toEqual([]);
  const checks = await db
    .selectFrom('eligibility_checks as c')
    .innerJoin('staff as s', 's.id', 'c.seen_by')
    .select(['c.recorded_at', 's.created_at', 's.id'])
    .execute();
  expect(checks.length).toBeGreaterThan(0);
  expect(checks.filter((c) => c.created_at > c.recorded_at)).toEqual([]);
  expect(checks.map((c) => c.id)).not.toContain(t.staffId);
});
