// Imports at scale: a 50,000-row partner workbook imported end to end (open, check, match every
// row against the store, preview, commit as one transaction) beside the time ExcelJS's
// streaming reader alone takes to read the same file (the floor); and the bulk insert of the
// same new people through the imports repository beside raw better-sqlite3 prepared inserts.
import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { BenchCall, BenchSuite } from './bench-kit';
import { BENCH_NOW, pairedRatios } from './bench-kit';
import { people, referralsWorkbook } from '../fixtures/imports/generate';
import { insertParticipants } from '../../db/features/imports/imports.repository';
import { newParticipant } from '../../db/features/imports/import-commit';
import type { Backend } from '../../db/backend/backend';

const ROWS = 50_000;

/** What is kept before an import (db/backend/backups.ts, backupBeforeBulkWrite), and what that
 * guarantees. */
const BACKUP_CHOICE =
  'Backup choice: a checked backup of the whole store before an import only when the store has none from the last ' +
  'hour (SQLite store; a team database relies on its server). Guarantee: every row the import writes can be put ' +
  'back by Undo (imports.undo, one transaction: created rows removed, changed fields restored, later edits kept ' +
  'and listed), and the whole store restored from a backup that passed integrity_check and is at most an hour ' +
  'older than the import; the import itself is one transaction (all or nothing).';

async function excelJsRead(bytes: Uint8Array): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  for await (const sheet of reader) for await (const _row of sheet) rows++;
  return rows;
}

async function waitJob<T>(backend: Backend, jobId: string): Promise<T> {
  const job = await backend.services.jobs.wait(jobId);
  if (job.state !== 'done') throw new Error(`${job.kind}: ${job.message}`);
  return job.result as T;
}

const profile = {
  name: 'bench',
  partner: 'Bench JCP',
  kind: 'participants',
  columns: {
    ni_number: 'NI Number',
    first_name: 'First name',
    last_name: 'Surname',
    date_of_birth: 'Date of birth',
    phone: 'Phone',
    postcode: 'Postcode',
    referral_date: 'Referral date',
  },
  defaults: { referral_source: 'jcp' },
};

export const suite: BenchSuite = {
  name: 'imports',
  async run(kit) {
    const persons = people(ROWS, 77);
    const bytes = await referralsWorkbook(persons);
    const note = `${ROWS.toLocaleString('en-GB')}-row workbook, ${(bytes.length / 1048576).toFixed(1)} MB`;
    /** Opens, previews and commits the workbook on `backend`; the time from imports.open to the commit job done. */
    async function importOnce(backend: Backend, call: BenchCall): Promise<{ ms: number; counts: string }> {
      const t0 = performance.now();
      const opened = await call('imports.open', { file: { fileName: 'bench.xlsx', bytes } });
      if (!opened.ok) throw new Error(opened.error.message);
      const upload = await waitJob<{ uploadId: string; sheets: Array<{ name: string }> }>(backend, opened.value.jobId);
      const previewed = await call('imports.preview', {
        uploadId: upload.uploadId,
        sheet: upload.sheets[0]!.name,
        profile,
      });
      if (!previewed.ok) throw new Error(previewed.error.message);
      const { previewId, counts: c } = await waitJob<{ previewId: string; counts: Record<string, number> }>(
        backend,
        previewed.value.jobId,
      );
      const committed = await call('imports.commit', { previewId });
      if (!committed.ok) throw new Error(committed.error.message);
      const result = await waitJob<{ created: number }>(backend, committed.value.jobId);
      return {
        ms: performance.now() - t0,
        counts: `new ${c.new}, review ${c.review}, created ${result.created}`,
      };
    }
    for (const size of kit.sizes) {
      // Paired: each run reads the file with ExcelJS alone, then imports it into a fresh copy of
      // the store with no backup (so the import takes one first), then into another fresh copy
      // whose checked backup was just taken (untimed: an import within the hour of the daily or
      // an earlier import's backup), so the machine's changing load hits all three alike.
      await excelJsRead(bytes); // warm-up
      const floor: number[] = [];
      const due: number[] = [];
      const recent: number[] = [];
      const backups: number[] = [];
      let counts = '';
      let backupMb = '';
      for (let run = 0; run < 3; run++) {
        let t0 = performance.now();
        if ((await excelJsRead(bytes)) !== ROWS + 1) throw new Error('ExcelJS read the wrong number of rows');
        floor.push(performance.now() - t0);
        {
          const { backend, call, file } = await kit.store(size);
          const imported = await importOnce(backend, call);
          due.push(imported.ms);
          counts = imported.counts;
          // The same kind of checked backup the commit took first, alone, on this store (now
          // holding the import): the share of the import the backup is.
          t0 = performance.now();
          const backup = await call('backup.create', {});
          if (!backup.ok) throw new Error(backup.error.message);
          backups.push(performance.now() - t0);
          backupMb = `${(fs.statSync(file).size / 1e6).toFixed(0)} MB store`;
          await backend.close();
        }
        {
          const { backend, call } = await kit.store(size);
          const backup = await call('backup.create', {});
          if (!backup.ok) throw new Error(backup.error.message);
          recent.push((await importOnce(backend, call)).ms);
          await backend.close();
        }
      }
      kit.record('ExcelJS streaming read alone (floor)', size, floor, `${note}; every row read, cells cached`);
      kit.record(
        'import 50,000 rows end to end, no backup from the last hour (open, preview, commit jobs)',
        size,
        due,
        `${note}; ${counts}; from imports.open to the commit job done, the checked backup it takes first included`,
      );
      kit.record(
        'import 50,000 rows end to end, a backup from the last hour (open, preview, commit jobs)',
        size,
        recent,
        `${note}; ${counts}; the store's checked backup taken just before, untimed, so the import takes none`,
      );
      kit.record(
        'checked backup alone, as taken before an import (backup.create)',
        size,
        backups,
        `${backupMb}; quick_check, VACUUM INTO a temporary name, integrity_check, rename, key companion, rotation`,
      );
      kit.record(
        'import end to end / ExcelJS read floor (paired)',
        size,
        pairedRatios(recent, floor),
        `target <= 3x; an import within the hour of a backup. ${BACKUP_CHOICE}`,
        'x',
      );
      kit.record(
        'import end to end, taking its backup / ExcelJS read floor (paired)',
        size,
        pairedRatios(due, floor),
        'the first import after an hour without a backup',
        'x',
      );

      // Bulk insert of the same 50,000 new people: the repository (Kysely, multi-row statements
      // returning each id) against its floor, the driver running the same multi-row statement
      // shape prepared once (no query builder, nothing returned). Both fire the search index's
      // per-row triggers (neither defers them, as an import's commit does).
      const rows = persons.map((p, i) =>
        newParticipant(
          {
            first_name: p.first,
            last_name: p.last,
            date_of_birth: p.dob,
            ni_number: p.ni ?? undefined,
            phone: p.phone,
            postcode: p.postcode,
            referral_date: p.referred,
          },
          `SW-B${String(i).padStart(6, '0')}`,
          BENCH_NOW,
          null,
        ),
      );
      const repo: number[] = [];
      const raw: number[] = [];
      // The columns with a value in some row, as the repository writes (the rest take their default).
      const columns = Object.keys(rows[0]!).filter((k) =>
        rows.some((r) => (r as Record<string, unknown>)[k] !== null && (r as Record<string, unknown>)[k] !== undefined),
      );
      const per = Math.max(1, Math.floor(32_000 / columns.length));
      for (let run = 0; run < 3; run++) {
        const a = await kit.store(size);
        let t0 = performance.now();
        await a.backend.store.db.transaction().execute((tx) => insertParticipants(tx, rows));
        repo.push(performance.now() - t0);
        await a.backend.close();
        const b = await kit.store(size);
        const tuple = `(${columns.map(() => '?').join(', ')})`;
        const statementFor = (n: number) =>
          b.backend.store.sqlite.prepare(
            `insert into participants (${columns.join(', ')}) values ${Array(n).fill(tuple).join(', ')}`,
          );
        const full = statementFor(per);
        const tail = rows.length % per ? statementFor(rows.length % per) : full;
        t0 = performance.now();
        b.backend.store.sqlite.transaction(() => {
          for (let i = 0; i < rows.length; i += per) {
            const part = rows.slice(i, i + per);
            const values = part.flatMap((r) => columns.map((k) => (r as Record<string, unknown>)[k] ?? null));
            (part.length === per ? full : tail).run(...values);
          }
        })();
        raw.push(performance.now() - t0);
        await b.backend.close();
      }
      const r1 = kit.record('bulk insert 50,000 via imports repository', size, repo);
      const r2 = kit.record(
        'bulk insert 50,000, the same multi-row statements prepared once (floor)',
        size,
        raw,
        `${per} rows a statement, through the driver alone`,
      );
      kit.record(
        'bulk insert repository / its floor (medians)',
        size,
        [r1.medianMs / r2.medianMs],
        'target <= 2x; what Kysely and returning each id add',
        'x',
      );
    }
  },
};
