// A quick search counts at most `searchCountCap` matches (counting every "smith" among 100,000
// people cost more than the page): past the cap the total is the cap and says it is capped, the
// rows still come, and "Count all" (countAll) counts exactly: the outcomes and candidates grids.
// The participants and placements grids count their matches exactly in the pass that sorts them
// (sorting reads every match anyway); without a search the total is always exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { participantValues } from '../support/builders';
import { searchCountCap } from '../../shared/contract/common';

let t: TestBackend;
const many = searchCountCap + 25;

beforeAll(async () => {
  t = await createTestBackend({ role: 'officer' });
  const db = t.backend.store.db;
  await db.transaction().execute(async (tx) => {
    const ids: number[] = [];
    for (let i = 0; i < many; i++) {
      const row = await tx
        .insertInto('participants')
        .values(
          participantValues({
            first_name: `Ann${i}`,
            last_name: 'Capstickle',
            reference: `SW-9${String(i).padStart(5, '0')}`,
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    // Dates repeat (28 days), so the order's tie-break by id is tested too.
    for (const [i, id] of ids.entries()) {
      const day = `2026-05-${String(1 + (i % 28)).padStart(2, '0')}`;
      await tx
        .insertInto('outcomes')
        .values({ participant_id: id, outcome_type: 'job_start', outcome_date: day, created_at: 'x', updated_at: 'x' })
        .execute();
      await tx
        .insertInto('placements')
        .values({
          participant_id: id,
          kind: 'paid_job',
          starts_on: day,
          status: 'active',
          created_at: 'x',
          updated_at: 'x',
        })
        .execute();
    }
  });
  // A few others, so the exact count is not everyone.
  await db
    .insertInto('participants')
    .values(participantValues({ last_name: 'Other', reference: 'SW-800001' }))
    .execute();
}, 60_000);
afterAll(() => t.close());

describe('capped totals of a quick search', () => {
  it.each(['outcomes.page'] as const)('%s: stops counting at the cap and says so', async (channel) => {
    const page = await t.ok(channel, { limit: 100, search: 'capstickle' });
    expect(page.rows).toHaveLength(100);
    expect(page).toMatchObject({ total: searchCountCap, totalCapped: true });
  });

  it.each(['participants.page', 'outcomes.page'] as const)(
    '%s: counts every match when asked (Count all)',
    async (channel) => {
      const page = await t.ok(channel, { limit: 1, search: 'capstickle', countAll: true });
      expect(page).toMatchObject({ total: many, totalCapped: false });
    },
  );

  it('participants.page: counts every match in the pass that sorts them, past the cap too', async () => {
    const page = await t.ok('participants.page', { limit: 100, search: 'capstickle' });
    expect(page.rows).toHaveLength(100);
    expect(page).toMatchObject({ total: many, totalCapped: false });
    // In the search's order: surname, first name, then id.
    const names = page.rows.map((r) => r.firstName);
    expect(names).toEqual([...names].sort());
    const past = await t.ok('participants.page', { offset: many + 5, limit: 100, search: 'capstickle' });
    expect(past).toMatchObject({ rows: [], total: many, totalCapped: false });
  });

  it('pages past the cap: the rows after the 1,000th still come', async () => {
    const page = await t.ok('participants.page', { offset: searchCountCap, limit: 100, search: 'capstickle' });
    expect(page.rows).toHaveLength(many - searchCountCap);
  });

  it.each(['participants.page', 'outcomes.page', 'placements.page', 'candidates.page'] as const)(
    '%s: a search under the cap and the whole list are counted exactly',
    async (channel) => {
      const few = await t.ok(channel, { limit: 100, search: 'zzqqxx' });
      expect(few).toMatchObject({ total: 0, totalCapped: false });
      const all = await t.ok(channel, { limit: 1 });
      expect(all.totalCapped ?? false).toBe(false);
    },
  );

  it('outcomes past the cap: each page, read by walking the newest-first order, is the page a sort gives', async () => {
    // A sort chosen by the user takes the sorted way; newest first then by id is the default order.
    const bySort = { sort: [{ colId: 'outcomeDate', sort: 'desc' as const }] };
    for (const offset of [0, 100, searchCountCap - 50, searchCountCap]) {
      const walked = await t.ok('outcomes.page', { offset, limit: 100, search: 'capstickle' });
      const sorted = await t.ok('outcomes.page', { offset, limit: 100, search: 'capstickle', ...bySort });
      expect(walked.rows.map((r) => r.id)).toEqual(sorted.rows.map((r) => r.id));
      expect(walked.rows.length).toBe(Math.min(100, many - offset));
    }
    const first = await t.ok('outcomes.page', { limit: 3, search: 'capstickle' });
    expect(first.rows.map((r) => r.outcomeDate)).toEqual(['2026-05-28', '2026-05-28', '2026-05-28']);
    expect(first.rows[0]!.id).toBeGreaterThan(first.rows[1]!.id);
  });

  it('outcomes past the cap with a preset: the walked page keeps the preset', async () => {
    const page = await t.ok('outcomes.page', { limit: 100, search: 'capstickle', preset: 'verified' });
    expect(page).toMatchObject({ rows: [], total: 0, totalCapped: false });
    const unverified = await t.ok('outcomes.page', { limit: 100, search: 'capstickle', preset: 'unverified' });
    expect(unverified).toMatchObject({ total: searchCountCap, totalCapped: true });
    expect(unverified.rows).toHaveLength(100);
  });

  it('placements: a search past the cap is counted exactly, in the same pass as its page', async () => {
    const page = await t.ok('placements.page', { limit: 100, search: 'capstickle' });
    expect(page).toMatchObject({ total: many, totalCapped: false });
    expect(page.rows).toHaveLength(100);
    const past = await t.ok('placements.page', { offset: many + 10, limit: 100, search: 'capstickle' });
    expect(past).toMatchObject({ rows: [], total: many, totalCapped: false });
  });

  it('placements: a search by site finds every placement at the matching sites, with or without the joins', async () => {
    const db = t.backend.store.db;
    const ids = (await db.selectFrom('placements').select('id').orderBy('id').execute()).map((r) => r.id);
    // Two sites and none; a site that only differs by case from the search.
    for (const [i, id] of ids.entries())
      await db
        .updateTable('placements')
        .set({ site: i % 3 === 0 ? 'Town Square' : i % 3 === 1 ? 'Bedwell estate' : null })
        .where('id', '=', id)
        .execute();
    const atTownSquare = ids.filter((_, i) => i % 3 === 0).length;
    const page = await t.ok('placements.page', { limit: 100, search: 'WN SQU' });
    expect(page).toMatchObject({ total: atTownSquare, totalCapped: false });
    expect(page.rows.every((r) => r.site === 'Town Square')).toBe(true);
    // Sorted by a joined column (employer), the page's ids come through the joins: the same matches.
    const sorted = await t.ok('placements.page', {
      limit: 100,
      search: 'wn squ',
      sort: [{ colId: 'employerName', sort: 'asc' }],
    });
    expect(sorted.total).toBe(atTownSquare);
    const all = await t.ok('placements.page', { limit: 5000, search: 'town square' });
    expect(all.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(ids.filter((_, i) => i % 3 === 0));
  });

  it('counts the whole list exactly past the cap', async () => {
    expect(await t.ok('participants.page', { limit: 1 })).toMatchObject({ total: many + 1, totalCapped: false });
  });
});
