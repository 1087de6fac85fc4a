// Handlers of the vacancies area, one per channel in shared/contract/vacancies.contract.ts. The
// dispatcher opens each write's transaction and says what changed after the commit; the work is
// in the services.
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { actorOf } from '../participants/actor';
import { pageVacancies } from './vacancies.repository';
import { saveVacancy, vacancyDetail } from './vacancies.service';
import { pageCandidates } from './candidates.repository';
import { candidateOptions, moveCandidate, removeCandidate, shortlist } from './candidates.service';
import { listEngagements, removeEngagement, saveEngagement } from './engagements.service';
import { candidatesExportJob, vacanciesExportJob } from './exports.service';
import { startExportJob } from '../export/export-job';

export const vacanciesHandlers = defineHandlers({
  'vacancies.page': (input, ctx) => pageVacancies(ctx.db, input, todayIso(ctx.clock)),

  'vacancies.get': (input, ctx) => vacancyDetail(ctx.db, input.id, todayIso(ctx.clock)),

  'vacancies.save': (input, ctx) => saveVacancy(ctx.tx, actorOf(ctx), input),

  async 'vacancies.export'(input, ctx) {
    return { jobId: startExportJob(ctx, await vacanciesExportJob(ctx.db, actorOf(ctx), input)) };
  },

  'candidates.page': (input, ctx) => pageCandidates(ctx.db, input, todayIso(ctx.clock)),

  async 'candidates.export'(input, ctx) {
    return { jobId: startExportJob(ctx, await candidatesExportJob(ctx.db, actorOf(ctx), input)) };
  },

  // The store's own handle: the site-ready list may use (and fill) its cache of everyone evaluated.
  'candidates.options': (input, ctx) => candidateOptions(ctx.db, input, todayIso(ctx.clock), true),

  'candidates.shortlist': (input, ctx) => shortlist(ctx.tx, actorOf(ctx), input),

  'candidates.move': (input, ctx) => moveCandidate(ctx.tx, actorOf(ctx), input),

  async 'candidates.remove'(input, ctx) {
    await removeCandidate(ctx.tx, actorOf(ctx), input);
    return { ok: true as const };
  },

  'engagements.list': (input, ctx) => listEngagements(ctx.db, input, todayIso(ctx.clock)),

  'engagements.save': (input, ctx) => saveEngagement(ctx.tx, actorOf(ctx), input),

  async 'engagements.remove'(input, ctx) {
    await removeEngagement(ctx.tx, actorOf(ctx), input);
    return { ok: true as const };
  },
});
