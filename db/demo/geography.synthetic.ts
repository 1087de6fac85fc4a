// A small, wholly synthetic geography in the ONS files' own formats, for the demo and the tests:
// postcodes of the demo's districts (SG1-SG5, LU2, AL1) with their local authority, ward and
// neighbourhood, deprivation deciles for IoD 2019 (2011 LSOAs) and IoD 2025 (2021 LSOAs), and
// names. Never real addresses: every postcode's unit letters come from C, K and M, which Royal
// Mail never uses there, and the ward and neighbourhood codes are made up (E05900…, E01800…,
// E01900…); the local authorities are the real ones around Stevenage. The files in
// test/fixtures/geography are this module's output (a test keeps them equal).
export interface SyntheticWard {
  code: string;
  name: string;
  la: string;
  /** IoD 2025 decile of its first neighbourhood; the others step from it. */
  decile: number;
}

export const syntheticAuthorities: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'E07000243', name: 'Stevenage' },
  { code: 'E07000099', name: 'North Hertfordshire' },
  { code: 'E07000242', name: 'East Hertfordshire' },
  { code: 'E06000032', name: 'Luton' },
  { code: 'E07000240', name: 'St Albans' },
];

const STEVENAGE = 'E07000243';
const NORTH_HERTS = 'E07000099';
const EAST_HERTS = 'E07000242';

const ward = (n: number, name: string, la: string, decile: number): SyntheticWard => ({
  code: `E059${String(n).padStart(5, '0')}`,
  name,
  la,
  decile,
});

export const syntheticWards: readonly SyntheticWard[] = [
  ward(1, 'Bedwell', STEVENAGE, 2),
  ward(2, 'Old Town', STEVENAGE, 8),
  ward(3, 'St Nicholas', STEVENAGE, 5),
  ward(4, 'Symonds Green', STEVENAGE, 6),
  ward(5, 'Martins Wood', STEVENAGE, 6),
  ward(6, 'Woodfield', STEVENAGE, 7),
  ward(7, 'Pin Green', STEVENAGE, 3),
  ward(8, 'Shephall', STEVENAGE, 2),
  ward(9, 'Bandley Hill and Poplars', STEVENAGE, 3),
  ward(10, 'Chells', STEVENAGE, 4),
  ward(11, 'Manor', STEVENAGE, 8),
  ward(12, 'Longmeadow', STEVENAGE, 5),
  ward(13, 'Roebuck', STEVENAGE, 4),
  ward(14, 'Wymondley', NORTH_HERTS, 9),
  ward(15, 'Knebworth', NORTH_HERTS, 10),
  ward(16, 'Hitchin Bearton', NORTH_HERTS, 5),
  ward(17, 'Hitchin Oughton', NORTH_HERTS, 4),
  ward(18, 'Walkern', EAST_HERTS, 9),
  ward(19, 'Datchworth and Aston', EAST_HERTS, 10),
  ward(20, 'Watton-at-Stone', EAST_HERTS, 9),
  ward(21, 'Wigmore', 'E06000032', 6),
  ward(22, 'Marshalswick East', 'E07000240', 10),
];

const byName = new Map(syntheticWards.map((w) => [w.name, w]));
const w = (name: string) => byName.get(name)!;

/** Which ward each sector (district + first digit of the inward code) lies in. */
const sectors: Record<string, SyntheticWard[]> = {
  // SG1 and SG2 are mostly Stevenage, but not only: villages of North and East Hertfordshire share them.
  SG1: [
    'Bedwell',
    'Bedwell',
    'Old Town',
    'St Nicholas',
    'Symonds Green',
    'Martins Wood',
    'Woodfield',
    'Pin Green',
    'Wymondley',
  ].map(w),
  SG2: [
    'Shephall',
    'Bandley Hill and Poplars',
    'Chells',
    'Manor',
    'Longmeadow',
    'Roebuck',
    'Chells',
    'Walkern',
    'Datchworth and Aston',
  ].map(w),
  SG3: [
    'Knebworth',
    'Knebworth',
    'Knebworth',
    'Knebworth',
    'Knebworth',
    'Watton-at-Stone',
    'Watton-at-Stone',
    'Watton-at-Stone',
    'Watton-at-Stone',
  ].map(w),
  SG4: Array.from({ length: 9 }, () => w('Hitchin Bearton')),
  SG5: Array.from({ length: 9 }, () => w('Hitchin Oughton')),
  LU2: Array.from({ length: 9 }, () => w('Wigmore')),
  AL1: Array.from({ length: 9 }, () => w('Marshalswick East')),
};

/** The letters of every synthetic postcode's unit: never used by Royal Mail in that position. */
export const UNIT_LETTERS = ['C', 'K', 'M'] as const;

export interface SyntheticPostcode {
  postcode: string;
  la: string;
  ward: string;
  lsoa11: string;
  lsoa21: string;
  /** "YYYYMM" as NSPL writes it, when no longer in use. */
  doterm: string;
  dointr: string;
}

export interface SyntheticLsoa {
  lsoa11: string;
  lsoa21: string;
  name: string;
  la: string;
  decile2019: number;
  decile2025: number;
}

const clamp = (d: number) => Math.min(10, Math.max(1, d));

/** Three neighbourhoods per ward (by the unit's first letter), deciles stepping from the ward's. */
export const syntheticLsoas: readonly SyntheticLsoa[] = syntheticWards.flatMap((wd, wi) =>
  [0, 1, 2].map((k) => {
    const n = wi * 3 + k + 1;
    const laName = syntheticAuthorities.find((a) => a.code === wd.la)!.name;
    const decile2025 = clamp(wd.decile + (k === 1 ? 1 : k === 2 ? -1 : 0));
    // IoD 2025 moved a few neighbourhoods a decile: the 2019 figure is one higher for every fifth.
    const decile2019 = n % 5 === 0 ? clamp(decile2025 + 1) : decile2025;
    return {
      lsoa11: `E018${String(n).padStart(5, '0')}`,
      lsoa21: `E019${String(n).padStart(5, '0')}`,
      name: `${laName} ${String(wi + 1).padStart(3, '0')}${'ABC'[k]}`,
      la: wd.la,
      decile2019,
      decile2025,
    };
  }),
);

/** Postcodes no longer in use, and when they stopped ("YYYYMM"). */
const terminated: Record<string, string> = {
  'SG1 1KM': '201906',
  'SG1 2MM': '202103',
  'SG2 8MK': '201711',
  'SG4 4MC': '202206',
};

export function syntheticPostcodes(): SyntheticPostcode[] {
  const out: SyntheticPostcode[] = [];
  for (const [district, wards] of Object.entries(sectors)) {
    for (let digit = 1; digit <= 9; digit++) {
      const wd = wards[digit - 1]!;
      const wi = syntheticWards.indexOf(wd);
      for (const [a, first] of UNIT_LETTERS.entries())
        for (const second of UNIT_LETTERS) {
          const postcode = `${district} ${digit}${first}${second}`;
          const lsoa = syntheticLsoas[wi * 3 + a]!;
          out.push({
            postcode,
            la: wd.la,
            ward: wd.code,
            lsoa11: lsoa.lsoa11,
            lsoa21: lsoa.lsoa21,
            doterm: terminated[postcode] ?? '',
            dointr: '198001',
          });
        }
    }
  }
  return out;
}

/** The demo's postcode for a participant from the draws it always made (a digit and two letter
 * picks), so the demo stays the same for a seed; letters index into the synthetic unit letters. */
export function demoPostcodeOf(district: string, digit: number, letterA: number, letterB: number): string {
  // One draw in four hundred gives a postcode the directory does not have (a typing slip).
  if (letterA === 0 && letterB === 0) return `${district} ${digit}VV`;
  return `${district} ${digit}${UNIT_LETTERS[letterA % 3]}${UNIT_LETTERS[letterB % 3]}`;
}

// ── The files, in the ONS formats ──────────────────────────────────────────────────────────────

const csv = (rows: ReadonlyArray<ReadonlyArray<string | number>>) =>
  rows
    .map((r) => r.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(','))
    .join('\r\n') + '\r\n';

const compact = (pc: string) => pc.replace(' ', '');
const pcd = (pc: string) => {
  const [out, inward] = pc.split(' ');
  return `${out!.padEnd(4, ' ')}${inward}`;
};

/** NSPL (2021 geography), as ONS publishes it: lsoa21 and no lsoa11. */
export function nsplCsv(): string {
  const header = [
    'pcd',
    'pcd2',
    'pcds',
    'dointr',
    'doterm',
    'usertype',
    'oseast1m',
    'osnrth1m',
    'osgrdind',
    'oa21',
    'cty',
    'ced',
    'laua',
    'ward',
    'nhser',
    'ctry',
    'rgn',
    'pcon',
    'ttwa',
    'itl',
    'npark',
    'lsoa21',
    'msoa21',
    'wz11',
    'sicbl',
    'bua22',
    'ruc21',
    'oac11',
    'lat',
    'long',
    'lep1',
    'lep2',
    'pfa',
    'imd',
    'icb',
  ];
  const lsoas = new Map(syntheticLsoas.map((l) => [l.lsoa21, l]));
  const rows = syntheticPostcodes().map((p, i) => [
    compact(p.postcode),
    pcd(p.postcode),
    p.postcode,
    p.dointr,
    p.doterm,
    0,
    520000 + i,
    225000 + i,
    1,
    `E009${String(i + 1).padStart(5, '0')}`,
    'E10000015',
    'E58000000',
    p.la,
    p.ward,
    'E40000003',
    'E92000001',
    'E12000006',
    'E14000000',
    'E30000000',
    'E06000000',
    'E99999999',
    p.lsoa21,
    'E02900000',
    'E33000000',
    'E38000000',
    'E63000000',
    'UN1',
    '1A1',
    '51.90',
    '-0.20',
    'E37000000',
    '',
    'E23000026',
    rankOf(lsoas.get(p.lsoa21)!, 'IoD2025'),
    'E54000000',
  ]);
  return csv([header, ...rows]);
}

/** ONSPD, as ONS publishes it: oslaua and osward, with both lsoa11 and lsoa21. */
export function onspdCsv(): string {
  const header = [
    'pcd',
    'pcd2',
    'pcds',
    'dointr',
    'doterm',
    'oscty',
    'ced',
    'oslaua',
    'osward',
    'parish',
    'usertype',
    'oseast1m',
    'osnrth1m',
    'osgrdind',
    'oshlthau',
    'nhser',
    'ctry',
    'rgn',
    'pcon',
    'ttwa',
    'itl',
    'park',
    'oa11',
    'lsoa11',
    'msoa11',
    'oa21',
    'lsoa21',
    'msoa21',
    'lat',
    'long',
    'imd',
  ];
  const lsoas = new Map(syntheticLsoas.map((l) => [l.lsoa11, l]));
  const rows = syntheticPostcodes().map((p, i) => [
    compact(p.postcode),
    pcd(p.postcode),
    p.postcode,
    p.dointr,
    p.doterm,
    'E10000015',
    'E58000000',
    p.la,
    p.ward,
    'E04000000',
    0,
    520000 + i,
    225000 + i,
    1,
    'E18000000',
    'E40000003',
    'E92000001',
    'E12000006',
    'E14000000',
    'E30000000',
    'E06000000',
    'E99999999',
    `E008${String(i + 1).padStart(5, '0')}`,
    p.lsoa11,
    'E02800000',
    `E009${String(i + 1).padStart(5, '0')}`,
    p.lsoa21,
    'E02900000',
    '51.90',
    '-0.20',
    rankOf(lsoas.get(p.lsoa11)!, 'IoD2019'),
  ]);
  return csv([header, ...rows]);
}

const LSOA_COUNT = { IoD2019: 32_844, IoD2025: 33_755 } as const;

/** A rank inside the decile (1 = most deprived), spread by the neighbourhood's number. */
export function rankOf(l: SyntheticLsoa, edition: 'IoD2019' | 'IoD2025'): number {
  const n = LSOA_COUNT[edition];
  const decile = edition === 'IoD2019' ? l.decile2019 : l.decile2025;
  const index = Number(l.lsoa21.slice(-5));
  return Math.floor(((decile - 1) * n) / 10) + 1 + ((index * 97) % Math.floor(n / 10));
}

/** The Indices of Deprivation file by LSOA ("File 1"), in the edition's own column names. */
export function iodCsv(edition: 'IoD2019' | 'IoD2025'): string {
  const year = edition === 'IoD2019' ? '2011' : '2021';
  const laYear = edition === 'IoD2019' ? '2019' : '2024';
  const header = [
    `LSOA code (${year})`,
    `LSOA name (${year})`,
    `Local Authority District code (${laYear})`,
    `Local Authority District name (${laYear})`,
    'Index of Multiple Deprivation (IMD) Rank',
    'Index of Multiple Deprivation (IMD) Decile',
  ];
  const rows = syntheticLsoas.map((l) => [
    edition === 'IoD2019' ? l.lsoa11 : l.lsoa21,
    l.name,
    l.la,
    syntheticAuthorities.find((a) => a.code === l.la)!.name,
    rankOf(l, edition),
    edition === 'IoD2019' ? l.decile2019 : l.decile2025,
  ]);
  return csv([header, ...rows]);
}

export function wardNamesCsv(): string {
  return csv([
    ['WD24CD', 'WD24NM', 'WD24NMW', 'LAD24CD', 'LAD24NM'],
    ...syntheticWards.map((wd) => [
      wd.code,
      wd.name,
      '',
      wd.la,
      syntheticAuthorities.find((a) => a.code === wd.la)!.name,
    ]),
  ]);
}

export function authorityNamesCsv(): string {
  return csv([['LAD24CD', 'LAD24NM', 'LAD24NMW'], ...syntheticAuthorities.map((a) => [a.code, a.name, ''])]);
}

/** The fixture files, by name (the names carry the edition's date, as ONS names its files). */
export function syntheticGeographyFiles(): Record<string, string> {
  return {
    'NSPL21_FEB_2025_UK_synthetic.csv': nsplCsv(),
    'ONSPD_NOV_2024_UK_synthetic.csv': onspdCsv(),
    'IoD2019_File_1_IMD_synthetic.csv': iodCsv('IoD2019'),
    'IoD2025_File_1_IMD_synthetic.csv': iodCsv('IoD2025'),
    'WD24_names_MAY_2024_synthetic.csv': wardNamesCsv(),
    'LAD24_names_MAY_2024_synthetic.csv': authorityNamesCsv(),
  };
}
