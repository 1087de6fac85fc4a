// Handlers for placements: the grid and its export, one placement, saving (which keeps the job
// or apprenticeship start outcome in step) and converting a work placement into a job.
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { actorOf } from '../participants/actor';
import { startExportJob } from '../export/export-job';
import { placementsExportJob } from './exports.service';
import { pagePlacements } from './placements.repository';
import { convertToJob, placementDetail, savePlacement } from './placements.service';

export const placementsHandlers = defineHandlers({
  'placements.page': (input, ctx) => pagePlacements(ctx.db, input, todayIso(ctx.clock)),

  async 'placements.export'(input, ctx) {
    return { jobId: startExportJob(ctx, await placementsExportJob(ctx.db, actorOf(ctx), input)) };
  },

  'placements.get': (input, ctx) => placementDetail(ctx.db, input.id, actorOf(ctx).role),

  'placements.save': (input, ctx) => savePlacement(ctx.tx, actorOf(ctx), input),

  'placements.convertToJob': (input, ctx) => convertToJob(ctx.tx, actorOf(ctx), input),
});
