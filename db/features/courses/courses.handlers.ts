// Handlers of the courses area, one per channel in shared/contract/courses.contract.ts. Each
// write opens one transaction, audits inside it and tells open screens the data changed.
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import type { HandlerContext } from '../../backend/context';
import type { Tx } from '../../store/schema';
import { describeSiteReadyRule, evaluateSiteReady } from '../../../shared/domain/site-ready';
import { appendAudit } from '../audit/audit.repository';
import { findStaff } from '../staff/staff.repository';
import { listCourseTypes, listFundingStreams, listProviders, saveCourseType } from './catalogue.repository';
import { createRun, getRun, pageRuns, saveSessions, updateRun } from './course-run.repository';
import { enrol, fillFromWaitingList, promote, withdraw } from './enrolment.service';
import { getRegister, listEnrolments, pageEnrolCandidates, saveRegister } from './register.repository';
import { getResults, recordResults, removeResult } from './results.service';
import { loadFacts, loadSiteReadyRule, saveSiteReadyRule } from './site-ready.repository';
import { expiryRows, exportExpiry, exportSiteReady, pageSiteReady } from './site-ready.service';
import { courseDashboard } from './dashboard.repository';
import { refreshSiteReady } from './course-outcomes';

/** Runs a write in one transaction with the time and today's date, then announces the change. */
async function write<T>(ctx: HandlerContext, work: (tx: Tx, at: string, today: string) => Promise<T>): Promise<T> {
  const at = ctx.clock.now().toISOString();
  const today = todayIso(ctx.clock);
  const result = await ctx.db.transaction().execute((tx) => work(tx, at, today));
  ctx.emit({ type: 'data-changed', areas: ['courses', 'outcomes', 'participants'] });
  return result;
}

async function staffName(ctx: HandlerContext): Promise<string> {
  return ctx.staffId ? ((await findStaff(ctx.db, ctx.staffId))?.display_name ?? 'staff') : 'staff';
}

export const coursesHandlers = defineHandlers({
  async 'courses.lookups'(_input, ctx) {
    return {
      courseTypes: await listCourseTypes(ctx.db),
      providers: await listProviders(ctx.db),
      fundingStreams: await listFundingStreams(ctx.db),
    };
  },

  async 'courses.types.save'(input, ctx) {
    return write(ctx, async (tx, at) => ({ id: await saveCourseType(tx, at, ctx.staffId, input) }));
  },

  async 'courses.runs.page'(input, ctx) {
    return pageRuns(ctx.db, input);
  },

  async 'courses.runs.get'(input, ctx) {
    return getRun(ctx.db, input.id);
  },

  async 'courses.runs.create'(input, ctx) {
    return write(ctx, async (tx, at) => ({ id: await createRun(tx, at, ctx.staffId, input) }));
  },

  async 'courses.runs.update'(input, ctx) {
    return write(ctx, async (tx, at) => {
      await updateRun(tx, at, ctx.staffId, input);
      // A raised capacity offers the new places to the people waiting, in order.
      const promoted = await fillFromWaitingList(tx, at, ctx.staffId, input.id);
      return { promoted: promoted.length };
    });
  },

  async 'courses.sessions.save'(input, ctx) {
    return write(ctx, async (tx, at) => {
      await saveSessions(tx, at, ctx.staffId, input.runId, input.sessions);
      return { ok: true as const };
    });
  },

  async 'courses.enrolments.list'(input, ctx) {
    return listEnrolments(ctx.db, input.runId);
  },

  async 'courses.enrolCandidates.page'(input, ctx) {
    return pageEnrolCandidates(ctx.db, input.runId, input);
  },

  async 'courses.enrol'(input, ctx) {
    return write(ctx, (tx, at, today) =>
      enrol(tx, at, today, ctx.staffId, input.runId, input.participantIds, input.overrideReason),
    );
  },

  async 'courses.withdraw'(input, ctx) {
    return write(ctx, (tx, at) => withdraw(tx, at, ctx.staffId, input.enrolmentId, input.reason, input.withdrawnOn));
  },

  async 'courses.promote'(input, ctx) {
    return write(ctx, async (tx, at) => {
      await promote(tx, at, ctx.staffId, input.enrolmentId);
      return { ok: true as const };
    });
  },

  async 'courses.register.get'(input, ctx) {
    return getRegister(ctx.db, input.sessionId);
  },

  async 'courses.register.save'(input, ctx) {
    return write(ctx, (tx, at) => saveRegister(tx, at, ctx.staffId, input.sessionId, input.marks));
  },

  async 'courses.results.get'(input, ctx) {
    const rule = await loadSiteReadyRule(ctx.db);
    return {
      rows: await getResults(ctx.db, input.runId, todayIso(ctx.clock), rule),
      rule: describeSiteReadyRule(rule),
    };
  },

  async 'courses.results.record'(input, ctx) {
    return write(ctx, async (tx, at, today) =>
      recordResults(tx, at, today, ctx.staffId, input, await loadSiteReadyRule(tx)),
    );
  },

  async 'courses.results.remove'(input, ctx) {
    return write(ctx, async (tx, at, today) => {
      await removeResult(tx, at, today, ctx.staffId, input.kind, input.id, input.reason);
      return { ok: true as const };
    });
  },

  async 'courses.siteReady.rule'(_input, ctx) {
    const rule = await loadSiteReadyRule(ctx.db);
    return { rule, description: describeSiteReadyRule(rule) };
  },

  async 'courses.siteReady.setRule'(input, ctx) {
    return write(ctx, async (tx, at, today) => {
      const before = await saveSiteReadyRule(tx, at, input);
      await appendAudit(tx, at, ctx.staffId, {
        action: 'update',
        entity: 'setting',
        entityId: 'courses.siteReadyRule',
        summary: 'Site-ready rule changed',
        before,
        after: input,
      });
      // People who become ready under the new rule get their outcome now.
      const facts = await loadFacts(tx);
      const nowReady = [...facts.entries()]
        .filter(([, f]) => evaluateSiteReady(input, f, today).ready)
        .map(([id]) => id);
      await refreshSiteReady(tx, at, today, ctx.staffId, nowReady, input);
      return { rule: input, description: describeSiteReadyRule(input) };
    });
  },

  async 'courses.siteReady.page'(input, ctx) {
    return pageSiteReady(ctx.db, await loadSiteReadyRule(ctx.db), todayIso(ctx.clock), input, ctx.db);
  },

  async 'courses.siteReady.participant'(input, ctx) {
    const facts = await loadFacts(ctx.db, [input.participantId]);
    const r = evaluateSiteReady(
      await loadSiteReadyRule(ctx.db),
      facts.get(input.participantId) ?? { cards: [], hseTests: [], l1Awards: [], ppeIssues: [], signoffs: [] },
      todayIso(ctx.clock),
    );
    return {
      ready: r.ready,
      missing: r.missing.map((m) => m.label),
      readySince: r.readySince,
      readyUntil: r.readyUntil,
    };
  },

  async 'courses.siteReady.export'(input, ctx) {
    const by = await staffName(ctx);
    return write(ctx, async (tx, at, today) => {
      const file = await exportSiteReady(tx, await loadSiteReadyRule(tx), today, input.preset, input.search, by);
      await appendAudit(tx, at, ctx.staffId, {
        action: 'export',
        entity: 'site_ready_candidates',
        summary: `Exported ${file.rows} people (${input.preset}) to ${file.fileName}${input.purpose ? ` for: ${input.purpose}` : ''}`,
        after: { preset: input.preset, search: input.search, rows: file.rows, purpose: input.purpose },
      });
      return file;
    });
  },

  async 'courses.expiry.list'(input, ctx) {
    const today = todayIso(ctx.clock);
    return { rows: await expiryRows(ctx.db, today, input.withinDays), today };
  },

  async 'courses.expiry.export'(input, ctx) {
    const by = await staffName(ctx);
    return write(ctx, async (tx, at, today) => {
      const file = await exportExpiry(tx, today, input.withinDays, by);
      await appendAudit(tx, at, ctx.staffId, {
        action: 'export',
        entity: 'cscs_expiry_worklist',
        summary: `Exported the expiry worklist (${input.withinDays} days, ${file.rows} items) to ${file.fileName}`,
        after: { withinDays: input.withinDays, rows: file.rows },
      });
      return file;
    });
  },

  async 'courses.dashboard'(input, ctx) {
    return courseDashboard(ctx.db, await loadSiteReadyRule(ctx.db), todayIso(ctx.clock), input, ctx.db);
  },
});
