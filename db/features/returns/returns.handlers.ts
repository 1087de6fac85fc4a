// Handlers of the returns area, one per channel in shared/contract/returns.contract.ts.
import { defineHandlers } from '../../backend/handler';

export const returnsHandlers = defineHandlers({});
