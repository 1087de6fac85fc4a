// Issue 14's journey: the college's learner list (test/fixtures/imports/college.ts) imported
// through the CLI into an empty store as participants, enrolments (creating the runs) and results
// (L1, HS&E, cards); `stats --json` gives the figures the fixture was built with; a second import
// changes nothing; reconcile of an edited copy reports exactly the edits.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { commit, openFile, preview, waitJob } from './imports-support';
import { runCli } from '../../db/cli/main';
import { setLogSink } from '../../db/backend/log';
import { COLLEGE_SHEET, collegeFigures, collegeProfiles, collegeWorkbook, courses } from '../fixtures/imports/college';
import type { SiteReadyRule } from '../../shared/domain/site-ready';
import { importProfileSchema } from '../../shared/domain/import-profile';

setLogSink(() => {});

const rule = (requireSignoff: boolean): SiteReadyRule => ({
  requireCard: true,
  acceptedCardTypes: [],
  requireHsePass: true,
  hseWaivedByCard: true,
  requireL1Award: true,
  requirePpe: false,
  ppeValidMonths: null,
  requireSignoff,
  signoffValidMonths: null,
  requireSmartCheck: false,
  smartCheckValidMonths: null,
  requiredTickets: [],
});

async function importCollege(t: TestBackend, bytes: Uint8Array) {
  for (const kind of ['participants', 'enrolments', 'results'] as const) {
    const upload = await openFile(t, 'nhc.xlsx', bytes);
    const p = await preview(t, upload, collegeProfiles[kind], COLLEGE_SHEET);
    await commit(t, p.previewId);
  }
}

describe('the college course spreadsheet', () => {
  it('imports into an empty store, gives the fixture figures, re-imports nothing, reconciles the edits', async () => {
    const t = await createTestBackend();
    // The programme's rule for the test: a card and the Level 1 Award (no sign-off needed).
    await t.ok('courses.siteReady.setRule', rule(false));
    const { file, dir } = t;
    await t.backend.close();
    const xlsx = path.join(dir, 'nhc-learners.xlsx');
    fs.writeFileSync(xlsx, await collegeWorkbook());
    const mapping = (kind: keyof typeof collegeProfiles) => {
      const p = path.join(dir, `${kind}.json`);
      fs.writeFileSync(p, JSON.stringify(collegeProfiles[kind]));
      return p;
    };
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(`ERR ${s}`) };
    const cli = async (args: string[]) => {
      out.length = 0;
      const code = await runCli([...args, '--db', file, '--plaintext'], io);
      expect(code, out.join('\n')).toBe(0);
      return JSON.parse(out.join('\n'));
    };
    const importAll = async () => {
      const results = [];
      for (const kind of ['participants', 'enrolments', 'results'] as const)
        results.push(await cli(['import', '--kind', kind, '--mapping', mapping(kind), '--json', xlsx]));
      return results;
    };

    const [people, enrolments, results] = await importAll();
    expect(people.counts).toMatchObject({ new: collegeFigures.learners, errors: 0, review: 0 });
    // The pasted repeat (and each re-sit's second row of the same person) is not a second person.
    expect(people.counts.repeats).toBeGreaterThanOrEqual(collegeFigures.repeats);
    expect(enrolments.counts).toMatchObject({ new: collegeFigures.enrolments, repeats: 1, errors: 0 });
    expect(enrolments.createdRuns).toHaveLength(collegeFigures.runs);
    expect(
      enrolments.createdRuns.map((r: { partnerCode: string; startDate: string; endDate: string; learners: number }) => [
        r.partnerCode,
        r.startDate,
        r.endDate,
        r.learners,
      ]),
    ).toEqual([
      ['CSCS-2504', courses['CSCS-2504'].start, courses['CSCS-2504'].end, 5],
      ['CSCS-2509', courses['CSCS-2509'].start, courses['CSCS-2509'].end, 5],
      ['CSCS-2601', courses['CSCS-2601'].start, courses['CSCS-2601'].end, 4],
    ]);
    expect(results.counts).toMatchObject({ repeats: 1, errors: 0 });
    expect(results.createdRuns).toEqual([]);

    const stats = await cli([
      'stats',
      '--from',
      collegeFigures.period.from,
      '--to',
      collegeFigures.period.to,
      '--json',
    ]);
    const figures = Object.fromEntries(stats.headline.map((h: { code: string; count: number }) => [h.code, h.count]));
    // SW-1 CSCS courses, SW-2 course participants, SW-3 site ready, SW-7 CSCS cards achieved.
    expect(figures).toMatchObject({
      'SW-1': collegeFigures.runs,
      'SW-2': collegeFigures.courseParticipants,
      'SW-3': collegeFigures.siteReady,
      'SW-7': collegeFigures.cards,
    });

    // A second import of the same file changes nothing.
    const again = await importAll();
    for (const r of again) {
      expect(r.counts).toMatchObject({ new: 0, changed: 0, errors: 0 });
      expect(r.createdRuns).toEqual([]);
    }
    expect(
      await cli(['stats', '--from', collegeFigures.period.from, '--to', collegeFigures.period.to, '--json']),
    ).toEqual(stats);

    // Reconcile an edited copy: one score changed, one card expiry changed, one row left out, one learner added.
    const edited = path.join(dir, 'nhc-edited.xlsx');
    fs.writeFileSync(
      edited,
      await collegeWorkbook({
        drop: [12],
        change: { 1: { 'HS&E score': 49 }, 5: { 'Card expiry': new Date('2027-10-12T00:00:00Z') } },
      }),
    );
    const diff = await cli([
      'reconcile',
      '--mapping',
      mapping('results'),
      '--out',
      path.join(dir, 'diff.xlsx'),
      '--json',
      edited,
    ]);
    expect(diff.counts).toEqual({
      agree: collegeFigures.enrolments - 3,
      differ: 2,
      theirsNotOurs: 0,
      oursNotTheirs: 1,
      review: 0,
      errors: 0,
    });
  });

  it('signs off everyone ready in one step, leaves unconfirmed people out of the export, accepts a card expiry', async () => {
    const t = await createTestBackend();
    try {
      await t.ok('courses.siteReady.setRule', rule(true));
      await importCollege(t, await collegeWorkbook());
      const awaiting = await t.ok('courses.siteReady.page', { preset: 'awaiting-signoff' });
      expect(awaiting.total).toBe(collegeFigures.cards);
      // Nobody's right to work is evidenced yet: listed (flagged), but exported only when asked.
      expect(awaiting.rows.every((r) => !r.eligibilityConfirmed)).toBe(true);
      const left = await t.exported('courses.siteReady.export', {
        preset: 'awaiting-signoff',
        purpose: 'Kier shortlist',
      });
      expect(left.rows).toBe(0);
      const asked = await t.exported('courses.siteReady.export', {
        preset: 'awaiting-signoff',
        purpose: 'Kier shortlist',
        includeUnconfirmed: true,
      });
      expect(asked.rows).toBe(collegeFigures.cards);

      const done = await t.ok('courses.siteReady.signOff', { signedOn: '2026-11-20', signedBy: t.staffId });
      expect(done).toEqual({ signedOff: collegeFigures.cards, becameSiteReady: collegeFigures.cards, skipped: [] });
      expect((await t.ok('courses.siteReady.page', { preset: 'ready' })).total).toBe(collegeFigures.cards);
      const audit = await t.backend.store.db
        .selectFrom('audit_log')
        .select('participant_id')
        .where('entity', '=', 'site_ready_signoff')
        .execute();
      // One entry per person and one for the step.
      expect(audit.filter((a) => a.participant_id !== null)).toHaveLength(collegeFigures.cards);
      expect(audit).toHaveLength(collegeFigures.cards + 1);
      // Signing off again finds nobody left to sign.
      expect((await t.ok('courses.siteReady.signOff', { signedOn: '2026-11-21', signedBy: null })).signedOff).toBe(0);

      // Reconcile a copy whose card expiry differs and accept their value: the card is corrected, not duplicated.
      const upload = await openFile(
        t,
        'nhc-edited.xlsx',
        await collegeWorkbook({ change: { 5: { 'Card expiry': new Date('2027-10-12T00:00:00Z') } } }),
      );
      const { jobId } = await t.ok('imports.reconcile', {
        uploadId: upload.uploadId,
        sheet: COLLEGE_SHEET,
        profile: importProfileSchema.parse(collegeProfiles.results),
      });
      const { reconcileId } = await waitJob<{ reconcileId: string }>(t, jobId);
      const differ = (await t.ok('imports.reconcilePage', { reconcileId, status: 'differ', query: {} })).rows;
      expect(differ).toHaveLength(1);
      expect(differ[0]!.differences).toEqual([
        { field: 'cscs_card_expiry', label: 'CSCS card expiry', ours: '12/09/2027', theirs: '12/10/2027' },
      ]);
      expect(
        await t.ok('imports.reconcileAccept', {
          reconcileId,
          items: [{ id: differ[0]!.id, fields: ['cscs_card_expiry'] }],
        }),
      ).toEqual({ updated: 1, fields: 1 });
      const cards = await t.backend.store.db
        .selectFrom('cscs_cards')
        .select(['card_number', 'expires_on'])
        .where('card_number', '=', '00512001')
        .execute();
      expect(cards).toEqual([{ card_number: '00512001', expires_on: '2027-10-12' }]);
    } finally {
      await t.close();
    }
  });
});
