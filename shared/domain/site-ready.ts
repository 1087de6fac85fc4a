// "Site ready" has no official definition (DOMAIN.md §2), so the programme sets its own rule
// (stored in settings) and these pure functions apply it to one person's facts: the spells
// during which they met it, whether they meet it on a date, what is missing, since when and
// until when. One definition (SITE_READY_DEFINITION) is used by the headline figure, the
// dashboard's funnel and the candidates list: see db/features/courses/course-outcomes.ts.
import { z } from 'zod';
import { cardTypeLabel, hsePassExpiresOn, isLabourerCard } from './cscs';
import { addDaysIso, addMonthsIso, formatUkDate } from './dates';

const months = z.number().int().min(1).max(120).nullable();

export const siteReadyTicketSchema = z.object({
  /** A course type code from the catalogue (asbestos_awareness, first_aid, …). */
  courseType: z.string().regex(/^[a-z0-9_]{2,40}$/, 'Choose a course from the catalogue'),
  /** The catalogue's name when the rule was saved, for the rule's wording. */
  label: z.string().trim().min(1).max(160),
  /** A ticket older than this many months no longer counts; null = never lapses. */
  validMonths: months.default(null),
});

export const siteReadyRuleSchema = z.object({
  requireCard: z.boolean(),
  /** Card types that count; empty = any CSCS card. */
  acceptedCardTypes: z.array(z.string().max(40)).max(20),
  requireHsePass: z.boolean(),
  /** On site the card is the proof: with a valid CSCS card the HS&E pass's age does not matter. */
  hseWaivedByCard: z.boolean().default(true),
  requireL1Award: z.boolean(),
  requirePpe: z.boolean(),
  /** PPE issued more than this many months ago no longer counts; null = never lapses. */
  ppeValidMonths: months,
  requireSignoff: z.boolean(),
  /** An officer's sign-off lapses after this many months; null = until revoked. */
  signoffValidMonths: months,
  /** The card checked on CSCS Smart Check (the date of the check recorded on the card). */
  requireSmartCheck: z.boolean().default(false),
  /** A Smart Check older than this many months no longer counts; null = for the card's life. */
  smartCheckValidMonths: months.default(null),
  /** Other tickets from the catalogue: a completed course run of that type. */
  requiredTickets: z.array(siteReadyTicketSchema).max(20).default([]),
});
export type SiteReadyRule = z.output<typeof siteReadyRuleSchema>;

export const SITE_READY_SETTING_KEY = 'courses.siteReadyRule';

/** The one definition, shown wherever a site-ready figure or list is. */
export const SITE_READY_DEFINITION =
  "Site ready means meeting every requirement of the programme's site-ready rule. A person becomes site ready on the " +
  "first day they meet it (recorded once as a 'Became site ready' outcome). The headline figure, the dashboard's " +
  'funnel and the candidates list for a period all count the people who became site ready in that period; ' +
  '"Site ready today" lists who meets the rule today.';

/** The programme's default: a valid CSCS card (the card is the proof of the HS&E test), PPE and
 * an officer's sign-off. Without a card an HS&E pass within its validity is needed as well. */
export const defaultSiteReadyRule: SiteReadyRule = {
  requireCard: true,
  acceptedCardTypes: [],
  requireHsePass: true,
  hseWaivedByCard: true,
  requireL1Award: false,
  requirePpe: true,
  ppeValidMonths: null,
  requireSignoff: true,
  signoffValidMonths: null,
  requireSmartCheck: false,
  smartCheckValidMonths: null,
  requiredTickets: [],
};

export interface SiteReadyFacts {
  cards: Array<{
    cardType: string;
    issuedOn: string;
    expiresOn: string;
    isFirstLabourerCard: boolean;
    /** The day the card was checked on CSCS Smart Check, if it was. */
    smartCheckedOn?: string | null;
  }>;
  hseTests: Array<{ takenOn: string; score: number }>;
  l1Awards: Array<{ achievedOn: string }>;
  ppeIssues: Array<{ issuedOn: string }>;
  signoffs: Array<{ signedOn: string; revokedOn: string | null }>;
  /** Completed course runs by course type code (loaded only when the rule asks for tickets). */
  tickets?: Array<{ courseType: string; achievedOn: string }>;
}

export type RequirementCode = 'card' | 'smartcheck' | 'hse' | 'l1' | 'ppe' | 'signoff' | 'ticket';

export interface SiteReadyResult {
  ready: boolean;
  missing: Array<{ code: RequirementCode; label: string }>;
  /** The first day of the spell of readiness that includes the date. */
  readySince: string | null;
  /** The last day of that spell if nothing is renewed (null = open-ended). */
  readyUntil: string | null;
}

/** A spell, inclusive; `end` null = open-ended. */
export interface Interval {
  start: string;
  end: string | null;
}

const FOREVER = '9999-12-31';
const endOf = (i: Interval) => i.end ?? FOREVER;
const lapse = (start: string, m: number | null) => (m === null ? null : addMonthsIso(start, m));
const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

/** Overlapping or touching intervals merged, in order. */
export function unionOf(intervals: Interval[]): Interval[] {
  // Most people hold one card, one pass, one sign-off: nothing to sort or merge.
  if (intervals.length <= 1) {
    const only = intervals[0];
    return only && (only.end === null || only.end >= only.start) ? [{ ...only }] : [];
  }
  const sorted = intervals
    .filter((i) => i.end === null || i.end >= i.start)
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    // The day after `last` is worked out only when `i` does not already overlap it.
    if (last && (i.start <= endOf(last) || i.start <= addDaysIso(endOf(last), 1))) {
      if (last.end !== null && (i.end === null || i.end > last.end)) last.end = i.end;
    } else out.push({ ...i });
  }
  return out;
}

/** The days in both lists of merged intervals. */
function intersect(a: Interval[], b: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const x of a)
    for (const y of b) {
      const start = later(x.start, y.start);
      const end = earlier(endOf(x), endOf(y));
      if (start <= end) out.push({ start, end: end === FOREVER ? null : end });
    }
  return unionOf(out);
}

/** The HS&E pass's validity: 3 years if it backed a first Labourer card issued from 1 Feb 2025. */
function hsePassIntervals(facts: SiteReadyFacts): Interval[] {
  const out: Interval[] = [];
  for (const t of facts.hseTests) {
    const firstLabourer = facts.cards
      .filter((c) => c.isFirstLabourerCard && isLabourerCard(c.cardType) && c.issuedOn >= t.takenOn)
      .map((c) => c.issuedOn)
      .sort()[0];
    const expires = hsePassExpiresOn(t.takenOn, t.score, firstLabourer ?? null);
    if (expires) out.push({ start: t.takenOn, end: expires });
  }
  return out;
}

interface Requirement {
  code: RequirementCode;
  spells: Interval[];
  describe(on: string): string;
}

/** Each requirement of the rule with the days the person's facts meet it. */
function requirementsOf(rule: SiteReadyRule, facts: SiteReadyFacts): Requirement[] {
  const out: Requirement[] = [];
  const cards = facts.cards.filter(
    (c) => rule.acceptedCardTypes.length === 0 || rule.acceptedCardTypes.includes(c.cardType),
  );
  const cardSpells = unionOf(cards.map((c) => ({ start: c.issuedOn, end: c.expiresOn })));
  if (rule.requireCard)
    out.push({
      code: 'card',
      spells: cardSpells,
      describe: (on) => {
        const last = [...cards].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn)).at(-1);
        if (last && last.expiresOn < on)
          return `CSCS card (${cardTypeLabel(last.cardType)}) expired ${formatUkDate(last.expiresOn)}`;
        if (last && last.issuedOn > on) return `CSCS card not issued until ${formatUkDate(last.issuedOn)}`;
        return facts.cards.length && cards.length === 0 ? 'CSCS card of an accepted type' : 'Valid CSCS card';
      },
    });
  if (rule.requireSmartCheck)
    out.push({
      code: 'smartcheck',
      spells: unionOf(
        cards.flatMap((c) => {
          if (!c.smartCheckedOn) return [];
          const start = later(c.issuedOn, c.smartCheckedOn);
          const until = lapse(c.smartCheckedOn, rule.smartCheckValidMonths);
          return [{ start, end: until === null ? c.expiresOn : earlier(until, c.expiresOn) }];
        }),
      ),
      describe: () =>
        cards.some((c) => c.smartCheckedOn) && rule.smartCheckValidMonths
          ? `CSCS Smart Check of the card in the last ${rule.smartCheckValidMonths} months`
          : 'CSCS Smart Check of the card',
    });
  if (rule.requireHsePass) {
    const passes = unionOf(hsePassIntervals(facts));
    // Any valid CSCS card proves the HS&E test was passed when it was applied for.
    const allCards = facts.cards.map((c) => ({ start: c.issuedOn, end: c.expiresOn }));
    out.push({
      code: 'hse',
      spells: rule.hseWaivedByCard ? unionOf([...passes, ...allCards]) : passes,
      describe: (on) => {
        const last = passes.at(-1);
        if (last?.end && last.end < on) return `HS&E pass expired ${formatUkDate(last.end)}`;
        const taken = facts.hseTests.filter((t) => t.takenOn <= on);
        return taken.length ? `HS&E test pass (last score ${taken.at(-1)!.score}/50)` : 'HS&E test pass';
      },
    });
  }
  if (rule.requireL1Award)
    out.push({
      code: 'l1',
      spells: unionOf(facts.l1Awards.map((a) => ({ start: a.achievedOn, end: null }))),
      describe: () => 'Level 1 Award in Health and Safety',
    });
  for (const ticket of rule.requiredTickets) {
    const held = (facts.tickets ?? []).filter((t) => t.courseType === ticket.courseType);
    out.push({
      code: 'ticket',
      spells: unionOf(held.map((t) => ({ start: t.achievedOn, end: lapse(t.achievedOn, ticket.validMonths) }))),
      describe: (on) => (held.some((t) => t.achievedOn <= on) ? `${ticket.label} (renewal due)` : ticket.label),
    });
  }
  if (rule.requirePpe)
    out.push({
      code: 'ppe',
      spells: unionOf(facts.ppeIssues.map((p) => ({ start: p.issuedOn, end: lapse(p.issuedOn, rule.ppeValidMonths) }))),
      describe: () => (facts.ppeIssues.length ? 'PPE reissue (last issue has lapsed)' : 'PPE issued'),
    });
  if (rule.requireSignoff)
    out.push({
      code: 'signoff',
      spells: unionOf(
        facts.signoffs.map((s) => {
          const lapses = lapse(s.signedOn, rule.signoffValidMonths);
          // A revocation ends the sign-off the day before it was revoked.
          const revokedEnd = s.revokedOn ? addDaysIso(s.revokedOn, -1) : null;
          const end = revokedEnd === null ? lapses : lapses === null ? revokedEnd : earlier(revokedEnd, lapses);
          return { start: s.signedOn, end };
        }),
      ),
      describe: () => 'Readiness signed off by an officer',
    });
  return out;
}

/** The days every requirement is met: their spells intersected. */
function spellsOfAll(reqs: Requirement[]): Interval[] {
  if (!reqs.length) return [];
  return reqs.slice(1).reduce((acc, r) => intersect(acc, r.spells), reqs[0]!.spells);
}

/** Every spell during which the person met the whole rule (none if the rule requires nothing). */
export function siteReadySpells(rule: SiteReadyRule, facts: SiteReadyFacts): Interval[] {
  return spellsOfAll(requirementsOf(rule, facts));
}

const covers = (spells: Interval[], on: string) => spells.find((s) => s.start <= on && on <= endOf(s));

export function evaluateSiteReady(rule: SiteReadyRule, facts: SiteReadyFacts, on: string): SiteReadyResult {
  const reqs = requirementsOf(rule, facts);
  const missing = reqs.filter((r) => !covers(r.spells, on)).map((r) => ({ code: r.code, label: r.describe(on) }));
  if (!reqs.length || missing.length) return { ready: false, missing, readySince: null, readyUntil: null };
  const spell = covers(spellsOfAll(reqs), on)!;
  return { ready: true, missing, readySince: spell.start, readyUntil: spell.end };
}

/** Whether the person meets everything but the sign-off on the day of `result`: who an officer
 * may sign off. The same answer as evaluating `ruleBeforeSignoff(rule)`, without evaluating twice
 * (a day is in every requirement's spells exactly when it is in their intersection). */
export function awaitsSignoffOnly(rule: SiteReadyRule, result: SiteReadyResult): boolean {
  return (
    rule.requireSignoff &&
    !result.ready &&
    result.missing.length > 0 &&
    result.missing.every((m) => m.code === 'signoff') &&
    requiresMoreThanSignoff(rule)
  );
}

const requiresMoreThanSignoff = (rule: SiteReadyRule) =>
  rule.requireCard ||
  rule.requireSmartCheck ||
  rule.requireHsePass ||
  rule.requireL1Award ||
  rule.requiredTickets.length > 0 ||
  rule.requirePpe;

/** The rule without its sign-off: who an officer may sign off (everything else is met). */
export function ruleBeforeSignoff(rule: SiteReadyRule): SiteReadyRule {
  return { ...rule, requireSignoff: false };
}

/** The rule in words, for screens and exports. */
export function describeSiteReadyRule(rule: SiteReadyRule): string[] {
  const out: string[] = [];
  if (rule.requireCard)
    out.push(
      rule.acceptedCardTypes.length
        ? `A valid CSCS card (${rule.acceptedCardTypes.map(cardTypeLabel).join(', ')})`
        : 'A valid CSCS card',
    );
  if (rule.requireSmartCheck)
    out.push(
      rule.smartCheckValidMonths
        ? `The card checked on CSCS Smart Check in the last ${rule.smartCheckValidMonths} months`
        : 'The card checked on CSCS Smart Check',
    );
  if (rule.requireHsePass)
    out.push(
      'An HS&E test pass within its validity (2 years; 3 when used for a first Labourer card from 1 Feb 2025)' +
        (rule.hseWaivedByCard ? ', unless the person holds a valid CSCS card (the card is the proof on site)' : ''),
    );
  if (rule.requireL1Award) out.push('The Level 1 Award in Health and Safety in a Construction Environment');
  for (const t of rule.requiredTickets)
    out.push(t.validMonths ? `${t.label} (completed in the last ${t.validMonths} months)` : `${t.label} (completed)`);
  if (rule.requirePpe)
    out.push(rule.ppeValidMonths ? `PPE issued in the last ${rule.ppeValidMonths} months` : 'PPE issued');
  if (rule.requireSignoff)
    out.push(
      rule.signoffValidMonths
        ? `Readiness signed off by an officer in the last ${rule.signoffValidMonths} months`
        : 'Readiness signed off by an officer (not revoked)',
    );
  return out;
}
