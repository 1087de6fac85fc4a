// Merging moves every linked row (in every linked table) to the survivor, and undoing restores
// the store exactly as it was; every table with a participant_id column is accounted for.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { sqlRow, sqlRows, sqlRun } from '../support/store-sql';
import { linkedSets, linkedTables, notMoved } from '../../db/features/participants/linked-tables';
import { refreshEligibility } from '../../db/features/participants/eligibility.service';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => t.close());

/** One row in every linked table for a participant (as the other areas would write them). */
async function attachEverything(pid: number, runId: number, sessionId: number, suffix: string) {
  const db = t.backend.store.db;
  const now = '2026-01-01T00:00:00Z';
  const id = async (text: string, ...params: unknown[]) =>
    (await sqlRow<{ id: number }>(db, `${text} returning id`, ...params))!.id;
  const enrol = await id(
    `insert into enrolments (course_run_id, participant_id, status, enrolled_on, created_at) values (?, ?, 'enrolled', '2026-01-05', ?)`,
    runId,
    pid,
    now,
  );
  await sqlRun(
    db,
    `insert into attendance (course_session_id, enrolment_id, mark, recorded_at) values (?, ?, 'present', ?)`,
    sessionId,
    enrol,
    now,
  );
  await sqlRun(
    db,
    `insert into eligibility_checks (participant_id, check_code, outcome, evidence_type, seen_on, recorded_at) values (?, 'right_to_work', 'met', ` +
      `'passport', '2026-01-02', ?)`,
    pid,
    now,
  );
  await sqlRun(
    db,
    `insert into participant_notes (participant_id, body, created_at) values (?, ?, ?)`,
    pid,
    `note ${suffix}`,
    now,
  );
  await sqlRun(
    db,
    `insert into l1_awards (participant_id, achieved_on, created_at) values (?, '2026-02-01', ?)`,
    pid,
    now,
  );
  await sqlRun(
    db,
    `insert into hse_tests (participant_id, taken_on, score, created_at) values (?, '2026-02-02', 46, ?)`,
    pid,
    now,
  );
  await sqlRun(
    db,
    `insert into cscs_cards (participant_id, card_type, issued_on, expires_on, created_at) values (?, 'green', '2026-02-10', '2028-02-10', ?)`,
    pid,
    now,
  );
  await sqlRun(
    db,
    `insert into ppe_issues (participant_id, issued_on, items, created_at) values (?, '2026-02-11', 'boots', ?)`,
    pid,
    now,
  );
  await sqlRun(
    db,
    `insert into site_ready_signoffs (participant_id, signed_on, created_at) values (?, '2026-02-12', ?)`,
    pid,
    now,
  );
  const pl = await id(
    `insert into placements (participant_id, kind, starts_on, status, created_at, updated_at) values (?, 'work_trial', '2026-03-01', 'active', ?, ?)`,
    pid,
    now,
    now,
  );
  const out = await id(
    `insert into outcomes (participant_id, outcome_type, outcome_date, placement_id, created_at, updated_at) values (?, ?, '2026-03-05', ?, ?, ?)`,
    pid,
    suffix === 'a' ? 'job_start' : 'cscs_card',
    pl,
    now,
    now,
  );
  await sqlRun(
    db,
    `insert into evidence_items (participant_id, outcome_id, kind, created_at) values (?, ?, 'payslip', ?)`,
    pid,
    out,
    now,
  );
  await sqlRun(
    db,
    `insert into sustainment_checks (start_outcome_id, participant_id, weeks, sustained, checked_on, created_at) values (?, ?, 13, 1, '2026-06-10', ?)`,
    out,
    pid,
    now,
  );
}

/** Every row of every table a merge touches, in a stable order (by content: not every table has an id). */
async function dump(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'participants',
    'participant_barriers',
    'not_duplicate_pairs',
    'attendance',
    ...linkedTables.map((l) => l.table),
  ]) {
    const rows = await sqlRows(t.backend.store.db, `select * from ${table}`);
    out[table] = rows.sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  }
  return out;
}

async function setup() {
  const db = t.backend.store.db;
  const id = async (text: string, ...params: unknown[]) =>
    (await sqlRow<{ id: number }>(db, `${text} returning id`, ...params))!.id;
  const org = await id(
    `insert into organisations (name, kind, created_at, updated_at) values ('NHC', 'college', 'x', 'x')`,
  );
  const type = await id(
    `insert into course_types (code, name, provider_org_id) values ('L1', 'Level 1 Award', ?)`,
    org,
  );
  const run = (d: string) =>
    id(
      `insert into course_runs (course_type_id, start_date, end_date, capacity, created_at, updated_at) values (?, ?, ?, 12, 'x', 'x')`,
      type,
      d,
      d,
    );
  const runA = await run('2026-01-10');
  const runB = await run('2026-02-10');
  const session = (r: number) =>
    id(`insert into course_sessions (course_run_id, session_date) values (?, '2026-01-10')`, r);
  return { runA, runB, sessionA: await session(runA), sessionB: await session(runB) };
}

describe('merge and unmerge', () => {
  it('accounts for every table with a participant_id column', async () => {
    const tables = await t.backend.store.db.introspection.getTables();
    const withPid = tables.filter((x) => x.columns.some((c) => c.name === 'participant_id')).map((x) => x.name);
    const known = new Set([
      ...linkedTables.map((l) => l.table),
      ...linkedSets.map((l) => l.table),
      ...Object.keys(notMoved),
    ]);
    expect(withPid.filter((n) => !known.has(n))).toEqual([]);
  });

  it('moves everything to the survivor, keeps the merged record, and undo restores exactly', async () => {
    const db = t.backend.store.db;
    const { runA, runB, sessionA, sessionB } = await setup();
    const a = await aParticipant(db, {
      first_name: 'Amira',
      last_name: 'Khan',
      phone: null,
      phone_digits: null,
      ni_number: null,
    });
    const b = await aParticipant(db, {
      first_name: 'Amira',
      last_name: 'Khann',
      phone: '07700 900999',
      phone_digits: '07700900999',
      ni_number: 'JK123456C',
      ni_status: 'known',
    });
    const other = await aParticipant(db, { first_name: 'Zoe' });
    await attachEverything(a, runA, sessionA, 'a');
    await attachEverything(b, runB, sessionB, 'b');
    await db
      .insertInto('participant_barriers')
      .values([
        { participant_id: a, barrier_code: 'esol' },
        { participant_id: b, barrier_code: 'esol' },
        { participant_id: b, barrier_code: 'homeless' },
      ])
      .execute();
    await t.ok('participants.markNotDuplicate', { a: b, b: other });
    for (const id of [a, b, other]) await db.transaction().execute((tx) => refreshEligibility(tx, id, '2026-11-23')); // rows written directly above
    const before = await dump();

    const preview = await t.ok('participants.mergePreview', { a, b });
    expect(preview.linked.b).toMatchObject({ 'course enrolments': 1, outcomes: 1, barriers: 2 });
    const merged = await t.ok('participants.merge', {
      survivorId: a,
      mergedId: b,
      survivorVersion: 1,
      mergedVersion: 1,
      take: { phone: 'merged', niNumber: 'merged' },
    });
    for (const l of linkedTables) {
      const n = await sqlRow<{ n: number }>(db, `select count(*) as n from ${l.table} where participant_id = ?`, b);
      expect(n!.n, `${l.table} left behind`).toBe(0);
    }
    expect(merged.moved).toMatchObject({
      enrolments: 1,
      outcomes: 1,
      evidence_items: 1,
      placements: 1,
      hse_tests: 1,
      sustainment_checks: 1,
    });
    const survivor = await t.ok('participants.get', { id: a });
    expect(survivor.record).toMatchObject({
      lastName: 'Khan',
      phone: '07700 900999',
      niNumber: 'JK123456C',
      niStatus: 'known',
      barriers: ['esol', 'homeless'],
    });
    expect(survivor.undoableMerge).toMatchObject({ mergeId: merged.mergeId, mergedId: b });
    const gone = await t.ok('participants.get', { id: b });
    expect(gone).toMatchObject({ status: 'merged', mergedIntoId: a });
    expect((await t.ok('participants.page', {})).total).toBe(2);
    // the "not the same person" decision now holds for the survivor
    expect(await sqlRows(db, 'select participant_a, participant_b from not_duplicate_pairs')).toEqual([
      { participant_a: a, participant_b: other },
    ]);
    // the survivor's timeline and history cover both records
    const tl = await t.ok('participants.timeline', { id: a });
    expect(tl.items.filter((i) => i.kind === 'enrolment')).toHaveLength(2);

    await t.ok('participants.unmerge', { mergeId: merged.mergeId });
    const after = await dump();
    const strip = (rows: unknown[]) =>
      (rows as Array<Record<string, unknown>>).map(({ version: _v, updated_at: _u, updated_by: _b, ...rest }) => rest);
    for (const table of Object.keys(before)) {
      expect(table === 'participants' ? strip(after[table]!) : after[table], table).toEqual(
        table === 'participants' ? strip(before[table]!) : before[table],
      );
    }
    expect(await t.call('participants.unmerge', { mergeId: merged.mergeId })).toMatchObject({
      ok: false,
      error: { kind: 'conflict' },
    });
    const actions = (await db.selectFrom('audit_log').select('action').where('participant_id', '=', a).execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['merge', 'unmerge']));
  });

  it('refuses a merge that would count an outcome twice, a stale version, and undo after later edits', async () => {
    const db = t.backend.store.db;
    const a = await aParticipant(db);
    const b = await aParticipant(db);
    const now = 'x';
    for (const pid of [a, b])
      await sqlRun(
        db,
        `insert into outcomes (participant_id, outcome_type, outcome_date, created_at, updated_at) values (?, 'job_start', '2026-03-05', ?, ?)`,
        pid,
        now,
        now,
      );
    const clash = await t.call('participants.merge', {
      survivorId: a,
      mergedId: b,
      survivorVersion: 1,
      mergedVersion: 1,
    });
    expect(clash).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringMatching(/counted twice/) },
    });
    expect(
      await t.call('participants.merge', { survivorId: a, mergedId: b, survivorVersion: 7, mergedVersion: 1 }),
    ).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    await sqlRun(db, 'delete from outcomes where participant_id = ?', b);
    const m = await t.ok('participants.merge', { survivorId: a, mergedId: b, survivorVersion: 1, mergedVersion: 1 });
    await t.ok('participants.addNote', { id: a, body: 'after the merge' }); // notes do not change the record itself
    const detail = await t.ok('participants.get', { id: a });
    await t.ok('participants.update', {
      id: a,
      version: detail.version,
      record: { ...detail.record, firstName: 'Changed' },
    });
    expect(await t.call('participants.unmerge', { mergeId: m.mergeId })).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringMatching(/edited after the merge/) },
    });
  });
});
