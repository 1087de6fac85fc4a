// Opening a participant's record and the financial-year dashboard stay bounded as the store
// grows (issue 19): every statement the record page's channels run reaches the person's rows
// through an index on the participant (never a scan of a table that grows with the store), and
// the dashboard's breakdowns read their period through the date indexes of migration 0240, from
// the index alone. Shown by SQLite's query plan for the statements the channels run.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { setLogSink } from '../../db/backend/log';
import { dashboard } from '../../db/features/returns/dashboard.service';
import { computeCounts, computeLines } from '../../db/features/returns/return.service';
import { findSetByCode, loadSetVersion } from '../../db/features/returns/indicator-sets.repository';
import { isPostgresRun } from '../support/test-store';
import { recordOpenChannels } from '../bench/record-open.bench';

setLogSink(() => {});

/** Tables whose rows grow with the number of people: a plan may search them, never scan them. */
const growing = [
  'participants',
  'participant_barriers',
  'participant_notes',
  'participant_referrals',
  'eligibility_checks',
  'enrolments',
  'attendance',
  'outcomes',
  'placements',
  'evidence_items',
  'vacancy_candidates',
  'keyworker_contacts',
  'keyworker_plan_items',
  'event_attendees',
  'funding_spells',
  'funding_attributions',
  'audit_log',
];

interface Ran {
  sql: string;
  plan: string;
}

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend({ role: 'administrator' });
});
afterEach(() => t.close());

/** Runs `run`, returning each SELECT it ran with SQLite's plan for it (with its own parameters). */
async function statementsOf(run: () => Promise<unknown>): Promise<Ran[]> {
  const sqlite = t.backend.store.sqlite;
  const seen: Array<{ sql: string; params: unknown[] }> = [];
  const prepare = sqlite.prepare.bind(sqlite);
  const spy = (text: string) => {
    const statement = prepare(text);
    if (!/^\s*(select|with)\b/i.test(text)) return statement;
    for (const method of ['all', 'get', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...params: unknown[]) => unknown;
      Object.assign(statement, {
        [method]: (...params: unknown[]) => (seen.push({ sql: text, params }), original(...params)),
      });
    }
    return statement;
  };
  Object.assign(sqlite, { prepare: spy });
  try {
    await run();
  } finally {
    Object.assign(sqlite, { prepare });
  }
  return seen.map(({ sql, params }) => ({
    sql,
    plan: (prepare(`explain query plan ${sql}`).all(...params) as Array<{ detail: string }>)
      .map((r) => r.detail)
      .join('\n'),
  }));
}

/** The scans of growing tables in a plan ("SCAN p" for "participants as p" too). */
function scansOfGrowingTables({ sql, plan }: Ran): string[] {
  const aliases = new Map<string, string>();
  // Kysely's `"participants" as "p"` and hand-written `from participants p` / `join outcomes o`.
  for (const m of sql.matchAll(/\b(?:from|join) "?(\w+)"? (?:as )?"?(\w+)"?/gi)) aliases.set(m[2]!, m[1]!);
  return [...plan.matchAll(/^SCAN (\w+)/gm)]
    .map((m) => aliases.get(m[1]!) ?? m[1]!)
    .filter((table) => growing.includes(table))
    .filter(() => !/order by "id" desc limit \?$/.test(sql)); // the newest row by id (the audit chain's head)
}

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)("opening a participant's record", () => {
  it('reaches the person through indexes on every channel the page calls, never a scan', async () => {
    const id = await aParticipant(t.backend.store.db, { last_name: 'Fairbrother', start_date: '2025-06-02' });
    const ran = await statementsOf(async () => {
      for (const [channel, input] of recordOpenChannels(id)) {
        const result = await t.call(channel, input);
        expect(result.ok, channel).toBe(true);
      }
    });
    expect(ran.length).toBeGreaterThan(20);
    const scans = ran.flatMap((r) => scansOfGrowingTables(r).map((table) => `${table}: ${r.sql}`));
    expect(scans).toEqual([]);
    // The history: the audit entries about the person, by the participant index.
    const history = ran.find((r) => r.sql.includes('from "audit_log" as "a"'));
    expect(history?.plan).toMatch(/SEARCH a USING INDEX audit_log_participant/);
  });
});

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)('the scan check itself', () => {
  it('finds a scan of a growing table, aliased or not', async () => {
    const sqlite = t.backend.store.sqlite;
    const ran = await statementsOf(async () => {
      sqlite.prepare(`select count(*) from participants p where p.first_name like '%a%'`).get();
      await t.backend.store.db.selectFrom('outcomes as o').select('o.id').where('o.notes', 'like', '%a%').execute();
    });
    expect(ran.map(scansOfGrowingTables)).toEqual([['participants'], ['outcomes']]);
  });
});

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)('the financial-year dashboard', () => {
  it('reads the period through date indexes, never a scan of people or outcomes', async () => {
    await aParticipant(t.backend.store.db, { last_name: 'Fairbrother', start_date: '2025-06-02' });
    const ran = await statementsOf(() => dashboard(t.backend.store.db, '2025-04-01', '2026-03-31'));
    const scans = ran.flatMap((r) => scansOfGrowingTables(r).map((table) => `${table}: ${r.sql}`));
    expect(scans).toEqual([]);
    // The people who started in the period: one pass over the index alone for every breakdown
    // (month, district, ward, decile).
    const starts = ran.filter((r) => /from "participants" as "p" where "p"."start_date" >= \?/.test(r.sql));
    expect(starts).toHaveLength(1);
    expect(starts[0]!.plan).toMatch(/SEARCH p USING COVERING INDEX participants_start_dashboard/);
    // Outcomes in the period, never reading every person to find who is not merged: by type from
    // the index by type and date alone (one search a type, no person read), and by area with each
    // person's outcomes counted first, so each person's area is read once from the narrow index
    // of people by id (migration 0310), not once an outcome nor from the wide table row.
    const byType = ran.filter((r) => /from outcome_types as t/.test(r.sql));
    expect(byType).toHaveLength(1);
    expect(byType[0]!.plan).toMatch(
      /^SEARCH o USING COVERING INDEX outcomes_type_date_dashboard \(outcome_type=\? AND outcome_date>\? AND outcome_date<\?\)$/m,
    );
    expect(byType[0]!.plan).not.toMatch(/SCAN o|SEARCH p |TEMP B-TREE/);
    const byArea = ran.filter((r) => /from \(select o.participant_id, count\(\*\) as n from outcomes as o/.test(r.sql));
    expect(byArea).toHaveLength(1);
    expect(byArea[0]!.plan).toMatch(/^CO-ROUTINE per_person\nSEARCH o USING COVERING INDEX outcomes_date_dashboard/);
    expect(byArea[0]!.plan).toMatch(/^SEARCH p USING COVERING INDEX participants_id_person \(id=\?\)/m);
    expect(byArea[0]!.plan).not.toMatch(/^SCAN p$|participants_merged_into \(merged_into_id=\?\)|INTEGER PRIMARY KEY/m);
    // The funnel, read table by table for a year (countFunnel): each of enrolments, outcomes and
    // vacancy candidates once, over the span of the people's ids, from an index alone where one
    // holds the columns.
    const funnel = ran.filter((r) => /group by "[eok]"."participant_id"$/.test(r.sql)).map((r) => r.plan);
    expect(funnel).toHaveLength(3);
    expect(funnel[0]).toMatch(
      /^SEARCH e USING COVERING INDEX enrolments_participant_status \(participant_id>\? AND participant_id<\?\)$/,
    );
    expect(funnel[1]).toMatch(/^SEARCH o USING COVERING INDEX /);
    expect(funnel[2]).toMatch(
      /^SEARCH k USING INDEX vacancy_candidates_participant \(participant_id>\? AND participant_id<\?\)$/,
    );
    // People by barrier: grouped first, each barrier's label looked up after (once a barrier).
    const barriers = ran.filter((r) => r.sql.includes('"participant_barriers" as "b"'));
    expect(barriers).toHaveLength(1);
    expect(barriers[0]!.plan).toMatch(/^SCAN g\nSEARCH ri USING INDEX/m);
    // The headline's counts (one per indicator of the set, each an indicator engine count): every
    // count that reads its items' people reads who they count as (the merged record's id, whether
    // local) from the narrow index of people by id (migration 0310), never the wide table row.
    const headline = ran.filter((r) => r.sql.startsWith('select count(distinct a.count_key)'));
    expect(headline).toHaveLength(7);
    const byPerson = headline.filter((r) => r.sql.includes('inner join "participants" as "p"'));
    expect(byPerson).toHaveLength(6);
    for (const r of byPerson) {
      expect(r.plan).toMatch(/^SEARCH p USING COVERING INDEX participants_id_person \(id=\?\)$/m);
      expect(r.plan).not.toMatch(/^SEARCH p USING INTEGER PRIMARY KEY/m);
    }
  });
});

// SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
describe.skipIf(isPostgresRun)("a funder's return", () => {
  it("reads its items' people from the narrow index, and a rule's outcomes by their types", async () => {
    const db = t.backend.store.db;
    await aParticipant(db, { last_name: 'Fairbrother', start_date: '2025-06-02' });
    const sv = await loadSetVersion(db, (await findSetByCode(db, 'UKSPF-PS'))!.id);
    const period = { from: '2025-04-01', to: '2026-03-31' };
    const ran = await statementsOf(async () => {
      await computeCounts(db, sv, period);
      await computeLines(db, sv, period);
    });
    const engine = ran.filter((r) => r.sql.includes('as "count_key"'));
    expect(engine).toHaveLength(2 * sv.indicators.length);
    // Every UKSPF indicator counts eligible people only, some by their labour-market status: who
    // they count as and whether they qualify are read from the narrow index of people by id
    // (migrations 0310, 0311), never from the wide table row (the lines' details come after).
    for (const r of engine) {
      expect(r.plan).toMatch(/^SEARCH p USING COVERING INDEX participants_id_person \(id=\?\)$/m);
      expect(r.plan).not.toMatch(/^SEARCH p USING INTEGER PRIMARY KEY/m);
    }
    // A rule that names its outcome types finds them by type and date, not every verified outcome
    // of the period by status.
    const byType = engine.filter((r) => r.sql.includes('"i"."outcome_type" in ('));
    const typed = sv.indicators.filter((i) => i.rule.subject === 'outcomes' && i.rule.outcomeTypes?.length);
    expect(typed.length).toBeGreaterThan(5);
    expect(byType).toHaveLength(2 * typed.length);
    for (const r of byType) {
      expect(r.plan).toMatch(
        /^SEARCH i USING (COVERING )?INDEX outcomes_type_date\w* \(outcome_type=\? AND outcome_date>\? AND outcome_date<\?\)$/m,
      );
      expect(r.plan).not.toMatch(/outcomes_verification/);
    }
  });
});
