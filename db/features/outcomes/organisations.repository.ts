// Queries on organisations (employers, contractors, providers, JCP offices, agencies) and their
// contacts. Reads take the store or a transaction (`Db`); writes take the transaction (`Tx`).
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { OrganisationContactsTable, OrganisationsTable } from '../../store/tables/courses.tables';
import type { OrganisationRow, ContactRow, Lookups } from '../../../shared/contract/outcomes-schemas';
import { textMatches } from '../grid/grid-query';

const orgColumns = [
  'o.id',
  'o.name',
  'o.kind',
  'o.sector',
  'o.address',
  'o.postcode',
  'o.phone',
  'o.email',
  'o.notes',
  'o.is_active',
] as const;

function baseOrganisations(db: Db) {
  return db
    .selectFrom('organisations as o')
    .select(orgColumns)
    .select([
      sql<number>`(select count(*) from organisation_contacts c where c.organisation_id = o.id)`.as('contact_count'),
      sql<number>`(select count(*) from placements p where p.employer_org_id = o.id)`.as('placement_count'),
    ]);
}

type OrgSelect = Awaited<ReturnType<ReturnType<typeof baseOrganisations>['executeTakeFirstOrThrow']>>;

function toRow(r: OrgSelect): OrganisationRow {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    sector: r.sector,
    address: r.address,
    postcode: r.postcode,
    phone: r.phone,
    email: r.email,
    notes: r.notes,
    isActive: r.is_active === 1,
    contactCount: Number(r.contact_count),
    placementCount: Number(r.placement_count),
  };
}

export async function listOrganisations(
  db: Db,
  f: { search: string; kind?: OrganisationsTable['kind'] | undefined; includeInactive: boolean },
): Promise<OrganisationRow[]> {
  let q = baseOrganisations(db);
  if (!f.includeInactive) q = q.where('o.is_active', '=', 1);
  if (f.kind) q = q.where('o.kind', '=', f.kind);
  const s = f.search.trim();
  if (s) q = q.where(sql<boolean>`(${textMatches('o.name', s)} or ${textMatches('o.postcode', s)})`);
  const rows = await q.orderBy('o.name').limit(2000).execute();
  return rows.map(toRow);
}

export async function getOrganisation(db: Db, id: number): Promise<OrganisationRow | null> {
  const r = await baseOrganisations(db).where('o.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

/** Every organisation, active or not, for the forms' pickers (the form hides archived ones). */
export async function organisationOptions(db: Db): Promise<Lookups['organisations']> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'sector', 'is_active'])
    .orderBy('name')
    .execute();
  return rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind, sector: o.sector, isActive: o.is_active === 1 }));
}

export async function organisationRecord(db: Db, id: number) {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The organisation of this kind with exactly this name, if any (names are unique per kind). */
export async function organisationNamed(db: Db, name: string, kind: OrganisationsTable['kind']) {
  return db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', name)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export async function organisationSector(db: Db, id: number): Promise<string | null> {
  const row = await db.selectFrom('organisations').select('sector').where('id', '=', id).executeTakeFirst();
  return row?.sector ?? null;
}

export async function insertOrganisation(tx: Tx, row: Insertable<OrganisationsTable>): Promise<number> {
  const inserted = await tx.insertInto('organisations').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateOrganisation(tx: Tx, id: number, values: Updateable<OrganisationsTable>): Promise<void> {
  await tx.updateTable('organisations').set(values).where('id', '=', id).execute();
}

export async function listContacts(db: Db, organisationId: number): Promise<ContactRow[]> {
  const rows = await db
    .selectFrom('organisation_contacts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
  return rows.map((c) => ({ id: c.id, name: c.name, jobTitle: c.job_title, phone: c.phone, email: c.email }));
}

export async function contactRecord(db: Db, id: number) {
  return db.selectFrom('organisation_contacts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertContact(tx: Tx, row: Insertable<OrganisationContactsTable>): Promise<number> {
  const inserted = await tx.insertInto('organisation_contacts').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateContact(tx: Tx, id: number, values: Updateable<OrganisationContactsTable>): Promise<void> {
  await tx.updateTable('organisation_contacts').set(values).where('id', '=', id).execute();
}

export async function deleteContact(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('organisation_contacts').where('id', '=', id).execute();
}
