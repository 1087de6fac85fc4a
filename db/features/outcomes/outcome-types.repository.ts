// Outcome types: the list officers choose from and administrators extend.
import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { OutcomeTypesTable } from '../../store/tables/outcomes.tables';
import type { OutcomeTypeRow } from '../../../shared/contract/outcomes-schemas';

export async function outcomeTypeRecord(db: Db, code: string) {
  return db.selectFrom('outcome_types').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listOutcomeTypes(db: Db): Promise<OutcomeTypeRow[]> {
  const types = await db.selectFrom('outcome_types').selectAll().orderBy('sort_order').orderBy('label').execute();
  return types.map((t) => ({
    code: t.code,
    label: t.label,
    category: t.category,
    isActive: t.is_active === 1,
    sortOrder: t.sort_order,
  }));
}

/** The sort order that puts a new type after every existing one. */
export async function nextTypeSortOrder(db: Db): Promise<number> {
  const max = await db
    .selectFrom('outcome_types')
    .select((eb) => eb.fn.max('sort_order').as('m'))
    .executeTakeFirst();
  return Number(max?.m ?? 0) + 1;
}

export async function insertOutcomeType(tx: Tx, row: Insertable<OutcomeTypesTable>): Promise<void> {
  await tx.insertInto('outcome_types').values(row).execute();
}

export async function updateOutcomeType(tx: Tx, code: string, values: Updateable<OutcomeTypesTable>): Promise<void> {
  await tx.updateTable('outcome_types').set(values).where('code', '=', code).execute();
}

/** The evidence kinds an outcome type needs (any one of them); empty when it needs none (0162). */
export async function evidenceNeeded(db: Db, outcomeType: string): Promise<string[]> {
  const rows = await db
    .selectFrom('outcome_type_evidence')
    .select('evidence_kind')
    .where('outcome_type', '=', outcomeType)
    .orderBy('evidence_kind')
    .execute();
  return rows.map((r) => r.evidence_kind);
}

/** How many of an outcome's evidence items are of the given kinds. */
export async function evidenceOfKinds(db: Db, outcomeId: number, kinds: string[]): Promise<number> {
  if (!kinds.length) return 0;
  const row = await db
    .selectFrom('evidence_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('outcome_id', '=', outcomeId)
    .where('kind', 'in', kinds)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
