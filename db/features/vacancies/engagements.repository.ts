// Queries on employer engagement: one organisation's log (or every organisation's, or only the
// pledges and mentor offers), and the rows themselves. Reads take `Db`; writes take `Tx`.
import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { EmployerEngagementsTable } from '../../store/tables/vacancies.tables';
import { promisingKinds } from '../../../shared/domain/vacancy-lists';

/** The log, newest first, with the names of the organisation, the contact and who recorded it. */
export async function engagementRows(db: Db, filter: { organisationId?: number; pledgesOnly: boolean }) {
  return db
    .selectFrom('employer_engagements as g')
    .innerJoin('organisations as o', 'o.id', 'g.organisation_id')
    .leftJoin('organisation_contacts as c', 'c.id', 'g.contact_id')
    .leftJoin('staff as s', 's.id', 'g.staff_id')
    .selectAll('g')
    .select(['o.name as organisation_name', 'c.name as contact_name', 's.display_name as staff_name'])
    .$if(filter.organisationId !== undefined, (q) => q.where('g.organisation_id', '=', filter.organisationId!))
    .$if(filter.pledgesOnly, (q) => q.where('g.kind', 'in', [...promisingKinds]))
    .orderBy('g.occurred_on', 'desc')
    .orderBy('g.id', 'desc')
    .limit(1000)
    .execute();
}

export async function engagementRecord(db: Db, id: number) {
  return db.selectFrom('employer_engagements').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether a contact belongs to an organisation (an engagement names one of its own contacts). */
export async function contactOf(db: Db, contactId: number, organisationId: number): Promise<boolean> {
  const row = await db
    .selectFrom('organisation_contacts')
    .select('id')
    .where('id', '=', contactId)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return !!row;
}

export async function insertEngagement(tx: Tx, row: Insertable<EmployerEngagementsTable>): Promise<number> {
  const inserted = await tx.insertInto('employer_engagements').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateEngagement(
  tx: Tx,
  id: number,
  values: Updateable<EmployerEngagementsTable>,
): Promise<void> {
  await tx.updateTable('employer_engagements').set(values).where('id', '=', id).execute();
}

export async function deleteEngagement(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('employer_engagements').where('id', '=', id).execute();
}
