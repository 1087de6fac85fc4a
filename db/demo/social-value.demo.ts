// Demo data for social value and Section 106: the Queensway housing development becomes a
// planning obligation with its application reference, clause and trigger dates, the measures of
// its employment and skills plan beyond jobs and placements (person-weeks, the share of local
// labour, school engagements, an in-lieu contribution and community investment in pence), and
// the money received so far. No random draws: the rest of the demo stays as it was.
import type { DemoContext } from './demo-context';
import { addDays } from './random';

export async function section106Obligation(ctx: DemoContext, contractId: number, startsOn: string): Promise<void> {
  const { tx, today } = ctx;
  await tx
    .updateTable('social_value_contracts')
    .set({
      kind: 's106',
      planning_reference: '23/00512/FPM',
      planning_clause: 'Schedule 4: Employment and Skills Plan',
      notes: 'Section 106 agreement for 240 homes at Queensway; monitoring reports to the planning team each quarter.',
    })
    .where('id', '=', contractId)
    .execute();
  await tx
    .insertInto('contract_triggers')
    .values([
      {
        contract_id: contractId,
        label: 'Commencement of development',
        due_on: startsOn,
        met_on: addDays(startsOn, 12),
      },
      { contract_id: contractId, label: 'Occupation of the 50th home', due_on: addDays(startsOn, 540), met_on: null },
      { contract_id: contractId, label: 'Practical completion', due_on: addDays(startsOn, 900), met_on: null },
    ])
    .execute();
  await tx
    .insertInto('contract_commitments')
    .values([
      {
        contract_id: contractId,
        kind: 'person_weeks',
        target: 520,
        description: 'Local people in work on site',
        manual_achieved: null,
      },
      {
        contract_id: contractId,
        kind: 'local_labour_percent',
        target: 25,
        description: 'Of new starts on site',
        manual_achieved: null,
      },
      {
        contract_id: contractId,
        kind: 'school_engagements',
        target: 6,
        description: 'Careers talks and site visits',
        manual_achieved: 4,
      },
      {
        contract_id: contractId,
        kind: 'in_lieu_contribution',
        target: 4_500_000,
        description: 'For apprenticeships not provided on site',
        manual_achieved: null,
      },
      {
        contract_id: contractId,
        kind: 'community_investment',
        target: 2_500_000,
        description: 'Local community projects',
        manual_achieved: null,
      },
    ])
    .execute();
  const staff = ctx.staffIds[0] ?? null;
  const paid = (days: number) => {
    const on = addDays(startsOn, days);
    return on <= today ? on : today;
  };
  await tx
    .insertInto('contract_payments')
    .values([
      {
        contract_id: contractId,
        kind: 'community_investment',
        received_on: paid(60),
        amount_pence: 750_000,
        payer: 'Queensway Homes Contracting',
        purpose: 'Bedwell community garden',
        reference: 'QW-CI-01',
        created_at: ctx.nowIso,
        created_by: staff,
      },
      {
        contract_id: contractId,
        kind: 'community_investment',
        received_on: paid(240),
        amount_pence: 500_000,
        payer: 'Queensway Homes Contracting',
        purpose: 'Youth club kitchen refit',
        reference: 'QW-CI-02',
        created_at: ctx.nowIso,
        created_by: staff,
      },
      {
        contract_id: contractId,
        kind: 'in_lieu',
        received_on: paid(365),
        amount_pence: 1_500_000,
        payer: 'Queensway Homes Contracting',
        purpose: 'Two apprenticeships not provided on site',
        reference: 'QW-IL-01',
        created_at: ctx.nowIso,
        created_by: staff,
      },
    ])
    .execute();
}
