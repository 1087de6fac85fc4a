// Typed parsing of partner values: Excel serials in both date systems (with the 1900 leap-year
// quirk), day-first text dates, ambiguous columns, identifiers kept as text — under several
// time zones, because date code that works only in London is broken.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cellText,
  excelSerialToIso,
  isoToExcelSerial,
  judgeDateColumn,
  mapValue,
  parseDateCell,
  parseDateText,
  parseNiCell,
  parsePhoneCell,
} from '../../shared/domain/import-values';

const isoDate = fc
  .date({ min: new Date(Date.UTC(1900, 2, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const zones = ['Europe/London', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata', 'UTC'];

describe.each(zones)('dates in TZ=%s', (zone) => {
  it('Excel serials: the 1900 quirk, the 1904 system, and round trips', () => {
    process.env.TZ = zone;
    expect(excelSerialToIso(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(excelSerialToIso(59)).toEqual({ ok: true, value: '1900-02-28' });
    expect(excelSerialToIso(60).ok).toBe(false);
    expect(excelSerialToIso(60)).toMatchObject({ reason: expect.stringContaining('29/02/1900') });
    expect(excelSerialToIso(61)).toEqual({ ok: true, value: '1900-03-01' });
    expect(excelSerialToIso(45000.75)).toEqual({ ok: true, value: '2023-03-15' });
    expect(excelSerialToIso(0, true)).toEqual({ ok: true, value: '1904-01-01' });
    fc.assert(
      fc.property(isoDate, (iso) => {
        expect(excelSerialToIso(isoToExcelSerial(iso))).toEqual({ ok: true, value: iso });
        if (iso >= '1904-01-01') {
          expect(excelSerialToIso(isoToExcelSerial(iso, true), true)).toEqual({ ok: true, value: iso });
          expect(isoToExcelSerial(iso) - isoToExcelSerial(iso, true)).toBe(1462);
        }
      }),
    );
  });

  it('text dates read day-first (or month-first when told), in every common form', () => {
    process.env.TZ = zone;
    fc.assert(
      fc.property(isoDate, fc.constantFrom('/', '-', '.'), (iso, sep) => {
        const [y, m, d] = iso.split('-');
        expect(parseDateText(`${d}${sep}${m}${sep}${y}`)).toEqual({ ok: true, value: iso });
        expect(parseDateText(`${Number(d)}${sep}${Number(m)}${sep}${y}`)).toEqual({ ok: true, value: iso });
        expect(parseDateText(`${m}${sep}${d}${sep}${y}`, 'mdy')).toEqual({ ok: true, value: iso });
        expect(parseDateText(iso)).toEqual({ ok: true, value: iso });
        expect(parseDateText(`${iso}T00:00:00`)).toEqual({ ok: true, value: iso });
      }),
    );
    expect(parseDateText('5 Mar 2024')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDateText('5-Mar-24')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDateText('March 5, 2024')).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDateText('05/03/85')).toEqual({ ok: true, value: '1985-03-05' });
    expect(parseDateText('31/02/2024').ok).toBe(false);
    expect(parseDateText('13/13/2024').ok).toBe(false);
    expect(parseDateText('soon').ok).toBe(false);
    expect(parseDateCell({ serial: 60 }, 'dmy', false).ok).toBe(false);
    expect(parseDateCell(33000, 'dmy', false)).toEqual({ ok: true, value: '1990-05-07' });
    expect(parseDateCell(42, 'dmy', false).ok).toBe(false);
  });
});

describe('date columns', () => {
  it('flags a column whose every date could be read either way', () => {
    expect(judgeDateColumn(['01/02/1990', '03/04/1985', '11/12/1979'])).toMatchObject({ ambiguous: true });
    expect(judgeDateColumn(['01/02/1990', '23/04/1985'])).toMatchObject({ ambiguous: false, suggested: 'dmy' });
    expect(judgeDateColumn(['01/02/1990', '04/23/1985'])).toMatchObject({ ambiguous: false, suggested: 'mdy' });
    expect(judgeDateColumn([{ serial: 33000 }, '1990-01-02'])).toMatchObject({ ambiguous: false, numericForms: 0 });
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 12 }),
            fc.integer({ min: 1, max: 12 }),
            fc.integer({ min: 1950, max: 2030 }),
          ),
          { minLength: 1 },
        ),
        (dates) => {
          expect(judgeDateColumn(dates.map(([a, b, y]) => `${a}/${b}/${y}`)).ambiguous).toBe(true);
        },
      ),
    );
  });
});

describe('identifiers stay text', () => {
  it('keeps phone numbers exactly as written, and restores a zero Excel dropped', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^0\d{4} ?\d{6}$/), (phone) => {
        expect(parsePhoneCell(phone)).toEqual({ ok: true, value: phone });
      }),
    );
    expect(parsePhoneCell(7700900123)).toMatchObject({
      ok: true,
      value: '07700900123',
      warning: expect.stringContaining('leading 0'),
    });
    expect(cellText(1234567890123456)).toBe('1234567890123456');
    expect(cellText(0.1 + 0.2)).toBe('0.3');
  });

  it('normalises NI numbers with spaces and refuses impossible ones', () => {
    expect(parseNiCell(' ab 12 34 56 c ')).toEqual({ ok: true, value: 'AB123456C' });
    expect(parseNiCell('QQ 12 34 56 C').ok).toBe(false);
    expect(parseNiCell('AB 12 34 56 E').ok).toBe(false);
  });

  it('maps partner words through the profile, then the built-in words', () => {
    expect(mapValue('Y', undefined, true)).toBe('yes');
    expect(mapValue('✓', undefined, true)).toBe('yes');
    expect(mapValue(' Achieved ', undefined, true)).toBe('passed');
    expect(mapValue('Started work', { 'started WORK': 'job_start' }, true)).toBe('job_start');
    expect(mapValue('Something', undefined, true)).toBe('Something');
  });
});
