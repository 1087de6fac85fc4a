// Every outcome of a view, read for export in chunks of 2,000: in the default order (newest
// first, then by id) each chunk starts after the last row read (keyset), so a chunk boundary
// inside a run of equal dates must neither skip nor repeat a row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { allOutcomes } from '../../db/features/outcomes/outcomes.repository';
import { setLogSink } from '../../db/backend/log';
import { isPostgresRun } from '../support/test-store';
import { statementPlans } from '../support/query-plans';

setLogSink(() => {});

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
});
afterEach(() => t.close());

const query = { offset: 0, limit: 100, search: '', sort: [], filters: {} };

async function outcomesFor(people: number) {
  const db = t.backend.store.db;
  // Three dates only, so every chunk boundary falls inside a run of equal dates (one outcome of a
  // type on a date per person: people x types x dates).
  const dates = ['2026-03-01', '2026-01-15', '2026-02-10'];
  const types = (await db.selectFrom('outcome_types').select('code').execute()).map((r) => r.code);
  const values = [];
  while (values.length < people) {
    const person = await aParticipant(db, { last_name: `Keyset${values.length}` });
    for (const type of types)
      for (const date of dates)
        values.push({
          participant_id: person,
          outcome_type: type,
          outcome_date: date,
          created_at: 'x',
          updated_at: 'x',
        });
  }
  for (let i = 0; i < values.length; i += 500)
    await db
      .insertInto('outcomes')
      .values(values.slice(i, i + 500))
      .execute();
  return values.length;
}

describe('reading every outcome for export', () => {
  // SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
  it.skipIf(isPostgresRun)(
    'starts each chunk after the last row read by a range on the date index, not a walk from the newest',
    async () => {
      await outcomesFor(2_001);
      const [, nextChunk] = await statementPlans(t.backend.store.db, async (db) => {
        for await (const _row of allOutcomes(db, query, '2026-06-01'));
      });
      expect(nextChunk).toBeDefined();
      const plan = nextChunk!.split('\n');
      // A scan of the index (SCAN o USING INDEX ...) reads every newer row again for each chunk.
      expect(plan.find((d) => /\bo\b/.test(d) && /outcomes_date/.test(d))).toMatch(/^SEARCH o USING .*outcome_date<\?/);
    },
  );

  it('walks 4,500 or more outcomes over chunk boundaries within equal dates, each once, newest first then by id', async () => {
    const db = t.backend.store.db;
    const count = await outcomesFor(4_500);
    const read: Array<{ id: number; date: string }> = [];
    for await (const row of allOutcomes(db, query, '2026-06-01')) read.push({ id: row.id, date: row.outcomeDate });
    const expected = [...read].sort((a, b) => (a.date === b.date ? b.id - a.id : a.date < b.date ? 1 : -1));
    expect(read).toHaveLength(count);
    expect(new Set(read.map((r) => r.id)).size).toBe(count);
    expect(read).toEqual(expected);
  });
});
