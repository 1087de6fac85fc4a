// Rules for organisations and their contacts: one organisation per name and kind, postcodes
// kept in one shape, a contact stays with its organisation, and every change audited in the
// caller's transaction.
import { AppFailure } from '../../../shared/result';
import { normalisePostcode } from '../../../shared/domain/identifiers';
import type { ContactInput, OrganisationInput } from '../../../shared/contract/outcomes-schemas';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import { contractsOfContractor } from './contracts.repository';
import {
  contactRecord,
  deleteContact,
  getOrganisation,
  insertContact,
  insertOrganisation,
  listContacts,
  organisationNamed,
  organisationRecord,
  updateContact,
  updateOrganisation,
} from './organisations.repository';

export async function organisationDetail(db: Db, id: number) {
  const org = await getOrganisation(db, id);
  if (!org) throw new AppFailure('not-found', 'That organisation does not exist.');
  return { ...org, contacts: await listContacts(db, id), contracts: await contractsOfContractor(db, id) };
}

export async function saveOrganisation(tx: Tx, actor: Actor, input: OrganisationInput): Promise<{ id: number }> {
  const values = {
    name: input.name,
    kind: input.kind,
    sector: input.sector,
    address: input.address,
    // What is not a postcode's shape is kept as typed (upper case) rather than lost.
    postcode: input.postcode ? (normalisePostcode(input.postcode) ?? input.postcode.trim().toUpperCase()) : null,
    phone: input.phone,
    email: input.email,
    notes: input.notes,
  };
  const clash = await organisationNamed(tx, values.name, values.kind);
  if (clash && clash.id !== input.id) {
    throw new AppFailure('conflict', 'An organisation of that kind with that name already exists.', [
      { path: ['name'], message: `There is already a ${values.kind.replace('_', ' ')} called "${values.name}"` },
    ]);
  }
  if (input.id) {
    const before = await organisationRecord(tx, input.id);
    if (!before) throw new AppFailure('not-found', 'That organisation does not exist.');
    await updateOrganisation(tx, input.id, { ...values, updated_at: actor.now });
    await appendAudit(tx, actor.now, actor.staffId, {
      action: 'update',
      entity: 'organisation',
      entityId: input.id,
      summary: `Organisation ${values.name} changed`,
      ...changedFields(before, values),
    });
    return { id: input.id };
  }
  const id = await insertOrganisation(tx, { ...values, is_active: 1, created_at: actor.now, updated_at: actor.now });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'organisation',
    entityId: id,
    summary: `Organisation ${values.name} added`,
    after: values,
  });
  return { id };
}

export async function setOrganisationActive(tx: Tx, actor: Actor, id: number, isActive: boolean): Promise<void> {
  const before = await organisationRecord(tx, id);
  if (!before) throw new AppFailure('not-found', 'That organisation does not exist.');
  const active = isActive ? 1 : 0;
  await updateOrganisation(tx, id, { is_active: active, updated_at: actor.now });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'organisation',
    entityId: id,
    summary: `Organisation ${before.name} ${isActive ? 'restored' : 'archived'}`,
    before: { is_active: before.is_active },
    after: { is_active: active },
  });
}

export async function saveContact(tx: Tx, actor: Actor, input: ContactInput): Promise<{ id: number }> {
  const values = {
    organisation_id: input.organisationId,
    name: input.name,
    job_title: input.jobTitle,
    phone: input.phone,
    email: input.email,
  };
  if (!(await organisationRecord(tx, input.organisationId)))
    throw new AppFailure('not-found', 'That organisation does not exist.');
  if (input.id) {
    const before = await contactRecord(tx, input.id);
    if (!before || before.organisation_id !== input.organisationId)
      throw new AppFailure('not-found', 'That contact does not exist.');
    await updateContact(tx, input.id, values);
    await appendAudit(tx, actor.now, actor.staffId, {
      action: 'update',
      entity: 'organisation_contact',
      entityId: input.id,
      summary: `Contact ${input.name} changed`,
      ...changedFields(before, values),
    });
    return { id: input.id };
  }
  const id = await insertContact(tx, values);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'organisation_contact',
    entityId: id,
    summary: `Contact ${input.name} added`,
    after: values,
  });
  return { id };
}

export async function removeContact(tx: Tx, actor: Actor, id: number): Promise<void> {
  const before = await contactRecord(tx, id);
  if (!before) throw new AppFailure('not-found', 'That contact does not exist.');
  await deleteContact(tx, id);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'delete',
    entity: 'organisation_contact',
    entityId: id,
    summary: `Contact ${before.name} removed`,
    before,
  });
}
