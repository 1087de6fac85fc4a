// Imports at scale: a 50,000-row partner workbook imported end to end (open, check, match every
// row against the store, preview, commit as one transaction) beside the time ExcelJS's
// streaming reader alone takes to read the same file (the floor); and the bulk insert of the
// same new people through the imports repository beside raw better-sqlite3 prepared inserts.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { BenchSuite } from './bench-kit';
import { BENCH_NOW } from './bench-kit';
import { people, referralsWorkbook } from '../fixtures/imports/generate';
import { insertParticipants } from '../../db/features/imports/imports.repository';
import { newParticipant } from '../../db/features/imports/import-commit';
import type { Backend } from '../../db/backend/backend';

const ROWS = 50_000;

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
    for (const size of kit.sizes) {
      const floor = await kit.measure(
        'ExcelJS streaming read alone (floor)',
        size,
        async () => {
          if ((await excelJsRead(bytes)) !== ROWS + 1) throw new Error('ExcelJS read the wrong number of rows');
        },
        { runs: 3, note },
      );

      const samples: number[] = [];
      let counts = '';
      for (let run = 0; run < 3; run++) {
        const { backend, call } = await kit.store(size);
        const t0 = performance.now();
        const opened = await call('imports.open', { file: { fileName: 'bench.xlsx', bytes } });
        if (!opened.ok) throw new Error(opened.error.message);
        const upload = await waitJob<{ uploadId: string; sheets: Array<{ name: string }> }>(
          backend,
          opened.value.jobId,
        );
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
        samples.push(performance.now() - t0);
        counts = `new ${c.new}, review ${c.review}, created ${result.created}`;
        await backend.close();
      }
      const end = kit.record(
        'import 50,000 rows end to end (open, preview, commit jobs)',
        size,
        samples,
        `${note}; ${counts}; from imports.open to the commit job done`,
      );
      kit.record(
        'import end to end / ExcelJS floor (medians)',
        size,
        [end.medianMs / floor.medianMs],
        `target <= 3x; target end to end < 15 s: ${end.medianMs < 15_000 ? 'met' : 'missed'}`,
        'x',
      );

      // Bulk insert of the same 50,000 new people: repository (Kysely multi-row) vs raw prepared.
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
      for (let run = 0; run < 3; run++) {
        const a = await kit.store(size);
        let t0 = performance.now();
        await a.backend.store.db.transaction().execute((tx) => insertParticipants(tx, rows));
        repo.push(performance.now() - t0);
        await a.backend.close();
        const b = await kit.store(size);
        const columns = Object.keys(rows[0]!);
        const insert = b.backend.store.sqlite.prepare(
          `insert into participants (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        t0 = performance.now();
        b.backend.store.sqlite.transaction(() => {
          for (const r of rows) insert.run(...columns.map((k) => (r as Record<string, unknown>)[k] ?? null));
        })();
        raw.push(performance.now() - t0);
        await b.backend.close();
      }
      const r1 = kit.record('bulk insert 50,000 via imports repository', size, repo);
      const r2 = kit.record('bulk insert 50,000 raw prepared (floor)', size, raw);
      kit.record(
        'bulk insert repository / raw prepared (medians)',
        size,
        [r1.medianMs / r2.medianMs],
        'target <= 2x',
        'x',
      );
    }
  },
};
