// Hostile and malformed files: each is refused with a typed, clear message (never a crash, a
// hang or an "internal" error): at once when the cheap checks catch it, else by the open job
// that reads the file in a worker. Random damage to a real workbook or CSV produces either a
// table or such a refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestBackend, type TestBackend } from '../support/backend';
import * as fx from '../fixtures/imports/generate';
import { screenImportFile } from '../../db/features/imports/import-source';
import { readImportFile } from '../../db/features/imports/import-read';
import { ImportFileError, importLimits } from '../../db/features/imports/file-guard';
import { tableOf } from '../../shared/domain/import-sheet';
import { setLogSink } from '../../db/backend/log';
import { openRefusal } from './imports-support';

let t: TestBackend;
beforeAll(async () => {
  setLogSink(() => {});
  t = await createTestBackend();
});
afterAll(async () => t.close());

const corpus: Array<[string, () => Uint8Array | Promise<Uint8Array>, RegExp]> = [
  ['zip bomb.xlsx', fx.zipBomb, /compressed \d+ times over.*zip bomb/],
  ['lying sizes.xlsx', fx.lyingZip, /expands to more than it declares/],
  ['many entries.xlsx', fx.manyEntriesZip, /holds 1,5\d\d files inside/],
  ['protected.xlsx', fx.encryptedWorkbook, /protected with a password/],
  ['old.xlsx', fx.legacyXls, /old-style Excel 97-2003 \(\.xls\) workbook renamed \.xlsx/],
  ['report.xlsx', fx.pdfFile, /is a PDF/],
  ['letter.xlsx', fx.wordDocument, /is a Word document, not an Excel workbook/],
  ['junk.csv', fx.binaryJunk, /not a spreadsheet/],
  ['cut short.xlsx', fx.truncatedXlsx, /damaged/],
  ['empty.csv', () => new Uint8Array(), /is empty/],
  ['huge.csv', () => new Uint8Array(importLimits.maxFileBytes + 1).fill(0x41), /files up to 25 MB/],
];

describe('refusing hostile files', () => {
  for (const [name, make, message] of corpus) {
    it(`refuses ${name} with a clear message`, async () => {
      expect(await openRefusal(t, name, await make())).toMatch(message);
    });
  }

  it('never crashes on damaged workbooks and CSV: a table or a typed refusal', async () => {
    const xlsx = await fx.messyReferralsWorkbook();
    const csv = fx.win1252Csv();
    fc.assert(
      fc.property(
        fc.constantFrom(xlsx, csv),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 }),
        fc.option(fc.nat()),
        (base, flips, cut) => {
          const bytes = new Uint8Array(base);
          for (const [at, v] of flips) bytes[at % bytes.length] = v;
          const damaged = cut === null ? bytes : bytes.subarray(0, cut % bytes.length);
          try {
            // The same code the read worker runs, called directly: 300 workers would be slow.
            const file = screenImportFile('damaged.xlsx', damaged);
            for (const s of readImportFile(damaged, file.fileName, file.kind, importLimits).sheets) tableOf(s.grid);
          } catch (error) {
            if (!(error instanceof ImportFileError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
