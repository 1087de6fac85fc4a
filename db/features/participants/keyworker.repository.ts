// Keyworker support's rows: a participant's action plan items and contacts. Reads take `Db`;
// writes take the transaction (`Tx`).
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Role } from '../../../shared/contract/define';
import { rowAs, textAs } from '../../store/tables/readable-columns';
import type { Db, Tx } from '../../store/schema';
import type { KeyworkerContactsTable, KeyworkerPlanItemsTable } from '../../store/tables/participants.tables';

/** A person's plan as `reader` reads it (a viewer's reading has no item text). */
export async function planOf(db: Db, participantId: number, reader: Role) {
  return db
    .selectFrom('keyworker_plan_items')
    .select(rowAs(reader, 'keyworker_plan_items'))
    .$castTo<Selectable<KeyworkerPlanItemsTable>>()
    .where('participant_id', '=', participantId)
    .orderBy('kind')
    .orderBy('id')
    .execute();
}

export async function planItem(db: Db, id: number) {
  return db.selectFrom('keyworker_plan_items').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPlanItem(tx: Tx, row: Insertable<KeyworkerPlanItemsTable>): Promise<number> {
  const r = await tx.insertInto('keyworker_plan_items').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePlanItem(tx: Tx, id: number, values: Updateable<KeyworkerPlanItemsTable>): Promise<void> {
  await tx.updateTable('keyworker_plan_items').set(values).where('id', '=', id).execute();
}

export async function contactsOf(db: Db, participantId: number, reader: Role) {
  return db
    .selectFrom('keyworker_contacts as c')
    .leftJoin('staff as s', 's.id', 'c.staff_id')
    .select([
      'c.id',
      'c.contact_on',
      'c.method',
      'c.minutes',
      textAs(reader, 'keyworker_contacts', 'c.notes', 'notes'),
      's.display_name',
    ])
    .where('c.participant_id', '=', participantId)
    .orderBy('c.contact_on', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
}

export async function insertContact(tx: Tx, row: Insertable<KeyworkerContactsTable>): Promise<number> {
  const r = await tx.insertInto('keyworker_contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}
