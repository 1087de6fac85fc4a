// Handlers of the imports area, one per channel in shared/contract/imports.contract.ts.
import { defineHandlers } from '../../backend/handler';

export const importsHandlers = defineHandlers({});
