// Partner files are untrusted. Before any parser sees one, this module decides what it is from
// its bytes (never its name) and refuses hostile or unusable files with a clear message: size,
// zip entry count, inflated size and compression-ratio caps (zip bombs), password-protected
// workbooks, real .xls files renamed .xlsx, and things that are not spreadsheets at all.
import { Inflate } from 'fflate';
import { AppFailure } from '../../../shared/result';

export type ImportFileErrorCode =
  | 'empty'
  | 'too-large'
  | 'zip-entries'
  | 'zip-inflated'
  | 'zip-ratio'
  | 'zip-corrupt'
  | 'encrypted'
  | 'legacy-xls'
  | 'not-spreadsheet'
  | 'no-sheet'
  | 'bad-csv'
  | 'too-many-cells'
  | 'damaged'
  | 'sheet-limits'
  | 'too-slow';

/** A file refused with a reason the user can act on; a validation error at the boundary. */
export class ImportFileError extends AppFailure {
  constructor(
    readonly code: ImportFileErrorCode,
    message: string,
  ) {
    super('validation', message, [{ path: ['file'], message }]);
    this.name = 'ImportFileError';
  }
}

export const importLimits = {
  maxFileBytes: 25 * 1024 * 1024,
  maxZipEntries: 1_000,
  maxInflatedBytes: 250 * 1024 * 1024,
  /** Real sheets compress 5-30x; zip bombs 1,000x and more. Checked on entries over 1 MB. */
  maxCompressionRatio: 100,
  maxCells: 5_000_000,
  /**
   * (last row) x (widest row) of a sheet: what the rest of the import walks, holes included.
   * Four times maxCells leaves room for sparse real sheets and none for a far-flung stray cell.
   */
  maxGridCells: 20_000_000,
  /**
   * Reading runs in a worker (import-read.host.ts), stopped after this long or when its heap
   * passes readMemoryMb. A 22 MB workbook of 400,000 rows reads in 10-20 s and needs between
   * 128 and 256 MB; the limits are backstops well past any real file, not the caps above.
   */
  readTimeoutMs: 120_000,
  readMemoryMb: 1_024,
};

export type FileKind = 'xlsx' | 'csv';

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((v, i) => b[i] === v);
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const needle = Buffer.from(word, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle) >= 0;
}

/** What the file is, or a refusal. Cheap: looks only at the first bytes and the zip directory. */
export function sniffFile(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes.length === 0) throw new ImportFileError('empty', `"${fileName}" is empty.`);
  if (bytes.length > importLimits.maxFileBytes) {
    throw new ImportFileError(
      'too-large',
      `"${fileName}" is ${(bytes.length / 1048576).toFixed(1)} MB; files up to ${importLimits.maxFileBytes / 1048576} MB can be imported. ` +
        `Split it, or save only the sheet you need.`,
    );
  }
  if (startsWith(bytes, CFB)) {
    // An OLE compound file: a password-protected xlsx (EncryptedPackage), an old .xls, or a Word file.
    if (containsUtf16(bytes, 'EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) {
      throw new ImportFileError(
        'encrypted',
        `"${fileName}" is protected with a password. Open it in Excel, remove the password ` +
          `(File > Info > Protect Workbook > Encrypt with Password), save it and import it again.`,
      );
    }
    if (containsUtf16(bytes, 'Workbook') || containsUtf16(bytes, 'Book')) {
      throw new ImportFileError(
        'legacy-xls',
        `"${fileName}" is an old-style Excel 97-2003 (.xls) workbook${/\.xlsx$/i.test(fileName) ? ' renamed .xlsx' : ''}. ` +
          `Open it in Excel and save it as "Excel Workbook (.xlsx)" or CSV, then import that.`,
      );
    }
    throw new ImportFileError('not-spreadsheet', `"${fileName}" is an Office document but not a spreadsheet.`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'xlsx';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
    throw new ImportFileError(
      'not-spreadsheet',
      `"${fileName}" is a PDF, not a spreadsheet. Ask the partner for the Excel or CSV file.`,
    );
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) ||
    startsWith(bytes, [0xff, 0xd8, 0xff]) ||
    startsWith(bytes, [0x47, 0x49, 0x46])
  ) {
    throw new ImportFileError('not-spreadsheet', `"${fileName}" is a picture, not a spreadsheet.`);
  }
  const head = Buffer.from(bytes.subarray(0, 512))
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<html') || head.startsWith('<!doctype html') || head.startsWith('<table')) {
    throw new ImportFileError(
      'not-spreadsheet',
      `"${fileName}" is a web page saved with a spreadsheet name. Open it in Excel and save it as "Excel Workbook (.xlsx)".`,
    );
  }
  if (head.startsWith('<?xml'))
    throw new ImportFileError(
      'not-spreadsheet',
      `"${fileName}" is an XML file (perhaps "XML Spreadsheet 2003"). Open it in Excel and save it as "Excel Workbook (.xlsx)".`,
    );
  return 'csv';
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;

/**
 * Reads the zip's central directory (no inflating) and applies the caps. Sizes there can lie,
 * so `inflateEntry` checks again while inflating.
 */
export function readZipDirectory(bytes: Uint8Array, fileName: string): Map<string, ZipEntry> {
  const corrupt = () =>
    new ImportFileError(
      'zip-corrupt',
      `"${fileName}" is damaged or not a complete Excel workbook. Open it in Excel, save it again and import the saved copy.`,
    );
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt();
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff)
    throw new ImportFileError('too-large', `"${fileName}" is too large to import (a ZIP64 archive).`);
  if (count > importLimits.maxZipEntries) {
    throw new ImportFileError(
      'zip-entries',
      `"${fileName}" holds ${count.toLocaleString('en-GB')} files inside; a workbook has a few dozen. It was refused as unsafe.`,
    );
  }
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset,
    total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw corrupt();
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    const name = Buffer.from(bytes.subarray(p + 46, p + 46 + nameLen)).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1)
      throw new ImportFileError(
        'encrypted',
        `"${fileName}" is protected with a password. Remove the password in Excel, save it and import it again.`,
      );
    total += size;
    if (total > importLimits.maxInflatedBytes) {
      throw new ImportFileError(
        'zip-inflated',
        `"${fileName}" would expand to more than ${importLimits.maxInflatedBytes / 1048576} MB when opened. ` +
          `It was refused as unsafe (a "zip bomb"), or is too big to import.`,
      );
    }
    if (size > 1_048_576 && size / Math.max(1, compressedSize) > importLimits.maxCompressionRatio) {
      throw new ImportFileError(
        'zip-ratio',
        `"${fileName}" is compressed ${Math.round(size / Math.max(1, compressedSize))} times over, far beyond any real workbook. ` +
          `It was refused as unsafe (a "zip bomb").`,
      );
    }
    entries.set(name.replace(/^\/+/, ''), { name, method, compressedSize, size, localOffset });
  }
  return entries;
}

/** Inflates one entry in small steps, stopping the moment it grows past what it declared. */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, fileName: string): Uint8Array {
  const o = entry.localOffset;
  if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50)
    throw new ImportFileError('zip-corrupt', `"${fileName}" is damaged (${entry.name}).`);
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8)
    throw new ImportFileError('zip-corrupt', `"${fileName}" uses a compression Excel does not write.`);
  const limit = entry.size;
  const out = new Uint8Array(limit);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > limit) {
      throw new ImportFileError(
        'zip-inflated',
        `"${fileName}" expands to more than it declares. It was refused as unsafe (a "zip bomb").`,
      );
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  const step = 16 * 1024;
  try {
    for (let i = 0; i < data.length; i += step) inflater.push(data.subarray(i, i + step), i + step >= data.length);
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError('zip-corrupt', `"${fileName}" is damaged (${entry.name} cannot be read).`);
  }
  return written === limit ? out : out.subarray(0, written);
}
