// CLI commands of the imports area: `import` a partner file with a profile (by saved name or a
// JSON file written by hand, see docs/import-profiles.md), and `reconcile` one against our
// records into a workbook. Both go through the same channels and jobs as the window.
import fs from 'node:fs';
import path from 'node:path';
import type { Backend } from '../backend/backend';
import { importKinds, importProfileSchema, type ImportProfile } from '../../shared/domain/import-profile';
import type { PreviewCounts, RunToCreate, UploadInfo } from '../../shared/contract/imports.contract';
import { formatUkDate } from '../../shared/domain/dates';
import { exportToEnd } from '../features/export/export-job';
import { CLI_CLIENT, CliExit, unwrap, type CliCommand, type CliIo } from './command';

async function job<T>(backend: Backend, jobId: string, io: CliIo): Promise<T> {
  const done = await backend.services.jobs.wait(jobId);
  if (done.state !== 'done') {
    io.err(`error: ${done.message ?? done.state}`);
    throw new CliExit(1);
  }
  return done.result as T;
}

/** A profile by saved name, or from a JSON file; --kind must agree with it. */
async function loadProfile(backend: Backend, ref: string, kind: string | undefined, io: CliIo): Promise<ImportProfile> {
  let raw: unknown;
  if (fs.existsSync(ref) && fs.statSync(ref).isFile()) {
    try {
      raw = JSON.parse(fs.readFileSync(ref, 'utf8'));
    } catch {
      io.err(`error: ${ref} is not valid JSON.`);
      throw new CliExit(2);
    }
  } else {
    const saved = unwrap(await backend.call(CLI_CLIENT, 'imports.profiles', {}), io).find(
      (p) => p.name.toLowerCase() === ref.toLowerCase(),
    );
    if (!saved) {
      io.err(`error: no saved profile or file called "${ref}".`);
      throw new CliExit(2);
    }
    raw = saved.profile;
  }
  const parsed = importProfileSchema.safeParse(raw);
  if (!parsed.success) {
    io.err(`error: the profile is not valid:`);
    for (const issue of parsed.error.issues) io.err(`  ${issue.path.join('.') || '(profile)'}: ${issue.message}`);
    throw new CliExit(2);
  }
  if (kind && parsed.data.kind !== kind) {
    io.err(`error: the profile "${parsed.data.name}" is for ${parsed.data.kind}, not ${kind}.`);
    throw new CliExit(2);
  }
  return parsed.data;
}

async function openFile(backend: Backend, file: string | undefined, io: CliIo): Promise<UploadInfo> {
  if (!file) {
    io.err('error: name the partner file to read.');
    throw new CliExit(2);
  }
  const bytes = new Uint8Array(fs.readFileSync(file));
  const { jobId } = unwrap(
    await backend.call(CLI_CLIENT, 'imports.open', { file: { fileName: path.basename(file), bytes } }),
    io,
  );
  return job<UploadInfo>(backend, jobId, io);
}

function sheetFor(upload: UploadInfo, profile: ImportProfile, io: CliIo): string {
  if (!profile.sheet) return upload.sheets.find((s) => !s.hidden)?.name ?? upload.sheets[0]!.name;
  if (upload.sheets.some((s) => s.name === profile.sheet)) return profile.sheet;
  io.err(`error: the file has no sheet "${profile.sheet}" (it has: ${upload.sheets.map((s) => s.name).join(', ')}).`);
  throw new CliExit(2);
}

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'Import a partner spreadsheet (xlsx or CSV) with a mapping profile',
  usage: 'import --kind <kind> --mapping <profile-name-or-file> [--dry-run] [--json] <file>',
  options: {
    kind: { type: 'string' },
    mapping: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, backend, io) {
    const kind = values.kind as string | undefined;
    if (!kind || !(importKinds as readonly string[]).includes(kind)) {
      io.err(`error: --kind must be one of ${importKinds.join(', ')}.`);
      return 2;
    }
    if (!values.mapping) {
      io.err('error: --mapping <profile name or JSON file> is required.');
      return 2;
    }
    const profile = await loadProfile(backend, String(values.mapping), kind, io);
    const upload = await openFile(backend, positionals[0], io);
    const sheet = sheetFor(upload, profile, io);
    const { jobId } = unwrap(
      await backend.call(CLI_CLIENT, 'imports.preview', { uploadId: upload.uploadId, sheet, profile }),
      io,
    );
    const { previewId, counts } = await job<{ previewId: string; counts: PreviewCounts }>(backend, jobId, io);
    const summary = unwrap(await backend.call(CLI_CLIENT, 'imports.previewSummary', { previewId }), io);
    const errorRows = unwrap(
      await backend.call(CLI_CLIENT, 'imports.previewPage', { previewId, status: 'error', query: { limit: 5000 } }),
      io,
    ).rows;
    const errors = errorRows.map((r) => ({ sheet, row: r.rowNumber, problem: r.detail }));
    let batchId: number | null = null;
    // Dry run: the runs the import would create; otherwise those it created (with their ids).
    let createdRuns: Array<RunToCreate & { id?: number }> = summary.runsToCreate;
    if (!values['dry-run'] && counts.accepted > 0) {
      const committed = unwrap(await backend.call(CLI_CLIENT, 'imports.commit', { previewId }), io);
      const result = await job<{ batchId: number; createdRuns: Array<RunToCreate & { id: number }> }>(
        backend,
        committed.jobId,
        io,
      );
      batchId = result.batchId;
      createdRuns = result.createdRuns;
    } else if (!values['dry-run']) createdRuns = [];
    const out = {
      file: upload.fileName,
      sheet,
      profile: profile.name,
      dryRun: !!values['dry-run'],
      batchId,
      counts: {
        new: counts.new,
        changed: counts.changed,
        unchanged: counts.unchanged,
        review: counts.review,
        repeats: counts.repeat,
        errors: counts.error,
      },
      createdRuns: createdRuns.map((r) => ({
        ...(r.id === undefined ? {} : { id: r.id }),
        partnerCode: r.partnerCode,
        courseType: r.courseTypeCode,
        title: r.title,
        startDate: r.startDate,
        endDate: r.endDate,
        learners: r.learners,
      })),
      missingColumns: summary.missingColumns,
      ambiguousDateColumns: summary.ambiguousDates,
      errors,
    };
    if (values.json) io.out(JSON.stringify(out, null, 2));
    else {
      io.out(`${upload.fileName} (${sheet}) with profile "${profile.name}":`);
      io.out(
        `  new ${counts.new}, changed ${counts.changed}, unchanged ${counts.unchanged}, needs review ${counts.review}, ` +
          `repeated rows ${counts.repeat}, errors ${counts.error}`,
      );
      if (createdRuns.length)
        io.out(`  course runs ${values['dry-run'] ? 'to create' : 'created'}: ${createdRuns.length}`);
      for (const r of createdRuns)
        io.out(
          `    ${r.partnerCode ?? r.courseTypeCode} ${r.courseType}, ${formatUkDate(r.startDate)} to ${formatUkDate(r.endDate)}, ` +
            `${r.learners} ${r.learners === 1 ? 'learner' : 'learners'}`,
        );
      if (summary.ambiguousDates.length)
        io.out(
          `  warning: every date in ${summary.ambiguousDates.join(', ')} could be day- or month-first; the profile reads them ${profile.dateConvention}.`,
        );
      for (const e of errors.slice(0, 50)) io.out(`  row ${e.row}: ${e.problem}`);
      if (errors.length > 50) io.out(`  … and ${errors.length - 50} more`);
      if (counts.review) io.out(`  ${counts.review} rows need a person to review them: use the Imports screen.`);
      io.out(
        values['dry-run']
          ? '  Dry run: nothing was saved.'
          : batchId
            ? `  Saved as import batch ${batchId}.`
            : '  Nothing to save.',
      );
    }
    return 0;
  },
};

export const reconcileCommand: CliCommand = {
  name: 'reconcile',
  summary: 'Reconcile a partner spreadsheet against our records into a workbook',
  usage:
    'reconcile --mapping <profile-name-or-file> [--from yyyy-mm-dd] [--to yyyy-mm-dd] --out <diff.xlsx> [--json] <file>',
  options: {
    mapping: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, backend, io) {
    if (!values.mapping || !values.out) {
      io.err('error: --mapping and --out are required.');
      return 2;
    }
    const profile = await loadProfile(backend, String(values.mapping), undefined, io);
    const upload = await openFile(backend, positionals[0], io);
    const sheet = sheetFor(upload, profile, io);
    const input = {
      uploadId: upload.uploadId,
      sheet,
      profile,
      ...(values.from ? { from: String(values.from) } : {}),
      ...(values.to ? { to: String(values.to) } : {}),
    };
    const { jobId } = unwrap(await backend.call(CLI_CLIENT, 'imports.reconcile', input), io);
    const { reconcileId } = await job<{ reconcileId: string }>(backend, jobId, io);
    const summary = unwrap(await backend.call(CLI_CLIENT, 'imports.reconcileSummary', { reconcileId }), io);
    const file = unwrap(await exportToEnd(backend, CLI_CLIENT, 'imports.reconcile.export', { reconcileId }), io);
    fs.writeFileSync(String(values.out), file.bytes);
    const c = summary.counts;
    const out = {
      file: upload.fileName,
      sheet,
      profile: profile.name,
      from: summary.from,
      to: summary.to,
      out: String(values.out),
      counts: {
        agree: c.agree,
        differ: c.differ,
        theirsNotOurs: c.theirs_only,
        oursNotTheirs: c.ours_only,
        review: c.unsure,
        errors: c.error,
      },
      errors: summary.errors.map((e) => ({ sheet, row: e.rowNumber, column: e.column, problem: e.message })),
    };
    if (values.json) io.out(JSON.stringify(out, null, 2));
    else {
      io.out(`${upload.fileName} against our records (${profile.partner}):`);
      io.out(
        `  agree ${c.agree}, differ ${c.differ}, theirs not ours ${c.theirs_only}, ours not theirs ${c.ours_only}, to check ${c.unsure}, errors ${c.error}`,
      );
      io.out(`  Wrote ${values.out}`);
    }
    return 0;
  },
};
