// A workbook read back by a second reader, openpyxl (Debian's python3-openpyxl), not the ExcelJS
// that wrote it: what a funder's or a partner's spreadsheet program would find in the file.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const READ = `
import datetime, json, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
def value(v):
    return v.isoformat()[:10] if isinstance(v, (datetime.date, datetime.datetime)) else v
print(json.dumps({"active": wb.active.title,
                  "sheets": {ws.title: [[value(c.value) for c in r] for r in ws.iter_rows()] for ws in wb.worksheets}}))
`;

export interface WorkbookRead {
  /** The sheet the workbook opens on. */
  active: string;
  /** Each sheet's cells by row, in the workbook's order: a date as 'YYYY-MM-DD', an empty cell null. */
  sheets: Record<string, unknown[][]>;
}

/** Reads a workbook file, or the bytes of one (written to `dir` first). */
export function readWithOpenpyxl(file: string): WorkbookRead;
export function readWithOpenpyxl(bytes: Uint8Array, dir: string): WorkbookRead;
export function readWithOpenpyxl(source: string | Uint8Array, dir?: string): WorkbookRead {
  let file = source as string;
  if (typeof source !== 'string') {
    file = path.join(dir!, `read-back-${process.pid}-${Date.now()}.xlsx`);
    fs.writeFileSync(file, source);
  }
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', READ, file]).toString()) as WorkbookRead;
}

/** The rows of the sheet a workbook opens on. */
export function activeSheetRows(source: Uint8Array, dir: string): unknown[][] {
  const read = readWithOpenpyxl(source, dir);
  return read.sheets[read.active]!;
}
