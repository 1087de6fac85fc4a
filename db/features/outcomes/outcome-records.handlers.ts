// Handlers for outcomes: lookups for forms, the participant picker, the grid and its export,
// one outcome, recording and changing an outcome, verification decisions and outcome types.
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import { actorOf } from '../participants/actor';
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure } from '../../../shared/result';
import type { JobControl } from '../../backend/jobs';
import { takeExportFile, writeExportFile } from '../export/export-file';
import { auditGridExport, exportOutcomes, gridExportTotal, writeGridExport } from './exports.service';
import { formLookups } from './lookups.repository';
import { findParticipants, pageOutcomes } from './outcomes.repository';
import { outcomeDetail } from './outcome-detail.service';
import { changeOutcome, recordOutcome, saveOutcomeType, verifyOutcome } from './outcome-records.service';

const ok = { ok: true as const };

export const outcomeRecordsHandlers = defineHandlers({
  'outcomes.lookups': (_input, ctx) => formLookups(ctx.db, todayIso(ctx.clock)),

  'outcomes.findParticipants': (input, ctx) => findParticipants(ctx.db, input.search, input.id),

  'outcomes.page': (input, ctx) => pageOutcomes(ctx.db, input, todayIso(ctx.clock)),

  'outcomes.export': (input, ctx) => exportOutcomes(ctx.tx, actorOf(ctx), input),

  // The export as a job: rows read in chunks outside any transaction (the backend keeps
  // answering), progress per chunk, Cancel between chunks; the file is complete or absent.
  async 'outcomes.startExport'(input, ctx) {
    const actor = actorOf(ctx);
    const { grid, query } = input;
    const label = grid === 'outcomes' ? 'Exporting outcomes' : 'Exporting placements';
    // Counted now, so a column the grid does not have is refused here, before any job starts.
    const total = await gridExportTotal(grid, ctx.db, actor, query);
    const jobId = ctx.jobs.start('export', label, async (job) => {
      await job.progress(0, total, 'Reading rows');
      const file = await writeGridExport(grid, ctx.db, actor, query, (rows) => tracked(rows, job, total));
      job.throwIfCancelled();
      const written = writeExportFile(path.join(ctx.dataDir, 'exports'), file.bytes);
      try {
        job.throwIfCancelled();
        await ctx.transact((tx) => auditGridExport(tx, actor, grid, query, file.rows ?? 0));
      } catch (error) {
        fs.rmSync(written, { force: true });
        throw error;
      }
      return { fileName: file.fileName, mime: file.mime, rows: file.rows ?? 0, file: written };
    });
    return { jobId };
  },

  async 'outcomes.exportJob'(input, ctx) {
    const job = ctx.jobs.list().find((j) => j.id === input.jobId && j.kind === 'export');
    if (!job) throw new AppFailure('not-found', 'That export is not known.');
    const done =
      job.state === 'done' ? (job.result as { fileName: string; mime: string; rows: number; file: string }) : null;
    const bytes = done ? takeExportFile(done.file) : null;
    return {
      state: job.state,
      done: job.done,
      total: job.total,
      message: job.message ?? null,
      result: done && bytes ? { fileName: done.fileName, mime: done.mime, rows: done.rows, bytes } : null,
    };
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

/** The rows as they are read, reporting progress every 500 and stopping between chunks on Cancel. */
async function* tracked<R>(rows: AsyncIterable<R>, job: JobControl, total: number): AsyncIterable<R> {
  let n = 0;
  for await (const row of rows) {
    yield row;
    if (++n % 500 === 0) {
      job.throwIfCancelled();
      await job.progress(n, total, `${n.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} rows`);
    }
  }
  await job.progress(n, total, 'Writing the file');
}
