// Handlers for outcomes: lookups for forms, the participant picker, the grid and its export,
// one outcome, recording and changing an outcome, verification decisions and outcome types.
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { actorOf } from '../participants/actor';
import { startExportJob } from '../export/export-job';
import { outcomesExportJob } from './exports.service';
import { formLookups } from './lookups.repository';
import { findParticipants, pageOutcomes } from './outcomes.repository';
import { outcomeDetail } from './outcome-detail.service';
import { changeOutcome, recordOutcome, saveOutcomeType, verifyOutcome } from './outcome-records.service';

const ok = { ok: true as const };

export const outcomeRecordsHandlers = defineHandlers({
  'outcomes.lookups': (_input, ctx) => formLookups(ctx.db, todayIso(ctx.clock)),

  'outcomes.findParticipants': (input, ctx) => findParticipants(ctx.db, input.search, input.id),

  'outcomes.page': (input, ctx) => pageOutcomes(ctx.db, input, todayIso(ctx.clock)),

  async 'outcomes.export'(input, ctx) {
    return { jobId: startExportJob(ctx, await outcomesExportJob(ctx.db, actorOf(ctx), input)) };
  },

  'outcomes.get': (input, ctx) => outcomeDetail(ctx.db, input.id, todayIso(ctx.clock), actorOf(ctx).role),

  'outcomes.record': (input, ctx) => recordOutcome(ctx.tx, actorOf(ctx), input),

  async 'outcomes.update'(input, ctx) {
    await changeOutcome(ctx.tx, actorOf(ctx), input);
    return ok;
  },

  async 'outcomes.verify'(input, ctx) {
    await verifyOutcome(ctx.tx, actorOf(ctx), input);
    return ok;
  },

  async 'outcomes.saveType'(input, ctx) {
    await saveOutcomeType(ctx.tx, actorOf(ctx), input);
    return ok;
  },
});
