// The reference items edited in Settings → Reference lists: read with how many records use each,
// added, relabelled and retired. SQL only; the rules are in reference-items.service.ts.
import { sql } from 'kysely';
import type { Db, Tx } from '../../store/schema';

export async function referenceItems(db: Db, list: string) {
  return db
    .selectFrom('reference_items')
    .select(['id', 'code', 'label', 'is_active', 'extra_json', 'sort_order'])
    .where('list', '=', list)
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

export async function findReferenceItem(db: Db, list: string, code: string) {
  return db
    .selectFrom('reference_items')
    .select(['id', 'list', 'code', 'label', 'is_active'])
    .where('list', '=', list)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Where each list's codes are held: barriers and benefits per person, kinds of event per event,
 * kinds of measure per contract commitment. */
const usesIn = {
  barrier: ['participant_barriers', 'barrier_code'],
  benefit: ['participant_benefits', 'benefit_code'],
  event_kind: ['events', 'kind'],
  measure_kind: ['contract_commitments', 'kind'],
} as const;

/** How many records hold each code of a list: people for barriers, benefits and referral sources
 * (their first referral and later ones), evidence items for evidence types, events and contract
 * commitments for their kinds. */
export async function usesByCode(
  db: Db,
  list: keyof typeof usesIn | 'referral_source' | 'evidence_kind',
): Promise<Map<string, number>> {
  if (list === 'referral_source' || list === 'evidence_kind') {
    const counted =
      list === 'referral_source'
        ? [
            await db
              .selectFrom('participants')
              .select(['referral_source as code', (eb) => eb.fn.countAll<number>().as('n')])
              .where('referral_source', 'is not', null)
              .groupBy('referral_source')
              .execute(),
            await db
              .selectFrom('participant_referrals')
              .select(['referral_source as code', (eb) => eb.fn.countAll<number>().as('n')])
              .where('referral_source', 'is not', null)
              .groupBy('referral_source')
              .execute(),
          ].flat()
        : await db
            .selectFrom('evidence_items')
            .select(['kind as code', (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy('kind')
            .execute();
    const uses = new Map<string, number>();
    for (const r of counted) if (r.code) uses.set(r.code, (uses.get(r.code) ?? 0) + Number(r.n));
    return uses;
  }
  const [table, column] = usesIn[list];
  const rows = await db
    .selectFrom(table)
    .select([sql.ref<string>(column).as('code'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(sql.ref(column))
    .execute();
  return new Map(rows.map((r) => [r.code, Number(r.n)]));
}

export async function insertReferenceItem(
  tx: Tx,
  item: { list: string; code: string; label: string; sortOrder: number; extraJson: string | null },
): Promise<number> {
  const row = await tx
    .insertInto('reference_items')
    .values({
      list: item.list,
      code: item.code,
      label: item.label,
      sort_order: item.sortOrder,
      extra_json: item.extraJson,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReferenceItem(tx: Tx, id: number, values: { label?: string; is_active?: number }) {
  await tx.updateTable('reference_items').set(values).where('id', '=', id).execute();
}
