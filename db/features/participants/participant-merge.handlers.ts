// Handlers for comparing, merging and unmerging participants. A merge moves enrolments, outcomes
// and everything else attached to a person, so its channel names every area whose screens show
// them (shared/contract/participants.contract.ts).
import { defineHandlers } from '../../backend/handler';
import { mergeParticipants, mergePreview, unmergeParticipants } from './participant-merge.service';
import { actorOf } from './actor';

export const mergeHandlers = defineHandlers({
  // Opening both records may audit special-category data, so this read is a write transaction.
  'participants.mergePreview': (input, ctx) => mergePreview(ctx.tx, actorOf(ctx), input.a, input.b),
  'participants.merge': (input, ctx) => mergeParticipants(ctx.tx, actorOf(ctx), input),
  'participants.unmerge': (input, ctx) => unmergeParticipants(ctx.tx, actorOf(ctx), input.mergeId),
});
