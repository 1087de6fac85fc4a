// The outcomes, placements and candidates grids find people through the participants' search index, as the
// participants grid does: their quick-search queries use the FTS index (never a scan of
// participants with LIKE), shown by SQLite's query plan for the statements the channels run.
// Past the capped total, the outcomes page walks the grid's order and stops at the page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { pageOutcomes } from '../../db/features/outcomes/outcomes.repository';
import { pagePlacements } from '../../db/features/outcomes/placements.repository';
import { pageParticipants } from '../../db/features/participants/participants.repository';
import { pageCandidates } from '../../db/features/vacancies/candidates.repository';
import { setLogSink } from '../../db/backend/log';
import { isPostgresRun } from '../support/test-store';
import { searchCountCap } from '../../shared/contract/common';
import { statementPlans } from '../support/query-plans';

setLogSink(() => {});

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
  await aParticipant(t.backend.store.db, { last_name: 'Fairbrother' });
});
afterEach(() => t.close());

/** The store's plan for every statement `run` runs. */
const plansOf = (run: (db: TestBackend['backend']['store']['db']) => Promise<unknown>) =>
  statementPlans(t.backend.store.db, run);

const query = { offset: 0, limit: 100, search: 'fairbro', sort: [], filters: {} };
const everyone = { staffId: null, canSeeSpecial: true };

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)('quick search by person in the outcome grids', () => {
  it.each([
    ['outcomes', (db: TestBackend['backend']['store']['db']) => pageOutcomes(db, query, '2026-06-01')],
    ['placements', (db: TestBackend['backend']['store']['db']) => pagePlacements(db, query, '2026-06-01')],
    ['candidates', (db: TestBackend['backend']['store']['db']) => pageCandidates(db, query, '2026-06-01')],
  ])('the %s grid uses the search index for people, for its rows and its total', async (_grid, run) => {
    const plans = await plansOf(run);
    // The rows and the total (the capped total's inner query is captured on its own too).
    expect(plans.length).toBeGreaterThanOrEqual(2);
    for (const plan of plans) {
      expect(plan).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
      expect(plan).not.toMatch(/SCAN p\b/);
    }
  });
});

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)('the capped total of a quick search', () => {
  it.each([
    ['outcomes', (db: TestBackend['backend']['store']['db']) => pageOutcomes(db, query, '2026-06-01')],
    ['candidates', (db: TestBackend['backend']['store']['db']) => pageCandidates(db, query, '2026-06-01')],
  ])('the %s grid counts the searched rows as a limited subquery over the search index', async (_grid, run) => {
    const count = (await plansOf(run)).find((plan) => plan.includes('SCAN m'));
    // The count reads a co-routine (the matches, stopped at the cap), not the whole table.
    expect(count).toMatch(/CO-ROUTINE m/);
    expect(count).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
  });

  it('the outcomes grid counts outcomes alone, reaching people through the search index without reading them', async () => {
    const count = (await plansOf((db) => pageOutcomes(db, query, '2026-06-01'))).find((plan) =>
      plan.includes('SCAN m'),
    );
    // Each list by its own index, the outcomes streamed until the cap: no join, no person's row.
    expect(count).toMatch(/MULTI-INDEX OR/);
    expect(count).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(count).not.toMatch(/\b(SEARCH|SCAN) p\b/);
    expect(count).not.toMatch(/SCAN o\b/);
  });

  it('the placements grid counts its matches in the pass that sorts them (one statement, then the rows)', async () => {
    const plans = await plansOf((db) => pagePlacements(db, query, '2026-06-01'));
    expect(plans).toHaveLength(2);
    expect(plans.some((plan) => plan.includes('SCAN m'))).toBe(false);
    expect(plans[0]).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
  });

  it('the placements grid sorts and counts its matches without reading their people, employers or contracts', async () => {
    const [pageIds] = await plansOf((db) => pagePlacements(db, query, '2026-06-01'));
    // The old statement joined each match's person (SEARCH p), employer (e) and contract (c).
    expect(pageIds).not.toMatch(/SEARCH (p|e|c) USING/);
    // With a sort on a joined column the joins come back (the same rows, sorted by it).
    const [sorted] = await plansOf((db) =>
      pagePlacements(db, { ...query, sort: [{ colId: 'employerName', sort: 'asc' }] }, '2026-06-01'),
    );
    expect(sorted).toMatch(/SEARCH e USING/);
  });

  it('the placements grid tests each different site once, stepping through the site index, not each placement', async () => {
    const [pageIds] = await plansOf((db) => pagePlacements(db, query, '2026-06-01'));
    // The old plan read every placement's site to test it: SCAN bs USING COVERING INDEX placements_site.
    expect(pageIds).not.toMatch(/SCAN (bs|placements)\b/);
    expect(pageIds).toMatch(/SEARCH bs USING (COVERING )?INDEX placements_site \(site=\?\)/);
  });

  it('the candidates grid finds people from the search index alone, and counts and sorts matches without joins', async () => {
    const plans = await plansOf((db) => pageCandidates(db, query, '2026-06-01'));
    const [count, pageIds] = plans as [string, string];
    for (const plan of [count, pageIds]) {
      expect(plan).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
      // The old statements looked each matched person up in participants, and joined each
      // candidate's person, vacancy and employer.
      expect(plan).not.toMatch(/SEARCH (p|e) USING/);
      expect(plan).not.toMatch(/SEARCH v USING INTEGER PRIMARY KEY/);
    }
  });

  it.each([false, true])(
    "the participants grid reads the search index once, then the page's rows by id (Count all: %s)",
    async (countAll) => {
      const search = (db: TestBackend['backend']['store']['db']) =>
        pageParticipants(db, { ...query, countAll }, everyone);
      // The first search on a handle also reads everyone's search order (participant-search.ts);
      // a second at the same data version runs two statements: the matches, then the page's rows.
      const first = await plansOf(search);
      const both = await plansOf(async (db) => (await search(db), await search(db)));
      expect(both).toHaveLength(first.length + 2);
      const [matches, rows] = both.slice(-2) as [string, string];
      expect(matches.match(/VIRTUAL TABLE INDEX \d+:M/g)).toHaveLength(1);
      expect(matches).not.toMatch(/SCAN p\b/);
      expect(matches).not.toMatch(/participant_sort_keys/);
      // The page's rows: by id, with no search and no sort of their own.
      expect(rows).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
      expect(rows).not.toMatch(/VIRTUAL TABLE/);
      expect(rows).not.toMatch(/ORDER BY/);
    },
  );
});

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)('the searched page of the outcome grids', () => {
  it.each([
    ['outcomes', 'o', (db: TestBackend['backend']['store']['db']) => pageOutcomes(db, query, '2026-06-01')],
    ['placements', 'pl', (db: TestBackend['backend']['store']['db']) => pagePlacements(db, query, '2026-06-01')],
    ['candidates', 'k', (db: TestBackend['backend']['store']['db']) => pageCandidates(db, query, '2026-06-01')],
  ])('the %s page sorts only the ids the indexes find, then reads just the page by id', async (_grid, alias, run) => {
    const db = t.backend.store.db;
    const person = await aParticipant(db, { last_name: 'Fairbrother' });
    await db
      .insertInto('outcomes')
      .values({
        participant_id: person,
        outcome_type: 'job_start',
        outcome_date: '2026-05-01',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    const org = await db
      .insertInto('organisations')
      .values({ name: 'Fairbrother Build', kind: 'employer', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('placements')
      .values({
        participant_id: person,
        employer_org_id: org.id,
        kind: 'paid_job',
        starts_on: '2026-05-01',
        status: 'active',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    const vacancy = await db
      .insertInto('vacancies')
      .values({ employer_org_id: org.id, job_title: 'Labourer', kind: 'job', created_at: 'x', updated_at: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('vacancy_candidates')
      .values({
        vacancy_id: vacancy.id,
        participant_id: person,
        stage: 'submitted',
        submitted_on: '2026-05-01',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    const plans = await plansOf(run);
    const [pageIds, rows] = plans.slice(-2) as [string, string];
    // The page's ids: rows reached by id from the indexed match set (a list subquery), never a
    // scan of the table testing every row; the sort is over those matches only.
    expect(pageIds).toMatch(new RegExp(`SEARCH ${alias} USING INTEGER PRIMARY KEY`));
    expect(pageIds).toMatch(/LIST SUBQUERY/);
    expect(pageIds).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(pageIds).not.toMatch(new RegExp(`SCAN ${alias}\\b`));
    expect(pageIds).not.toMatch(/SCAN p\b/);
    // The page's rows: by id, with no search and no sort of their own.
    expect(rows).toMatch(new RegExp(`SEARCH ${alias} USING INTEGER PRIMARY KEY`));
    expect(rows).not.toMatch(/VIRTUAL TABLE/);
    expect(rows).not.toMatch(/ORDER BY/);
  });
});

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)('the outcomes page of a search past the capped total', () => {
  it('walks the newest-first order on an index holding every column tested and stops at the page', async () => {
    const db = t.backend.store.db;
    const person = await aParticipant(db, { last_name: 'Fairbrother' });
    const first = Date.UTC(2022, 0, 1);
    await db.transaction().execute(async (tx) => {
      for (let i = 0; i <= searchCountCap; i++)
        await tx
          .insertInto('outcomes')
          .values({
            participant_id: person,
            outcome_type: 'job_start',
            outcome_date: new Date(first + i * 86_400_000).toISOString().slice(0, 10),
            created_at: 'x',
            updated_at: 'x',
          })
          .execute();
    });
    const plans = await plansOf((db) => pageOutcomes(db, query, '2026-06-01'));
    const [pageIds, rows] = plans.slice(-2) as [string, string];
    // The walk: outcomes in the index's order (date, then id), each tested against the matched
    // people (a list from the search index), no sort of the matches and no outcome row read.
    expect(pageIds).toMatch(/SCAN o USING COVERING INDEX outcomes_date_search/);
    expect(pageIds).toMatch(/VIRTUAL TABLE INDEX \d+:M/);
    expect(pageIds).not.toMatch(/TEMP B-TREE/);
    expect(rows).toMatch(/SEARCH o USING INTEGER PRIMARY KEY/);
    const page = await pageOutcomes(db, query, '2026-06-01');
    expect(page).toMatchObject({ total: searchCountCap, totalCapped: true });
    expect(page.rows[0]!.outcomeDate).toBe(new Date(first + searchCountCap * 86_400_000).toISOString().slice(0, 10));
  });
});
