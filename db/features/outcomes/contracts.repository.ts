// Social-value contracts, their commitments, and the facts their progress is counted from. The
// counting itself is the pure rule in shared/domain/contract-progress.ts; SQL only groups the
// linked outcomes and placements so the rule sees a few hundred rows, not thousands.
import type { Tx } from '../../store/schema';
import type { ContractRow } from '../../../shared/contract/outcomes-schemas';
import { contractProgress, type OutcomeFact, type PlacementFact } from '../../../shared/domain/contract-progress';

export async function contractFacts(
  tx: Tx,
  contractIds: number[],
): Promise<{ outcomes: Map<number, OutcomeFact[]>; placements: Map<number, PlacementFact[]> }> {
  const outcomes = new Map<number, OutcomeFact[]>();
  const placements = new Map<number, PlacementFact[]>();
  if (!contractIds.length) return { outcomes, placements };
  const oRows = await tx
    .selectFrom('outcomes')
    .select([
      'contract_id',
      'outcome_type',
      'outcome_date',
      'verification_status',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('contract_id', 'in', contractIds)
    .where('outcome_type', 'in', ['job_start', 'apprenticeship_start'])
    .groupBy(['contract_id', 'outcome_type', 'outcome_date', 'verification_status'])
    .execute();
  for (const r of oRows) {
    const list = outcomes.get(r.contract_id!) ?? [];
    list.push({
      outcomeType: r.outcome_type,
      outcomeDate: r.outcome_date,
      verificationStatus: r.verification_status,
      n: Number(r.n),
    });
    outcomes.set(r.contract_id!, list);
  }
  const pRows = await tx
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

export async function listContracts(tx: Tx, ids?: number[]): Promise<ContractRow[]> {
  let q = tx
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
    ? await tx
        .selectFrom('contract_commitments')
        .selectAll()
        .where('contract_id', 'in', contractIds)
        .orderBy('id')
        .execute()
    : [];
  const facts = await contractFacts(tx, contractIds);
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
