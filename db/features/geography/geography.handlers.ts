// Handlers of the geography area, one per channel in shared/contract/geography.contract.ts. A file
// arrives in pieces (geography.upload), is checked at once (which file is it, which edition), then
// loads as a job in short transactions (lookup-load.service.ts).
import { AppFailure } from '../../../shared/result';
import { guessFileDate, lookupKindLabels } from '../../../shared/domain/geography';
import { defineHandlers } from '../../backend/handler';
import { todayIso } from '../../backend/clock';
import type { OwnTransactionsContext } from '../../backend/context';
import { actorOf } from '../participants/actor';
import { openLookupFile } from './lookup-file';
import { loadLookupFile, type LoadRun } from './lookup-load.service';
import { recomputeEveryone } from './recompute.service';
import { geographyStatus, setLocalAuthorities } from './geography.service';
import { resolvePostcode } from './resolution';
import { discardUpload, receivePiece, takeUpload } from './uploads';
import { peopleAreas } from './area-breakdown.service';
import { loadSetVersion } from '../returns/indicator-sets.repository';
import { computeLines } from '../returns/return.service';
import { frozenLines } from '../returns/returns.repository';

function loadRun(ctx: OwnTransactionsContext): Omit<LoadRun, 'job'> {
  return {
    db: ctx.db,
    transact: (work) => ctx.transact(work),
    staffId: ctx.staffId,
    now: () => ctx.clock.now().toISOString(),
    today: () => todayIso(ctx.clock),
  };
}

export const geographyHandlers = defineHandlers({
  'geography.status': (_input, ctx) => geographyStatus(ctx.db),

  'geography.lookupPostcode': (input, ctx) => resolvePostcode(ctx.db, input.postcode),

  'geography.upload'(input, ctx) {
    const upload = receivePiece(ctx.jobs, ctx.dataDir, input);
    return { uploadId: upload.id, received: upload.received };
  },

  async 'geography.load'(input, ctx) {
    const upload = takeUpload(ctx.jobs, input.uploadId);
    // Which file it is and which edition are checked now, so a wrong file is refused at once.
    const file = await openLookupFile(upload.file, upload.fileName);
    if (file.detected.kind === 'unknown') {
      file.close();
      discardUpload(ctx.jobs, upload.id);
      throw new AppFailure('validation', file.detected.message, [
        { path: ['uploadId'], message: file.detected.message },
      ]);
    }
    const fileDate = input.fileDate ?? guessFileDate(upload.fileName);
    if (!fileDate) {
      file.close();
      throw new AppFailure('validation', 'Enter the date of this edition of the file.', [
        { path: ['fileDate'], message: 'Enter the date of this edition, as on the ONS download page' },
      ]);
    }
    const label = lookupKindLabels[file.detected.kind];
    const jobId = ctx.jobs.start(
      'geography-load',
      `Loading ${label.toLowerCase()}: ${upload.fileName}`,
      async (job) => {
        try {
          return await loadLookupFile({ ...loadRun(ctx), job }, file, { fileName: upload.fileName, fileDate });
        } finally {
          discardUpload(ctx.jobs, upload.id);
        }
      },
    );
    return { jobId };
  },

  async 'geography.returnAreas'(input, ctx) {
    // A submitted return's frozen lines, or a draft's computed now: the people it counts (read as a
    // viewer reads them: only where they live is needed).
    const lines =
      'returnId' in input
        ? await frozenLines(ctx.db, input.returnId, 'viewer')
        : [
            ...(
              await computeLines(
                ctx.db,
                await loadSetVersion(ctx.db, input.setId, input.versionId),
                input,
                undefined,
                'viewer',
              )
            ).values(),
          ].flat();
    return peopleAreas(
      ctx.db,
      lines.map((l) => l.personId),
    );
  },

  'geography.setLocalAuthorities': (input, ctx) => setLocalAuthorities(ctx.tx, input.codes, actorOf(ctx)),

  'geography.job'(input, ctx) {
    const job = ctx.jobs.list().find((j) => j.id === input.jobId && j.kind.startsWith('geography-'));
    if (!job) throw new AppFailure('not-found', 'That job is not known.');
    return {
      state: job.state,
      done: job.done,
      total: job.total,
      message: job.message ?? null,
      result: job.state === 'done' ? job.result : null,
    };
  },

  async 'geography.recompute'(_input, ctx) {
    const jobId = ctx.jobs.start('geography-recompute', 'Working out where everyone lives', (job) =>
      recomputeEveryone({ ...loadRun(ctx), job }, 'on request'),
    );
    return { jobId };
  },
});
