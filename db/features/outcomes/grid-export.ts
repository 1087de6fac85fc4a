// Exports the current view of a grid (its search, filters, sort and preset) as an xlsx workbook
// through the safe writer, as an export job, and records the export in the audit log.
import type { FileOutput, GridQuery } from '../../../shared/contract/common';
import type { Tx } from '../../store/schema';
import type { XlsxColumn } from '../export/xlsx-writer';
import { xlsxWriterFor } from '../export/xlsx-worker-host';
import { plural } from '../../../shared/domain/labels';
import { appendAudit } from '../audit/audit.repository';
import type { ExportJobWork, RowTracker } from '../export/export-job';
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

interface ViewExport<Row> {
  entity: string;
  title: string;
  fileStem: string;
  query: GridQuery;
  columns: XlsxColumn<Row>[];
  rows: Iterable<Row> | AsyncIterable<Row>;
}

/** The view's query asking only for its count. */
export const countOnly = (query: GridQuery): GridQuery => ({ ...query, offset: 0, limit: 1, countAll: true });

/** A grid's view to export: its rows read in chunks as they are written. */
export interface GridExport<Row> extends Omit<ViewExport<Row>, 'rows'> {
  /** How many rows the view holds (for the bar); counting also refuses a column the grid lacks
   * before any job starts. */
  count(): Promise<number>;
  rows(): Iterable<Row> | AsyncIterable<Row>;
}

/** The export job of a grid's view (export-job.ts): counted first, then read in chunks while the
 * workbook is written, and audited once the file is complete. */
export async function gridExportJob<Row>(actor: Actor, view: GridExport<Row>): Promise<ExportJobWork<FileOutput>> {
  const total = await view.count();
  return {
    label: `Exporting ${view.title.toLowerCase()}`,
    total,
    write: (track) => writeGridView(actor, view, track, total),
    audit: (tx, file) => auditViewExport(tx, actor, view, file.rows ?? 0),
  };
}

/** The workbook of a grid's view, its rows passed through `track`, unaudited; `total`: the rows
 * it will hold, which picks the writer (a worker thread for a large view). */
export function writeGridView<Row>(actor: Actor, view: GridExport<Row>, track: RowTracker, total: number) {
  return writeView(actor, { ...view, rows: track(view.rows()) }, total);
}

/** The workbook of the view, without the audit (an export job writes it outside any transaction,
 * reading in chunks, and audits it once the file is complete); `total`: the rows it will hold, so
 * that a large view's workbook is built in a worker thread while they are read (xlsx-worker-host.ts). */
async function writeView<Row>(actor: Actor, options: ViewExport<Row>, total = 0): Promise<FileOutput> {
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
async function auditViewExport(
  tx: Tx,
  actor: Actor,
  options: Pick<ViewExport<unknown>, 'entity' | 'title' | 'query'>,
  count: number,
): Promise<void> {
  await appendAudit(tx, actor.now, actor.staffId, {
    action: 'export',
    entity: options.entity,
    summary: `${options.title} exported (${plural(count, 'row')}; ${describeView(options.query)})`,
    after: {
      rows: count,
      search: options.query.search ? '(quick search)' : '',
      preset: options.query.preset ?? null,
      filters: Object.keys(options.query.filters),
      sort: options.query.sort,
    },
  });
}
