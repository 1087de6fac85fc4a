// Handlers of the courses area, one per channel in shared/contract/courses.contract.ts. The
// dispatcher opens each write's transaction and tells open screens what changed after it commits.
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import type { CallContext } from '../../backend/context';
import { describeSiteReadyRule, SITE_READY_DEFINITION } from '../../../shared/domain/site-ready';
import { listCourseTypes, listFundingStreams, listProviders, saveCourseType } from './catalogue.repository';
import { getRun, pageRuns } from './course-run.repository';
import { completeRun, createRun, saveSessions, updateRun } from './course-run.service';
import { enrol, fillFromWaitingList, promote, withdraw } from './enrolment.service';
import { getRegister, listEnrolments, pageEnrolCandidates } from './register.repository';
import { saveRegister, signInSheet } from './register.service';
import { recordResults, removeResult, resultsOfRun } from './results.service';
import { loadSiteReadyRule } from './site-ready.repository';
import {
  expiryExportJob,
  expiryRows,
  pageSiteReady,
  setSiteReadyRule,
  siteReadyExportJob,
  siteReadyOf,
} from './site-ready.service';
import { courseDashboard } from './dashboard.repository';
import { signOffEveryoneReady } from './signoff.service';
import { startExportJob } from '../export/export-job';

/** Who is acting, the time and today's date. */
const actorOf = (ctx: CallContext) => ({
  staffId: ctx.staffId,
  at: ctx.clock.now().toISOString(),
  today: todayIso(ctx.clock),
});

export const coursesHandlers = defineHandlers({
  async 'courses.lookups'(_input, ctx) {
    return {
      courseTypes: await listCourseTypes(ctx.db),
      providers: await listProviders(ctx.db),
      fundingStreams: await listFundingStreams(ctx.db),
    };
  },

  async 'courses.types.save'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    return { id: await saveCourseType(ctx.tx, at, staffId, input) };
  },

  'courses.runs.page': (input, ctx) => pageRuns(ctx.db, input),

  'courses.runs.get': (input, ctx) => getRun(ctx.db, input.id),

  async 'courses.runs.create'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    return { id: await createRun(ctx.tx, at, staffId, input) };
  },

  async 'courses.runs.update'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    await updateRun(ctx.tx, at, staffId, input);
    // A raised capacity offers the new places to the people waiting, in order.
    const promoted = await fillFromWaitingList(ctx.tx, at, staffId, input.id);
    return { promoted: promoted.length };
  },

  async 'courses.sessions.save'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    await saveSessions(ctx.tx, at, staffId, input.runId, input.sessions);
    return { ok: true as const };
  },

  'courses.enrolments.list': (input, ctx) => listEnrolments(ctx.db, input.runId),

  'courses.enrolCandidates.page': (input, ctx) => pageEnrolCandidates(ctx.db, input.runId, input),

  'courses.enrol'(input, ctx) {
    const { at, today, staffId } = actorOf(ctx);
    return enrol(ctx.tx, at, today, staffId, input.runId, input.participantIds, input.overrideReason);
  },

  'courses.withdraw'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    return withdraw(ctx.tx, at, staffId, input.enrolmentId, input.reason, input.withdrawnOn, input.version);
  },

  async 'courses.promote'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    await promote(ctx.tx, at, staffId, input.enrolmentId);
    return { ok: true as const };
  },

  'courses.register.get': (input, ctx) => getRegister(ctx.db, input.sessionId),

  'courses.register.save'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    return saveRegister(ctx.tx, at, staffId, input.sessionId, input.marks);
  },

  'courses.register.signInSheet'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    return signInSheet(ctx.tx, at, staffId, input.sessionId);
  },

  async 'courses.results.get'(input, ctx) {
    const rule = await loadSiteReadyRule(ctx.db);
    return {
      ...(await resultsOfRun(ctx.db, input.runId, todayIso(ctx.clock), rule)),
      rule: describeSiteReadyRule(rule),
    };
  },

  async 'courses.runs.complete'(input, ctx) {
    const { at, staffId } = actorOf(ctx);
    await completeRun(ctx.tx, at, staffId, input.id);
    return { ok: true as const };
  },

  async 'courses.results.record'(input, ctx) {
    const { at, today, staffId } = actorOf(ctx);
    return recordResults(ctx.tx, at, today, staffId, input, await loadSiteReadyRule(ctx.tx));
  },

  async 'courses.results.remove'(input, ctx) {
    const { at, today, staffId } = actorOf(ctx);
    await removeResult(ctx.tx, at, today, staffId, input.kind, input.id, input.reason);
    return { ok: true as const };
  },

  async 'courses.siteReady.rule'(_input, ctx) {
    const rule = await loadSiteReadyRule(ctx.db);
    return { rule, description: describeSiteReadyRule(rule), definition: SITE_READY_DEFINITION };
  },

  // Re-evaluates everyone: a bulk write, so the dispatcher takes a backup first.
  'courses.siteReady.setRule': (input, ctx) => setSiteReadyRule(ctx.tx, input, actorOf(ctx)),

  async 'courses.siteReady.page'(input, ctx) {
    return pageSiteReady(ctx.db, await loadSiteReadyRule(ctx.db), todayIso(ctx.clock), input, true);
  },

  'courses.siteReady.participant': (input, ctx) => siteReadyOf(ctx.db, input.participantId, todayIso(ctx.clock)),

  // A job (export-job.ts): progress and Cancel, the file complete or absent, audited once complete.
  // The input's only refusals (its period) are the schema's, made before the job starts.
  'courses.siteReady.export': (input, ctx) => ({
    jobId: startExportJob(ctx, siteReadyExportJob(ctx.db, input, actorOf(ctx))),
  }),

  // Many sign-offs at once: a bulk write, so the dispatcher takes a backup first.
  'courses.siteReady.signOff': (input, ctx) => signOffEveryoneReady(ctx.tx, input, actorOf(ctx)),

  async 'courses.expiry.list'(input, ctx) {
    const today = todayIso(ctx.clock);
    return { rows: await expiryRows(ctx.db, today, input.withinDays), today };
  },

  // A job, as the site-ready list's export.
  'courses.expiry.export': (input, ctx) => ({
    jobId: startExportJob(ctx, expiryExportJob(ctx.db, input.withinDays, actorOf(ctx))),
  }),

  async 'courses.dashboard'(input, ctx) {
    return courseDashboard(ctx.db, await loadSiteReadyRule(ctx.db), todayIso(ctx.clock), input, true);
  },
});
