// The other kinds of partner file on a real store: outcomes (through recordOutcomeOnce),
// placements, course enrolments and results; review resolution; remembered "not the same
// person" decisions; and reconciliation with accepted differences and an exported workbook
// read back by a second reader (openpyxl).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readableAuditRows } from '../../db/features/audit/audit.repository';
import { createTestBackend, TEST_NOW, type TestBackend } from '../support/backend';
import { aParticipant, participantValues } from '../support/builders';

const participantValuesForAudit = (reference: string) => participantValues({ reference });
import { messyReferralsWorkbook, outcomesWorkbook, people, referralsWorkbook } from '../fixtures/imports/generate';
import { commit, messyProfile, openFile, preview, referralsProfile, waitJob } from './imports-support';
import { setLogSink } from '../../db/backend/log';
import type { ImportProfileInput } from '../../shared/domain/import-profile';

setLogSink(() => {});
let t: TestBackend;
beforeEach(async () => {
  t = await createTestBackend();
});
afterEach(async () => t.close());

const csv = (lines: string[]) => new Uint8Array(Buffer.from(lines.join('\r\n')));
const count = async (table: 'outcomes' | 'placements' | 'enrolments' | 'participants') =>
  Number(
    (
      await t.backend.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function seedPeople(n = 10) {
  const rows = people(n, 11);
  const p = await preview(t, await openFile(t, 'people.xlsx', await referralsWorkbook(rows)), referralsProfile);
  await commit(t, p.previewId);
  return rows;
}

describe('outcomes, placements, enrolments and results', () => {
  it('imports outcomes once, through recordOutcomeOnce, and undoes them', async () => {
    const rows = await seedPeople();
    const profile: ImportProfileInput = {
      name: 'Kier starts',
      partner: 'Kier',
      kind: 'outcomes',
      columns: {
        ni_number: 'NINO',
        full_name: 'Name',
        outcome_type: 'Outcome',
        outcome_date: 'Start date',
        hours_per_week: 'Hours',
      },
    };
    const file = await outcomesWorkbook(rows.slice(0, 6));
    const first = await preview(t, await openFile(t, 'starts.xlsx', file), profile);
    expect(first.counts).toMatchObject({ new: 6, error: 0 });
    const { batchId } = await commit(t, first.previewId);
    const outcomes = await t.backend.store.db.selectFrom('outcomes').selectAll().execute();
    expect(outcomes).toHaveLength(6);
    expect(
      outcomes.every((o) => o.source === 'import' && o.outcome_type === 'job_start' && o.hours_per_week === 30),
    ).toBe(true);
    const again = await preview(t, await openFile(t, 'starts.xlsx', file), profile);
    expect(again.counts).toMatchObject({ new: 0, unchanged: 6 });
    const undo = await t.ok('imports.undo', { batchId });
    expect(undo).toMatchObject({ removed: 6, kept: [] });
    expect(await count('outcomes')).toBe(0);
  });

  it('refuses outcome rows for people we do not hold, naming the row', async () => {
    await seedPeople(2);
    const bytes = csv([
      'NI,Name,Outcome,Date',
      'RT 99 99 99 A,Nobody Known,Job start,01/04/2026',
      `${people(2, 11)[0]!.ni},X Y,Space flight,01/04/2026`,
    ]);
    const p = await preview(t, await openFile(t, 'o.csv', bytes), {
      name: 'o',
      partner: 'p',
      kind: 'outcomes',
      columns: { ni_number: 'NI', full_name: 'Name', outcome_type: 'Outcome', outcome_date: 'Date' },
    });
    const errors = (await t.ok('imports.previewPage', { previewId: p.previewId, status: 'error', query: {} })).rows.map(
      (r) => `${r.rowNumber}: ${r.detail}`,
    );
    expect(errors).toEqual([
      '2: match: No one in our records matches this row (import them as referrals first)',
      expect.stringMatching(/^3: Outcome \(C\): Outcome type "Space flight" is not one of: job_start/),
    ]);
  });

  it('imports placements with their employer, enrolments on a course run, then results', async () => {
    const rows = await seedPeople(4);
    const db = t.backend.store.db;
    const org = await db
      .insertInto('organisations')
      .values({
        name: 'Kier Construction',
        kind: 'employer',
        created_at: TEST_NOW,
        updated_at: TEST_NOW,
        sector: null,
        address: null,
        postcode: null,
        phone: null,
        email: null,
        notes: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const type = await db
      .insertInto('course_types')
      .values({
        code: 'CSCS-L1',
        name: 'Level 1 Health and Safety',
        provider_org_id: null,
        typical_days: 5,
        leads_to: null,
        cscs_component: 'l1_award',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('course_runs')
      .values({
        course_type_id: type.id,
        provider_org_id: null,
        venue: null,
        start_date: '2026-03-02',
        end_date: '2026-03-06',
        capacity: 12,
        tutor: null,
        funding_stream_id: null,
        notes: null,
        created_at: TEST_NOW,
        updated_at: TEST_NOW,
      })
      .execute();

    const placements = csv([
      'NI,Employer,Type,Start,End,Hours',
      `${rows[0]!.ni},kier construction,Work experience,02/03/2026,13/03/2026,16`,
      `${rows[1]!.ni},Unknown Builders Ltd,Work trial,09/03/2026,,20`,
    ]);
    const pp = await preview(t, await openFile(t, 'placements.csv', placements), {
      name: 'pl',
      partner: 'Kier',
      kind: 'placements',
      columns: {
        ni_number: 'NI',
        employer: 'Employer',
        placement_kind: 'Type',
        starts_on: 'Start',
        ends_on: 'End',
        hours_per_week: 'Hours',
      },
    });
    expect(pp.counts).toMatchObject({ new: 2, error: 0 });
    await commit(t, pp.previewId);
    const placed = await db.selectFrom('placements').selectAll().orderBy('starts_on').execute();
    expect(placed.map((p) => [p.kind, p.employer_org_id, p.ends_on, p.hours_per_week, p.status])).toEqual([
      ['work_experience', org.id, '2026-03-13', 16, 'completed'],
      ['work_trial', null, null, 20, 'active'],
    ]);
    expect(placed[1]!.site).toBe('Employer: Unknown Builders Ltd');

    const enrol = csv([
      'NI,Course,Course start',
      ...rows.map((r) => `${r.ni},CSCS-L1,02/03/2026`),
      `${rows[0]!.ni},Forklift,02/03/2026`,
    ]);
    const ep = await preview(t, await openFile(t, 'enrol.csv', enrol), {
      name: 'en',
      partner: 'NHC',
      kind: 'enrolments',
      columns: { ni_number: 'NI', course: 'Course', course_start: 'Course start' },
    });
    expect(ep.counts).toMatchObject({ new: 4, error: 1 });
    await commit(t, ep.previewId);
    expect(await count('enrolments')).toBe(4);

    const results = csv([
      'NI,Qualification,Start date,Result,Achieved',
      `${rows[0]!.ni},Level 1 Health and Safety,2026-03-02,Achieved,06/03/2026`,
      `${rows[1]!.ni},Level 1 Health and Safety,2026-03-02,Not achieved,06/03/2026`,
    ]);
    const rp = await preview(t, await openFile(t, 'results.csv', results), {
      name: 'res',
      partner: 'NHC',
      kind: 'results',
      columns: {
        ni_number: 'NI',
        course: 'Qualification',
        course_start: 'Start date',
        result: 'Result',
        result_date: 'Achieved',
      },
    });
    expect(rp.counts).toMatchObject({ changed: 2, error: 0 });
    const { batchId } = await commit(t, rp.previewId);
    const statuses = await db
      .selectFrom('enrolments')
      .select(['status', 'completed_on'])
      .where('status', '!=', 'enrolled')
      .orderBy('status')
      .execute();
    expect(statuses).toEqual([
      { status: 'completed', completed_on: '2026-03-06' },
      { status: 'not_completed', completed_on: '2026-03-06' },
    ]);
    expect(await db.selectFrom('outcomes').select(['outcome_type', 'source']).execute()).toEqual([
      { outcome_type: 'course_completed', source: 'import' },
    ]);
    await t.ok('imports.undo', { batchId });
    expect(await db.selectFrom('enrolments').select('status').where('status', '!=', 'enrolled').execute()).toEqual([]);
    expect(await count('outcomes')).toBe(0);
  });
});

describe('review and remembered decisions', () => {
  it('resolves a probable match by hand, and a duplicate inside the file as a new person', async () => {
    const chloe = await aParticipant(t.backend.store.db, {
      first_name: 'Chloe',
      last_name: 'Clarke',
      date_of_birth: '1999-03-05',
      postcode: 'SG1 2CD',
      phone: '07700 900003',
      phone_digits: '07700900003',
      email: null,
    });
    const upload = await openFile(t, 'm.xlsx', await messyReferralsWorkbook());
    const p = await preview(t, upload, messyProfile, 'March referrals');
    expect(p.counts).toMatchObject({ new: 4, review: 2, error: 2 });
    const review = (await t.ok('imports.previewPage', { previewId: p.previewId, status: 'review', query: {} })).rows;
    const chloeRow = review.find((r) => r.name === 'Chloe Clarke')!;
    const detail = await t.ok('imports.previewRow', { previewId: p.previewId, rowId: chloeRow.id });
    expect(detail.candidates[0]).toMatchObject({
      id: chloe,
      level: 'probable',
      explanation: expect.stringContaining('same date of birth'),
    });
    const resolved = await t.ok('imports.resolve', { previewId: p.previewId, rowId: chloeRow.id, matchId: chloe });
    expect(resolved).toMatchObject({ status: 'changed', decision: 'accept', matchId: chloe });
    // Chloe was referred on 05/01/2026; the file's March referral is a new one (issue 20): the
    // first referral's fields are left as they are.
    expect(resolved.changes.map((c) => c.field)).toEqual(['new_referral']);
    const dup = review.find((r) => r.name === 'Amara Adeyemi')!;
    const asNew = await t.ok('imports.resolve', { previewId: p.previewId, rowId: dup.id, matchId: null });
    expect(asNew.status).toBe('new');
    const refused = await t.call('imports.resolve', { previewId: p.previewId, rowId: dup.id, matchId: 99999 });
    expect(refused.ok).toBe(false);
    await t.ok('imports.decide', { previewId: p.previewId, decision: 'reject', rowIds: [dup.id] });
    const { created, updated } = await commit(t, p.previewId);
    expect([created, updated]).toEqual([4, 1]);
    const again = await t.call('imports.commit', { previewId: p.previewId });
    expect(again.ok).toBe(false);
  });

  it('leaves out people already decided not to be the matched person', async () => {
    const db = t.backend.store.db;
    const a = await aParticipant(db, {
      first_name: 'Amara',
      last_name: 'Adeyemi',
      date_of_birth: '1990-03-05',
      ni_number: 'AB123456C',
      ni_status: 'known',
    });
    const b = await aParticipant(db, {
      first_name: 'Amara',
      last_name: 'Adeyemi',
      date_of_birth: '1990-03-05',
      ni_number: null,
      postcode: 'SG9 9ZZ',
    });
    const file = csv(['NI,First name,Surname,DOB', 'AB 12 34 56 C,Amara,Adeyemi,05/03/1990']);
    const profile: ImportProfileInput = {
      name: 'x',
      partner: 'p',
      kind: 'participants',
      columns: { ni_number: 'NI', first_name: 'First name', last_name: 'Surname', date_of_birth: 'DOB' },
    };
    const before = await preview(t, await openFile(t, 'a.csv', file), profile);
    expect(
      (await t.ok('imports.previewRow', { previewId: before.previewId, rowId: 1 })).candidates.map((c) => c.id),
    ).toEqual([a, b]);
    await db
      .insertInto('not_duplicate_pairs')
      .values({ participant_a: Math.min(a, b), participant_b: Math.max(a, b), decided_by: null, decided_at: TEST_NOW })
      .execute();
    const after = await preview(t, await openFile(t, 'a.csv', file), profile);
    const row = await t.ok('imports.previewRow', { previewId: after.previewId, rowId: 1 });
    expect(row.candidates.map((c) => c.id)).toEqual([a]);
    expect(row).toMatchObject({ status: 'unchanged', matchId: a });
  });
});

describe('reconciling', () => {
  it('sorts rows into agree, differ, theirs only and ours only, accepts a difference and exports a workbook', async () => {
    const rows = await seedPeople(8);
    const theirs = [...rows.slice(0, 6).map((r, i) => (i === 2 ? { ...r, postcode: 'SG5 5ZZ' } : r)), ...people(1, 99)];
    const upload = await openFile(t, 'jcp-april.xlsx', await referralsWorkbook(theirs));
    const { jobId } = await t.ok('imports.reconcile', {
      uploadId: upload.uploadId,
      sheet: 'Referrals',
      profile: referralsProfile as never,
    });
    const { reconcileId } = await waitJob<{ reconcileId: string }>(t, jobId);
    const summary = await t.ok('imports.reconcileSummary', { reconcileId });
    expect(summary.counts).toMatchObject({ agree: 5, differ: 1, theirs_only: 1, ours_only: 2, unsure: 0 });
    const differ = (await t.ok('imports.reconcilePage', { reconcileId, status: 'differ', query: {} })).rows[0]!;
    expect(differ.differences).toEqual([
      { field: 'postcode', label: 'Postcode', ours: rows[2]!.postcode, theirs: 'SG5 5ZZ' },
    ]);
    expect(
      await t.ok('imports.reconcileAccept', { reconcileId, items: [{ id: differ.id, fields: ['postcode'] }] }),
    ).toEqual({ updated: 1, fields: 1 });
    const p = await t.backend.store.db
      .selectFrom('participants')
      .select(['postcode', 'postcode_district', 'version'])
      .where('ni_number', '=', rows[2]!.ni)
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({ postcode: 'SG5 5ZZ', postcode_district: 'SG5', version: 2 });
    const raw = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['participant_id', 'summary', 'before_json', 'after_json'])
      .where('action', '=', 'update')
      .where('entity', '=', 'participant') // not the test store's "marked as demo data" setting
      .execute();
    // About a person, so sealed with their audit key (shredded if they are ever anonymised)...
    expect(raw.every((a) => a.summary.startsWith('enc1:'))).toBe(true);
    // ...and readable through the audit reader.
    const audit = await readableAuditRows(t.backend.store.db, raw);
    expect(audit.map((a) => a.summary)).toEqual([
      expect.stringContaining('taken from Jobcentre Plus Stevenage (reconciliation of "jcp-april.xlsx")'),
    ]);

    // An unknown reconciliation is refused by the call itself, before any job starts.
    const unknown = await t.call('imports.reconcile.export', { reconcileId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.ok || unknown.error.kind).toBe('not-found');
    const file = await t.exported('imports.reconcile.export', { reconcileId });
    expect(file).toMatchObject({ fileName: 'reconciliation-jcp-april.xlsx', rows: expect.any(Number) });
    const out = path.join(t.dir, file.fileName);
    fs.writeFileSync(out, file.bytes);
    const read = spawnSync(
      '/usr/bin/python3',
      [
        '-c',
        'import openpyxl,sys,json; wb=openpyxl.load_workbook(sys.argv[1]); print(json.dumps({ws.title: [list(r) ' +
          'for r in ws.iter_rows(values_only=True)] for ws in wb}, default=str))',
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(read.status, read.stderr).toBe(0);
    const book = JSON.parse(read.stdout) as Record<string, unknown[][]>;
    expect(Object.keys(book)).toEqual([
      'Summary',
      'Differences',
      'Theirs, not ours',
      'Ours, not theirs',
      'Possible match (check)',
      'In both, agree',
      'Errors',
    ]);
    expect(book.Differences![1]).toEqual([
      expect.stringMatching(/^SW-/),
      4,
      expect.any(String),
      'Postcode',
      rows[2]!.postcode,
      'SG5 5ZZ',
      'Yes',
    ]);
    expect(book['Ours, not theirs']).toHaveLength(3);
    expect(
      await t.backend.store.db
        .selectFrom('audit_log')
        .select(['action', 'entity', 'summary'])
        .where('action', '=', 'export')
        .execute(),
    ).toEqual([
      {
        action: 'export',
        entity: 'reconciliation',
        summary: expect.stringMatching(
          /^Reconciliation with Jobcentre Plus Stevenage of "jcp-april.xlsx" exported \(\d+ rows?\)$/,
        ),
      },
    ]);
  });
});

describe('the audit entries an import writes', () => {
  it('are sealed per person, like every other audit entry, so anonymisation can shred them', async () => {
    const t2 = await createTestBackend();
    try {
      const before = await t2.backend.store.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const { appendAuditMany } = await import('../../db/features/imports/bulk-audit');
      const ids = await t2.backend.store.db.transaction().execute(async (tx) => {
        const a = await tx
          .insertInto('participants')
          .values(participantValuesForAudit('SW-A1'))
          .returning('id')
          .executeTakeFirstOrThrow();
        const b = await tx
          .insertInto('participants')
          .values(participantValuesForAudit('SW-A2'))
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAuditMany(tx, '2026-11-23T10:00:00.000Z', t2.staffId, [
          {
            action: 'import',
            entity: 'participant',
            entityId: a.id,
            participantId: a.id,
            summary: 'Imported Canary Person',
            after: { last_name: 'Canaryperson' },
          },
          {
            action: 'import',
            entity: 'participant',
            entityId: b.id,
            participantId: b.id,
            summary: 'Imported Other Person',
          },
          { action: 'import', entity: 'batch', summary: 'Batch of 2' },
        ]);
        return [a.id, b.id];
      });
      const rows = await t2.backend.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '>', Number(before.n))
        .orderBy('id')
        .execute();
      const mine = rows.filter((r) => r.action === 'import');
      expect(
        mine
          .filter((r) => r.participant_id !== null)
          .every((r) => r.summary.startsWith('enc1:') && !r.after_json?.includes('Canaryperson')),
      ).toBe(true);
      expect(mine.find((r) => r.participant_id === null)?.summary).toBe('Batch of 2');
      const readable = await readableAuditRows(t2.backend.store.db, mine);
      expect(readable.map((r) => r.summary)).toEqual(['Imported Canary Person', 'Imported Other Person', 'Batch of 2']);
      expect(ids).toHaveLength(2);
      const check = await t2.ok('audit.verify', {});
      expect(check.ok).toBe(true);
    } finally {
      await t2.close();
    }
  });
});
