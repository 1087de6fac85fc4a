// Handlers for social-value contracts: list with progress, one contract, and saving a contract
// with its commitments in one transaction (commitments not sent are removed).
import { AppFailure } from '../../../shared/result';
import { defineHandlers } from '../../backend/handler';
import { appendAudit, changedFields } from '../audit/audit.repository';
import { listContracts } from './contracts.repository';
import { dataChanged } from './handler-helpers';

export const contractsHandlers = defineHandlers({
  async 'contracts.list'(_input, ctx) {
    return listContracts(ctx.db);
  },

  async 'contracts.get'(input, ctx) {
    const [contract] = await listContracts(ctx.db, [input.id]);
    if (!contract) throw new AppFailure('not-found', 'That contract does not exist.');
    const p = await ctx.db
      .selectFrom('placements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contract_id', '=', input.id)
      .executeTakeFirstOrThrow();
    const o = await ctx.db
      .selectFrom('outcomes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('contract_id', '=', input.id)
      .executeTakeFirstOrThrow();
    return { ...contract, placementCount: Number(p.n), outcomeCount: Number(o.n) };
  },

  async 'contracts.save'(input, ctx) {
    const at = ctx.clock.now().toISOString();
    const values = {
      name: input.name,
      reference: input.reference,
      contractor_org_id: input.contractorOrgId,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      notes: input.notes,
    };
    const id = await ctx.db.transaction().execute(async (tx) => {
      if (input.contractorOrgId) {
        const org = await tx
          .selectFrom('organisations')
          .select('id')
          .where('id', '=', input.contractorOrgId)
          .executeTakeFirst();
        if (!org)
          throw new AppFailure('validation', 'Some details need correcting.', [
            { path: ['contractorOrgId'], message: 'Choose a contractor from the list' },
          ]);
      }
      let contractId: number;
      if (input.id) {
        const before = await tx
          .selectFrom('social_value_contracts')
          .selectAll()
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (!before) throw new AppFailure('not-found', 'That contract does not exist.');
        await tx
          .updateTable('social_value_contracts')
          .set({ ...values, updated_at: at })
          .where('id', '=', input.id)
          .execute();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'update',
          entity: 'contract',
          entityId: input.id,
          summary: `Contract ${input.name} changed`,
          ...changedFields(before, values),
        });
        contractId = input.id;
      } else {
        const row = await tx
          .insertInto('social_value_contracts')
          .values({ ...values, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'create',
          entity: 'contract',
          entityId: row.id,
          summary: `Contract ${input.name} added`,
          after: values,
        });
        contractId = row.id;
      }
      const existing = await tx
        .selectFrom('contract_commitments')
        .selectAll()
        .where('contract_id', '=', contractId)
        .execute();
      const keep = new Set(input.commitments.map((c) => c.id).filter((v): v is number => !!v));
      for (const old of existing) {
        if (keep.has(old.id)) continue;
        await tx.deleteFrom('contract_commitments').where('id', '=', old.id).execute();
        await appendAudit(tx, at, ctx.staffId, {
          action: 'delete',
          entity: 'contract_commitment',
          entityId: old.id,
          summary: `Commitment ${old.kind} (target ${old.target}) removed from ${input.name}`,
          before: old,
        });
      }
      for (const [i, c] of input.commitments.entries()) {
        const row = {
          contract_id: contractId,
          kind: c.kind,
          target: c.target,
          description: c.description,
          manual_achieved: c.manualAchieved,
        };
        if (c.id) {
          const before = existing.find((e) => e.id === c.id);
          if (!before)
            throw new AppFailure('validation', 'Some details need correcting.', [
              { path: ['commitments', i, 'kind'], message: 'This commitment belongs to another contract' },
            ]);
          const diff = changedFields(before, row);
          if (Object.keys(diff.after).length) {
            await tx.updateTable('contract_commitments').set(row).where('id', '=', c.id).execute();
            await appendAudit(tx, at, ctx.staffId, {
              action: 'update',
              entity: 'contract_commitment',
              entityId: c.id,
              summary: `Commitment ${c.kind} on ${input.name} changed`,
              ...diff,
            });
          }
        } else {
          const inserted = await tx
            .insertInto('contract_commitments')
            .values(row)
            .returning('id')
            .executeTakeFirstOrThrow();
          await appendAudit(tx, at, ctx.staffId, {
            action: 'create',
            entity: 'contract_commitment',
            entityId: inserted.id,
            summary: `Commitment ${c.kind} (target ${c.target}) added to ${input.name}`,
            after: row,
          });
        }
      }
      return contractId;
    });
    dataChanged(ctx);
    return { id };
  },
});
