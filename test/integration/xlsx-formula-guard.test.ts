// Text that a spreadsheet might take for a formula ("+44 7700 900123", "=HYPERLINK(...)", "@SUM",
// "-2+3") is written as a string cell, exactly as held: no apostrophe added (it showed in every
// export of an international phone number) and no formula either. Checked in the file's XML and
// by a second reader (openpyxl).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { writeXlsx } from '../../db/features/export/xlsx-writer';
import { tempDir } from '../support/backend';

const tricky = [
  '+44 7700 900123',
  '=HYPERLINK("http://evil.example","Click")',
  '@SUM(A1:A2)',
  '-2+3',
  '\t=1+1',
  'Plain',
];

async function workbook(): Promise<Uint8Array> {
  return writeXlsx([
    {
      name: 'Cells',
      preamble: ['=Title that looks like a formula'],
      columns: [
        { header: 'Text', type: 'text', value: (r: string) => r },
        { header: 'Number or text', type: 'number', value: (r: string) => r },
      ],
      rows: tricky,
    },
  ] as never);
}

describe('text that looks like a formula', () => {
  it('is a string cell holding the text unaltered, with no formula in the file', async () => {
    const bytes = await workbook();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const texts = tricky.map((_, i) => ws.getRow(i + 4).getCell(1));
    expect(texts.map((c) => c.value)).toEqual(tricky);
    for (const c of texts) expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(ws.getRow(1).getCell(1).value).toBe('=Title that looks like a formula');
    // Not a number: the same string cell.
    expect(tricky.map((_, i) => ws.getRow(i + 4).getCell(2).value)).toEqual(tricky);
  });

  it('reads back the same in openpyxl: strings, never formulas', async () => {
    const dir = tempDir('worksbook-xlsx-');
    try {
      const file = path.join(dir, 'cells.xlsx');
      fs.writeFileSync(file, await workbook());
      const script =
        'import json, sys, openpyxl\n' +
        'ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n' +
        'print(json.dumps([[c.value, c.data_type] for c in ws["A"]]))';
      const cells = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file]).toString()) as Array<
        [string | null, string]
      >;
      const data = cells.slice(3);
      expect(data.map(([v]) => v)).toEqual(tricky);
      expect(data.map(([, type]) => type)).toEqual(tricky.map(() => 's'));
      expect(cells.filter(([, type]) => type === 'f')).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
