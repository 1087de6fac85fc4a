// The site-ready rule: default requirements, what is missing, ready-since and ready-until,
// the programme's own rule, and boundaries (expiry day, 1 Feb 2025, leap years, revocations).
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  defaultSiteReadyRule,
  evaluateSiteReady,
  awaitsSignoffOnly,
  ruleBeforeSignoff,
  siteReadyRuleSchema,
  siteReadySpells,
  unionOf,
  type SiteReadyFacts,
  type SiteReadyRule,
} from '../../shared/domain/site-ready';
import { checkCardAgainstRecords, signoffRefusal } from '../../shared/domain/cscs';
import { addDaysIso } from '../../shared/domain/dates';

const readyFacts = (): SiteReadyFacts => ({
  cards: [{ cardType: 'green_labourer', issuedOn: '2025-03-10', expiresOn: '2027-03-10', isFirstLabourerCard: true }],
  hseTests: [{ takenOn: '2025-02-20', score: 47 }],
  l1Awards: [{ achievedOn: '2025-02-14' }],
  ppeIssues: [{ issuedOn: '2025-03-12' }],
  signoffs: [{ signedOn: '2025-03-14', revokedOn: null }],
});

describe('site ready (default rule)', () => {
  it('is ready with card, HS&E pass, PPE and sign-off; ready since the last of them', () => {
    const r = evaluateSiteReady(defaultSiteReadyRule, readyFacts(), '2025-06-01');
    expect(r).toEqual({ ready: true, missing: [], readySince: '2025-03-14', readyUntil: '2027-03-10' });
  });

  it('lists everything missing for a person with nothing recorded', () => {
    const r = evaluateSiteReady(
      defaultSiteReadyRule,
      { cards: [], hseTests: [], l1Awards: [], ppeIssues: [], signoffs: [] },
      '2025-06-01',
    );
    expect(r.ready).toBe(false);
    expect(r.missing.map((m) => m.code)).toEqual(['card', 'hse', 'ppe', 'signoff']);
  });

  it('without a card a failed HS&E test is missing, with the score', () => {
    const f = readyFacts();
    f.cards = [];
    f.hseTests = [{ takenOn: '2025-02-20', score: 44 }];
    const r = evaluateSiteReady({ ...defaultSiteReadyRule, requireCard: false }, f, '2025-06-01');
    expect(r.missing).toEqual([{ code: 'hse', label: 'HS&E test pass (last score 44/50)' }]);
  });

  it('is ready on the card expiry day and not the day after, naming the expired card', () => {
    const f = readyFacts();
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2027-03-10').ready).toBe(true);
    const after = evaluateSiteReady(defaultSiteReadyRule, f, '2027-03-11');
    expect(after.ready).toBe(false);
    expect(after.missing[0]).toEqual({ code: 'card', label: 'CSCS card (Labourer (green)) expired 10/03/2027' });
  });

  it('the HS&E pass behind a first Labourer card from 1 Feb 2025 lasts 3 years (when the card does not waive it)', () => {
    const strict = { ...defaultSiteReadyRule, hseWaivedByCard: false };
    const f = readyFacts();
    f.cards = [
      { cardType: 'green_labourer', issuedOn: '2025-03-10', expiresOn: '2030-03-10', isFirstLabourerCard: true },
    ];
    f.hseTests = [{ takenOn: '2024-02-29', score: 46 }];
    // 2 years from 29 Feb 2024 = 28 Feb 2026; 3 years = 28 Feb 2027.
    expect(evaluateSiteReady(strict, f, '2026-06-01').ready).toBe(true);
    expect(evaluateSiteReady(strict, f, '2027-02-28').ready).toBe(true);
    expect(evaluateSiteReady(strict, f, '2027-03-01').missing.map((m) => m.code)).toEqual(['hse']);
    // A card issued before 1 Feb 2025 does not extend the pass.
    f.cards = [
      { cardType: 'green_labourer', issuedOn: '2025-01-31', expiresOn: '2030-01-31', isFirstLabourerCard: true },
    ];
    expect(evaluateSiteReady(strict, f, '2026-02-28').ready).toBe(true);
    expect(evaluateSiteReady(strict, f, '2026-03-01').missing[0]).toEqual({
      code: 'hse',
      label: 'HS&E pass expired 28/02/2026',
    });
  });

  it('a revoked sign-off stops counting the day it is revoked', () => {
    const f = readyFacts();
    f.signoffs = [{ signedOn: '2025-03-14', revokedOn: '2025-05-01' }];
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2025-04-30').ready).toBe(true);
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2025-05-01').missing.map((m) => m.code)).toEqual(['signoff']);
  });

  it('nothing counts before it happened', () => {
    expect(evaluateSiteReady(defaultSiteReadyRule, readyFacts(), '2025-03-13').missing.map((m) => m.code)).toEqual([
      'signoff',
    ]);
  });
});

describe('the programme configures the rule', () => {
  it('can require the L1 Award, limit card types and make PPE and sign-off lapse', () => {
    const rule = {
      ...defaultSiteReadyRule,
      requireL1Award: true,
      acceptedCardTypes: ['blue_skilled_worker'],
      ppeValidMonths: 12,
      signoffValidMonths: 6,
    };
    const f = readyFacts();
    const r = evaluateSiteReady(rule, f, '2025-06-01');
    expect(r.missing).toEqual([{ code: 'card', label: 'CSCS card of an accepted type' }]);
    const labourers = { ...rule, acceptedCardTypes: ['green_labourer'] };
    const ok = evaluateSiteReady(labourers, f, '2025-06-01');
    expect(ok.ready).toBe(true);
    expect(ok.readyUntil).toBe('2025-09-14'); // sign-off + 6 months
    expect(evaluateSiteReady(labourers, f, '2025-09-15').missing.map((m) => m.code)).toEqual(['signoff']);
    expect(evaluateSiteReady(labourers, { ...f, l1Awards: [] }, '2025-06-01').missing.map((m) => m.code)).toEqual([
      'l1',
    ]);
  });

  it('a rule that requires nothing makes nobody ready', () => {
    const none = {
      ...defaultSiteReadyRule,
      requireCard: false,
      requireHsePass: false,
      requirePpe: false,
      requireSignoff: false,
    };
    expect(evaluateSiteReady(none, readyFacts(), '2025-06-01').ready).toBe(false);
  });

  it('the schema refuses nonsense', () => {
    expect(siteReadyRuleSchema.safeParse({ ...defaultSiteReadyRule, ppeValidMonths: 0 }).success).toBe(false);
    expect(siteReadyRuleSchema.safeParse(defaultSiteReadyRule).success).toBe(true);
  });
});

const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDaysIso('2022-01-01', n));

describe('properties', () => {
  fcTest.prop([day, day, day, day, fc.integer({ min: 0, max: 50 }), day])(
    'ready implies nothing missing and readySince <= on <= readyUntil',
    (card, test, ppe, sign, score, on) => {
      const facts: SiteReadyFacts = {
        cards: [
          { cardType: 'green_labourer', issuedOn: card, expiresOn: addDaysIso(card, 730), isFirstLabourerCard: true },
        ],
        hseTests: [{ takenOn: test, score }],
        l1Awards: [],
        ppeIssues: [{ issuedOn: ppe }],
        signoffs: [{ signedOn: sign, revokedOn: null }],
      };
      const r = evaluateSiteReady(defaultSiteReadyRule, facts, on);
      expect(r.ready).toBe(r.missing.length === 0);
      if (r.ready) {
        expect(r.readySince! <= on).toBe(true);
        expect(r.readyUntil === null || on <= r.readyUntil).toBe(true);
        // The card is the proof on site: ready means a valid card, whatever the HS&E score.
        expect(card <= on && on <= addDaysIso(card, 730)).toBe(true);
      }
      const strict = evaluateSiteReady({ ...defaultSiteReadyRule, hseWaivedByCard: false }, facts, on);
      if (strict.ready) expect(score).toBeGreaterThanOrEqual(45);
      // The spells agree with the day-by-day answer.
      const inSpell = siteReadySpells(defaultSiteReadyRule, facts).some(
        (s) => s.start <= on && (s.end === null || on <= s.end),
      );
      expect(inSpell).toBe(r.ready);
    },
  );
});

// Several of each fact, some overlapping, some revoked, under rules with any mix of requirements:
// the quick answers must be the ones the slow definitions give.
const someFacts = fc.record({
  cards: fc.array(
    fc.record({
      cardType: fc.constantFrom('green_labourer', 'blue_skilled', 'red_trainee'),
      issuedOn: day,
      length: fc.integer({ min: -5, max: 1200 }),
      isFirstLabourerCard: fc.boolean(),
      smartCheckedOn: fc.option(day, { nil: null }),
    }),
    { maxLength: 3 },
  ),
  hseTests: fc.array(fc.record({ takenOn: day, score: fc.integer({ min: 30, max: 50 }) }), { maxLength: 3 }),
  l1Awards: fc.array(fc.record({ achievedOn: day }), { maxLength: 2 }),
  ppeIssues: fc.array(fc.record({ issuedOn: day }), { maxLength: 3 }),
  signoffs: fc.array(fc.record({ signedOn: day, revokedOn: fc.option(day, { nil: null }) }), { maxLength: 3 }),
});
const someRule = fc.record({
  requireCard: fc.boolean(),
  requireHsePass: fc.boolean(),
  hseWaivedByCard: fc.boolean(),
  requireL1Award: fc.boolean(),
  requirePpe: fc.boolean(),
  ppeValidMonths: fc.option(fc.integer({ min: 1, max: 24 }), { nil: null }),
  requireSignoff: fc.boolean(),
  signoffValidMonths: fc.option(fc.integer({ min: 1, max: 24 }), { nil: null }),
  requireSmartCheck: fc.boolean(),
});

describe('quick answers agree with their definitions', () => {
  fcTest.prop([someFacts, someRule, day])(
    'awaiting sign-off only = not ready, and ready under the rule without its sign-off',
    (raw, flags, on) => {
      const facts: SiteReadyFacts = {
        ...raw,
        cards: raw.cards.map(({ length, ...c }) => ({ ...c, expiresOn: addDaysIso(c.issuedOn, length) })),
      };
      const rule: SiteReadyRule = { ...defaultSiteReadyRule, ...flags };
      const result = evaluateSiteReady(rule, facts, on);
      const expected =
        rule.requireSignoff && !result.ready && evaluateSiteReady(ruleBeforeSignoff(rule), facts, on).ready;
      expect(awaitsSignoffOnly(rule, result)).toBe(expected);
    },
  );

  // Days from a short range, so intervals often overlap and touch.
  const near = fc.integer({ min: 0, max: 60 }).map((n) => addDaysIso('2024-02-20', n));
  fcTest.prop([
    fc.array(fc.record({ start: near, length: fc.integer({ min: -3, max: 20 }), open: fc.boolean() }), {
      maxLength: 6,
    }),
    fc.array(near, { minLength: 1, maxLength: 20 }),
  ])('a union holds exactly the days of its intervals, merged where they overlap or touch', (raw, probes) => {
    const intervals = raw.map((i) => ({ start: i.start, end: i.open ? null : addDaysIso(i.start, i.length) }));
    const union = unionOf(intervals.map((i) => ({ ...i })));
    const inAny = (list: { start: string; end: string | null }[], d: string) =>
      list.some((i) => i.start <= d && (i.end === null || d <= i.end));
    for (const d of [...probes, ...intervals.map((i) => i.start)]) expect(inAny(union, d)).toBe(inAny(intervals, d));
    for (let k = 1; k < union.length; k++) {
      const before = union[k - 1]!;
      expect(before.end).not.toBeNull();
      expect(addDaysIso(before.end!, 1) < union[k]!.start).toBe(true);
    }
  });
});

describe('the card is the proof on site (the default rule fixed)', () => {
  it('a card holder whose HS&E pass is 3 years old is site ready while the card is valid', () => {
    const f: SiteReadyFacts = {
      cards: [
        { cardType: 'green_labourer', issuedOn: '2023-06-01', expiresOn: '2028-06-01', isFirstLabourerCard: false },
      ],
      hseTests: [{ takenOn: '2023-05-20', score: 46 }],
      l1Awards: [{ achievedOn: '2023-05-18' }],
      ppeIssues: [{ issuedOn: '2023-06-02' }],
      signoffs: [{ signedOn: '2023-06-05', revokedOn: null }],
    };
    // 20/05/2026: the pass is exactly 3 years old and lapsed a year ago; the card runs to 2028.
    const r = evaluateSiteReady(defaultSiteReadyRule, f, '2026-05-20');
    expect(r).toEqual({ ready: true, missing: [], readySince: '2023-06-05', readyUntil: '2028-06-01' });
    // The old rule (HS&E within 2 years whatever the card) dropped them out on 21/05/2025.
    const old = { ...defaultSiteReadyRule, hseWaivedByCard: false };
    expect(evaluateSiteReady(old, f, '2025-05-20').ready).toBe(true);
    expect(evaluateSiteReady(old, f, '2026-05-20').missing).toEqual([
      { code: 'hse', label: 'HS&E pass expired 20/05/2025' },
    ]);
    // When the card expires the HS&E test matters again: no valid pass, not ready.
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2028-06-02').missing.map((m) => m.code)).toEqual([
      'card',
      'hse',
    ]);
  });

  it('a stored rule from before the fix reads with the card waiving the HS&E age', () => {
    const stored = {
      requireCard: true,
      acceptedCardTypes: [],
      requireHsePass: true,
      requireL1Award: false,
      requirePpe: true,
      ppeValidMonths: null,
      requireSignoff: true,
      signoffValidMonths: null,
    };
    expect(siteReadyRuleSchema.parse(stored)).toEqual(defaultSiteReadyRule);
  });

  it('spells: ready from the latest start, until the earliest end; a renewed card opens a new spell', () => {
    const f = readyFacts();
    f.cards.push({
      cardType: 'green_labourer',
      issuedOn: '2027-06-01',
      expiresOn: '2032-06-01',
      isFirstLabourerCard: false,
    });
    expect(siteReadySpells(defaultSiteReadyRule, f)).toEqual([
      { start: '2025-03-14', end: '2027-03-10' },
      { start: '2027-06-01', end: '2032-06-01' },
    ]);
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2028-01-01')).toMatchObject({
      ready: true,
      readySince: '2027-06-01',
    });
  });
});

describe('tickets and the Smart Check', () => {
  const asbestos = { courseType: 'asbestos_awareness', label: 'Asbestos awareness', validMonths: 12 };
  const rule = { ...defaultSiteReadyRule, requiredTickets: [asbestos], requireSmartCheck: true };

  it('requires the catalogue tickets within their validity and a Smart Check of the card', () => {
    const f = readyFacts();
    expect(evaluateSiteReady(rule, f, '2025-06-01').missing).toEqual([
      { code: 'smartcheck', label: 'CSCS Smart Check of the card' },
      { code: 'ticket', label: 'Asbestos awareness' },
    ]);
    f.cards[0]!.smartCheckedOn = '2025-04-01';
    f.tickets = [{ courseType: 'asbestos_awareness', achievedOn: '2025-03-20' }];
    expect(evaluateSiteReady(rule, f, '2025-06-01')).toMatchObject({ ready: true, readySince: '2025-04-01' });
    // The ticket lapses after 12 months.
    expect(evaluateSiteReady(rule, f, '2026-03-21').missing).toEqual([
      { code: 'ticket', label: 'Asbestos awareness (renewal due)' },
    ]);
    // A Smart Check counts for its months when the rule says so.
    const checked = { ...rule, smartCheckValidMonths: 6, requiredTickets: [] };
    expect(evaluateSiteReady(checked, f, '2025-10-01').ready).toBe(true);
    expect(evaluateSiteReady(checked, f, '2025-10-02').missing.map((m) => m.code)).toEqual(['smartcheck']);
  });

  it('before sign-off: everything else met is who an officer may sign off', () => {
    const f = readyFacts();
    f.signoffs = [];
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2025-06-01').ready).toBe(false);
    expect(evaluateSiteReady(ruleBeforeSignoff(defaultSiteReadyRule), f, '2025-06-01').ready).toBe(true);
  });
});

describe('cards and sign-offs against the HS&E record', () => {
  const card = { cardType: 'green_labourer', issuedOn: '2026-03-10', isFirstLabourerCard: true };
  it('refuses a card for a learner whose HS&E score was 38/50', () => {
    const r = checkCardAgainstRecords(card, [{ takenOn: '2026-03-01', score: 38 }], [{ achievedOn: '2026-02-20' }]);
    expect(r.refusal).toBe(
      'The HS&E score 38/50 (01/03/2026) is below the pass mark (45/50): a CSCS card needs an HS&E pass',
    );
    // A pass still valid behind a later fail is enough.
    const retake = checkCardAgainstRecords(
      card,
      [
        { takenOn: '2026-01-01', score: 47 },
        { takenOn: '2026-03-01', score: 38 },
      ],
      [{ achievedOn: '2026-02-20' }],
    );
    expect(retake).toEqual({ refusal: null, warnings: [] });
  });

  it('accepts a card with nothing on file, with warnings', () => {
    expect(checkCardAgainstRecords(card, [], [])).toEqual({
      refusal: null,
      warnings: ['No HS&E pass on file for this card', 'No Level 1 Award on file for this Labourer card'],
    });
  });

  it('refuses a sign-off after a failed test with no pass and no card', () => {
    expect(signoffRefusal([{ takenOn: '2026-03-01', score: 38 }], [], '2026-03-05')).toMatch(/38\/50/);
    expect(
      signoffRefusal(
        [{ takenOn: '2026-03-01', score: 38 }],
        [{ issuedOn: '2024-01-01', expiresOn: '2029-01-01' }],
        '2026-03-05',
      ),
    ).toBeNull();
    expect(signoffRefusal([], [], '2026-03-05')).toBeNull();
  });
});
