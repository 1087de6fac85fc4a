// Queries on organisations (employers, contractors, providers, JCP offices, agencies) and their
// contacts. Functions take the transaction (or store) first.
import { sql } from 'kysely';
import type { Tx } from '../../store/schema';
import type { OrganisationRow, ContactRow } from '../../../shared/contract/outcomes-schemas';
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

function baseOrganisations(tx: Tx) {
  return tx
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
  tx: Tx,
  f: { search: string; kind?: string | undefined; includeInactive: boolean },
): Promise<OrganisationRow[]> {
  let q = baseOrganisations(tx);
  if (!f.includeInactive) q = q.where('o.is_active', '=', 1);
  if (f.kind) q = q.where('o.kind', '=', f.kind as never);
  const s = f.search.trim();
  if (s) q = q.where(sql<boolean>`(${textMatches('o.name', s)} or ${textMatches('o.postcode', s)})`);
  const rows = await q.orderBy('o.name').limit(2000).execute();
  return rows.map(toRow);
}

export async function getOrganisation(tx: Tx, id: number): Promise<OrganisationRow | null> {
  const r = await baseOrganisations(tx).where('o.id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

export async function listContacts(tx: Tx, organisationId: number): Promise<ContactRow[]> {
  const rows = await tx
    .selectFrom('organisation_contacts')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .execute();
  return rows.map((c) => ({ id: c.id, name: c.name, jobTitle: c.job_title, phone: c.phone, email: c.email }));
}

export async function organisationRecord(tx: Tx, id: number) {
  return tx.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}
