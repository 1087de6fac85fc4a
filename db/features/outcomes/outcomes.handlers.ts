// Handlers of the outcomes area, one per channel in shared/contract/outcomes.contract.ts,
// composed from the area's parts.
import { defineHandlers } from '../../backend/handler';
import { organisationsHandlers } from './organisations.handlers';
import { contractsHandlers } from './contracts.handlers';
import { placementsHandlers } from './placements.handlers';
import { outcomeRecordsHandlers } from './outcome-records.handlers';
import { evidenceSustainmentHandlers } from './evidence-sustainment.handlers';

export const outcomesHandlers = defineHandlers({
  ...organisationsHandlers,
  ...contractsHandlers,
  ...placementsHandlers,
  ...outcomeRecordsHandlers,
  ...evidenceSustainmentHandlers,
});
