// Hostile workbook XML (issue 13): a row numbered past Excel's limit, 2 MB of tags never
// closed, an unclosed shared-string table and a huge column letter each end within seconds
// with a clear message (they built 4 million rows or rescanned for minutes before); rows are
// stored sparsely; the read worker's deadline and heap limit stop a file without stopping the
// backend; and random damage to a real sheet's XML always ends in a table or a typed refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createTestBackend, type TestBackend } from '../support/backend';
import * as fx from '../fixtures/imports/generate';
import { openRefusal } from './imports-support';
import { openImportSource } from '../../db/features/imports/import-source';
import { readImportFile } from '../../db/features/imports/import-read';
import { readInWorker } from '../../db/features/imports/import-read.host';
import { ImportFileError, importLimits } from '../../db/features/imports/file-guard';
import { tableOf } from '../../shared/domain/import-sheet';
import { setLogSink } from '../../db/backend/log';

let t: TestBackend;
beforeAll(async () => {
  setLogSink(() => {});
  t = await createTestBackend();
});
afterAll(async () => t.close());

/** Generous: each of these takes well under 2 s; the bound only proves there is no hang. */
const NO_HANG_MS = 10_000;

const hostile: Array<[string, () => Uint8Array, RegExp]> = [
  [
    'row index.xlsx',
    fx.rowIndexBomb,
    /"row index\.xlsx" is damaged: row 4000000 on sheet "S" is beyond Excel's last row \(1,048,576\)/,
  ],
  [
    'unclosed rows.xlsx',
    fx.unclosedRowsSheet,
    /"unclosed rows\.xlsx" is damaged: sheet "S" cannot be read \(tags are left open/,
  ],
  ['unclosed cells.xlsx', fx.unclosedCellsSheet, /"unclosed cells\.xlsx" is damaged: sheet "S" cannot be read/],
  [
    'unclosed strings.xlsx',
    fx.unclosedSharedStrings,
    /"unclosed strings\.xlsx" is damaged: its table of text values cannot be read/,
  ],
  [
    'column letter.xlsx',
    fx.hugeColumnLetter,
    /"column letter\.xlsx" is damaged: cell ZZZZZZZZZZZZ1 on sheet "S" is beyond Excel's last column \(XFD\)/,
  ],
];

describe('hostile workbook XML', () => {
  for (const [name, make, message] of hostile) {
    it(`${name}: the open job fails quickly with a clear message and the backend carries on`, async () => {
      const started = Date.now();
      expect(await openRefusal(t, name, make())).toMatch(message);
      expect(Date.now() - started).toBeLessThan(NO_HANG_MS);
      expect((await t.call('imports.profiles', {})).ok).toBe(true);
    });
  }

  const sheet = (rows: string) => fx.xmlWorkbook(`<worksheet><sheetData>${rows}</sheetData></worksheet>`);
  const cell = (ref: string, v: string) => `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`;

  it('stores far-apart rows sparsely: the last row Excel allows costs no empty rows before it', async () => {
    const source = await openImportSource(
      'far.xlsx',
      sheet(
        `<row r="1">${cell('A1', 'Name')}${cell('B1', 'Town')}</row>` +
          `<row r="1048576">${cell('A1048576', 'Ada')}${cell('B1048576', 'Stevenage')}</row>`,
      ),
    );
    const grid = source.readSheet('S');
    expect(grid.rows.length).toBe(1_048_576);
    expect(Object.keys(grid.rows)).toEqual(['0', '1048575']);
    const table = tableOf(grid);
    expect(table.rows).toEqual([{ rowNumber: 1_048_576, cells: ['Ada', 'Stevenage'] }]);
  });

  it('refuses rows that go backwards, a column past XFD and values spread over too large a grid', async () => {
    await expect(
      openImportSource('back.xlsx', sheet(`<row r="5">${cell('A5', 'x')}</row><row r="3">${cell('A3', 'y')}</row>`)),
    ).rejects.toThrow(/"back\.xlsx" is damaged: row 3 \(after row 5\) on sheet "S" is out of order/);
    await expect(openImportSource('xfe.xlsx', sheet(`<row r="1">${cell('XFE1', 'x')}</row>`))).rejects.toThrow(
      /cell XFE1 on sheet "S" is beyond Excel's last column \(XFD\)/,
    );
    await expect(
      openImportSource(
        'spread.xlsx',
        sheet(`<row r="1">${cell('XFD1', 'x')}</row><row r="2000">${cell('A2000', 'y')}</row>`),
      ),
    ).rejects.toThrow(
      /"spread\.xlsx" is too large to read safely: sheet "S" has values spread over more than 20,000,000 cells/,
    );
  });

  it('stops a read past its deadline or its heap limit with a typed error', async () => {
    const book = await fx.referralsWorkbook(fx.people(20_000));
    const slow = readInWorker(book, 'slow.xlsx', 'xlsx', { timeoutMs: 20 });
    await expect(slow).rejects.toBeInstanceOf(ImportFileError);
    await expect(slow).rejects.toThrow(/^This file took too long to read: "slow\.xlsx" was still being read after/);
    const big = readInWorker(book, 'big.xlsx', 'xlsx', { memoryMb: 8 });
    await expect(big).rejects.toBeInstanceOf(ImportFileError);
    await expect(big).rejects.toThrow(/^"big\.xlsx" is too large to read safely/);
    // The same file reads with the normal limits: the failures above were the limits at work.
    expect((await readInWorker(book, 'ok.xlsx', 'xlsx')).sheets[0]!.grid.rows.length).toBe(20_001);
  });
});

describe('random damage to a real sheet', () => {
  const SNIPPETS = [
    '<',
    '>',
    '"',
    '</row>',
    '</c>',
    '<row r="99999999">',
    '<row r="2">',
    '<c r="XFE1">',
    '<c r="A1"><v>',
    '<si>',
    '&#xFFFFFFFF;',
    '&bogus;',
    '&',
    '<!--',
    '<![CDATA[',
    '<!DOCTYPE x [<!ENTITY a "b">]>',
    '_x0000_',
    '<mergeCell ref="A1:XFD1048576"/>',
  ];
  /** One change to an XML text: cut it short, delete a stretch, repeat one, or insert a snippet. */
  const damage = fc.oneof(
    fc.nat().map((at) => (xml: string) => xml.slice(0, at % xml.length)),
    fc.tuple(fc.nat(), fc.nat({ max: 400 })).map(([at, n]) => (xml: string) => {
      const i = at % xml.length;
      return xml.slice(0, i) + xml.slice(i + n);
    }),
    fc.tuple(fc.nat(), fc.nat({ max: 400 })).map(([at, n]) => (xml: string) => {
      const i = at % xml.length;
      return xml.slice(0, i + n) + xml.slice(i);
    }),
    fc.tuple(fc.nat(), fc.constantFrom(...SNIPPETS)).map(([at, s]) => (xml: string) => {
      const i = at % xml.length;
      return xml.slice(0, i) + s + xml.slice(i);
    }),
  );

  let parts: Record<string, Uint8Array>;
  beforeAll(async () => {
    parts = unzipSync(await fx.messyReferralsWorkbook());
  });
  const damaged = (changes: Array<(xml: string) => string>, part: string) => {
    let xml = strFromU8(parts[part]!);
    for (const change of changes) xml = change(xml);
    return zipSync({ ...parts, [part]: strToU8(xml) }, { level: 0 });
  };
  const partName = fc.constantFrom(
    'xl/worksheets/sheet2.xml',
    'xl/sharedStrings.xml',
    'xl/styles.xml',
    'xl/workbook.xml',
  );

  it('always ends in a table or a typed refusal (the worker code, run directly)', () => {
    fc.assert(
      fc.property(fc.array(damage, { minLength: 1, maxLength: 4 }), partName, (changes, part) => {
        const bytes = damaged(changes, part);
        try {
          for (const s of readImportFile(bytes, 'damaged.xlsx', 'xlsx', importLimits).sheets) tableOf(s.grid);
        } catch (error) {
          if (!(error instanceof ImportFileError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('always ends in a table or a typed refusal through the worker', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(damage, { minLength: 1, maxLength: 4 }), partName, async (changes, part) => {
        try {
          const source = await openImportSource('damaged.xlsx', damaged(changes, part));
          for (const s of source.sheets) tableOf(source.readSheet(s.name));
        } catch (error) {
          if (!(error instanceof ImportFileError)) throw error;
        }
      }),
      { numRuns: 15 },
    );
  });
});
