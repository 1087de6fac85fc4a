// Handlers of the imports area, one per channel in shared/contract/imports.contract.ts. Opening,
// previewing, committing and reconciling run as jobs (progress + cancel); their work in
// progress lives in memory (import-state) until the user commits.
import { AppFailure } from '../../../shared/result';
import { importProfileSchema } from '../../../shared/domain/import-profile';
import { formatUkDate } from '../../../shared/domain/dates';
import { backupBefore } from '../trust/backup.service';
import { defineHandlers } from '../../backend/handler';
import type { HandlerContext } from '../../backend/context';
import { appendAudit } from '../audit/audit.repository';
import { readImportSource, screenImportFile } from './import-source';
import { importMemory, recall, remember, type PreviewState } from './import-state';
import { applyPlan, buildPreview } from './import-preview';
import { commitPreview } from './import-commit';
import { undoBatch } from './import-undo';
import { loadLookups } from './import-plan';
import { acceptDifferences, buildReconciliation, exportReconciliation } from './reconcile';
import { previewCounts, previewPage, reconcilePage, rowDetail, sheetView } from './preview-view';
import { batchRows, deleteProfile, findBatch, listProfiles, pageBatches, upsertProfile } from './imports.repository';
import type { UploadInfo } from '../../../shared/contract/imports.contract';

const memory = (ctx: HandlerContext) => importMemory(ctx.db);
const now = (ctx: HandlerContext) => ctx.clock.now().toISOString();

function uploadInfo(uploadId: string, ctx: HandlerContext): UploadInfo {
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

function openPreview(ctx: HandlerContext, previewId: string): PreviewState {
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

  async 'imports.saveProfile'(input, ctx) {
    const p = input.profile;
    return ctx.db.transaction().execute(async (tx) => {
      const at = now(ctx);
      const saved = await upsertProfile(tx, at, ctx.staffId, {
        name: p.name,
        partner: p.partner,
        kind: p.kind,
        json: JSON.stringify(p),
      });
      await appendAudit(tx, at, ctx.staffId, {
        action: saved.created ? 'create' : 'update',
        entity: 'import_profile',
        entityId: saved.id,
        summary: `Import profile "${p.name}" (${p.partner}, ${p.kind}) saved`,
        after: p,
      });
      return saved;
    });
  },

  async 'imports.deleteProfile'(input, ctx) {
    await ctx.db.transaction().execute(async (tx) => {
      if (!(await deleteProfile(tx, input.id))) throw new AppFailure('not-found', 'That profile does not exist.');
      await appendAudit(tx, now(ctx), ctx.staffId, {
        action: 'delete',
        entity: 'import_profile',
        entityId: input.id,
        summary: 'Import profile deleted',
      });
    });
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
    const earlier = await ctx.db
      .selectFrom('import_batches')
      .select(['id', 'at'])
      .where('file_sha256', '=', p.source.sha256)
      .where('undone_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(5)
      .execute();
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
        // Imports write many rows at once: keep a checked backup from just before (RELIABILITY.md).
        await job.progress(0, 0, 'Backing up before the import');
        await backupBefore(ctx, 'import', ctx.staffId);
        job.throwIfCancelled();
        const result = await commitPreview(ctx.db, p, now(ctx), ctx.staffId, job);
        p.committedBatchId = result.batchId;
        ctx.emit({ type: 'data-changed', areas: ['participants', 'outcomes', 'courses', 'imports'] });
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

  async 'imports.batch'(input, ctx) {
    const b = await findBatch(ctx.db, input.batchId);
    if (!b) throw new AppFailure('not-found', 'That import batch does not exist.');
    const rows = await batchRows(ctx.db, b.id);
    const ids = rows
      .filter((r) => r.entity === 'participant')
      .map((r) => r.entity_id)
      .slice(0, 500);
    const people = ids.length
      ? await ctx.db
          .selectFrom('participants')
          .select(['id', 'reference', 'first_name', 'last_name'])
          .where('id', 'in', ids)
          .execute()
      : [];
    const byId = new Map(people.map((p) => [p.id, `${p.reference} ${p.first_name} ${p.last_name}`]));
    const text = (v: unknown) =>
      v === null || v === undefined
        ? null
        : /^\d{4}-\d{2}-\d{2}$/.test(String(v))
          ? formatUkDate(String(v))
          : String(v);
    return {
      id: b.id,
      kind: b.kind,
      partner: b.partner,
      fileName: b.file_name,
      sheet: b.sheet,
      profileName: b.profile_name,
      at: b.at,
      staffName: b.staff_name,
      created: b.created_count,
      updated: b.updated_count,
      unchanged: b.unchanged_count,
      rejected: b.rejected_count,
      errors: b.error_count,
      undoneAt: b.undone_at,
      sha256: b.file_sha256,
      rowsInFile: b.rows_in_file,
      undoneByName: b.undone_by_name,
      kept: b.undo_kept_json ? JSON.parse(b.undo_kept_json) : [],
      rowsTotal: rows.length,
      rows: [...rows]
        .reverse()
        .slice(0, 500)
        .map((r) => {
          const after = JSON.parse(r.after_json) as Record<string, unknown>;
          const before = r.before_json ? (JSON.parse(r.before_json) as Record<string, unknown>) : {};
          return {
            id: r.id,
            rowNumber: r.row_number,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            label: byId.get(r.entity_id) ?? `${r.entity} ${r.entity_id}`,
            fields:
              r.action === 'updated'
                ? Object.keys(after).map((f) => ({ field: f, from: text(before[f]), to: text(after[f]) }))
                : [],
          };
        }),
    };
  },

  async 'imports.undo'(input, ctx) {
    const result = await undoBatch(ctx.db, input.batchId, now(ctx), ctx.staffId);
    ctx.emit({ type: 'data-changed', areas: ['participants', 'outcomes', 'courses', 'imports'] });
    return result;
  },

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
    const result = await acceptDifferences(ctx.db, s, input.items, now(ctx), ctx.staffId);
    ctx.emit({ type: 'data-changed', areas: ['participants', 'outcomes'] });
    return result;
  },

  async 'imports.reconcileExport'(input, ctx) {
    const s = recall(memory(ctx).reconciles, input.reconcileId, 'reconciliation');
    const bytes = await exportReconciliation(s);
    await appendAudit(ctx.db, now(ctx), ctx.staffId, {
      action: 'export',
      entity: 'reconciliation',
      summary: `Reconciliation with ${s.profile.partner} of "${s.source.fileName}" exported (${s.items.length} rows)`,
    });
    const stem = s.source.fileName
      .replace(/\.[^.]+$/, '')
      .replace(/[^\w.-]+/g, '-')
      .slice(0, 60);
    return {
      fileName: `reconciliation-${stem}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      bytes: new Uint8Array(bytes),
      rows: s.items.length,
    };
  },
});
