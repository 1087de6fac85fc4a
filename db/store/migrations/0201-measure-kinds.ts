// The kinds of measure a social-value contract or Section 106 obligation agrees (local jobs,
// person-weeks, site visits, money...) become reference data: the list 'measure_kind', seeded here
// with the kinds the app counted until now and their labels, so an administrator can relabel them
// and add kinds of their own (counted from the figure officers enter). The codes stay as stored on
// contract_commitments; the counting rules of the built-in kinds are keyed by them.
import type { MigrationDb } from './migration-db';

const kinds = [
  ['local_jobs', 'Local jobs'],
  ['apprenticeships', 'Apprenticeships'],
  ['work_placements', 'Work placements'],
  ['person_weeks', 'Person-weeks of local employment'],
  ['local_labour_percent', 'Percentage of local labour'],
  ['site_visits', 'Site visits'],
  ['school_engagements', 'School engagements'],
  ['in_lieu_contribution', 'In-lieu financial contribution'],
  ['community_investment', 'Community investment'],
  ['other', 'Other'],
] as const;

export async function up(db: MigrationDb): Promise<void> {
  for (const [i, [code, label]] of kinds.entries()) {
    await db
      .insertInto('reference_items')
      .values({ list: 'measure_kind', code, label, sort_order: i, is_active: 1, extra_json: null })
      .onConflict((oc) => oc.columns(['list', 'code']).doNothing())
      .execute();
  }
}
