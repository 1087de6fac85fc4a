// Social-value contracts, their commitments, and the facts their progress is counted from. The
// counting itself is the pure rule in shared/domain/contract-progress.ts; SQL only groups the
// linked outcomes and placements so the rule sees a few hundred rows, not thousands. Reads take
// the store or a transaction (`Db`); writes take the transaction (`Tx`).
import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type {
  ContractCommitmentsTable,
  ContractPaymentsTable,
  ContractTriggersTable,
  SocialValueContractsTable,
} from '../../store/tables/outcomes.tables';
import type { ContractRow, Lookups } from '../../../shared/contract/outcomes-schemas';
import {
  contractProgress,
  narrowPeriod,
  type EventFact,
  type OutcomeFact,
  type PaymentFact,
  type PlacementFact,
} from '../../../shared/domain/contract-progress';

/** The kinds of measure (reference list 'measure_kind'), in the list's order. */
export async function measureKinds(db: Db) {
  return db
    .selectFrom('reference_items')
    .select(['code', 'label', 'is_active'])
    .where('list', '=', 'measure_kind')
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** Progress over a reporting window (a monitoring report) rather than the whole contract period;
 * `asOf` is today, the end of person-weeks for people still in work. */
export interface ProgressWindow {
  from?: string | null;
  to?: string | null;
  asOf: string;
}

async function contractFacts(
  db: Db,
  contractIds: number[],
): Promise<{
  outcomes: Map<number, OutcomeFact[]>;
  placements: Map<number, PlacementFact[]>;
  payments: Map<number, PaymentFact[]>;
  events: Map<number, EventFact[]>;
}> {
  const outcomes = new Map<number, OutcomeFact[]>();
  const placements = new Map<number, PlacementFact[]>();
  const payments = new Map<number, PaymentFact[]>();
  const events = new Map<number, EventFact[]>();
  if (!contractIds.length) return { outcomes, placements, payments, events };
  const oRows = await db
    .selectFrom('outcomes as o')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .select([
      'o.contract_id',
      'o.outcome_type',
      'o.outcome_date',
      'o.verification_status',
      'p.is_local',
      'o.hours_per_week',
      'o.ended_on',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('o.contract_id', 'in', contractIds)
    .where('o.outcome_type', 'in', ['job_start', 'apprenticeship_start'])
    .groupBy([
      'o.contract_id',
      'o.outcome_type',
      'o.outcome_date',
      'o.verification_status',
      'p.is_local',
      'o.hours_per_week',
      'o.ended_on',
    ])
    .execute();
  for (const r of oRows) {
    const list = outcomes.get(r.contract_id!) ?? [];
    list.push({
      outcomeType: r.outcome_type,
      outcomeDate: r.outcome_date,
      verificationStatus: r.verification_status,
      isLocal: r.is_local === 1,
      n: Number(r.n),
      hoursPerWeek: r.hours_per_week,
      endedOn: r.ended_on,
    });
    outcomes.set(r.contract_id!, list);
  }
  const pRows = await db
    .selectFrom('placements')
    .select(['contract_id', 'kind', 'status', 'starts_on', (eb) => eb.fn.countAll<number>().as('n')])
    .where('contract_id', 'in', contractIds)
    .groupBy(['contract_id', 'kind', 'status', 'starts_on'])
    .execute();
  for (const r of pRows) {
    const list = placements.get(r.contract_id!) ?? [];
    list.push({ kind: r.kind, status: r.status, startsOn: r.starts_on, n: Number(r.n) });
    placements.set(r.contract_id!, list);
  }
  const payRows = await db
    .selectFrom('contract_payments')
    .select(['contract_id', 'kind', 'received_on', 'amount_pence'])
    .where('contract_id', 'in', contractIds)
    .execute();
  for (const r of payRows) {
    const list = payments.get(r.contract_id) ?? [];
    list.push({ kind: r.kind, receivedOn: r.received_on, amountPence: r.amount_pence });
    payments.set(r.contract_id, list);
  }
  const eventRows = await db
    .selectFrom('events')
    .select(['contract_id', 'kind', 'held_on', 'school'])
    .where('contract_id', 'in', contractIds)
    .execute();
  for (const r of eventRows) {
    const list = events.get(r.contract_id!) ?? [];
    list.push({ kind: r.kind, heldOn: r.held_on, withSchool: !!r.school });
    events.set(r.contract_id!, list);
  }
  return { outcomes, placements, payments, events };
}

export async function listContracts(db: Db, window: ProgressWindow, ids?: number[]): Promise<ContractRow[]> {
  let q = db
    .selectFrom('social_value_contracts as c')
    .leftJoin('organisations as o', 'o.id', 'c.contractor_org_id')
    .select([
      'c.id',
      'c.name',
      'c.reference',
      'c.contractor_org_id',
      'o.name as contractor_name',
      'c.starts_on',
      'c.ends_on',
      'c.notes',
      'c.kind',
      'c.planning_reference',
      'c.planning_clause',
    ]);
  if (ids) q = q.where('c.id', 'in', ids.length ? ids : [0]);
  const contracts = await q.orderBy('c.starts_on', 'desc').orderBy('c.name').execute();
  const contractIds = contracts.map((c) => c.id);
  const commitments = contractIds.length
    ? await db
        .selectFrom('contract_commitments')
        .selectAll()
        .where('contract_id', 'in', contractIds)
        .orderBy('id')
        .execute()
    : [];
  const facts = await contractFacts(db, contractIds);
  const labels = new Map((await measureKinds(db)).map((k) => [k.code, k.label]));
  const triggers = contractIds.length
    ? await db
        .selectFrom('contract_triggers')
        .selectAll()
        .where('contract_id', 'in', contractIds)
        .orderBy('due_on')
        .orderBy('id')
        .execute()
    : [];
  return contracts.map((c) => {
    const own = commitments.filter((m) => m.contract_id === c.id);
    const payments = facts.payments.get(c.id) ?? [];
    const period = narrowPeriod({ startsOn: c.starts_on, endsOn: c.ends_on }, window.from ?? null, window.to ?? null);
    const progress = contractProgress(
      own.map((m) => ({ id: m.id, kind: m.kind, target: m.target, manualAchieved: m.manual_achieved })),
      period,
      facts.outcomes.get(c.id) ?? [],
      facts.placements.get(c.id) ?? [],
      { payments, events: facts.events.get(c.id) ?? [], asOf: window.asOf },
    );
    const received = (kind: string) =>
      payments.filter((p) => p.kind === kind).reduce((sum, p) => sum + p.amountPence, 0);
    return {
      id: c.id,
      name: c.name,
      reference: c.reference,
      contractorOrgId: c.contractor_org_id,
      contractorName: c.contractor_name,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      notes: c.notes,
      kind: c.kind === 's106' ? 's106' : 'contract',
      planningReference: c.planning_reference,
      planningClause: c.planning_clause,
      triggers: triggers
        .filter((t) => t.contract_id === c.id)
        .map((t) => ({ id: t.id, label: t.label, dueOn: t.due_on, metOn: t.met_on })),
      inLieuReceivedPence: received('in_lieu'),
      communityInvestmentReceivedPence: received('community_investment'),
      commitments: progress.map((p, i) => ({
        ...p,
        // A kind missing from the list (never expected: kinds are retired, not deleted) by its words.
        label: labels.get(p.kind) ?? p.kind.replace(/_/g, ' '),
        description: own[i]!.description,
        manualAchieved: own[i]!.manual_achieved,
      })),
    };
  });
}

/** How many placements and outcomes name the contract (its page shows both). */
export async function contractUsage(db: Db, id: number): Promise<{ placementCount: number; outcomeCount: number }> {
  const p = await db
    .selectFrom('placements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contract_id', '=', id)
    .executeTakeFirstOrThrow();
  const o = await db
    .selectFrom('outcomes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contract_id', '=', id)
    .executeTakeFirstOrThrow();
  return { placementCount: Number(p.n), outcomeCount: Number(o.n) };
}

export async function contractOptions(db: Db): Promise<Lookups['contracts']> {
  return db.selectFrom('social_value_contracts').select(['id', 'name']).orderBy('name').execute();
}

export async function contractsOfContractor(db: Db, organisationId: number): Promise<Lookups['contracts']> {
  return db
    .selectFrom('social_value_contracts')
    .select(['id', 'name'])
    .where('contractor_org_id', '=', organisationId)
    .orderBy('name')
    .execute();
}

export async function contractRecord(db: Db, id: number) {
  return db.selectFrom('social_value_contracts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertContract(tx: Tx, row: Insertable<SocialValueContractsTable>): Promise<number> {
  const inserted = await tx.insertInto('social_value_contracts').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateContract(tx: Tx, id: number, values: Updateable<SocialValueContractsTable>): Promise<void> {
  await tx.updateTable('social_value_contracts').set(values).where('id', '=', id).execute();
}

export async function commitmentsOf(db: Db, contractId: number) {
  return db.selectFrom('contract_commitments').selectAll().where('contract_id', '=', contractId).execute();
}

export async function insertCommitment(tx: Tx, row: Insertable<ContractCommitmentsTable>): Promise<number> {
  const inserted = await tx.insertInto('contract_commitments').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateCommitment(
  tx: Tx,
  id: number,
  values: Updateable<ContractCommitmentsTable>,
): Promise<void> {
  await tx.updateTable('contract_commitments').set(values).where('id', '=', id).execute();
}

export async function deleteCommitment(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('contract_commitments').where('id', '=', id).execute();
}

export async function triggersOf(db: Db, contractId: number) {
  return db.selectFrom('contract_triggers').selectAll().where('contract_id', '=', contractId).execute();
}

export async function insertTrigger(tx: Tx, row: Insertable<ContractTriggersTable>): Promise<number> {
  const inserted = await tx.insertInto('contract_triggers').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updateTrigger(tx: Tx, id: number, values: Updateable<ContractTriggersTable>): Promise<void> {
  await tx.updateTable('contract_triggers').set(values).where('id', '=', id).execute();
}

export async function deleteTrigger(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('contract_triggers').where('id', '=', id).execute();
}

/** A contract's payments, newest first, with who recorded each. */
export async function paymentsOf(db: Db, contractId: number) {
  return db
    .selectFrom('contract_payments as p')
    .leftJoin('staff as s', 's.id', 'p.created_by')
    .select([
      'p.id',
      'p.kind',
      'p.received_on',
      'p.amount_pence',
      'p.payer',
      'p.purpose',
      'p.reference',
      's.display_name as recorded_by',
    ])
    .where('p.contract_id', '=', contractId)
    .orderBy('p.received_on', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

export async function paymentRecord(db: Db, id: number) {
  return db.selectFrom('contract_payments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPayment(tx: Tx, row: Insertable<ContractPaymentsTable>): Promise<number> {
  const inserted = await tx.insertInto('contract_payments').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function updatePayment(tx: Tx, id: number, values: Updateable<ContractPaymentsTable>): Promise<void> {
  await tx.updateTable('contract_payments').set(values).where('id', '=', id).execute();
}

export async function deletePayment(tx: Tx, id: number): Promise<void> {
  await tx.deleteFrom('contract_payments').where('id', '=', id).execute();
}

/** Community investment received in a period across all contracts (the dashboard's headline). */
export async function communityInvestmentIn(
  db: Db,
  from: string,
  to: string,
): Promise<{ pence: number; contracts: number }> {
  const r = await db
    .selectFrom('contract_payments')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('amount_pence'), eb.lit(0)).as('pence'),
      eb.fn.count<number>('contract_id').distinct().as('contracts'),
    ])
    .where('kind', '=', 'community_investment')
    .where('received_on', '>=', from)
    .where('received_on', '<=', to)
    .executeTakeFirstOrThrow();
  return { pence: Number(r.pence), contracts: Number(r.contracts) };
}

/** The job and apprenticeship starts on a contract within a period, as the monitoring report
 * lists them: by participant reference (no names), not rejected. */
export async function startsOnContract(
  db: Db,
  contractId: number,
  period: { startsOn: string | null; endsOn: string | null },
) {
  let q = db
    .selectFrom('outcomes as o')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .innerJoin('outcome_types as t', 't.code', 'o.outcome_type')
    .leftJoin('organisations as e', 'e.id', 'o.employer_org_id')
    .select([
      'p.reference',
      't.label as type_label',
      'o.outcome_date',
      'o.ended_on',
      'o.hours_per_week',
      'p.is_local',
      'e.name as employer_name',
      'o.verification_status',
    ])
    .where('o.contract_id', '=', contractId)
    .where('o.outcome_type', 'in', ['job_start', 'apprenticeship_start'])
    .where('o.verification_status', '!=', 'rejected');
  if (period.startsOn) q = q.where('o.outcome_date', '>=', period.startsOn);
  if (period.endsOn) q = q.where('o.outcome_date', '<=', period.endsOn);
  const rows = await q.orderBy('o.outcome_date').orderBy('o.id').execute();
  return rows.map((r) => ({
    reference: r.reference,
    typeLabel: r.type_label,
    outcomeDate: r.outcome_date,
    endedOn: r.ended_on,
    hoursPerWeek: r.hours_per_week,
    isLocal: r.is_local === 1,
    employerName: r.employer_name,
    verification: r.verification_status,
  }));
}
