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

/** Facts by participant; `ids` limits to those people (else everyone with any CSCS fact). */
export async function loadFacts(db: Db, ids?: number[]): Promise<Map<number, SiteReadyFacts>> {
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
    .select(['participant_id', 'card_type', 'issued_on', 'expires_on', 'is_first_labourer_card'])
    .$if(some, (q) => q.where('participant_id', 'in', list))
    .execute();
  for (const c of cards)
    of(c.participant_id).cards.push({
      cardType: c.card_type,
      issuedOn: c.issued_on,
      expiresOn: c.expires_on,
      isFirstLabourerCard: c.is_first_labourer_card === 1,
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
    ])
    .where('p.status', 'not in', ['merged', 'anonymised'])
    .where(
      'p.id',
      'in',
      sql<number>`(select participant_id from cscs_cards union select participant_id from hse_tests union select participant_id from l1_awards union
        select participant_id from ppe_issues union select participant_id from site_ready_signoffs)`,
    )
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}
