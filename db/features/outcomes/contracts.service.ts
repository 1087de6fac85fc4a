// Rules for social-value contracts: a contract is saved with its commitments as one change
// (commitments not sent are removed, a commitment cannot move between contracts), each step
// audited in the caller's transaction.
import { AppFailure } from '../../../shared/result';
import type { ContractInput } from '../../../shared/contract/outcomes-schemas';
import type { PaymentInput, PaymentRow, PaymentUpdate } from '../../../shared/contract/social-value-schemas';
import { formatPounds, labelFor, paymentKinds } from '../../../shared/domain/outcome-lists';
import type { Db, Tx } from '../../store/schema';
import { appendAudit, changedFields } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';
import {
  commitmentsOf,
  contractRecord,
  contractUsage,
  deleteCommitment,
  deletePayment,
  deleteTrigger,
  insertCommitment,
  insertContract,
  insertPayment,
  insertTrigger,
  listContracts,
  measureKinds,
  paymentRecord,
  paymentsOf,
  triggersOf,
  updateCommitment,
  updateContract,
  updatePayment,
  updateTrigger,
  type ProgressWindow,
} from './contracts.repository';
import { checkLinks } from './references.service';

export async function contractDetail(db: Db, id: number, window: ProgressWindow) {
  const [contract] = await listContracts(db, window, [id]);
  if (!contract) throw new AppFailure('not-found', 'That contract does not exist.');
  const payments: PaymentRow[] = (await paymentsOf(db, id)).map((p) => ({
    id: p.id,
    kind: p.kind,
    receivedOn: p.received_on,
    amountPence: p.amount_pence,
    payer: p.payer,
    purpose: p.purpose,
    reference: p.reference,
    recordedBy: p.recorded_by,
  }));
  return { ...contract, ...(await contractUsage(db, id)), payments };
}

export async function addPayment(tx: Tx, actor: Actor, input: PaymentInput): Promise<{ id: number }> {
  const contract = await contractRecord(tx, input.contractId);
  if (!contract) throw new AppFailure('not-found', 'That contract does not exist.');
  const row = {
    contract_id: input.contractId,
    kind: input.kind,
    received_on: input.receivedOn,
    amount_pence: input.amountPence,
    payer: input.payer,
    purpose: input.purpose,
    reference: input.reference,
  };
  const id = await insertPayment(tx, { ...row, created_at: actor.now, created_by: actor.staffId });
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'create',
    entity: 'contract_payment',
    entityId: id,
    summary: `${labelFor(paymentKinds, input.kind)} of ${formatPounds(input.amountPence)} received on ${contract.name}`,
    after: row,
  });
  return { id };
}

export async function changePayment(tx: Tx, actor: Actor, input: PaymentUpdate): Promise<{ ok: true }> {
  const before = await paymentRecord(tx, input.id);
  if (!before) throw new AppFailure('not-found', 'That payment does not exist.');
  const values = {
    kind: input.kind,
    received_on: input.receivedOn,
    amount_pence: input.amountPence,
    payer: input.payer,
    purpose: input.purpose,
    reference: input.reference,
  };
  const diff = changedFields(before, values);
  if (!Object.keys(diff.after).length) return { ok: true };
  await updatePayment(tx, input.id, values);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'update',
    entity: 'contract_payment',
    entityId: input.id,
    summary: `${labelFor(paymentKinds, input.kind)} of ${formatPounds(input.amountPence)} changed`,
    ...diff,
  });
  return { ok: true };
}

export async function removePayment(tx: Tx, actor: Actor, id: number): Promise<{ ok: true }> {
  const before = await paymentRecord(tx, id);
  if (!before) throw new AppFailure('not-found', 'That payment does not exist.');
  await deletePayment(tx, id);
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'delete',
    entity: 'contract_payment',
    entityId: id,
    summary: `${labelFor(paymentKinds, before.kind)} of ${formatPounds(before.amount_pence)} removed`,
    before,
  });
  return { ok: true };
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
    kind: input.kind,
    planning_reference: input.planningReference,
    planning_clause: input.planningClause,
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
  await saveTriggers(tx, actor, contractId, input);
  const existing = await commitmentsOf(tx, contractId);
  await checkMeasureKinds(tx, input, existing);
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

/** Each commitment's kind is on the list 'measure_kind' and in use, or is the kind the
 * commitment already had (a retired kind stays on the contracts that agreed it). */
async function checkMeasureKinds(
  db: Db,
  input: ContractInput,
  existing: ReadonlyArray<{ id: number; kind: string }>,
): Promise<void> {
  const kinds = new Map((await measureKinds(db)).map((k) => [k.code, k.is_active === 1]));
  const problems = input.commitments.flatMap((c, i) => {
    const kept = c.id !== undefined && existing.some((e) => e.id === c.id && e.kind === c.kind);
    return kinds.get(c.kind) || (kept && kinds.has(c.kind))
      ? []
      : [{ path: ['commitments', i, 'kind'], message: 'Choose the kind of commitment from the list' }];
  });
  if (problems.length) throw new AppFailure('validation', 'Some details need correcting.', problems);
}

/** The contract's trigger dates as sent: those not sent are removed; each change audited. */
async function saveTriggers(tx: Tx, actor: Actor, contractId: number, input: ContractInput): Promise<void> {
  const { now, staffId } = actor;
  const existing = await triggersOf(tx, contractId);
  const keep = new Set(input.triggers.map((t) => t.id).filter((v): v is number => !!v));
  for (const old of existing) {
    if (keep.has(old.id)) continue;
    await deleteTrigger(tx, old.id);
    await appendAudit(tx, now, staffId, {
      action: 'delete',
      entity: 'contract_trigger',
      entityId: old.id,
      summary: `Trigger ${old.label} removed from ${input.name}`,
      before: old,
    });
  }
  for (const [i, t] of input.triggers.entries()) {
    const row = { contract_id: contractId, label: t.label, due_on: t.dueOn, met_on: t.metOn };
    if (t.id) {
      const before = existing.find((e) => e.id === t.id);
      if (!before)
        throw new AppFailure('validation', 'Some details need correcting.', [
          { path: ['triggers', i, 'label'], message: 'This trigger belongs to another contract' },
        ]);
      const diff = changedFields(before, row);
      if (!Object.keys(diff.after).length) continue;
      await updateTrigger(tx, t.id, row);
      await appendAudit(tx, now, staffId, {
        action: 'update',
        entity: 'contract_trigger',
        entityId: t.id,
        summary: `Trigger ${t.label} on ${input.name} changed`,
        ...diff,
      });
    } else {
      const id = await insertTrigger(tx, row);
      await appendAudit(tx, now, staffId, {
        action: 'create',
        entity: 'contract_trigger',
        entityId: id,
        summary: `Trigger ${t.label} added to ${input.name}`,
        after: row,
      });
    }
  }
}
