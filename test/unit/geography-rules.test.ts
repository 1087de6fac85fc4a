// Geography rules without a store: which ONS file a header row is (and the message for a wrong
// one), NSPL's termination dates, the edition date in a file's name, the area filter a counting
// rule carries, and the labour-market status checked against time out of work.
import { describe, expect, it } from 'vitest';
import {
  areaFilterSchema,
  describeArea,
  detectLookupFile,
  guessFileDate,
  normaliseLocalAuthorities,
  parseTerminated,
  postcodeWarning,
} from '../../shared/domain/geography';
import { labourMarketProblem, longTermThreshold } from '../../shared/domain/labour-market';
import { syntheticGeographyFiles } from '../../db/demo/geography.synthetic';

const headerOf = (name: string) => syntheticGeographyFiles()[name]!.split('\r\n')[0]!.split(',');

describe('which file a header row is', () => {
  it('NSPL: pcds, doterm, laua, ward, lsoa21', () => {
    const d = detectLookupFile(headerOf('NSPL21_FEB_2025_UK_synthetic.csv'));
    expect(d).toMatchObject({
      kind: 'postcodes',
      format: 'NSPL',
      columns: { postcode: 2, terminated: 4, lsoa11: null },
    });
  });
  it('ONSPD: oslaua and osward, both LSOA vintages', () => {
    const d = detectLookupFile(headerOf('ONSPD_NOV_2024_UK_synthetic.csv'));
    expect(d.kind === 'postcodes' && d.format).toBe('ONSPD');
    expect(d.kind === 'postcodes' && d.columns.lsoa11 !== null && d.columns.lsoa21 !== null).toBe(true);
  });
  it('the Indices of Deprivation: 2019 on 2011 LSOAs, 2025 on 2021 LSOAs', () => {
    expect(detectLookupFile(headerOf('IoD2019_File_1_IMD_synthetic.csv'))).toMatchObject({
      kind: 'deprivation',
      format: 'IoD2019',
      vintage: '2011',
      columns: { lsoa: 0, rank: 4, decile: 5 },
    });
    expect(detectLookupFile(headerOf('IoD2025_File_1_IMD_synthetic.csv'))).toMatchObject({
      format: 'IoD2025',
      vintage: '2021',
    });
    // The long headers of the published CSV files
    expect(
      detectLookupFile([
        'LSOA code (2011)',
        'LSOA name (2011)',
        'Index of Multiple Deprivation (IMD) Score',
        'Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)',
        'Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs)',
      ]),
    ).toMatchObject({ kind: 'deprivation', columns: { lsoa: 0, rank: 3, decile: 4 } });
  });
  it('names files by their code and name columns', () =>
    expect(detectLookupFile(headerOf('WD24_names_MAY_2024_synthetic.csv'))).toMatchObject({
      kind: 'names',
      format: 'WD24',
      columns: { code: 0, name: 1 },
    }));
  it('a postcode file missing a column says which', () => {
    const d = detectLookupFile(['pcds', 'doterm', 'laua', 'lsoa21'], '"cut.csv"');
    expect(d).toMatchObject({ kind: 'unknown' });
    expect(d.kind === 'unknown' && d.message).toBe(
      '"cut.csv" looks like a postcode directory but has no column ward or osward (the electoral ward). ' +
        'It needs pcds, doterm, laua (or oslaua), ward (or osward) and lsoa11 or lsoa21.',
    );
  });
  it('any other file is refused with what it needs and what it has', () => {
    const d = detectLookupFile(['Name', 'Postcode', 'NI number'], '"people.csv"');
    expect(d.kind === 'unknown' && d.message).toMatch(/^"people.csv" is not a file Worksbook knows\./);
    expect(d.kind === 'unknown' && d.message).toMatch(/This one has: name, postcode, ni number\.$/);
    expect(detectLookupFile(['LSOA code (2021)', 'LSOA name (2021)']).kind).toBe('unknown');
  });
});

describe('small readings', () => {
  it('doterm as a year and month', () => {
    expect(parseTerminated('201906')).toBe('2019-06');
    expect(parseTerminated('')).toBeNull();
    expect(parseTerminated(undefined)).toBeNull();
  });
  it('the edition date from ONS file names', () => {
    expect(guessFileDate('NSPL21_FEB_2025_UK.csv')).toBe('2025-02-01');
    expect(guessFileDate('ONSPD_NOV_2024_UK.csv')).toBe('2024-11-01');
    expect(guessFileDate('File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv')).toBe('2019-09-26');
    expect(guessFileDate('IoD2025_File_1.csv')).toBe('2025-10-30');
    expect(guessFileDate('postcodes.csv')).toBeNull();
  });
  it('local authorities: GSS codes only, Stevenage when none is left', () => {
    expect(normaliseLocalAuthorities([' e07000099 ', 'E07000099', 'SG1'])).toEqual(['E07000099']);
    expect(normaliseLocalAuthorities([])).toEqual(['E07000243']);
  });
  it('warnings for postcodes no longer in use or not in the directory', () => {
    expect(postcodeWarning({ status: 'terminated', postcode: 'SG1 1KM', terminatedOn: '2019-06' })).toBe(
      'Postcode SG1 1KM stopped being used in June 2019: check the address',
    );
    expect(postcodeWarning({ status: 'not_found', postcode: 'SG1 9VV', lookupLabel: 'NSPL, February 2025' })).toBe(
      'Postcode SG1 9VV is not in the postcode directory (NSPL, February 2025): check it',
    );
    expect(postcodeWarning({ status: 'resolved', postcode: 'SG1 1CC' })).toBeNull();
  });
});

describe('area filters', () => {
  it('reads as a sentence', () => {
    expect(describeArea({ level: 'local', codes: [] })).toBe('living in the local area');
    expect(describeArea({ level: 'imd_decile', codes: ['1', '2'] })).toBe(
      'living in IMD decile 1 or 2 (1 = most deprived)',
    );
    expect(describeArea({ level: 'ward', codes: ['E05900001'] }, (_l, c) => (c === 'E05900001' ? 'Bedwell' : c))).toBe(
      'living in the ward Bedwell',
    );
  });
  it('checks codes by level', () => {
    expect(areaFilterSchema.safeParse({ level: 'imd_decile', codes: ['11'] }).success).toBe(false);
    expect(areaFilterSchema.safeParse({ level: 'ward', codes: ['Bedwell'] }).success).toBe(false);
    expect(areaFilterSchema.safeParse({ level: 'local', codes: ['E07000243'] }).success).toBe(false);
    expect(areaFilterSchema.parse({ level: 'ward', codes: ['e05900001'] })).toEqual({
      level: 'ward',
      codes: ['E05900001'],
    });
  });
});

describe('labour-market status against time out of work', () => {
  const entry = '2026-01-10';
  const under25 = '2005-01-01';
  const over25 = '1990-01-01';
  const rows: Array<[status: string, time: string, dob: string, suggested: string | null | 'ok']> = [
    ['unemployed', 'under_6_months', over25, 'ok'],
    ['unemployed', '6_to_12_months', over25, 'ok'],
    ['unemployed', '6_to_12_months', under25, 'long_term_unemployed'],
    ['unemployed', '12_to_24_months', over25, 'long_term_unemployed'],
    ['unemployed', 'over_24_months', over25, 'long_term_unemployed'],
    ['long_term_unemployed', 'under_6_months', under25, 'unemployed'],
    ['long_term_unemployed', '6_to_12_months', under25, 'ok'],
    ['long_term_unemployed', '6_to_12_months', over25, 'unemployed'],
    ['long_term_unemployed', '12_to_24_months', over25, 'ok'],
    ['long_term_unemployed', 'never_worked', over25, 'ok'],
    ['long_term_unemployed', 'in_work', over25, 'employed'],
    ['employed', 'in_work', over25, 'ok'],
    ['employed', '12_to_24_months', over25, null],
    ['inactive_not_in_education', 'over_24_months', over25, 'ok'],
    ['inactive_in_education', 'under_6_months', under25, 'ok'],
  ];
  for (const [status, time, dob, suggested] of rows)
    it(`${status} with ${time} (born ${dob}) → ${suggested}`, () => {
      const p = labourMarketProblem({ status, timeOutOfWork: time, dateOfBirth: dob, entryDate: entry });
      if (suggested === 'ok') expect(p).toBeNull();
      else expect(p).toMatchObject({ suggested });
    });
  it('says the rule in the prompt', () =>
    expect(
      labourMarketProblem({
        status: 'unemployed',
        timeOutOfWork: '6_to_12_months',
        dateOfBirth: under25,
        entryDate: entry,
      })?.message,
    ).toBe(
      'Out of work 6 to 12 months at 21 (under 25): long-term unemployed means out of work 6 months or more for people under 25. ' +
        'Choose "Long-term unemployed" or check the time out of work',
    ));
  it('12 months, or 6 under 25', () => {
    expect(longTermThreshold(24)).toBe(6);
    expect(longTermThreshold(25)).toBe(12);
    expect(longTermThreshold(null)).toBe(12);
  });
});

describe('the synthetic files', () => {
  it('in test/fixtures/geography are what the generator writes (the demo loads the same data)', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    for (const [name, text] of Object.entries(syntheticGeographyFiles()))
      expect(fs.readFileSync(path.join(import.meta.dirname, '..', 'fixtures', 'geography', name), 'utf8'), name).toBe(
        text,
      );
  });
  it('never use real postcodes: every unit has a letter Royal Mail does not use there', () => {
    const rows = syntheticGeographyFiles()['NSPL21_FEB_2025_UK_synthetic.csv']!.trim().split('\r\n').slice(1);
    for (const r of rows) expect(r.split(',')[2]).toMatch(/ \d[CIKMOV]{2}$/);
  });
});
