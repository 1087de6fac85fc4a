// A sorted page of the outcomes grid is found in two steps: the page's ids, sorted joining only
// the tables the sort and filters read, then those rows. Its rows and order must be the ones the
// grid's whole view gives (the export's reading, one statement with every join), for every
// sortable column both ways, with presets, filters and a search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { allOutcomes, outcomeGridColumns, pageOutcomes } from '../../db/features/outcomes/outcomes.repository';
import type { GridQuery } from '../../shared/contract/common';
import { isPostgresRun } from '../support/test-store';
import { statementPlans } from '../support/query-plans';

const today = '2026-11-23';
let t: TestBackend;
beforeAll(async () => {
  t = await createTestBackend();
  const load = await t.ok('demo.load', { participants: 80, seed: 11 });
  await t.backend.services.jobs.wait(load.jobId);
});
afterAll(() => t.close());

const base: GridQuery = { offset: 0, limit: 7, search: '', sort: [], filters: {} };
const sortable = Object.entries(outcomeGridColumns)
  .filter(([, c]) => c.sortable !== false)
  .map(([id]) => id);

async function wholeView(query: GridQuery): Promise<number[]> {
  const ids: number[] = [];
  for await (const r of allOutcomes(t.backend.store.db, query, today)) ids.push(r.id);
  return ids;
}

describe('a sorted page of the outcomes grid', () => {
  it('the demo has outcomes to sort, with and without employers and verifiers', async () => {
    const all = await wholeView(base);
    expect(all.length).toBeGreaterThan(40);
  });

  const variants: [string, Partial<GridQuery>][] = [
    ['no preset', {}],
    ['preset unverified', { preset: 'unverified' }],
    [
      'preset starts, a filter on the person',
      { preset: 'starts', filters: { participantName: { filterType: 'text', type: 'contains', filter: 'a' } } },
    ],
    ['a search', { search: 'a' }],
  ];
  for (const [label, extra] of variants)
    it(`every sortable column, both ways, ${label}: the pages are the whole view's rows in its order`, async () => {
      const wrong: string[] = [];
      for (const colId of sortable)
        for (const dir of ['asc', 'desc'] as const) {
          const query: GridQuery = { ...base, ...extra, sort: [{ colId, sort: dir }] };
          const expected = await wholeView(query);
          for (const offset of [0, 7, 21]) {
            const page = await pageOutcomes(t.backend.store.db, { ...query, offset, countAll: true }, today);
            const got = page.rows.map((r) => r.id);
            const want = expected.slice(offset, offset + 7);
            if (JSON.stringify(got) !== JSON.stringify(want) || page.total !== expected.length)
              wrong.push(
                `${colId} ${dir} at ${offset}: ${JSON.stringify(got)} (of ${page.total}), want ${JSON.stringify(want)} (of ${expected.length})`,
              );
          }
        }
      expect(wrong).toEqual([]);
    });
});

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)('the plan of a sorted page', () => {
  it('sorted by employer, the page ids read the employers only: no person, no evidence count per outcome', async () => {
    const plans = await statementPlans(t.backend.store.db, (db) =>
      pageOutcomes(db, { ...base, preset: 'unverified', sort: [{ colId: 'employerName', sort: 'asc' }] }, today),
    );
    const pageIds = plans.find((p) => p.includes('TEMP B-TREE FOR ORDER BY'))!;
    // The old single statement looked up each unverified outcome's person, type, contract and
    // verifier and counted its evidence, then sorted them all.
    expect(pageIds).toMatch(/SEARCH e USING INTEGER PRIMARY KEY/);
    expect(pageIds).not.toMatch(/SEARCH (p|t|c|s) USING/);
    expect(pageIds).not.toMatch(/CORRELATED SCALAR SUBQUERY/);
    // Then the page's rows by id.
    expect(plans.at(-1)).toMatch(/SEARCH o USING INTEGER PRIMARY KEY/);
  });
});
