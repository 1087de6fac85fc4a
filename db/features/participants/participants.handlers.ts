// Handlers of the participants area, one per channel in shared/contract/participants.contract.ts.
import { defineHandlers } from '../../backend/handler';
import { pageParticipants } from './participants.repository';

export const participantsHandlers = defineHandlers({
  async 'participants.page'(input, ctx) {
    return pageParticipants(ctx.db, input);
  },
});
