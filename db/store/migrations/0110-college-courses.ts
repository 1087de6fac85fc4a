// The college's course spreadsheet in one go (issue 14):
// - a course run carries each partner's own code for it (and their title), so an import finds the
//   run by the college's code, and an import may create the run;
// - a CSCS card records whether its issue date was derived (only the expiry was given) and the
//   day it was checked on CSCS Smart Check;
// - the Stevenage Works headline set gets a new version: "Site-ready candidates" counts the one
//   definition (people who became site ready in the period, by the programme's rule) and "CSCS
//   cards achieved" sits beside it. Returns already submitted keep the version they used.
// Frozen in time: never edit once shipped.
import type { MigrationDb } from './migration-db';

const SITE_READY = {
  title: 'Site-ready candidates',
  definition:
    "People who became site ready in the period: the first day they met the programme's site-ready rule (Courses → " +
    'Site-ready candidates), each person once.',
  unit: 'People',
  evidence: "Became site ready outcome (the rule's facts: CSCS card, HS&E test, PPE, sign-off).",
  rule: {
    subject: 'outcomes',
    dateField: 'outcome_date',
    outcomeTypes: ['site_ready'],
    countDistinct: 'participant',
    excludeClaimedInSubmittedReturns: false,
  },
};

const CARDS = {
  code: 'SW-7',
  title: 'CSCS cards achieved',
  definition: 'People whose CSCS card was issued in the period, each person once.',
  unit: 'People',
  evidence: 'CSCS card number and issue date (CSCS Smart Check).',
  rule: {
    subject: 'outcomes',
    dateField: 'outcome_date',
    outcomeTypes: ['cscs_card'],
    countDistinct: 'participant',
    excludeClaimedInSubmittedReturns: false,
  },
};

interface IndicatorRow {
  code: string;
  title: string;
  definition: string;
  unit: string;
  evidence_required: string;
  intervention_code: string | null;
  rule_json: string;
  needs_local_confirmation: number;
  sort_order: number;
}

export async function up(db: MigrationDb): Promise<void> {
  await db.schema
    .createTable('course_run_partner_refs')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('course_run_id', 'integer', (c) => c.notNull().references('course_runs.id').onDelete('cascade'))
    .addColumn('partner', 'text', (c) => c.notNull())
    .addColumn('partner_code', 'text', (c) => c.notNull())
    .addColumn('partner_title', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('course_run_partner_refs_run_partner', ['course_run_id', 'partner'])
    .execute();
  await db.schema
    .createIndex('course_run_partner_refs_code')
    .on('course_run_partner_refs')
    .columns(['partner', 'partner_code'])
    .execute();

  await db.schema
    .alterTable('cscs_cards')
    .addColumn('issued_on_derived', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('cscs_cards').addColumn('smart_checked_on', 'text').execute();

  const set = await db.selectFrom('indicator_sets').select('id').where('code', '=', 'SW-HEADLINE').executeTakeFirst();
  if (!set) return;
  const latest = await db
    .selectFrom('indicator_set_versions')
    .select(['id', 'version'])
    .where('set_id', '=', set.id)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!latest) return;
  const indicators: IndicatorRow[] = await db
    .selectFrom('indicators')
    .select([
      'code',
      'title',
      'definition',
      'unit',
      'evidence_required',
      'intervention_code',
      'rule_json',
      'needs_local_confirmation',
      'sort_order',
    ])
    .where('set_version_id', '=', latest.id)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
  const next: IndicatorRow[] = [];
  for (const i of indicators) {
    if (i.code === CARDS.code) continue;
    next.push(
      i.code === 'SW-3'
        ? {
            ...i,
            title: SITE_READY.title,
            definition: SITE_READY.definition,
            unit: SITE_READY.unit,
            evidence_required: SITE_READY.evidence,
            rule_json: JSON.stringify(SITE_READY.rule),
          }
        : i,
    );
    if (i.code === 'SW-3') next.push(cardsRow());
  }
  if (!next.some((i) => i.code === CARDS.code)) next.push(cardsRow());
  const version = await db
    .insertInto('indicator_set_versions')
    .values({
      set_id: set.id,
      version: Number(latest.version) + 1,
      note: 'Site ready by the programme rule (one definition); CSCS cards achieved added',
      created_at: new Date().toISOString(),
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [n, i] of next.entries())
    await db
      .insertInto('indicators')
      .values({ ...i, set_version_id: version.id, sort_order: (n + 1) * 10 })
      .execute();
}

function cardsRow(): IndicatorRow {
  return {
    code: CARDS.code,
    title: CARDS.title,
    definition: CARDS.definition,
    unit: CARDS.unit,
    evidence_required: CARDS.evidence,
    intervention_code: null,
    rule_json: JSON.stringify(CARDS.rule),
    needs_local_confirmation: 0,
    sort_order: 0,
  };
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed; restore a backup instead.');
}
