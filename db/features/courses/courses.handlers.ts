// Handlers of the courses area, one per channel in shared/contract/courses.contract.ts.
import { defineHandlers } from '../../backend/handler';

export const coursesHandlers = defineHandlers({});
