// The facts the site-ready rule needs (cards, HS&E tests, L1 awards, PPE, sign-offs), loaded
// for one person or in bulk (a handful of table scans, grouped in memory, so the candidates
// list stays fast at 100,000 participants), and the rule itself from settings.
import { sql } from 'kysely';
import {
  defaultSiteReadyRule,
  SITE_READY_SETTING_KEY,
  siteReadyRuleSchema,
  type SiteReadyFacts,
  type SiteReadyRule,
} from '../../../shared/domain/site-ready';
import type { Db, Tx } from '../../store/schema';

export async function loadSiteReadyRule(db: Db): Promise<SiteReadyRule> {
  const row = await db
    .selectFrom('settings')
    .select('value_json')
    .where('key', '=', SITE_READY_SETTING_KEY)
    .executeTakeFirst();
  if (!row) return defaultSiteReadyRule;
  try {
    const parsed = siteReadyRuleSchema.safeParse(JSON.parse(row.value_json));
    return parsed.success ? parsed.data : defaultSiteReadyRule;
  } catch {
    return defaultSiteReadyRule;
  }
}

export async function saveSiteReadyRule(tx: Tx, at: string, rule: SiteReadyRule): Promise<SiteReadyRule> {
  const before = await loadSiteReadyRule(tx);
  await tx
    .insertInto('settings')
    .values({ key: SITE_READY_SETTING_KEY, value_json: JSON.stringify(rule), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(rule), updated_at: at }))
    .execute();
  return before;
}

const emptyFacts = (): SiteReadyFacts => ({ cards: [], hseTests: [], l1Awards: [], ppeIssues: [], signoffs: [] });

/** The course types whose completed runs the rule counts as tickets. */
export const ticketTypesOf = (rule: SiteReadyRule) => rule.requiredTickets.map((t) => t.courseType);

/** Facts by participant; `ids` limits to those people (else everyone with any CSCS fact);
 * `ticketTypes`: the course types whose completed runs are loaded as tickets. */
export async function loadFacts(
  db: Db,
  ids?: number[],
  ticketTypes: string[] = [],
): Promise<Map<number, SiteReadyFacts>> {
  const out = new Map<number, SiteReadyFacts>();
  const of = (id: number) => {
    let f = out.get(id);
    if (!f) out.set(id, (f = emptyFacts()));
    return f;
  };
  if (ids && ids.length === 0) return out;
  const some = ids !== undefined;
  const list = ids ?? [];
  const cards = await db
    .selectFrom('cscs_cards')
    .select(['participant_id', 'card_type', 'issued_on', 'expires_on', 'is_first_labourer_card', 'smart_checked_on'])
    .$if(some, (q) => q.where('participant_id', 'in', list))
    .execute();
  for (const c of cards)
    of(c.participant_id).cards.push({
      cardType: c.card_type,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      isFirstLabourerCard: c.is_first_labourer_card === 1,
      smartCheckedOn: c.smart_checked_on,
    });
  const tests = await db
    .selectFrom('hse_tests')
    .select(['participant_id', 'taken_on', 'score'])
    .orderBy('taken_on')
    .$if(some, (q) => q.where('participant_id', 'in', list))
    .execute();
  for (const t of tests) of(t.participant_id).hseTests.push({ takenOn: t.taken_on, score: t.score });
  const awards = await db
    .selectFrom('l1_awards')
    .select(['participant_id', 'achieved_on'])
    .$if(some, (q) => q.where('participant_id', 'in', list))
    .execute();
  for (const a of awards) of(a.participant_id).l1Awards.push({ achievedOn: a.achieved_on });
  const ppe = await db
    .selectFrom('ppe_issues')
    .select(['participant_id', 'issued_on'])
    .$if(some, (q) => q.where('participant_id', 'in', list))
    .execute();
  for (const p of ppe) of(p.participant_id).ppeIssues.push({ issuedOn: p.issued_on });
  const signoffs = await db
    .selectFrom('site_ready_signoffs')
    .select(['participant_id', 'signed_on', 'revoked_on'])
    .$if(some, (q) => q.where('participant_id', 'in', list))
    .execute();
  for (const s of signoffs) of(s.participant_id).signoffs.push({ signedOn: s.signed_on, revokedOn: s.revoked_on });
  if (ticketTypes.length) {
    // A ticket is a completed run of the course type; people with only tickets are not loaded.
    const tickets = await db
      .selectFrom('enrolments as e')
      .innerJoin('course_runs as r', 'r.id', 'e.course_run_id')
      .innerJoin('course_types as t', 't.id', 'r.course_type_id')
      .select(['e.participant_id', 't.code', sql<string>`coalesce(e.completed_on, r.end_date)`.as('achieved_on')])
      .where('e.status', '=', 'completed')
      .where('t.code', 'in', ticketTypes)
      .$if(some, (q) => q.where('e.participant_id', 'in', list))
      .execute();
    for (const t of tickets) {
      const f = out.get(t.participant_id);
      if (f) (f.tickets ??= []).push({ courseType: t.code, achievedOn: t.achieved_on });
    }
  }
  return out;
}

export interface ContactRow {
  id: number;
  reference: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  email: string | null;
  postcode: string | null;
  eligibilityStatus: string;
}

/** Contact details of everyone with a CSCS fact (one query over the union of their ids). */
export async function loadContacts(db: Db): Promise<Map<number, ContactRow>> {
  const rows = await db
    .selectFrom('participants as p')
    .select([
      'p.id',
      'p.reference',
      'p.first_name as firstName',
      'p.last_name as lastName',
      'p.phone',
      'p.email',
      'p.postcode',
      'p.eligibility_status as eligibilityStatus',
    ])
    .where('p.status', 'not in', ['merged', 'anonymised'])
    .where(
      'p.id',
      'in',
      sql<number>`(select participant_id from cscs_cards union select participant_id from hse_tests union select participant_id from l1_awards union
        select participant_id from ppe_issues union select participant_id from site_ready_signoffs union
        select participant_id from outcomes where outcome_type = 'site_ready')`,
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The people who became site ready in the period (a 'Became site ready' outcome dated in it,
 * not rejected): the one definition the headline and the dashboard count. */
export async function becameSiteReadyIn(db: Db, from: string, to: string): Promise<Map<number, string>> {
  const rows = await db
    .selectFrom('outcomes as o')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .select([sql<number>`coalesce(p.merged_into_id, p.id)`.as('person'), 'o.outcome_date'])
    .where('o.outcome_type', '=', 'site_ready')
    .where('o.outcome_date', '>=', from)
    .where('o.outcome_date', '<=', to)
    .where('o.verification_status', '!=', 'rejected')
    .orderBy('o.outcome_date')
    .execute();
  const out = new Map<number, string>();
  for (const r of rows) if (!out.has(r.person)) out.set(r.person, r.outcome_date);
  return out;
}
