// Results on a real store: outcomes created automatically and only once (re-recording and
// correcting never duplicates), site ready reached on the right day, the candidates list and
// expiry worklist, exports read back by a second reader, the rule from settings, query plans,
// and the 0020 migration over a store that already has rows.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { auditRows } from '../support/courses-audit';
import { migrateToLatest } from '../../db/store/migrator';
import { migrations } from '../../db/store/migrations/index';
import type { MigrationDb } from '../../db/store/migrations/migration-db';
import { isPostgresRun } from '../support/test-store';

let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend({ role: 'officer' });
});
afterEach(async () => t.close());

async function runWithPeople(n: number) {
  const { courseTypes } = await t.ok('courses.lookups', {});
  const { id: runId } = await t.ok('courses.runs.create', {
    courseTypeId: courseTypes.find((c) => c.code === 'cscs_pre_employment')!.id,
    startDate: '2026-10-05',
    endDate: '2026-10-16',
    capacity: 12,
  });
  const people: number[] = [];
  for (let i = 0; i < n; i++)
    people.push(
      await aParticipant(t.backend.store.db, {
        eligibility_status: 'eligible',
        first_name: `First${i}`,
        last_name: `Last${i}`,
        phone: `0770090000${i}`,
      }),
    );
  await t.ok('courses.enrol', { runId, participantIds: people });
  const list = await t.ok('courses.enrolments.list', { runId });
  const enrolmentOf = (pid: number) => list.find((e) => e.participantId === pid)!.enrolmentId;
  return { runId, people, enrolmentOf };
}

const outcomes = (pid: number) =>
  t.backend.store.db
    .selectFrom('outcomes')
    .select(['outcome_type', 'outcome_date', 'source'])
    .where('participant_id', '=', pid)
    .orderBy('outcome_type')
    .execute();

describe('issue 20: result dates and completing a run', () => {
  it('defaults result dates to the run’s end date (today while it has not ended), and offers to complete the run once every result is in', async () => {
    // Today is 23/11/2026 (TEST_NOW); this run ended on 16/10/2026.
    const { runId, people, enrolmentOf } = await runWithPeople(2);
    let view = await t.ok('courses.results.get', { runId });
    expect(view).toMatchObject({ defaultDate: '2026-10-16', allResultsIn: false });
    const { courseTypes } = await t.ok('courses.lookups', {});
    const { id: future } = await t.ok('courses.runs.create', {
      courseTypeId: courseTypes.find((c) => c.code === 'cscs_pre_employment')!.id,
      startDate: '2026-11-16',
      endDate: '2026-12-04',
      capacity: 12,
    });
    expect((await t.ok('courses.results.get', { runId: future })).defaultDate).toBe('2026-11-23');

    await t.ok('courses.runs.update', { ...(await runFields(runId)), status: 'running' });
    const early = await t.call('courses.runs.complete', { id: runId });
    expect(early).toMatchObject({
      ok: false,
      error: { kind: 'conflict', message: expect.stringMatching(/2 people have no course result/) },
    });
    await t.ok('courses.results.record', {
      runId,
      kind: 'completion',
      date: view.defaultDate,
      entries: [
        { enrolmentId: enrolmentOf(people[0]!), status: 'completed' },
        { enrolmentId: enrolmentOf(people[1]!), status: 'not_completed' },
      ],
    });
    view = await t.ok('courses.results.get', { runId });
    expect(view.allResultsIn).toBe(true);
    await t.ok('courses.runs.complete', { id: runId });
    expect((await t.ok('courses.runs.get', { id: runId })).status).toBe('completed');
    const audit = await auditRows(t.backend.store.db, { entity: 'course_run' });
    expect(audit.at(-1)).toMatchObject({ summary: 'Course run marked completed: every result is in' });
  });
});

async function runFields(id: number) {
  const r = await t.ok('courses.runs.get', { id });
  return {
    id,
    courseTypeId: r.courseTypeId,
    providerOrgId: r.providerOrgId,
    venue: r.venue,
    startDate: r.startDate,
    endDate: r.endDate,
    capacity: r.capacity,
    tutor: r.tutor,
    fundingStreamId: r.fundingStreamId,
    notes: r.notes,
  };
}

describe('results and their outcomes', () => {
  it('creates course, qualification, card and site-ready outcomes once, never duplicated on re-recording', async () => {
    const { runId, people, enrolmentOf } = await runWithPeople(3);
    const [a, b, c] = people as [number, number, number];
    const all = people.map((p) => ({ enrolmentId: enrolmentOf(p) }));
    const record = async () => {
      await t.ok('courses.results.record', {
        runId,
        kind: 'completion',
        date: '2026-10-16',
        entries: all.map((e) => ({ ...e, status: 'completed' as const })),
      });
      await t.ok('courses.results.record', {
        runId,
        kind: 'l1',
        date: '2026-10-07',
        awardingBody: 'CITB',
        entries: all.map((e, i) => ({ ...e, certificateNumber: `L1-00${i}` })),
      });
      await t.ok('courses.results.record', {
        runId,
        kind: 'hse',
        date: '2026-10-09',
        entries: [
          { enrolmentId: enrolmentOf(a), score: 47 },
          { enrolmentId: enrolmentOf(b), score: 44 },
          { enrolmentId: enrolmentOf(c), score: 45 },
        ],
      });
      await t.ok('courses.results.record', {
        runId,
        kind: 'ppe',
        date: '2026-10-12',
        entries: all.map((e) => ({ ...e, items: 'Boots, hi-vis, hard hat, gloves' })),
      });
      await t.ok('courses.results.record', {
        runId,
        kind: 'card',
        date: '2026-10-20',
        cardType: 'green_labourer',
        entries: [{ enrolmentId: enrolmentOf(a), cardNumber: '0012345678', isFirstLabourerCard: true }],
      });
      return t.ok('courses.results.record', {
        runId,
        kind: 'signoff',
        date: '2026-10-21',
        entries: [a, c].map((p) => ({ enrolmentId: enrolmentOf(p), notes: 'Ready for site' })),
      });
    };
    const first = await record();
    // b scored 44/50 and has no card: neither a sign-off nor a card is accepted for them.
    const refused = await t.call('courses.results.record', {
      runId,
      kind: 'signoff',
      date: '2026-10-21',
      entries: all.map((e) => ({ ...e, notes: 'Ready for site' })),
    });
    expect(refused.ok || refused.error.fields?.map((f) => f.path)).toEqual([['entries', 1, 'notes']]);
    const cardForB = await t.call('courses.results.record', {
      runId,
      kind: 'card',
      date: '2026-10-20',
      cardType: 'green_labourer',
      entries: [{ enrolmentId: enrolmentOf(b), cardNumber: '0012345679', isFirstLabourerCard: true }],
    });
    expect(cardForB.ok || cardForB.error.fields).toEqual([
      {
        path: ['entries', 0, 'cardNumber'],
        message:
          'First1 Last1: The HS&E score 44/50 (09/10/2026) is below the pass mark (45/50): a CSCS card needs an HS&E pass',
      },
    ]);
    expect(first.becameSiteReady).toBe(1); // only a: b failed HS&E, c has no card
    expect(await outcomes(a)).toEqual([
      { outcome_type: 'course_completed', outcome_date: '2026-10-16', source: 'course' },
      { outcome_type: 'cscs_card', outcome_date: '2026-10-20', source: 'course' },
      { outcome_type: 'qualification', outcome_date: '2026-10-07', source: 'course' },
      { outcome_type: 'site_ready', outcome_date: '2026-10-21', source: 'course' },
    ]);
    const countBefore = await t.backend.store.db
      .selectFrom('outcomes')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    const second = await record();
    expect(second).toMatchObject({ outcomesCreated: 0, becameSiteReady: 0 });
    const countAfter = await t.backend.store.db
      .selectFrom('outcomes')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    expect(countAfter.n).toBe(countBefore.n);
    // Re-recording updated the rows rather than adding more.
    expect(
      (await t.backend.store.db.selectFrom('hse_tests').selectAll().where('participant_id', '=', a).execute()).length,
    ).toBe(1);
    expect(
      (await t.backend.store.db.selectFrom('cscs_cards').selectAll().where('participant_id', '=', a).execute()).length,
    ).toBe(1);

    // The card expiry defaulted by the rule: a first Labourer card from 1 Feb 2025 lasts 2 years.
    const results = await t.ok('courses.results.get', { runId });
    const ra = results.rows.find((r) => r.participantId === a)!;
    expect(ra.card).toMatchObject({
      cardNumber: '0012345678',
      issuedOn: '2026-10-20',
      expiresOn: '2028-10-20',
      isFirstLabourerCard: true,
    });
    expect(ra.siteReady).toMatchObject({ ready: true, readySince: '2026-10-21', missing: [] });
    const rb = results.rows.find((r) => r.participantId === b)!;
    expect(rb.siteReady.missing).toEqual([
      'Valid CSCS card',
      'HS&E test pass (last score 44/50)',
      'Readiness signed off by an officer',
    ]);
    expect(rb.hse[0]).toMatchObject({ score: 44, passed: false });

    // b retakes and passes, gets a card and is signed off: ready from the sign-off (the latest requirement).
    await t.ok('courses.results.record', {
      runId,
      kind: 'hse',
      date: '2026-10-23',
      entries: [{ enrolmentId: enrolmentOf(b), score: 48 }],
    });
    const card = await t.ok('courses.results.record', {
      runId,
      kind: 'card',
      date: '2026-11-02',
      cardType: 'green_labourer',
      entries: [{ enrolmentId: enrolmentOf(b), cardNumber: '0099', isFirstLabourerCard: true }],
    });
    expect(card).toMatchObject({ becameSiteReady: 0, warnings: [] });
    const signed = await t.ok('courses.results.record', {
      runId,
      kind: 'signoff',
      date: '2026-11-02',
      entries: [{ enrolmentId: enrolmentOf(b), notes: null }],
    });
    expect(signed.becameSiteReady).toBe(1);
    expect((await outcomes(b)).find((o) => o.outcome_type === 'site_ready')?.outcome_date).toBe('2026-11-02');

    // Correcting the card's issue date moves its outcome instead of adding one.
    await t.ok('courses.results.record', {
      runId,
      kind: 'card',
      date: '2026-11-01',
      cardType: 'green_labourer',
      entries: [{ enrolmentId: enrolmentOf(b), cardNumber: '0099', isFirstLabourerCard: true }],
    });
    expect((await outcomes(b)).filter((o) => o.outcome_type === 'cscs_card')).toEqual([
      { outcome_type: 'cscs_card', outcome_date: '2026-11-01', source: 'course' },
    ]);

    // Every change is in the audit log against the person.
    const audit = await auditRows(t.backend.store.db, { participantId: b });
    expect(new Set(audit.map((x) => x.entity))).toEqual(
      new Set(['enrolment', 'l1_award', 'hse_test', 'ppe_issue', 'cscs_card', 'site_ready_signoff', 'outcome']),
    );
  });

  it('refuses future dates and impossible scores, naming the field', async () => {
    const { runId, people, enrolmentOf } = await runWithPeople(1);
    const future = await t.call('courses.results.record', {
      runId,
      kind: 'hse',
      date: '2027-01-01',
      entries: [{ enrolmentId: enrolmentOf(people[0]!), score: 47 }],
    });
    expect(future.ok).toBe(false);
    if (!future.ok) expect(future.error.fields?.[0]?.path).toEqual(['date']);
    const badScore = await t.call('courses.results.record', {
      runId,
      kind: 'hse',
      date: '2026-10-01',
      entries: [{ enrolmentId: enrolmentOf(people[0]!), score: 51 }],
    });
    expect(badScore.ok).toBe(false);
    if (!badScore.ok)
      expect(badScore.error.fields?.[0]).toEqual({
        path: ['entries', 0, 'score'],
        message: 'The score must be 0 to 50',
      });
  });

  it('removing a card recorded in error removes its unverified outcome; revoking a sign-off ends readiness', async () => {
    const { runId, people, enrolmentOf } = await runWithPeople(1);
    const p = people[0]!;
    const e = [{ enrolmentId: enrolmentOf(p) }];
    await t.ok('courses.results.record', {
      runId,
      kind: 'hse',
      date: '2026-10-09',
      entries: [{ ...e[0]!, score: 50 }],
    });
    await t.ok('courses.results.record', {
      runId,
      kind: 'ppe',
      date: '2026-10-09',
      entries: e.map((x) => ({ ...x, items: null })),
    });
    await t.ok('courses.results.record', {
      runId,
      kind: 'signoff',
      date: '2026-10-09',
      entries: e.map((x) => ({ ...x, notes: null })),
    });
    await t.ok('courses.results.record', {
      runId,
      kind: 'card',
      date: '2026-10-10',
      cardType: 'green_labourer',
      entries: [{ ...e[0]!, cardNumber: 'X1', isFirstLabourerCard: true }],
    });
    expect((await t.ok('courses.siteReady.participant', { participantId: p })).ready).toBe(true);
    const res = await t.ok('courses.results.get', { runId });
    await t.ok('courses.results.remove', {
      kind: 'signoff',
      id: res.rows[0]!.signoff!.id,
      reason: 'Signed off too early',
    });
    expect(await t.ok('courses.siteReady.participant', { participantId: p })).toMatchObject({
      ready: false,
      missing: ['Readiness signed off by an officer'],
    });
    await t.ok('courses.results.remove', { kind: 'card', id: res.rows[0]!.card!.id, reason: 'Wrong person' });
    expect((await outcomes(p)).map((o) => o.outcome_type)).toEqual(['site_ready']);
  });
});

describe('site-ready candidates and the expiry worklist', () => {
  async function seedCards() {
    const { runId, people, enrolmentOf } = await runWithPeople(4);
    const [a, b, c, d] = people as [number, number, number, number];
    const all = people.map((p) => ({ enrolmentId: enrolmentOf(p) }));
    await t.ok('courses.results.record', {
      runId,
      kind: 'hse',
      date: '2024-12-10',
      entries: all.map((x) => ({ ...x, score: 46 })),
    });
    await t.ok('courses.results.record', {
      runId,
      kind: 'ppe',
      date: '2026-10-12',
      entries: all.map((x) => ({ ...x, items: '=HYPERLINK("x")' })),
    });
    await t.ok('courses.results.record', {
      runId,
      kind: 'signoff',
      date: '2026-10-12',
      entries: all.map((x) => ({ ...x, notes: null })),
    });
    // a: card expiring in 30 days; b: card far off; c and d: no card (pass expires 10/12/2026, 17 days away).
    await t.ok('courses.results.record', {
      runId,
      kind: 'card',
      date: '2021-12-23',
      cardType: 'green_labourer',
      entries: [{ enrolmentId: enrolmentOf(a), cardNumber: '000123', isFirstLabourerCard: false }],
    });
    await t.ok('courses.results.record', {
      runId,
      kind: 'card',
      date: '2025-03-01',
      cardType: 'green_labourer',
      entries: [{ enrolmentId: enrolmentOf(b), cardNumber: '000456', isFirstLabourerCard: true }],
    });
    return { a, b, c, d };
  }

  it('lists the ready with contact details, the not-ready with what is missing, and exports them audited', async () => {
    const { a, b, c } = await seedCards();
    const ready = await t.ok('courses.siteReady.page', { preset: 'ready', sort: [{ colId: 'lastName', sort: 'asc' }] });
    // b's pass (taken 10/12/2024) backs a first Labourer card from 1 Feb 2025: 3 years, still valid.
    expect(ready.rows.map((r) => r.id)).toEqual([a, b]);
    expect(ready.rows[0]).toMatchObject({ cardNumber: '000123', cardExpiresOn: '2026-12-23', phone: '07700900000' });
    const notReady = await t.ok('courses.siteReady.page', { preset: 'not-ready' });
    expect(notReady.rows.find((r) => r.id === c)?.missing).toBe('Valid CSCS card');
    // The list is cached between pages, but any change shows at once.
    const runId = (
      await t.backend.store.db
        .selectFrom('enrolments')
        .select('course_run_id')
        .where('participant_id', '=', c)
        .executeTakeFirstOrThrow()
    ).course_run_id;
    const enrolmentId = (await t.ok('courses.enrolments.list', { runId })).find(
      (e) => e.participantId === c,
    )!.enrolmentId;
    await t.ok('courses.results.record', {
      runId,
      kind: 'card',
      date: '2026-11-20',
      cardType: 'green_labourer',
      entries: [{ enrolmentId, cardNumber: '000789', isFirstLabourerCard: true }],
    });
    expect((await t.ok('courses.siteReady.page', { preset: 'ready' })).total).toBe(3);
    await t.backend.store.db
      .deleteFrom('outcomes')
      .where('participant_id', '=', c)
      .where('outcome_type', '=', 'site_ready')
      .execute();
    await t.backend.store.db.deleteFrom('cscs_cards').where('participant_id', '=', c).execute();

    const file = await t.exported('courses.siteReady.export', { preset: 'ready', purpose: 'Kier site induction list' });
    const out = path.join(t.dir, file.fileName);
    fs.writeFileSync(out, file.bytes);
    const py = `import openpyxl,sys\nws=openpyxl.load_workbook(sys.argv[1]).active\nfor r in ws.iter_rows(min_row=5,values_only=True): print(repr(r))`;
    const text = execFileSync('/usr/bin/python3', ['-c', py, out], { encoding: 'utf8' });
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(3); // header + 2 people
    expect(lines[1]).toContain("'07700900000'"); // phone kept as text with its leading 0
    expect(lines[1]).toContain("'000123'"); // card number as text
    expect(lines[1]).toContain('datetime.datetime(2026, 12, 23, 0, 0)'); // a real date
    const audit = await auditRows(t.backend.store.db, { action: 'export' });
    expect(audit[0]?.summary).toContain('Exported 2 people (ready)');
    expect(audit[0]?.summary).toContain('Kier site induction list');
  });

  it('finds people in the list by any part of their reference, names or postcode, and follows a change of name', async () => {
    const { a, b } = await seedCards();
    const person = await t.backend.store.db
      .selectFrom('participants')
      .select(['reference', 'last_name', 'postcode'])
      .where('id', '=', a)
      .executeTakeFirstOrThrow();
    const found = async (search: string) =>
      (await t.ok('courses.siteReady.page', { preset: 'ready', search })).rows.map((r) => r.id);
    expect(await found(person.reference.toLowerCase())).toEqual([a]);
    // A name word (the builder's names end in a digit, which a typed word would make an identifier).
    const name = person.last_name.replace(/\d/g, '');
    expect(await found(`${name.slice(1).toUpperCase()} ${person.reference.slice(-3)}`)).toEqual([a]);
    if (person.postcode) expect(await found(person.postcode.split(' ')[0]!.toLowerCase())).toContain(a);
    expect(await found('zzqq')).toEqual([]);
    // The search texts are kept with the evaluated list: a change of name shows at once.
    await t.backend.store.db
      .updateTable('participants')
      .set({ last_name: 'Quennell-Zebedee' })
      .where('id', '=', b)
      .execute();
    expect(await found('zebedee')).toEqual([b]);
  });

  it('reads a typed word with a digit as an identifier, never a name, as the participant quick search does', async () => {
    const { a, b, c } = await seedCards();
    const db = t.backend.store.db;
    // A name typed with a digit (a slip the record does not refuse), and two postcodes.
    await db.updateTable('participants').set({ first_name: 'Robin', last_name: 'Ross3' }).where('id', '=', a).execute();
    await db
      .updateTable('participants')
      .set({ first_name: 'Sam', last_name: 'Ross', postcode: 'SG2 8CC' })
      .where('id', '=', b)
      .execute();
    await db
      .updateTable('participants')
      .set({ first_name: 'Ann', last_name: 'Ross', postcode: 'SG1 4AB' })
      .where('id', '=', c)
      .execute();
    const ref = (await db.selectFrom('participants').select('reference').where('id', '=', c).executeTakeFirstOrThrow())
      .reference;
    const found = async (search: string) =>
      (await t.ok('courses.siteReady.page', { preset: 'all', search })).rows.map((r) => r.id).sort((x, y) => x - y);
    // "ross3" is not a name: nobody's identifiers hold it (it found Robin by name).
    expect(await found('ross3')).toEqual([]);
    // A postcode with or without its space, and a reference without its dash, in the identifiers.
    expect(await found('sg2 8cc')).toEqual([b]);
    expect(await found('sg28cc')).toEqual([b]);
    expect(await found(ref.replace('-', ''))).toEqual([c]);
    // A name and a digit word: the Rosses in SG2, not every Ross.
    expect(await found('ross sg2')).toEqual([b]);
    expect(await found('ross')).toEqual([a, b, c].sort((x, y) => x - y));
    expect(await found('Robin')).toEqual([a]);
  });

  it('the expiry worklist shows cards expiring within N days and passes lapsing before a card application', async () => {
    const { a, c, d } = await seedCards();
    const list = await t.ok('courses.expiry.list', { withinDays: 60 });
    expect(list.rows.map((r) => [r.kind, r.participantId, r.expiresOn, r.daysLeft])).toEqual([
      ['hse', c, '2026-12-10', 17],
      ['hse', d, '2026-12-10', 17],
      ['card', a, '2026-12-23', 30],
    ]);
    expect(list.rows[2]?.phone).toBe('07700900000');
    expect((await t.ok('courses.expiry.list', { withinDays: 20 })).rows.map((r) => r.kind)).toEqual(['hse', 'hse']);
    const file = await t.exported('courses.expiry.export', { withinDays: 60 });
    expect(file.rows).toBe(3);
    // Audited once the file is complete, as before it became a job.
    const audit = await auditRows(t.backend.store.db, { entity: 'cscs_expiry_worklist' });
    expect(audit.map((r) => r.summary)).toEqual([
      `Exported the expiry worklist (60 days, 3 items) to ${file.fileName}`,
    ]);
  });

  it('the programme changes the rule: administrators only, audited, applied at once', async () => {
    const { a, b } = await seedCards();
    const denied = await t.call('courses.siteReady.setRule', {
      requireCard: true,
      acceptedCardTypes: [],
      requireHsePass: false,
      requireL1Award: true,
      requirePpe: true,
      ppeValidMonths: null,
      requireSignoff: true,
      signoffValidMonths: null,
    });
    expect(denied.ok || denied.error.kind).toBe('forbidden');
    await t.signInAs('administrator');
    const set = await t.ok('courses.siteReady.setRule', {
      requireCard: true,
      acceptedCardTypes: [],
      requireHsePass: false,
      requireL1Award: true,
      requirePpe: true,
      ppeValidMonths: null,
      requireSignoff: true,
      signoffValidMonths: null,
    });
    expect(set.description).toContain('The Level 1 Award in Health and Safety in a Construction Environment');
    const notReady = await t.ok('courses.siteReady.page', { preset: 'not-ready' });
    expect(notReady.rows.filter((r) => r.id === a || r.id === b).map((r) => r.missing)).toEqual([
      'Level 1 Award in Health and Safety',
      'Level 1 Award in Health and Safety',
    ]);
    const audit = await auditRows(t.backend.store.db, { entity: 'setting' });
    expect(audit.map((x) => x.summary)).toEqual(['Site-ready rule changed']);
  });

  // SQLite only: reads SQLite's query plan (EXPLAIN QUERY PLAN).
  it.skipIf(isPostgresRun)('the expiry query uses the card expiry index', async () => {
    const plan = await sql<{
      detail: string;
    }>`explain query plan select c.id from cscs_cards c join participants p on p.id = c.participant_id where c.expires_on >= '2026-01-01'
      and c.expires_on <= '2026-03-01'`.execute(t.backend.store.db);
    expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(/cscs_cards_expires/);
  });
});

describe('migration 0020', () => {
  it('adds the catalogue to a store at 0004 that already has course types and runs', async () => {
    const file = path.join(t.dir, 'old.sqlite');
    const db: MigrationDb = new Kysely({ dialect: new SqliteDialect({ database: new Database(file) }) });
    const upTo = (last: string) => Object.fromEntries(Object.entries(migrations).filter(([name]) => name <= last));
    await migrateToLatest(db, upTo('0004-placements-outcomes'));
    await db
      .insertInto('course_types')
      .values({ code: 'l1_award', name: 'Our own L1 name', sort_order: 1, is_active: 1 })
      .execute();
    await db
      .insertInto('course_runs')
      .values({
        course_type_id: 1,
        start_date: '2024-01-08',
        end_date: '2024-01-12',
        capacity: 10,
        status: 'completed',
        created_at: 'x',
        updated_at: 'x',
      })
      .execute();
    await migrateToLatest(db, upTo('0020-course-catalogue'));
    const types = await db.selectFrom('course_types').select(['code', 'name', 'description']).execute();
    expect(types.find((x: { code: string }) => x.code === 'l1_award')).toEqual({
      code: 'l1_award',
      name: 'Our own L1 name',
      description: null,
    });
    expect(types.length).toBe(12);
    expect((await db.selectFrom('course_runs').selectAll().execute()).length).toBe(1);
    await db.destroy();
  });
});
