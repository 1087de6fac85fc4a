// Keyworker support through the channels: an action plan and contacts, each audited; both on the
// person's timeline; viewers see neither the plan's wording nor contact notes; "engaging with
// keyworker support" in a counting rule counts only people with a recorded contact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestBackend, type TestBackend } from '../support/backend';
import { aParticipant } from '../support/builders';
import { setLogSink } from '../../db/backend/log';
import { countIndicator } from '../../db/features/returns/indicator-engine';
import { countingRuleSchema, describeRule, type CountingRule } from '../../shared/domain/counting-rule';

setLogSink(() => {});
let t: TestBackend;
let withContact: number;
let planOnly: number;

beforeEach(async () => {
  // Today is 23 November 2026.
  t = await createTestBackend({ role: 'officer' });
  withContact = await aParticipant(t.backend.store.db, { start_date: '2026-05-01' });
  planOnly = await aParticipant(t.backend.store.db, { start_date: '2026-06-01' });
  await aParticipant(t.backend.store.db, { start_date: '2026-07-01' });
  await t.ok('keyworker.savePlanItem', { participantId: withContact, kind: 'goal', text: 'Work on site by spring' });
  await t.ok('keyworker.savePlanItem', {
    participantId: withContact,
    kind: 'barrier',
    text: 'Anxiety about interviews',
  });
  await t.ok('keyworker.savePlanItem', {
    participantId: planOnly,
    kind: 'step',
    text: 'Book the HS&E test',
    dueOn: '2026-12-01',
  });
  await t.ok('keyworker.addContact', {
    participantId: withContact,
    contactOn: '2026-11-20',
    method: 'face_to_face',
    minutes: 45,
    notes: 'Talked through the interview at Wates',
  });
});
afterEach(() => t.close());

describe('keyworker support', () => {
  it('keeps the plan and contacts, audited, and shows them on the timeline', async () => {
    const k = await t.ok('keyworker.get', { participantId: withContact });
    expect(k.plan.map((p) => [p.kind, p.text])).toEqual([
      ['barrier', 'Anxiety about interviews'],
      ['goal', 'Work on site by spring'],
    ]);
    expect(k.contacts).toEqual([
      expect.objectContaining({
        contactOn: '2026-11-20',
        method: 'face_to_face',
        minutes: 45,
        notes: expect.any(String),
      }),
    ]);
    const { items: timeline } = await t.ok('participants.timeline', { id: withContact });
    const keyworker = timeline.filter((i) => i.kind === 'keyworker');
    expect(keyworker.map((i) => i.title)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Keyworker contact with /),
        'Goal added to the keyworker plan',
        'Barrier addressed added to the keyworker plan',
      ]),
    );
    const contact = keyworker.find((i) => i.title.startsWith('Keyworker contact'))!;
    expect(contact).toMatchObject({
      detail: 'Face to face, 45 minutes',
      note: 'Talked through the interview at Wates',
    });
    const audit = await t.backend.store.db
      .selectFrom('audit_log')
      .select(['entity', 'participant_id'])
      .where('entity', 'in', ['keyworker_plan_item', 'keyworker_contact'])
      .execute();
    expect(audit).toHaveLength(4);
  });

  it('marks a step done, audited as a change', async () => {
    const [step] = (await t.ok('keyworker.get', { participantId: planOnly })).plan;
    await t.ok('keyworker.savePlanItem', {
      id: step!.id,
      participantId: planOnly,
      kind: 'step',
      text: 'Book the HS&E test',
      dueOn: '2026-12-01',
      doneOn: '2026-11-22',
    });
    expect((await t.ok('keyworker.get', { participantId: planOnly })).plan[0]!.doneOn).toBe('2026-11-22');
    // A plan item of another person is not changed through this one.
    const wrong = await t.call('keyworker.savePlanItem', {
      id: step!.id,
      participantId: withContact,
      kind: 'step',
      text: 'x',
    });
    expect(wrong.ok).toBe(false);
  });

  it('refuses a contact in the future', async () => {
    const r = await t.call('keyworker.addContact', {
      participantId: planOnly,
      contactOn: '2026-12-25',
      method: 'phone',
    });
    expect(r.ok).toBe(false);
  });

  it('gives viewers neither the plan’s wording nor contact notes', async () => {
    await t.signInAs('viewer');
    const k = await t.ok('keyworker.get', { participantId: withContact });
    expect(k.plan.map((p) => p.text)).toEqual([null, null]);
    expect(k.contacts.map((c) => [c.minutes, c.notes])).toEqual([[45, null]]);
    const { items: timeline } = await t.ok('participants.timeline', { id: withContact });
    expect(timeline.filter((i) => i.kind === 'keyworker').map((i) => i.note)).toEqual([null, null, null]);
    expect(JSON.stringify(timeline)).not.toContain('Anxiety');
    const refused = await t.call('keyworker.addContact', {
      participantId: withContact,
      contactOn: '2026-11-20',
      method: 'phone',
    });
    expect(refused.ok).toBe(false);
  });

  it('counts only people with a recorded contact as engaging with keyworker support', async () => {
    const rule: CountingRule = countingRuleSchema.parse({
      subject: 'participants',
      dateField: 'start_date',
      countDistinct: 'participant',
      excludeClaimedInSubmittedReturns: false,
      keyworkerContact: true,
    });
    expect(describeRule(rule)).toContain('engaging with keyworker support (at least one recorded contact)');
    const scope = { setId: 1, funderId: 0, from: '2026-04-01', to: '2027-03-31', siblings: new Map() };
    expect(await countIndicator(t.backend.store.db, rule, 'KW', scope)).toBe(1);
    expect(await countIndicator(t.backend.store.db, { ...rule, keyworkerContact: false }, 'KW', scope)).toBe(3);
    expect(
      countingRuleSchema.safeParse({ ...rule, subject: 'course_runs', dateField: 'start_date', countDistinct: 'item' })
        .success,
    ).toBe(false);
  });
});
