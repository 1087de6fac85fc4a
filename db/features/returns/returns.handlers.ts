// Handlers of the returns area, one per channel in shared/contract/returns.contract.ts.
import type { Role } from '../../../shared/contract/define';
import { AppFailure } from '../../../shared/result';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { indicatorLines } from './indicator-engine';
import { listSets, listVersions, loadSetVersion, ruleLabelMaps, sentenceFor } from './indicator-sets.repository';
import { areaLabelsFor } from '../geography/resolution';
import { createSet, saveSet, saveSetVersion } from './indicator-sets.service';
import { changesSince, computeReturn, countedPeriod, scopeOf, submitReturnAudited } from './return.service';
import { listTargets } from './targets.repository';
import { saveTarget } from './targets.service';
import { findFunder, listReturns } from './returns.repository';
import { funders, saveFunder } from './funders.service';
import {
  buildDashboardExport,
  buildReturnExport,
  recordDashboardExport,
  recordReturnExport,
  refuseReturnExport,
  XLSX,
} from './return-export.service';
import { dashboard, dashboardFigures, dashboardReads, defaultPeriod } from './dashboard.service';
import { criteriaByIndicator } from './rule-criteria';
import { startExportJob } from '../export/export-job';

const LINES_SHOWN = 1000;

/** The role whose columns the caller's reading uses (readable-columns.ts). */
const readerOf = (ctx: { client: { session: { staff: { role: Role } } | null } }): Role =>
  ctx.client.session?.staff.role ?? 'viewer';

type Caller = { clock: Parameters<typeof todayIso>[0]; client: { session: { staff: { role: Role } } | null } };

/** The dashboard's period: as asked, else this financial year. */
function dashboardPeriod(input: { from?: string; to?: string }, ctx: Caller): { from: string; to: string } {
  const fallback = defaultPeriod(todayIso(ctx.clock));
  const from = input.from ?? fallback.from;
  const to = input.to ?? fallback.to;
  if (to < from)
    throw new AppFailure('validation', 'The last day must be the same as or after the first day.', [
      { path: ['to'], message: 'The last day must be the same as or after the first day' },
    ]);
  return { from, to };
}

/** The kept figures' key: one answer for returns.dashboardFigures and returns.dashboard. */
const figuresKey = (from: string, to: string, ctx: Caller) => `returns.dashboardFigures|${from}|${to}|${readerOf(ctx)}`;

export const returnsHandlers = defineHandlers({
  'returns.sets': (_input, ctx) => listSets(ctx.db),

  async 'returns.setDetail'(input, ctx) {
    const sv = await loadSetVersion(ctx.db, input.setId, input.versionId);
    return {
      set: sv.set,
      versionId: sv.versionId,
      version: sv.version,
      versions: await listVersions(ctx.db, input.setId),
      indicators: sv.indicators,
    };
  },

  'returns.saveSetVersion': (input, ctx) => saveSetVersion(ctx.tx, input, ctx.clock.now().toISOString(), ctx.staffId),

  async 'returns.describeRule'(input, ctx) {
    const areas = await areaLabelsFor(ctx.db, [input.rule.area]);
    const funder = input.funderId === undefined ? undefined : await findFunder(ctx.db, input.funderId);
    return { sentence: sentenceFor(input.rule, await ruleLabelMaps(ctx.db), funder?.name, areas) };
  },

  'returns.funders': (_input, ctx) => funders(ctx.db),

  async 'returns.saveFunder'(input, ctx) {
    await saveFunder(ctx.tx, input, ctx.clock.now().toISOString(), ctx.staffId);
    return { ok: true as const };
  },

  'returns.compute'(input, ctx) {
    const today = todayIso(ctx.clock);
    const compute = () =>
      computeReturn(ctx.db, input.setId, input, today, input.versionId, input.warnings, readerOf(ctx));
    if (input.warnings) return compute();
    // Counts only (the dashboard's targets figure asks on every opening of the dashboard): kept
    // like the dashboard until any data it reads changes. At 100,000 people it counts for seconds
    // and holds the backend meanwhile, so every visit to the dashboard stalled the next screen.
    const key = `returns.compute|${input.setId}|${input.versionId ?? ''}|${input.from}|${input.to}|${today}|${readerOf(ctx)}`;
    return ctx.readCache.remember(key, dashboardReads, compute);
  },

  async 'returns.lines'(input, ctx) {
    const sv = await loadSetVersion(ctx.db, input.setId, input.versionId);
    const ind = sv.indicators.find((i) => i.code === input.indicatorCode);
    if (!ind) throw new AppFailure('not-found', `There is no indicator ${input.indicatorCode} in this set.`);
    // The window shows the first lines; the workbook carries them all.
    const counted = countedPeriod(sv, input);
    const lines = counted
      ? await indicatorLines(ctx.db, ind.rule, ind.code, { ...scopeOf(sv, counted), reader: readerOf(ctx) })
      : [];
    return {
      criteria: (await criteriaByIndicator(ctx.db, sv)).get(ind.code) ?? [],
      lines: lines.slice(0, LINES_SHOWN),
      total: lines.length,
      sentence: ind.sentence,
      title: ind.title,
    };
  },

  // The workbook as a job (export-job.ts): stages and claim lines in JobsProgress, Cancel
  // between them; the file complete or absent, audited once complete. An unknown return or set,
  // or a period outside the agreement, is refused here, before the job starts.
  async 'returns.export'(input, ctx) {
    await refuseReturnExport(ctx.db, input);
    const at = ctx.clock.now().toISOString();
    const today = todayIso(ctx.clock);
    const jobId = startExportJob(ctx, {
      label: input.part === 'evidence' ? 'Exporting the evidence pack' : 'Exporting the return',
      total: 0,
      write: async (track, stage) => ({
        ...(await buildReturnExport(ctx.db, input, today, { stage, track })),
        mime: XLSX,
      }),
      audit: (tx, built) => recordReturnExport(tx, input, built, at, ctx.staffId),
    });
    return { jobId };
  },

  'returns.submit': (input, ctx) => submitReturnAudited(ctx.tx, input, ctx.clock.now().toISOString(), ctx.staffId),

  'returns.list': (_input, ctx) => listReturns(ctx.db),

  async 'returns.detail'(input, ctx) {
    const [summary] = await listReturns(ctx.db, { returnId: input.returnId });
    if (!summary) throw new AppFailure('not-found', 'That return does not exist.');
    return { summary, changes: await changesSince(ctx.db, input.returnId, readerOf(ctx)) };
  },

  async 'returns.dashboardFigures'(input, ctx) {
    const { from, to } = dashboardPeriod(input, ctx);
    return ctx.readCache.remember(figuresKey(from, to, ctx), dashboardReads, () => dashboardFigures(ctx.db, from, to));
  },

  async 'returns.dashboard'(input, ctx) {
    const { from, to } = dashboardPeriod(input, ctx);
    // Kept until any data it reads changes (read-cache.ts): at 100,000 people counting takes
    // hundreds of milliseconds, and the screen is opened far more often than the data changes.
    // The whole programme is counted for every caller (a viewer's answer loses its special
    // category rows in the dispatcher, after this), so the role in the key only keeps answers
    // apart should that ever differ. The figures come from their own kept answer: the window asks
    // for them first (returns.dashboardFigures), so then only the charts are counted here.
    return ctx.readCache.remember(`returns.dashboard|${from}|${to}|${readerOf(ctx)}`, dashboardReads, () =>
      dashboard(ctx.db, from, to, () =>
        ctx.readCache.remember(figuresKey(from, to, ctx), dashboardReads, () => dashboardFigures(ctx.db, from, to)),
      ),
    );
  },

  'returns.createSet': (input, ctx) => createSet(ctx.tx, input, ctx.clock.now().toISOString(), ctx.staffId),

  async 'returns.saveSet'(input, ctx) {
    await saveSet(ctx.tx, input, ctx.clock.now().toISOString(), ctx.staffId);
    return { ok: true as const };
  },

  'returns.targets': (input, ctx) => listTargets(ctx.db, input.setId),

  async 'returns.saveTargets'(input, ctx) {
    await saveTarget(ctx.tx, input, ctx.clock.now().toISOString(), ctx.staffId);
    return { ok: true as const };
  },

  // The dashboard's tables as a job: counted outside any transaction, audited once complete.
  'returns.dashboard.export'(input, ctx) {
    const jobId = startExportJob(ctx, {
      label: 'Exporting the dashboard tables',
      total: 0,
      write: async (_track, stage) => {
        await stage('Counting the dashboard');
        return { ...(await buildDashboardExport(ctx.db, input.from, input.to)), mime: XLSX };
      },
      audit: (tx, built) => recordDashboardExport(tx, built, ctx.clock.now().toISOString(), ctx.staffId),
    });
    return { jobId };
  },
});
