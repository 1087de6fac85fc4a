// Handlers of the imports area, one per channel in shared/contract/imports.contract.ts. Opening,
// previewing, committing and reconciling run as jobs (progress + cancel); their work in
// progress lives in memory (import-state) until the user commits.
import { AppFailure } from '../../../shared/result';
import { importProfileSchema } from '../../../shared/domain/import-profile';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import type { CallContext } from '../../backend/context';
import { readImportSource, screenImportFile } from './import-source';
import { importMemory, recall, remember, type PreviewState } from './import-state';
import { applyPlan, buildPreview } from './import-preview';
import { commitPreview } from './import-commit';
import { undoBatch } from './import-undo';
import { loadLookups } from './import-plan';
import { acceptDifferences, buildReconciliation, exportReconciliation, recordReconciliationExport } from './reconcile';
import { previewCounts, previewPage, reconcilePage, rowDetail, runsToCreate, sheetView } from './preview-view';
import { earlierImportsOfFile, listProfiles, pageBatches } from './imports.repository';
import { deleteImportProfile, saveImportProfile } from './import-profiles.service';
import { batchDetail } from './batch-detail';
import { startExportJob } from '../export/export-job';
import type { UploadInfo } from '../../../shared/contract/imports.contract';

// Work in progress belongs to the backend (its job runner is one per backend), not to a request.
const memory = (ctx: CallContext) => importMemory(ctx.jobs);
const now = (ctx: CallContext) => ctx.clock.now().toISOString();

function uploadInfo(uploadId: string, ctx: CallContext): UploadInfo {
  const s = recall(memory(ctx).uploads, uploadId, 'file');
  return {
    uploadId,
    fileName: s.fileName,
    fileKind: s.kind,
    encoding: s.encoding,
    date1904: s.date1904,
    sha256: s.sha256,
    sheets: s.sheets,
  };
}

function openPreview(ctx: CallContext, previewId: string): PreviewState {
  return recall(memory(ctx).previews, previewId, 'import preview');
}

export const importsHandlers = defineHandlers({
  async 'imports.job'(input, ctx) {
    const job = ctx.jobs.list().find((j) => j.id === input.jobId && j.kind.startsWith('import-'));
    if (!job) throw new AppFailure('not-found', 'That job is not known.');
    return {
      state: job.state,
      done: job.done,
      total: job.total,
      message: job.message ?? null,
      result: job.state === 'done' ? job.result : null,
    };
  },

  async 'imports.open'(input, ctx) {
    const { fileName, bytes } = input.file;
    // The checks that refuse hostile files are cheap: done now, so the refusal comes back at once.
    const file = screenImportFile(fileName, bytes);
    const jobId = ctx.jobs.start('import-open', `Opening ${fileName}`, async (job) => {
      await job.progress(0, 1, 'Reading sheets');
      // Read in a worker with time and memory limits: a hostile file fails this job, not the backend.
      const source = await readImportSource(file);
      const uploadId = remember(memory(ctx).uploads, source);
      // The bar's last words say what was read, not the step it was on.
      const sheets = source.sheets.length;
      await job.progress(1, 1, `Opened: ${sheets.toLocaleString('en-GB')} ${sheets === 1 ? 'sheet' : 'sheets'}`);
      return uploadInfo(uploadId, ctx);
    });
    return { jobId };
  },

  async 'imports.upload'(input, ctx) {
    return uploadInfo(input.uploadId, ctx);
  },

  async 'imports.sheet'(input, ctx) {
    const source = recall(memory(ctx).uploads, input.uploadId, 'file');
    return sheetView(source, input.sheet, input.kind, input.headerRow);
  },

  async 'imports.profiles'(_input, ctx) {
    return (await listProfiles(ctx.db)).flatMap((p) => {
      const parsed = importProfileSchema.safeParse(JSON.parse(p.profile_json));
      return parsed.success ? [{ id: p.id, name: p.name, partner: p.partner, kind: p.kind, profile: parsed.data }] : [];
    });
  },

  'imports.saveProfile': (input, ctx) => saveImportProfile(ctx.tx, input.profile, now(ctx), ctx.staffId),

  async 'imports.deleteProfile'(input, ctx) {
    await deleteImportProfile(ctx.tx, input.id, now(ctx), ctx.staffId);
    return { ok: true as const };
  },

  async 'imports.preview'(input, ctx) {
    const source = recall(memory(ctx).uploads, input.uploadId, 'file');
    if (!source.sheets.some((s) => s.name === input.sheet))
      throw new AppFailure('validation', `There is no sheet "${input.sheet}".`, [
        { path: ['sheet'], message: 'Choose a sheet' },
      ]);
    const jobId = ctx.jobs.start('import-preview', `Checking ${source.fileName}`, async (job) => {
      const state = await buildPreview(ctx.db, source, input.sheet, input.profile, job);
      const previewId = remember(memory(ctx).previews, { ...state, id: '' });
      memory(ctx).previews.get(previewId)!.id = previewId;
      return { previewId, counts: previewCounts(memory(ctx).previews.get(previewId)!) };
    });
    return { jobId };
  },

  async 'imports.previewSummary'(input, ctx) {
    const p = openPreview(ctx, input.previewId);
    const earlier = await earlierImportsOfFile(ctx.db, p.source.sha256);
    return {
      previewId: p.id,
      fileName: p.source.fileName,
      sheet: p.sheet,
      kind: p.profile.kind,
      profileName: p.profile.name,
      partner: p.profile.partner,
      counts: previewCounts(p),
      missingColumns: p.missingColumns,
      ambiguousDates: p.ambiguousDates,
      alreadyImported: earlier.filter((b) => b.id !== p.committedBatchId).map((b) => ({ batchId: b.id, at: b.at })),
      committedBatchId: p.committedBatchId,
      runsToCreate: p.committedBatchId ? [] : runsToCreate(p),
    };
  },

  async 'imports.previewPage'(input, ctx) {
    return previewPage(openPreview(ctx, input.previewId), input.status, input.query);
  },

  async 'imports.previewRow'(input, ctx) {
    const row = openPreview(ctx, input.previewId).rows[input.rowId - 1];
    if (!row) throw new AppFailure('not-found', 'That row is not in the preview.');
    return rowDetail(row);
  },

  async 'imports.decide'(input, ctx) {
    const p = openPreview(ctx, input.previewId);
    if (p.committedBatchId) throw new AppFailure('conflict', 'This import has been committed already.');
    const ids = input.rowIds ? new Set(input.rowIds) : null;
    for (const r of p.rows) {
      if (ids ? !ids.has(r.id) : r.status !== input.status) continue;
      // Only rows that would write something can be accepted; a review must be resolved first.
      if (input.decision === 'accept' && r.status !== 'new' && r.status !== 'changed') continue;
      r.decision = input.decision;
    }
    return previewCounts(p);
  },

  async 'imports.resolve'(input, ctx) {
    const p = openPreview(ctx, input.previewId);
    if (p.committedBatchId) throw new AppFailure('conflict', 'This import has been committed already.');
    const row = p.rows[input.rowId - 1];
    if (!row) throw new AppFailure('not-found', 'That row is not in the preview.');
    if (row.problems.some((x) => x.column !== 'match'))
      throw new AppFailure('validation', 'Correct this row in the file first: it has errors.');
    if (input.matchId !== null && !row.candidates.some((c) => c.id === input.matchId))
      throw new AppFailure('validation', 'Choose one of the people offered.', [
        { path: ['matchId'], message: 'Choose one of the people offered' },
      ]);
    await applyPlan(ctx.db, p.profile, row, input.matchId, await loadLookups(ctx.db));
    row.reviewReason = input.matchId === null ? 'Resolved: a new person' : 'Resolved: matched by hand';
    return rowDetail(row);
  },

  async 'imports.commit'(input, ctx) {
    const p = openPreview(ctx, input.previewId);
    if (p.committedBatchId)
      throw new AppFailure('conflict', `This import was committed already (batch ${p.committedBatchId}).`);
    if (p.committing) throw new AppFailure('conflict', 'This import is being committed.');
    p.committing = true;
    const jobId = ctx.jobs.start('import-commit', `Importing ${p.source.fileName}`, async (job) => {
      try {
        // Imports write many rows at once: the dispatcher makes sure a checked backup of the whole
        // store from the last hour exists before this transaction (backupBeforeBulkWrite), the batch
        // keeps what Undo needs to put back every row it writes, and a cancel rolls all of it back.
        await job.progress(0, 0, 'Making sure there is a recent backup');
        const result = await ctx.transact((tx) =>
          commitPreview(tx, p, now(ctx), ctx.staffId, job, todayIso(ctx.clock)),
        );
        p.committedBatchId = result.batchId;
        // The bar's last words are what was saved, not the step it was on before the commit.
        await job.progress(
          1,
          1,
          `Imported: ${result.created.toLocaleString('en-GB')} new, ${result.updated.toLocaleString('en-GB')} changed`,
        );
        return result;
      } finally {
        p.committing = false;
      }
    });
    return { jobId };
  },

  async 'imports.batches'(input, ctx) {
    return pageBatches(ctx.db, input);
  },

  'imports.batch': (input, ctx) => batchDetail(ctx.db, input.batchId),

  'imports.undo': (input, ctx) => undoBatch(ctx.tx, input.batchId, now(ctx), ctx.staffId),

  async 'imports.reconcile'(input, ctx) {
    const source = recall(memory(ctx).uploads, input.uploadId, 'file');
    if (!source.sheets.some((s) => s.name === input.sheet))
      throw new AppFailure('validation', `There is no sheet "${input.sheet}".`, [
        { path: ['sheet'], message: 'Choose a sheet' },
      ]);
    if (input.from && input.to && input.from > input.to)
      throw new AppFailure('validation', 'The period must end after it starts.', [
        { path: ['to'], message: 'The end of the period must be after its start' },
      ]);
    const jobId = ctx.jobs.start('import-reconcile', `Reconciling ${source.fileName}`, async (job) => {
      const state = await buildReconciliation(
        ctx.db,
        source,
        input.sheet,
        input.profile,
        input.from ?? null,
        input.to ?? null,
        job,
      );
      const id = remember(memory(ctx).reconciles, { ...state, id: '' });
      memory(ctx).reconciles.get(id)!.id = id;
      return { reconcileId: id };
    });
    return { jobId };
  },

  async 'imports.reconcileSummary'(input, ctx) {
    const s = recall(memory(ctx).reconciles, input.reconcileId, 'reconciliation');
    const counts = { agree: 0, differ: 0, theirs_only: 0, ours_only: 0, unsure: 0, error: s.errors.length };
    for (const i of s.items) counts[i.status]++;
    return {
      reconcileId: s.id,
      fileName: s.source.fileName,
      partner: s.profile.partner,
      kind: s.profile.kind,
      from: s.from,
      to: s.to,
      counts,
      errors: s.errors.slice(0, 500),
    };
  },

  async 'imports.reconcilePage'(input, ctx) {
    return reconcilePage(
      recall(memory(ctx).reconciles, input.reconcileId, 'reconciliation'),
      input.status,
      input.query,
    );
  },

  async 'imports.reconcileAccept'(input, ctx) {
    const s = recall(memory(ctx).reconciles, input.reconcileId, 'reconciliation');
    return acceptDifferences(ctx.tx, s, input.items, now(ctx), ctx.staffId, todayIso(ctx.clock));
  },

  // A job (export-job.ts): an unknown reconciliation is refused now; the workbook is made from the
  // reconciliation in memory and audited once complete.
  async 'imports.reconcile.export'(input, ctx) {
    const s = recall(memory(ctx).reconciles, input.reconcileId, 'reconciliation');
    const at = now(ctx);
    const stem = s.source.fileName
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w.-]+/g, '-')
      .slice(0, 60);
    const jobId = startExportJob(ctx, {
      label: 'Exporting the reconciliation',
      total: 0,
      write: async (_track, stage) => {
        await stage('Writing the reconciliation workbook');
        return {
          fileName: `reconciliation-${stem}.xlsx`,
          mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          bytes: new Uint8Array(await exportReconciliation(s)),
          rows: s.items.length,
        };
      },
      audit: (tx) => recordReconciliationExport(tx, s, at, ctx.staffId),
    });
    return { jobId };
  },
});
