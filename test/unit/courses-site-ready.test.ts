// The site-ready rule: default requirements, what is missing, ready-since and ready-until,
// the programme's own rule, and boundaries (expiry day, 1 Feb 2025, leap years, revocations).
import { describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  defaultSiteReadyRule,
  evaluateSiteReady,
  siteReadyRuleSchema,
  type SiteReadyFacts,
} from '../../shared/domain/site-ready';
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

  it('a failed HS&E test is missing, with the score', () => {
    const f = readyFacts();
    f.hseTests = [{ takenOn: '2025-02-20', score: 44 }];
    const r = evaluateSiteReady(defaultSiteReadyRule, f, '2025-06-01');
    expect(r.missing).toEqual([{ code: 'hse', label: 'HS&E test pass (last score 44/50)' }]);
  });

  it('is ready on the card expiry day and not the day after, naming the expired card', () => {
    const f = readyFacts();
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2027-03-10').ready).toBe(true);
    const after = evaluateSiteReady(defaultSiteReadyRule, f, '2027-03-11');
    expect(after.ready).toBe(false);
    expect(after.missing[0]).toEqual({ code: 'card', label: 'CSCS card (Labourer (green)) expired 10/03/2027' });
  });

  it('the HS&E pass behind a first Labourer card from 1 Feb 2025 lasts 3 years', () => {
    const f = readyFacts();
    f.cards = [
      { cardType: 'green_labourer', issuedOn: '2025-03-10', expiresOn: '2030-03-10', isFirstLabourerCard: true },
    ];
    f.hseTests = [{ takenOn: '2024-02-29', score: 46 }];
    // 2 years from 29 Feb 2024 = 28 Feb 2026; 3 years = 28 Feb 2027.
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2026-06-01').ready).toBe(true);
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2027-02-28').ready).toBe(true);
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2027-03-01').missing.map((m) => m.code)).toEqual(['hse']);
    // A card issued before 1 Feb 2025 does not extend the pass.
    f.cards = [
      { cardType: 'green_labourer', issuedOn: '2025-01-31', expiresOn: '2030-01-31', isFirstLabourerCard: true },
    ];
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2026-02-28').ready).toBe(true);
    expect(evaluateSiteReady(defaultSiteReadyRule, f, '2026-03-01').missing[0]).toEqual({
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
        expect(score).toBeGreaterThanOrEqual(45);
      }
    },
  );
});
