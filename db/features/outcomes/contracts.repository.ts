// Social-value contracts, their commitments, and the facts their progress is counted from. The
// counting itself is the pure rule in shared/domain/contract-progress.ts; SQL only groups the
// linked outcomes and placements so the rule sees a few hundred rows, not thousands. Reads take
// the store or a transaction (`Db`); writes take the transaction (`Tx`).
import type { Insertable, Updateable } from 'kysely';
import type { Db, Tx } from '../../store/schema';
import type { ContractCommitmentsTable, SocialValueContractsTable } from '../../store/tables/outcomes.tables';
import type { ContractRow, Lookups } from '../../../shared/contract/outcomes-schemas';
import { contractProgress, type OutcomeFact, type PlacementFact } from '../../../shared/domain/contract-progress';

async function contractFacts(
  db: Db,
  contractIds: number[],
): Promise<{ outcomes: Map<number, OutcomeFact[]>; placements: Map<number, PlacementFact[]> }> {
  const outcomes = new Map<number, OutcomeFact[]>();
  const placements = new Map<number, PlacementFact[]>();
  if (!contractIds.length) return { outcomes, placements };
  const oRows = await db
    .selectFrom('outcomes as o')
    .innerJoin('participants as p', 'p.id', 'o.participant_id')
    .select([
      'o.contract_id',
      'o.outcome_type',
      'o.outcome_date',
      'o.verification_status',
      'p.is_local',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('o.contract_id', 'in', contractIds)
    .where('o.outcome_type', 'in', ['job_start', 'apprenticeship_start'])
    .groupBy(['o.contract_id', 'o.outcome_type', 'o.outcome_date', 'o.verification_status', 'p.is_local'])
    .execute();
  for (const r of oRows) {
    const list = outcomes.get(r.contract_id!) ?? [];
    list.push({
      outcomeType: r.outcome_type,
      outcomeDate: r.outcome_date,
      verificationStatus: r.verification_status,
      isLocal: r.is_local === 1,
      n: Number(r.n),
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
  return { outcomes, placements };
}

export async function listContracts(db: Db, ids?: number[]): Promise<ContractRow[]> {
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
  return contracts.map((c) => {
    const own = commitments.filter((m) => m.contract_id === c.id);
    const progress = contractProgress(
      own.map((m) => ({ id: m.id, kind: m.kind, target: m.target, manualAchieved: m.manual_achieved })),
      { startsOn: c.starts_on, endsOn: c.ends_on },
      facts.outcomes.get(c.id) ?? [],
      facts.placements.get(c.id) ?? [],
    );
    return {
      id: c.id,
      name: c.name,
      reference: c.reference,
      contractorOrgId: c.contractor_org_id,
      contractorName: c.contractor_name,
      startsOn: c.starts_on,
      endsOn: c.ends_on,
      notes: c.notes,
      commitments: progress.map((p, i) => ({
        ...p,
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
