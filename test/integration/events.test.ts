// Events and activities through the channels: an event is created and changed (audited with what
// changed), its headcounts are numbers only and summed by age group and school, a participant
// under 16 on the day is refused named attendance (the message names the field), an adult is
// named and the event shows on their timeline; the counting-rule condition "attended an event (of
// kind …) in the period" counts the attendee; a contract's site visits and school engagements
// count the events linked to it (a figure officers enter still adds); the dashboard's events card
// and its workbook (read back by openpyxl, with the community-investment figure); `cli events
// list --json`.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { setLogSink } from '../../db/backend/log';
import { runCli } from '../../db/cli/main';
import { countIndicator } from '../../db/features/returns/indicator-engine';
import { countingRuleSchema, describeRule } from '../../shared/domain/counting-rule';
import { ageOn } from '../../shared/domain/dates';
import { loadDemo } from '../../db/demo/demo';

setLogSink(() => {});
let t: TestBackend;
let wates: number;
let college: number;
let contractId: number;
let adult: number;
let child: number;

async function anEvent(input: Record<string, unknown> = {}): Promise<number> {
  return (
    await t.ok('events.save', {
      kind: 'careers_fair',
      title: 'Stevenage careers fair',
      heldOn: '2026-11-10',
      organiserOrgId: college,
      partnerOrgIds: [wates],
      venue: 'North Herts College',
      ...input,
    })
  ).id;
}

beforeEach(async () => {
  // Today is 23 November 2026.
  t = await createTestBackend({ role: 'officer' });
  wates = (await t.ok('organisations.save', { name: 'Wates', kind: 'contractor', sector: 'construction' })).id;
  college = (await t.ok('organisations.save', { name: 'North Herts College', kind: 'college' })).id;
  contractId = (
    await t.ok('contracts.save', {
      name: 'Queensway housing development',
      reference: 'S106-QW',
      kind: 's106',
      contractorOrgId: wates,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      commitments: [
        { kind: 'site_visits', target: 4 },
        { kind: 'school_engagements', target: 6, manualAchieved: 1 },
      ],
    })
  ).id;
  adult = await aParticipant(t.backend.store.db, {
    first_name: 'Amira',
    last_name: 'Adult',
    date_of_birth: '1998-03-04',
    start_date: '2026-06-01',
  });
  // 16 on 20 November 2026: 15 on the 10th.
  child = await aParticipant(t.backend.store.db, {
    first_name: 'Cal',
    last_name: 'Young',
    date_of_birth: '2010-11-20',
    start_date: '2026-06-01',
  });
});
afterEach(() => t.close());

describe('events', () => {
  it('creates and changes an event, audited with what changed, and lists it with its labels', async () => {
    const id = await anEvent();
    const e = await t.ok('events.get', { id });
    expect(e).toMatchObject({
      title: 'Stevenage careers fair',
      kind: 'careers_fair',
      kindLabel: 'Careers fair',
      heldOn: '2026-11-10',
      organiserName: 'North Herts College',
      partners: [{ id: wates, name: 'Wates' }],
      headcount: 0,
      people: [],
    });
    await anEvent({ id, title: 'Stevenage careers fair 2026', partnerOrgIds: [] });
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['action', 'summary', 'before_json', 'after_json'])
      .where('entity', '=', 'event')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(JSON.parse(audit[1]!.before_json!)).toEqual({ title: 'Stevenage careers fair', partner_org_ids: [wates] });
    expect(JSON.parse(audit[1]!.after_json!)).toEqual({ title: 'Stevenage careers fair 2026', partner_org_ids: [] });

    const page = await t.ok('events.page', { offset: 0, limit: 50, search: 'careers', sort: [], filters: {} });
    expect(page.rows.map((r) => [r.title, r.kindLabel])).toEqual([['Stevenage careers fair 2026', 'Careers fair']]);
    const thisMonth = await t.ok('events.page', {
      offset: 0,
      limit: 50,
      search: '',
      sort: [],
      filters: {},
      preset: 'this-month',
    });
    expect(thisMonth.total).toBe(1);
    const bad = await t.call('events.save', { kind: 'rave', title: 'x', heldOn: '2026-11-10' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.map((f) => f.path)).toEqual([['kind']]);
  });

  it('keeps headcounts as numbers only, summed by age group and school', async () => {
    const id = await anEvent();
    const saved = await t.ok('events.saveHeadcounts', {
      eventId: id,
      rows: [
        { ageGroup: 'age_11_15', school: 'Barclay Academy', headcount: 20 },
        { ageGroup: 'age_11_15', school: 'barclay academy', headcount: 4 },
        { ageGroup: 'under_11', school: null, headcount: 0 },
        { ageGroup: 'age_19_24', school: null, headcount: 6 },
      ],
    });
    expect(saved.total).toBe(30);
    const e = await t.ok('events.get', { id });
    expect(e.headcounts).toEqual([
      { ageGroup: 'age_19_24', school: null, headcount: 6 },
      { ageGroup: 'age_11_15', school: 'Barclay Academy', headcount: 24 },
    ]);
    expect(e.headcount).toBe(30);
    const negative = await t.call('events.saveHeadcounts', {
      eventId: id,
      rows: [{ ageGroup: 'age_16_18', school: null, headcount: -2 }],
    });
    expect(negative.ok).toBe(false);
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select('summary')
      .where('entity', '=', 'event')
      .where('action', '=', 'update')
      .execute();
    expect(audit.map((a) => a.summary)).toEqual(['Headcounts of event Stevenage careers fair changed (30 in all)']);
  });

  it('refuses to name someone under 16 on the day, names an adult, and shows the event on their timeline', async () => {
    const id = await anEvent();
    const refused = await t.call('events.addAttendee', { eventId: id, participantId: child });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('validation');
      expect(refused.error.message).toContain('Under 16 on the day of the event');
      expect(refused.error.fields).toEqual([{ path: ['participantId'], message: expect.stringContaining('Under 16') }]);
    }
    // The same person is 16 by an event on their birthday.
    const later = await anEvent({ title: 'Wates workshop', kind: 'employer_workshop', heldOn: '2026-11-20' });
    await t.ok('events.addAttendee', { eventId: later, participantId: child });

    await t.ok('events.addAttendee', { eventId: id, participantId: adult });
    const twice = await t.call('events.addAttendee', { eventId: id, participantId: adult });
    expect(twice.ok).toBe(false);
    const e = await t.ok('events.get', { id });
    expect(e.people).toEqual([{ participantId: adult, reference: expect.any(String), name: 'Amira Adult' }]);
    expect(e.attendees).toBe(1);
    const { items } = await t.ok('participants.timeline', { id: adult });
    expect(items.filter((i) => i.kind === 'event')).toEqual([
      expect.objectContaining({
        at: '2026-11-10T00:00:00.000Z',
        title: 'Attended Stevenage careers fair (Careers fair)',
        detail: 'North Herts College, run by North Herts College',
      }),
    ]);
    await t.ok('events.removeAttendee', { eventId: id, participantId: adult });
    expect((await t.ok('events.get', { id })).people).toEqual([]);
    const about = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['action', 'participant_id'])
      .where('entity', '=', 'event_attendee')
      .orderBy('id')
      .execute();
    expect(about).toEqual([
      { action: 'create', participant_id: child },
      { action: 'create', participant_id: adult },
      { action: 'delete', participant_id: adult },
    ]);
  });

  it('counts attendees in a rule condition "attended an event (of kind …) in the period"', async () => {
    const fair = await anEvent();
    await t.ok('events.addAttendee', { eventId: fair, participantId: adult });
    await aParticipant(t.backend.store.db, { start_date: '2026-07-01' });
    const rule = countingRuleSchema.parse({
      subject: 'participants',
      dateField: 'start_date',
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: false,
      attendedEvent: { kinds: ['careers_fair'] },
    });
    expect(describeRule(rule, { eventKind: () => 'a careers fair' })).toContain(
      'who attended a careers fair in the period',
    );
    const { sentence } = await t.ok('returns.describeRule', {
      rule: { ...rule, attendedEvent: { kinds: ['careers_fair', 'site_visit'] } },
    });
    expect(sentence).toContain('people who attended a careers fair or a site visit in the period');
    const scope = { setId: 1, funderId: 0, from: '2026-04-01', to: '2027-03-31', siblings: new Map() };
    const db = t.backend.store.db;
    expect(await countIndicator(db, rule, 'EV', scope)).toBe(1);
    expect(await countIndicator(db, { ...rule, attendedEvent: { kinds: ['site_visit'] } }, 'EV', scope)).toBe(0);
    expect(await countIndicator(db, { ...rule, attendedEvent: { kinds: [] } }, 'EV', scope)).toBe(1);
    // An event outside the period does not count.
    expect(await countIndicator(db, rule, 'EV', { ...scope, from: '2026-11-11' })).toBe(0);
    expect(await countIndicator(db, { ...rule, attendedEvent: undefined }, 'EV', scope)).toBe(3);
    expect(
      countingRuleSchema.safeParse({ ...rule, subject: 'course_runs', dateField: 'start_date', countDistinct: 'item' })
        .success,
    ).toBe(false);
  });

  it('counts a contract’s site visits and school engagements from the events linked to it', async () => {
    await anEvent({ kind: 'site_visit', title: 'Queensway visit 1', heldOn: '2026-03-05', contractId });
    await anEvent({ kind: 'site_visit', title: 'Queensway visit 2', heldOn: '2026-09-05', contractId });
    // Outside the contract period, and not linked: neither counts.
    await anEvent({ kind: 'site_visit', title: 'Visit 2027', heldOn: '2027-01-05', contractId });
    await anEvent({ kind: 'site_visit', title: 'Other visit', heldOn: '2026-05-05' });
    await anEvent({ kind: 'school_stem_session', title: 'STEM at Barclay', heldOn: '2026-06-01', contractId });
    await anEvent({ kind: 'careers_fair', title: 'Fair', heldOn: '2026-06-02', contractId, school: 'Nobel School' });
    await anEvent({ kind: 'careers_fair', title: 'Fair, no school', heldOn: '2026-06-03', contractId });
    const c = await t.ok('contracts.get', { id: contractId });
    const byKind = Object.fromEntries(c.commitments.map((m) => [m.kind, [m.achieved, m.isManual]]));
    // School engagements: two events plus the 1 entered by officers.
    expect(byKind).toEqual({ site_visits: [2, false], school_engagements: [3, false] });
  });

  it('shows events on the dashboard and in its workbook, with community investment', async () => {
    const fair = await anEvent();
    await t.ok('events.saveHeadcounts', {
      eventId: fair,
      rows: [
        { ageGroup: 'age_11_15', school: 'Barclay Academy', headcount: 40 },
        { ageGroup: 'age_25_plus', school: null, headcount: 5 },
      ],
    });
    await t.ok('events.addAttendee', { eventId: fair, participantId: adult });
    await anEvent({ kind: 'site_visit', title: 'Queensway visit', heldOn: '2026-09-05', contractId });
    await anEvent({ kind: 'site_visit', title: 'Last year', heldOn: '2026-03-05' });
    await t.ok('contracts.addPayment', {
      contractId,
      kind: 'community_investment',
      receivedOn: '2026-08-15',
      amountPence: 1_234_550,
    });
    const d = await t.ok('returns.dashboard', { from: '2026-04-01', to: '2027-03-31' });
    expect(d.events).toEqual({
      count: 2,
      headcount: 45,
      namedAttendees: 1,
      byKind: [
        { key: 'careers_fair', label: 'Careers fair', count: 1 },
        { key: 'site_visit', label: 'Site visit', count: 1 },
      ],
    });
    const file = await t.exported('returns.dashboard.export', { from: d.from, to: d.to });
    const out = path.join(t.dir, file.fileName);
    fs.writeFileSync(out, file.bytes);
    const read = (sheet: string) =>
      execFileSync('/usr/bin/python3', [
        '-c',
        'import sys, json, openpyxl; ws = openpyxl.load_workbook(sys.argv[1])[sys.argv[2]]; ' +
          'print(json.dumps([[c for c in r] for r in ws.iter_rows(min_row=5, values_only=True)]))',
        out,
        sheet,
      ]).toString();
    expect(JSON.parse(read('Social value'))).toEqual([['Investment into local community projects', 12345.5, 1]]);
    expect(JSON.parse(read('Events'))).toEqual([
      ['Events and activities held', 2],
      ['People counted at them (headcounts)', 45],
      ['Participants named as attending', 1],
    ]);
    expect(JSON.parse(read('Events by kind'))).toEqual([
      ['Careers fair', 1],
      ['Site visit', 1],
    ]);
  });

  it('lists events from the command line as JSON', async () => {
    await anEvent();
    const file = t.file;
    await t.backend.close();
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(`ERR ${s}`) };
    expect(await runCli(['events', 'list', '--json', '--db', file, '--plaintext'], io)).toBe(0);
    expect(JSON.parse(lines.join('\n'))).toEqual([
      expect.objectContaining({ title: 'Stevenage careers fair', kindLabel: 'Careers fair', heldOn: '2026-11-10' }),
    ]);
  });
});

describe('demo events', () => {
  it('loads events with headcounts, Queensway visits and only adults named', async () => {
    const fresh = await createTestBackend();
    try {
      const db = fresh.backend.store.db;
      await db
        .transaction()
        .execute((tx) =>
          loadDemo(tx, { participants: 300, seed: 2017, today: '2026-11-23', nowIso: '2026-11-23T10:00:00.000Z' }),
        );
      const events = await db.selectFrom('events').select(['id', 'held_on', 'contract_id']).execute();
      expect(events.length).toBe(8);
      expect(events.filter((e) => e.contract_id !== null).length).toBe(4);
      expect(events.filter((e) => e.held_on > '2026-11-23').length).toBe(1);
      const heads = await db.selectFrom('event_headcounts').select('headcount').execute();
      expect(heads.reduce((s, h) => s + h.headcount, 0)).toBeGreaterThan(400);
      const named = await db
        .selectFrom('event_attendees as a')
        .innerJoin('events as e', 'e.id', 'a.event_id')
        .innerJoin('participants as p', 'p.id', 'a.participant_id')
        .select(['e.held_on', 'p.date_of_birth'])
        .execute();
      expect(named.length).toBeGreaterThan(15);
      expect(named.every((r) => r.date_of_birth && ageOn(r.date_of_birth, r.held_on) >= 16)).toBe(true);
    } finally {
      await fresh.close();
    }
  });
});
