// Writes xlsx workbooks safely, with ExcelJS's streaming writer into memory (no temporary file
// holds personal data): identifiers stay text, dates are real dates, numbers are numbers, and
// text is written as a string cell, exactly as held. Formula injection (OWASP "CSV injection")
// does not reach an xlsx string cell: Excel, LibreOffice and Sheets evaluate only a cell written
// as a formula (<f>), never a string, so "+44 7700 900123" or "=HYPERLINK(...)" are shown as typed,
// with no apostrophe added (test/integration/xlsx-formula-guard.test.ts reads the XML and a second
// reader). CSV has no cell types: a spreadsheet evaluates any field starting = + - @ tab or CR, so
// OWASP's guard (a leading apostrophe) would be needed there; the app therefore writes no CSV, and
// a CSV export added later must apply that guard. Header rows are frozen and filterable. ExcelJS is
// barely maintained, so every workbook the app writes goes through this one module.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';

/** A row as ExcelJS holds it: its style is a plain property the writer reads (the types omit it). */
type StyledRow = ExcelJS.Row & { style: Partial<ExcelJS.Style> };

export type CellType = 'text' | 'date' | 'number' | 'integer' | 'boolean' | 'percent';

export interface XlsxColumn<Row> {
  header: string;
  type: CellType;
  width?: number;
  value(row: Row): RawCell;
}

/** A value as a column gives it, before the writer types it for its cell. */
export type RawCell = string | number | boolean | null | undefined;

/** A sheet without its rows and with columns as data only (what a worker thread can be sent). */
export type XlsxSheetSpec = Omit<XlsxSheet<unknown>, 'rows' | 'written' | 'columns'> & {
  columns: Array<Omit<XlsxColumn<unknown>, 'value'>>;
};

export interface XlsxSheet<Row> {
  name: string;
  columns: XlsxColumn<Row>[];
  rows: Iterable<Row> | AsyncIterable<Row>;
  /** Lines above the header (a title, the period, "Produced by …"). */
  preamble?: string[];
  landscape?: boolean;
  /** Told how many rows were written (the sheet's rows may be a stream counted only as written). */
  written?: (rows: number) => void;
}

function toExcelDate(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

/** `dates`: each ISO date's cell value, made once (an export of 190,000 rows repeats a few
 * thousand dates; ExcelJS only reads the Date). */
function cellValue(type: CellType, raw: RawCell, dates: Map<string, Date | string>): ExcelJS.CellValue {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (type) {
    case 'text':
      return String(raw); // a string cell: shown as held, never evaluated
    case 'date': {
      if (typeof raw !== 'string') return null;
      let date = dates.get(raw);
      if (date === undefined) dates.set(raw, (date = toExcelDate(raw)));
      return date;
    }
    case 'number':
    case 'integer':
    case 'percent': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      return Number.isFinite(n) ? n : String(raw);
    }
    case 'boolean':
      return raw === true || raw === 'yes' || raw === 1 ? 'Yes' : 'No';
  }
}

export async function writeXlsx(
  sheets: XlsxSheet<unknown>[],
  meta: { creator?: string; title?: string } = {},
): Promise<Uint8Array<ArrayBuffer>> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = meta.creator ?? 'Worksbook';
  workbook.title = meta.title ?? '';
  // No machine time in the workbook: the same data gives the same sheets and properties (ExcelJS
  // stamps the time of writing as the modified date unless it is given one). The zip's entry
  // dates are the archiver's, the time of writing: ExcelJS gives no way to set them.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  workbook.lastModifiedBy = workbook.creator;
  const dates = new Map<string, Date | string>();

  for (const sheet of sheets) {
    const preamble = sheet.preamble ?? [];
    const headerRow = preamble.length + (preamble.length ? 2 : 1);
    const ws = workbook.addWorksheet(sheet.name.slice(0, 31), {
      views: [{ state: 'frozen', ySplit: headerRow }],
      pageSetup: {
        orientation: sheet.landscape ? 'landscape' : 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        paperSize: 9,
        printTitlesRow: `${headerRow}:${headerRow}`,
      },
    });
    ws.columns = sheet.columns.map((c) => ({
      width: c.width ?? Math.max(10, Math.min(40, c.header.length + 2)),
      style:
        c.type === 'date'
          ? { numFmt: 'dd/mm/yyyy' }
          : c.type === 'text'
            ? { numFmt: '@' }
            : c.type === 'integer'
              ? { numFmt: '0' }
              : c.type === 'percent'
                ? { numFmt: '0.0%' }
                : {},
    }));
    for (const line of preamble) {
      const r = ws.addRow([line]);
      r.font = { bold: r.number === 1, size: r.number === 1 ? 14 : 11 };
      r.commit();
    }
    if (preamble.length) ws.addRow([]).commit();
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
      cell.numFmt = 'General';
    });
    header.commit();
    // One style object per column (its number format), one for every row: ExcelJS finds a
    // cell's style id by the style object's identity, and otherwise gives each new cell and row
    // a fresh copy that it renders to XML to look up, which was half the writer's time. An empty
    // value is left out of the row (no cell), which reads back the same as an empty cell.
    const columnStyles = sheet.columns.map((_c, i) => ws.getColumn(i + 1).style);
    const rowStyle = {};
    let count = 0;
    // Arrays and other sync iterables are walked without an await per row (tens of thousands of
    // microtasks add up); async sources (database cursors) are awaited as they stream.
    const writeRow = (row: unknown) => {
      // Every index is set (undefined included), so ExcelJS reads the array as starting at column 1.
      const values: ExcelJS.CellValue[] = [];
      for (const column of sheet.columns) values.push(cellValue(column.type, column.value(row), dates) ?? undefined);
      const r = ws.addRow(values);
      (r as StyledRow).style = rowStyle;
      for (let i = 0; i < columnStyles.length; i++) {
        const cell = r.findCell(i + 1);
        if (cell) cell.style = columnStyles[i]!;
      }
      r.commit();
      count++;
    };
    if (Symbol.iterator in (sheet.rows as object)) for (const row of sheet.rows as Iterable<unknown>) writeRow(row);
    else for await (const row of sheet.rows as AsyncIterable<unknown>) writeRow(row);
    if (sheet.columns.length)
      ws.autoFilter = {
        from: { row: headerRow, column: 1 },
        to: { row: headerRow + count, column: sheet.columns.length },
      };
    ws.commit();
    sheet.written?.(count);
  }
  await workbook.commit();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}
