// Handlers of keyworker support (shared/contract/keyworker.contract.ts).
import { defineHandlers } from '../../backend/handler';
import { actorOf } from './actor';
import { addContact, keyworkerOf, savePlanItem } from './keyworker.service';

export const keyworkerHandlers = defineHandlers({
  'keyworker.get': (input, ctx) => keyworkerOf(ctx.db, input.participantId, actorOf(ctx).role),

  'keyworker.savePlanItem': (input, ctx) => savePlanItem(ctx.tx, actorOf(ctx), input),

  'keyworker.addContact': (input, ctx) => addContact(ctx.tx, actorOf(ctx), input),
});
