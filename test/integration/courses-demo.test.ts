// The courses demo step: deterministic for a seed, never over capacity, sessions only on working
// days, and every outcome a result causes exists exactly once (site-ready outcomes match who is
// ready today).
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestBackend, type TestBackend } from '../support/backend';
import { loadDemo } from '../../db/demo/demo';
import { isBankHoliday } from '../../shared/domain/bank-holidays';
import { isWeekday } from '../../shared/domain/course-sessions';

const opened: TestBackend[] = [];
afterEach(async () => {
  for (const t of opened.splice(0)) await t.close();
});

async function demoStore(): Promise<TestBackend> {
  const t = await createTestBackend();
  opened.push(t);
  await t.backend.store.db.transaction().execute((tx) =>
    loadDemo(tx, {
      participants: 400,
      seed: 7,
      today: '2026-11-23',
      nowIso: '2026-11-23T10:00:00.000Z',
    }),
  );
  return t;
}

async function fingerprint(t: TestBackend) {
  const q = async (text: string) =>
    (await sql.raw<{ v: number | string }>(text).execute(t.backend.store.db)).rows[0]!.v;
  return {
    runs: await q('select count(*) as v from course_runs'),
    enrolments: (
      await t.backend.store.db.selectFrom('enrolments').select(['status', 'participant_id']).orderBy('id').execute()
    )
      .map((e) => `${e.status}:${e.participant_id}`)
      .join(','),
    attendance: await q(
      "select count(*) || '/' || sum(case when mark = 'present' then 1 else 0 end) as v from attendance",
    ),
    scores: await q('select sum(score * participant_id) as v from hse_tests'),
    outcomes: (
      await t.backend.store.db
        .selectFrom('outcomes')
        .select(['outcome_type', 'outcome_date', 'participant_id'])
        .orderBy('id')
        .execute()
    )
      .map((o) => `${o.outcome_type}${o.outcome_date}${o.participant_id}`)
      .join(','),
  };
}

describe('courses demo', () => {
  it('is deterministic and consistent', async () => {
    const a = await demoStore();
    const b = await demoStore();
    expect(await fingerprint(a)).toEqual(await fingerprint(b));
    const db = a.backend.store.db;

    const over = await sql<{
      n: number;
    }>`select count(*) as n from course_runs r where (select count(*) from enrolments e where e.course_run_id = r.id and e.status
      in ('enrolled','completed','not_completed')) > r.capacity`.execute(db);
    expect(over.rows[0]!.n).toBe(0);
    const cscs = await sql<{
      n: number;
    }>`select count(*) as n from course_runs r join course_types t on t.id = r.course_type_id where t.code = 'cscs_pre_employment'`.execute(
      db,
    );
    expect(cscs.rows[0]!.n).toBeGreaterThanOrEqual(15);
    // Two years of weekly runs cross Christmas, Easter and the May bank holidays: no session is on one.
    const days = (await db.selectFrom('course_sessions').select('session_date').execute()).map((r) => r.session_date);
    expect(days.length).toBeGreaterThan(100);
    expect(days.filter((d) => !isWeekday(d) || isBankHoliday(d))).toEqual([]);

    // Every completion, L1 Award and programme card has its outcome, once.
    const missing = await sql<{ n: number }>`select
      (select count(*) from enrolments e where e.status = 'completed' and not exists (select 1 from outcomes o
        where o.participant_id = e.participant_id and o.outcome_type = 'course_completed' and o.source_ref = 'enrolment:' || e.id))
      + (select count(*) from l1_awards a where not exists (select 1 from outcomes o where o.participant_id = a.participant_id
        and o.outcome_type = 'qualification' and o.source_ref = 'l1_award:' || a.id))
      + (select count(*) from cscs_cards c where c.course_run_id is not null and not exists (select 1 from outcomes o
        where o.participant_id = c.participant_id and o.outcome_type = 'cscs_card' and o.outcome_date = c.issued_on)) as n`.execute(
      db,
    );
    expect(missing.rows[0]!.n).toBe(0);

    const ready = await a.ok('courses.siteReady.page', { preset: 'ready', limit: 1 });
    const readyOutcomes = await sql<{
      n: number;
    }>`select count(distinct participant_id) as n from outcomes where outcome_type = 'site_ready'`.execute(db);
    expect(ready.total).toBeGreaterThan(40);
    expect(readyOutcomes.rows[0]!.n).toBe(ready.total);

    // Recording the same results again through the channel adds no outcomes.
    const before = await sql<{ n: number }>`select count(*) as n from outcomes`.execute(db);
    const run = await sql<{
      id: number;
      end_date: string;
    }>`select r.id, r.end_date from course_runs r join enrolments e on e.course_run_id = r.id where e.status = 'completed'
      and r.course_type_id = (select id from course_types where code = 'cscs_pre_employment') order by r.id limit 1`.execute(
      db,
    );
    const { id: runId, end_date } = run.rows[0]!;
    const completed = (await a.ok('courses.enrolments.list', { runId })).filter((e) => e.status === 'completed');
    await a.ok('courses.results.record', {
      runId,
      kind: 'completion',
      date: end_date,
      entries: completed.map((e) => ({ enrolmentId: e.enrolmentId, status: 'completed' as const })),
    });
    const after = await sql<{ n: number }>`select count(*) as n from outcomes`.execute(db);
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});
