// Handlers for comparing, merging and unmerging participants.
import { defineHandlers } from '../../backend/handler';
import { AppFailure } from '../../../shared/result';
import { getDetail } from './participants.service';
import { countLinked } from './linked-tables';
import { mergeParticipants, unmergeParticipants } from './participant-merge.service';
import { actorOf, changed } from './actor';

export const mergeHandlers = defineHandlers({
  async 'participants.mergePreview'(input, ctx) {
    if (input.a === input.b) throw new AppFailure('validation', 'Choose two different records to merge.');
    return ctx.db.transaction().execute(async (tx) => {
      const actor = actorOf(ctx);
      return {
        a: await getDetail(tx, actor, input.a),
        b: await getDetail(tx, actor, input.b),
        linked: { a: await countLinked(tx, input.a), b: await countLinked(tx, input.b) },
      };
    });
  },

  async 'participants.merge'(input, ctx) {
    const result = await ctx.db.transaction().execute((tx) => mergeParticipants(tx, actorOf(ctx), input));
    changed(ctx);
    return result;
  },

  async 'participants.unmerge'(input, ctx) {
    const result = await ctx.db.transaction().execute((tx) => unmergeParticipants(tx, actorOf(ctx), input.mergeId));
    changed(ctx);
    return result;
  },
});
