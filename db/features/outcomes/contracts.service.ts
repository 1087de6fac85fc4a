// Rules for social-value contracts: a contract is saved with its commitments as one change
// (commitments not sent are removed, a commitment cannot move between contracts), each step
// audited in the caller's transaction.
import { AppFailure } from '../../../shared/result';
import type { ContractInput } from '../../../shared/contract/outcomes-schemas';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import {
  commitmentsOf,
  contractRecord,
  contractUsage,
  deleteCommitment,
  insertCommitment,
  insertContract,
  listContracts,
  updateCommitment,
  updateContract,
} from './contracts.repository';
import { checkLinks } from './references.service';

export async function contractDetail(db: Db, id: number) {
  const [contract] = await listContracts(db, [id]);
  if (!contract) throw new AppFailure('not-found', 'That contract does not exist.');
  return { ...contract, ...(await contractUsage(db, id)) };
}

export async function saveContract(tx: Tx, actor: Actor, input: ContractInput): Promise<{ id: number }> {
  const { now, staffId } = actor;
  const values = {
    name: input.name,
    reference: input.reference,
    contractor_org_id: input.contractorOrgId,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
    notes: input.notes,
  };
  await checkLinks(tx, { contractorOrgId: input.contractorOrgId });
  let contractId: number;
  if (input.id) {
    const before = await contractRecord(tx, input.id);
    if (!before) throw new AppFailure('not-found', 'That contract does not exist.');
    await updateContract(tx, input.id, { ...values, updated_at: now });
    await appendAudit(tx, now, staffId, {
      action: 'update',
      entity: 'contract',
      entityId: input.id,
      summary: `Contract ${input.name} changed`,
      ...changedFields(before, values),
    });
    contractId = input.id;
  } else {
    contractId = await insertContract(tx, { ...values, created_at: now, updated_at: now });
    await appendAudit(tx, now, staffId, {
      action: 'create',
      entity: 'contract',
      entityId: contractId,
      summary: `Contract ${input.name} added`,
      after: values,
    });
  }
  const existing = await commitmentsOf(tx, contractId);
  const keep = new Set(input.commitments.map((c) => c.id).filter((v): v is number => !!v));
  for (const old of existing) {
    if (keep.has(old.id)) continue;
    await deleteCommitment(tx, old.id);
    await appendAudit(tx, now, staffId, {
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
      if (!Object.keys(diff.after).length) continue;
      await updateCommitment(tx, c.id, row);
      await appendAudit(tx, now, staffId, {
        action: 'update',
        entity: 'contract_commitment',
        entityId: c.id,
        summary: `Commitment ${c.kind} on ${input.name} changed`,
        ...diff,
      });
    } else {
      const id = await insertCommitment(tx, row);
      await appendAudit(tx, now, staffId, {
        action: 'create',
        entity: 'contract_commitment',
        entityId: id,
        summary: `Commitment ${c.kind} (target ${c.target}) added to ${input.name}`,
        after: row,
      });
    }
  }
  return { id: contractId };
}
