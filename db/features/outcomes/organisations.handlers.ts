// Handlers for organisations and their contacts. Every change is audited in its transaction.
import { AppFailure } from '../../../shared/result';
import { defineHandlers } from '../../backend/handler';
import { appendAudit, changedFields } from '../audit/audit.repository';
import { getOrganisation, listContacts, listOrganisations, organisationRecord } from './organisations.repository';
import { normalisePostcode } from './normalise';
import { dataChanged, mustFind } from './handler-helpers';

export const organisationsHandlers = defineHandlers({
  async 'organisations.list'(input, ctx) {
    return listOrganisations(ctx.db, input);
  },

  async 'organisations.get'(input, ctx) {
    const org = mustFind(await getOrganisation(ctx.db, input.id), 'That organisation does not exist.');
    const contracts = await ctx.db
      .selectFrom('social_value_contracts')
      .select(['id', 'name'])
      .where('contractor_org_id', '=', input.id)
      .orderBy('name')
      .execute();
    return { ...org, contacts: await listContacts(ctx.db, input.id), contracts };
  },

  async 'organisations.save'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    const values = {
      name: input.name,
      kind: input.kind,
      sector: input.sector,
      address: input.address,
      postcode: input.postcode ? normalisePostcode(input.postcode) : null,
      phone: input.phone,
      email: input.email,
      notes: input.notes,
    };
    const id = await ctx.db.transaction().execute(async (tx) => {
      const clash = await tx
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', values.name)
        .where('kind', '=', values.kind)
        .executeTakeFirst();
      if (clash && clash.id !== input.id) {
        throw new AppFailure('conflict', 'An organisation of that kind with that name already exists.', [
          { path: ['name'], message: `There is already a ${values.kind.replace('_', ' ')} called "${values.name}"` },
        ]);
      }
      if (input.id) {
        const before = await organisationRecord(tx, input.id);
        if (!before) throw new AppFailure('not-found', 'That organisation does not exist.');
        await tx
          .updateTable('organisations')
          .set({ ...values, updated_at: at })
          .where('id', '=', input.id)
          .execute();
        const diff = changedFields(before, values);
        await appendAudit(tx, at, ctx.staffId, {
          action: 'update',
          entity: 'organisation',
          entityId: input.id,
          summary: `Organisation ${values.name} changed`,
          ...diff,
        });
        return input.id;
      }
      const row = await tx
        .insertInto('organisations')
        .values({ ...values, is_active: 1, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(tx, at, ctx.staffId, {
        action: 'create',
        entity: 'organisation',
        entityId: row.id,
        summary: `Organisation ${values.name} added`,
        after: values,
      });
      return row.id;
    });
    dataChanged(ctx);
    return { id };
  },

  async 'organisations.setActive'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      const before = await organisationRecord(tx, input.id);
      if (!before) throw new AppFailure('not-found', 'That organisation does not exist.');
      await tx
        .updateTable('organisations')
        .set({ is_active: input.isActive ? 1 : 0, updated_at: at })
        .where('id', '=', input.id)
        .execute();
      await appendAudit(tx, at, ctx.staffId, {
        action: 'update',
        entity: 'organisation',
        entityId: input.id,
        summary: `Organisation ${before.name} ${input.isActive ? 'restored' : 'archived'}`,
        before: { is_active: before.is_active },
        after: { is_active: input.isActive ? 1 : 0 },
      });
    });
    dataChanged(ctx);
    return { ok: true as const };
  },

  async 'organisations.saveContact'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    const values = {
      organisation_id: input.organisationId,
      name: input.name,
      job_title: input.jobTitle,
      phone: input.phone,
      email: input.email,
    };
    const id = await ctx.db.transaction().execute(async (tx) => {
      if (!(await organisationRecord(tx, input.organisationId)))
        throw new AppFailure('not-found', 'That organisation does not exist.');
      if (input.id) {
        const before = await tx
          .selectFrom('organisation_contacts')
          .selectAll()
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (!before || before.organisation_id !== input.organisationId)
          throw new AppFailure('not-found', 'That contact does not exist.');
        await tx.updateTable('organisation_contacts').set(values).where('id', '=', input.id).execute();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'update',
          entity: 'organisation_contact',
          entityId: input.id,
          summary: `Contact ${input.name} changed`,
          ...changedFields(before, values),
        });
        return input.id;
      }
      const row = await tx.insertInto('organisation_contacts').values(values).returning('id').executeTakeFirstOrThrow();
      await appendAudit(tx, at, ctx.staffId, {
        action: 'create',
        entity: 'organisation_contact',
        entityId: row.id,
        summary: `Contact ${input.name} added`,
        after: values,
      });
      return row.id;
    });
    dataChanged(ctx);
    return { id };
  },

  async 'organisations.deleteContact'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (tx) => {
      const before = await tx
        .selectFrom('organisation_contacts')
        .selectAll()
        .where('id', '=', input.id)
        .executeTakeFirst();
      if (!before) throw new AppFailure('not-found', 'That contact does not exist.');
      await tx.deleteFrom('organisation_contacts').where('id', '=', input.id).execute();
      await appendAudit(tx, at, ctx.staffId, {
        action: 'delete',
        entity: 'organisation_contact',
        entityId: input.id,
        summary: `Contact ${before.name} removed`,
        before,
      });
    });
    dataChanged(ctx);
    return { ok: true as const };
  },
});
