// "Site ready" has no official definition (DOMAIN.md §2), so the programme sets its own rule
// (stored in settings) and this pure function applies it to one person's facts on a date:
// ready or not, what is missing, since when they have been ready and until when it lasts.
import { z } from 'zod';
import { cardTypeLabel, hsePassExpiresOn, isLabourerCard } from './cscs';
import { addMonthsIso, formatUkDate } from './dates';

export const siteReadyRuleSchema = z.object({
  requireCard: z.boolean(),
  /** Card types that count; empty = any CSCS card. */
  acceptedCardTypes: z.array(z.string().max(40)).max(20),
  requireHsePass: z.boolean(),
  requireL1Award: z.boolean(),
  requirePpe: z.boolean(),
  /** PPE issued more than this many months ago no longer counts; null = never lapses. */
  ppeValidMonths: z.number().int().min(1).max(120).nullable(),
  requireSignoff: z.boolean(),
  /** An officer's sign-off lapses after this many months; null = until revoked. */
  signoffValidMonths: z.number().int().min(1).max(120).nullable(),
});
export type SiteReadyRule = z.infer<typeof siteReadyRuleSchema>;

export const SITE_READY_SETTING_KEY = 'courses.siteReadyRule';

/** The programme's default: valid CSCS card, HS&E pass within validity, PPE, officer sign-off. */
export const defaultSiteReadyRule: SiteReadyRule = {
  requireCard: true,
  acceptedCardTypes: [],
  requireHsePass: true,
  requireL1Award: false,
  requirePpe: true,
  ppeValidMonths: null,
  requireSignoff: true,
  signoffValidMonths: null,
};

export interface SiteReadyFacts {
  cards: Array<{ cardType: string; issuedOn: string; expiresOn: string; isFirstLabourerCard: boolean }>;
  hseTests: Array<{ takenOn: string; score: number }>;
  l1Awards: Array<{ achievedOn: string }>;
  ppeIssues: Array<{ issuedOn: string }>;
  signoffs: Array<{ signedOn: string; revokedOn: string | null }>;
}

export type RequirementCode = 'card' | 'hse' | 'l1' | 'ppe' | 'signoff';

export interface SiteReadyResult {
  ready: boolean;
  missing: Array<{ code: RequirementCode; label: string }>;
  /** The day the current ready spell began (the latest start among the items that satisfy it). */
  readySince: string | null;
  /** The last day of the current spell if nothing is renewed (null = open-ended). */
  readyUntil: string | null;
}

interface Interval {
  start: string;
  end: string | null;
}

/** Of the intervals covering `on`, the earliest start and the latest end; null if none covers it. */
function cover(intervals: Interval[], on: string): Interval | null {
  let best: Interval | null = null;
  for (const i of intervals) {
    if (i.start > on || (i.end !== null && i.end < on)) continue;
    if (!best) best = { ...i };
    else {
      if (i.start < best.start) best.start = i.start;
      if (best.end !== null && (i.end === null || i.end > best.end)) best.end = i.end;
    }
  }
  return best;
}

const lapse = (start: string, months: number | null) => (months === null ? null : addMonthsIso(start, months));

/** The HS&E pass's validity: 3 years if it backed a first Labourer card issued from 1 Feb 2025. */
function hseIntervals(facts: SiteReadyFacts): Interval[] {
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

export function evaluateSiteReady(rule: SiteReadyRule, facts: SiteReadyFacts, on: string): SiteReadyResult {
  const missing: SiteReadyResult['missing'] = [];
  const met: Interval[] = [];
  const check = (code: RequirementCode, required: boolean, intervals: Interval[], describe: () => string) => {
    if (!required) return;
    const c = cover(intervals, on);
    if (c) met.push(c);
    else missing.push({ code, label: describe() });
  };

  const cards = facts.cards.filter(
    (c) => rule.acceptedCardTypes.length === 0 || rule.acceptedCardTypes.includes(c.cardType),
  );
  check(
    'card',
    rule.requireCard,
    cards.map((c) => ({ start: c.issuedOn, end: c.expiresOn })),
    () => {
      const last = [...cards].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn)).at(-1);
      if (last && last.expiresOn < on)
        return `CSCS card (${cardTypeLabel(last.cardType)}) expired ${formatUkDate(last.expiresOn)}`;
      if (last && last.issuedOn > on) return `CSCS card not issued until ${formatUkDate(last.issuedOn)}`;
      return facts.cards.length && cards.length === 0 ? 'CSCS card of an accepted type' : 'Valid CSCS card';
    },
  );

  const hse = hseIntervals(facts);
  check('hse', rule.requireHsePass, hse, () => {
    const last = [...hse].sort((a, b) => a.start.localeCompare(b.start)).at(-1);
    if (last?.end && last.end < on) return `HS&E pass expired ${formatUkDate(last.end)}`;
    const failed = facts.hseTests.length > 0;
    return failed ? `HS&E test pass (last score ${facts.hseTests.map((t) => t.score).at(-1)}/50)` : 'HS&E test pass';
  });

  check(
    'l1',
    rule.requireL1Award,
    facts.l1Awards.map((a) => ({ start: a.achievedOn, end: null })),
    () => 'Level 1 Award in Health and Safety',
  );

  check(
    'ppe',
    rule.requirePpe,
    facts.ppeIssues.map((p) => ({ start: p.issuedOn, end: lapse(p.issuedOn, rule.ppeValidMonths) })),
    () => (facts.ppeIssues.length ? 'PPE reissue (last issue has lapsed)' : 'PPE issued'),
  );

  const signoffs = facts.signoffs.map((s) => {
    const lapses = lapse(s.signedOn, rule.signoffValidMonths);
    // A revocation ends the sign-off the day before it was revoked.
    const revokedEnd = s.revokedOn ? dayBefore(s.revokedOn) : null;
    const end = revokedEnd === null ? lapses : lapses === null || revokedEnd < lapses ? revokedEnd : lapses;
    return { start: s.signedOn, end };
  });
  check(
    'signoff',
    rule.requireSignoff,
    signoffs.filter((s) => s.end === null || s.end >= s.start),
    () => 'Readiness signed off by an officer',
  );

  const anyRequired =
    rule.requireCard || rule.requireHsePass || rule.requireL1Award || rule.requirePpe || rule.requireSignoff;
  const ready = anyRequired && missing.length === 0;
  if (!ready) return { ready: false, missing, readySince: null, readyUntil: null };
  const readySince =
    met
      .map((m) => m.start)
      .sort()
      .at(-1) ?? null;
  const ends = met
    .map((m) => m.end)
    .filter((e): e is string => e !== null)
    .sort();
  return { ready: true, missing, readySince, readyUntil: ends[0] ?? null };
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
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
  if (rule.requireHsePass)
    out.push('An HS&E test pass within its validity (2 years; 3 when used for a first Labourer card from 1 Feb 2025)');
  if (rule.requireL1Award) out.push('The Level 1 Award in Health and Safety in a Construction Environment');
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
