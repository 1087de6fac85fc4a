// Exports the current view of a grid (its search, filters, sort and preset) as an xlsx workbook
// through the safe writer, and records the export in the audit log in the caller's transaction.
import type { GridQuery } from '../../../shared/contract/common';
import type { FileOutput } from '../../../shared/contract/common';
import type { Tx } from '../../store/schema';
import type { XlsxColumn } from '../export/xlsx-writer';
import { xlsxWriterFor } from '../export/xlsx-worker-host';
import { appendAudit } from '../audit/audit.repository';
import type { Actor } from '../participants/participants.service';

function describeView(query: GridQuery): string {
  const parts: string[] = [];
  if (query.preset) parts.push(`preset ${query.preset}`);
  if (query.search) parts.push('quick search');
  const filtered = Object.keys(query.filters);
  if (filtered.length) parts.push(`filters on ${filtered.join(', ')}`);
  if (query.sort.length) parts.push(`sorted by ${query.sort.map((s) => `${s.colId} ${s.sort}`).join(', ')}`);
  return parts.length ? parts.join('; ') : 'all rows';
}

export interface ViewExport<Row> {
  entity: string;
  title: string;
  fileStem: string;
  query: GridQuery;
  columns: XlsxColumn<Row>[];
  rows: Iterable<Row> | AsyncIterable<Row>;
}

/** Writes and audits the view in the caller's transaction (the export channels). */
export async function exportView<Row>(tx: Tx, actor: Actor, options: ViewExport<Row>): Promise<FileOutput> {
  const file = await writeView(actor, options);
  await auditViewExport(tx, actor, options, file.rows ?? 0);
  return file;
}

/** The workbook of the view, without the audit (an export job writes it outside any transaction,
 * reading in chunks, and audits it once the file is complete); `total`: the rows it will hold, so
 * that a large view's workbook is built in a worker thread while they are read (xlsx-worker-host.ts). */
export async function writeView<Row>(actor: Actor, options: ViewExport<Row>, total = 0): Promise<FileOutput> {
  let count = 0;
  const today = actor.today;
  const bytes = await xlsxWriterFor(total)(
    [
      {
        name: options.title,
        columns: options.columns,
        rows: options.rows,
        written: (rows) => (count = rows),
        preamble: [
          `${options.title} – Stevenage Works`,
          `View: ${describeView(options.query)}`,
          `Exported ${today.split('-').reverse().join('/')}`,
        ],
        landscape: true,
      },
    ],
    { title: options.title },
  );
  return {
    fileName: `${options.fileStem}-${today}.xlsx`,
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: bytes as Uint8Array<ArrayBuffer>,
    rows: count,
  }; // writeXlsx's bytes sit on a plain ArrayBuffer
}

/** Records the export of `count` rows of the view in the audit log. */
export async function auditViewExport(
  tx: Tx,
  actor: Actor,
  options: Pick<ViewExport<unknown>, 'entity' | 'title' | 'query'>,
  count: number,
): Promise<void> {
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'export',
    entity: options.entity,
    summary: `${options.title} exported (${count} rows; ${describeView(options.query)})`,
    after: {
      rows: count,
      search: options.query.search ? '(quick search)' : '',
      preset: options.query.preset ?? null,
      filters: Object.keys(options.query.filters),
      sort: options.query.sort,
    },
  });
}
