// Issue 14's journey: the college's learner list (test/fixtures/imports/college.ts) imported
// through the CLI into an empty store as participants, enrolments (creating the runs) and results
// (L1, HS&E, cards); `stats --json` gives the figures the fixture was built with; a second import
// changes nothing; reconcile of an edited copy reports exactly the edits.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestBackend } from '../support/backend';
import { runCli } from '../../db/cli/main';
import { setLogSink } from '../../db/backend/log';
import { collegeFigures, collegeProfiles, collegeWorkbook, courses } from '../fixtures/imports/college';

setLogSink(() => {});

describe('the college course spreadsheet', () => {
  it('imports into an empty store, gives the fixture figures, re-imports nothing, reconciles the edits', async () => {
    const t = await createTestBackend();
    // The programme's rule for the test: a card and the Level 1 Award (no sign-off needed).
    await t.ok('courses.siteReady.setRule', {
      requireCard: true,
      acceptedCardTypes: [],
      requireHsePass: true,
      hseWaivedByCard: true,
      requireL1Award: true,
      requirePpe: false,
      ppeValidMonths: null,
      requireSignoff: false,
      signoffValidMonths: null,
      requireSmartCheck: false,
      smartCheckValidMonths: null,
      requiredTickets: [],
    });
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
});
