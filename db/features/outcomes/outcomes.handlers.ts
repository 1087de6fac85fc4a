// Handlers of the outcomes area, one per channel in shared/contract/outcomes.contract.ts.
import { defineHandlers } from '../../backend/handler';

export const outcomesHandlers = defineHandlers({});
