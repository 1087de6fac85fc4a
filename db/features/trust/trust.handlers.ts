// Handlers of the trust area, one per channel in shared/contract/trust.contract.ts.
import { defineHandlers } from '../../backend/handler';

export const trustHandlers = defineHandlers({});
