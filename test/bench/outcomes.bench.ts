// Placements & outcomes at scale, through the backend channels: the sustainment worklist, the
// outcomes and placements grids' first page of 100 with the total (plain, searched, with a
// preset and a sort), the candidates grid's quick search, contract progress, and exporting the
// whole outcomes view through the export job against bare ExcelJS streaming writing the same cells.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Backend } from '../../db/backend/backend';
import { pairedRatios, type BenchCall, type BenchKit, type BenchSuite } from './bench-kit';

async function must<T>(p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** A row as ExcelJS holds it: its style is a plain property the writer reads (the types omit it). */
type StyledRow = ExcelJS.Row & { style: Partial<ExcelJS.Style> };

interface FloorInput {
  /** Every cell of the workbook's first sheet, row by row (the floors write exactly these). */
  cells: ExcelJS.CellValue[][];
  /** Each column's width and number format, as the job's file has them. */
  columns: { width?: number; style: Partial<ExcelJS.Style> }[];
}

async function cellsOf(bytes: Uint8Array): Promise<FloorInput> {
  const workbook = new ExcelJS.Workbook();
  // A copy of just these bytes, as an ArrayBuffer (ExcelJS's types predate typed Buffers).
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const cells: ExcelJS.CellValue[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    cells.push((row.values as ExcelJS.CellValue[]).slice(1));
  });
  const columns = (sheet.columns ?? []).map((c) => ({
    ...(c.width ? { width: c.width } : {}),
    style: c.numFmt ? { numFmt: c.numFmt } : {},
  }));
  return { cells, columns };
}

/**
 * The floors: ExcelJS's streaming writer alone, into memory, writing the same cells. `styled`
 * adds what the product must also write for the file to read the same: each column's width and
 * number format (dates shown dd/mm/yyyy, text kept as text), given to each cell in the cheapest
 * way ExcelJS allows (the column's one style object). Without them (`styled` false) dates show
 * as day numbers, so that floor is lower than any correct export can be.
 */
async function bareExcelJsWrite({ cells, columns }: FloorInput, styled: boolean): Promise<number> {
  const sink = new PassThrough();
  let bytes = 0;
  sink.on('data', (c: Buffer) => (bytes += c.length));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: styled, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Outcomes');
  if (styled) {
    sheet.columns = columns;
    const styles = columns.map((_c, i) => sheet.getColumn(i + 1).style);
    const rowStyle = {};
    for (const values of cells) {
      const row = sheet.addRow(values);
      (row as StyledRow).style = rowStyle;
      for (let i = 0; i < styles.length; i++) {
        const cell = row.findCell(i + 1);
        if (cell) cell.style = styles[i]!;
      }
      row.commit();
    }
  } else for (const row of cells) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
  await done;
  return bytes;
}

/**
 * The export writer against its floor, paired (runs alternate, so the machine's load hits both):
 * the outcomes grid's export job as the window runs it (outcomes.export: rows read in chunks
 * of 2,000 outside any transaction, progress and Cancel every 500 rows, the app's xlsx writer,
 * the file written under a .partial name, renamed, audited; then jobs.exportFile hands it over)
 * against bare ExcelJS streaming writing the same cells (read back once from the job's file).
 */
async function exportAgainstFloor(kit: BenchKit, size: number, backend: Backend, call: BenchCall): Promise<void> {
  const job = async () => {
    const { jobId } = await must(call('outcomes.export', {}));
    const finished = await backend.services.jobs.wait(jobId);
    if (finished.state !== 'done') throw new Error(`export job ${finished.state}: ${finished.message}`);
    const file = await must(call('jobs.exportFile', { jobId }));
    if (!file.result) throw new Error('export job handed over no file');
    return file.result;
  };
  const first = await job(); // also the warm-up
  const input = await cellsOf(first.bytes);
  await bareExcelJsWrite(input, true);
  await bareExcelJsWrite(input, false);
  const ours: number[] = [];
  const styled: number[] = [];
  const bare: number[] = [];
  const runs = size >= 100_000 ? 3 : 5;
  for (let run = 0; run < runs; run++) {
    let t0 = performance.now();
    await job();
    ours.push(performance.now() - t0);
    t0 = performance.now();
    await bareExcelJsWrite(input, true);
    styled.push(performance.now() - t0);
    t0 = performance.now();
    await bareExcelJsWrite(input, false);
    bare.push(performance.now() - t0);
  }
  // reduce, not Math.max(...): 190,000 rows at 100,000 people overflow the call stack as arguments.
  const columns = input.cells.reduce((most, r) => Math.max(most, r.length), 0);
  const volume = `${(first.rows ?? 0).toLocaleString('en-GB')} rows x ${columns} columns, ${Math.round(first.bytes.length / 1024)} KB`;
  kit.record(
    'outcomes export job: every row to xlsx (outcomes.export to jobs.exportFile)',
    size,
    ours,
    `${volume}; reading the rows, progress, writing, file, audit and hand-over`,
  );
  kit.record(
    'outcomes export: same cells, ExcelJS streaming with the column formats (floor)',
    size,
    styled,
    `${volume}; the job's cells held in memory, each column's width and number format (UK dates, text as text); ` +
      'no header fill, frozen pane, filter or page setup (one row and a few bytes each, not per cell)',
  );
  kit.record(
    'outcomes export: same cells, bare ExcelJS streaming, no styles',
    size,
    bare,
    `${volume}; no widths or number formats, so dates read as day numbers: below what a correct export can be`,
  );
  kit.record(
    'outcomes export job / ExcelJS streaming floor with the column formats (paired)',
    size,
    pairedRatios(ours, styled),
    'target <= 1.5x; the job also reads the rows from the store, which the floor does not',
    'x',
  );
  kit.record(
    'outcomes export job / bare ExcelJS streaming, no styles (paired)',
    size,
    pairedRatios(ours, bare),
    'for comparison with earlier runs (the floor used until 6 Dec 2026)',
    'x',
  );
}

export const suite: BenchSuite = {
  name: 'outcomes',
  async run(kit) {
    for (const size of kit.sizes) {
      const { backend, call } = await kit.store(size);
      const counts = await backend.store.db
        .selectFrom('outcomes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const placements = await backend.store.db
        .selectFrom('placements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const worklist = await must(call('sustainment.worklist', {}));
      await kit.measure('sustainment worklist (due + overdue)', size, () => must(call('sustainment.worklist', {})), {
        runs: 10,
        note: `${worklist.total} checks open, ${Number(counts.n)} outcomes`,
      });
      await kit.measure('outcomes grid: first page', size, () => must(call('outcomes.page', { limit: 100 })), {
        runs: 10,
      });
      const smith = await must(call('outcomes.page', { limit: 100, search: 'smith' }));
      await kit.measure(
        'outcomes grid: quick search "smith"',
        size,
        () => must(call('outcomes.page', { limit: 100, search: 'smith' })),
        { runs: 10, note: `total ${smith.total}${smith.totalCapped ? '+ (capped)' : ''}` },
      );
      const smithAll = await must(call('outcomes.page', { limit: 100, search: 'smith', countAll: true }));
      await kit.measure(
        'outcomes grid: quick search "smith", exact total (Count all; before the cap)',
        size,
        () => must(call('outcomes.page', { limit: 100, search: 'smith', countAll: true })),
        { runs: 10, note: `total ${smithAll.total}` },
      );
      await kit.measure(
        'outcomes grid: preset unverified, sort by employer',
        size,
        () =>
          must(
            call('outcomes.page', { limit: 100, preset: 'unverified', sort: [{ colId: 'employerName', sort: 'asc' }] }),
          ),
        { runs: 10 },
      );
      await kit.measure(
        'outcomes grid: sustainment due this month',
        size,
        () => must(call('outcomes.page', { limit: 100, preset: 'sustainment_due_this_month' })),
        { runs: 10 },
      );
      await kit.measure('placements grid: first page', size, () => must(call('placements.page', { limit: 100 })), {
        runs: 10,
        note: `${Number(placements.n)} placements`,
      });
      await kit.measure(
        'placements grid: quick search "smith"',
        size,
        () => must(call('placements.page', { limit: 100, search: 'smith' })),
        { runs: 10 },
      );
      const candidates = await backend.store.db
        .selectFrom('vacancy_candidates')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const smithCandidates = await must(call('candidates.page', { limit: 100, search: 'smith' }));
      await kit.measure(
        'candidates grid: quick search "smith"',
        size,
        () => must(call('candidates.page', { limit: 100, search: 'smith' })),
        { runs: 10, note: `total ${smithCandidates.total} of ${Number(candidates.n)} candidates` },
      );
      await kit.measure('contract progress (all contracts)', size, () => must(call('contracts.list', {})), {
        runs: 10,
      });
      await exportAgainstFloor(kit, size, backend, call);
      await backend.close();
    }
  },
};
