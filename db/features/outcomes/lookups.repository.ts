// What the area's forms choose from, in one answer: organisations, contracts, outcome types and
// the active staff (who saw the evidence).
import type { Lookups } from '../../../shared/contract/outcomes-schemas';
import type { Db } from '../../store/schema';
import { contractOptions } from './contracts.repository';
import { organisationOptions } from './organisations.repository';
import { listOutcomeTypes } from './outcome-types.repository';

async function activeStaff(db: Db): Promise<Lookups['staff']> {
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'display_name'])
    .where('is_active', '=', 1)
    .orderBy('display_name')
    .execute();
  return staff.map((s) => ({ id: s.id, name: s.display_name }));
}

export async function formLookups(db: Db, today: string): Promise<Lookups> {
  return {
    organisations: await organisationOptions(db),
    contracts: await contractOptions(db),
    outcomeTypes: await listOutcomeTypes(db),
    staff: await activeStaff(db),
    today,
  };
}
