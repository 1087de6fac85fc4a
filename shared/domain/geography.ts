// Where people live, as the ONS files councils hold describe it: the postcode directory (NSPL or
// ONSPD: one row per postcode with its local authority, ward and LSOA), the English Indices of
// Deprivation by LSOA (rank and decile; IoD 2019 on 2011 LSOAs, IoD 2025 on 2021 LSOAs) and the
// ONS names files. Pure: which file a header row is, what a postcode's resolution means to the
// person entering it, the geography levels counting rules filter on, and "local" (a setting: a
// set of local authority codes).
import { z } from 'zod';

export const LOCAL_AREAS_SETTING_KEY = 'geography.localAuthorities';
/** Stevenage Borough Council. DOMAIN.md marks the code unverified, so it is only the default of an
 * editable setting. */
export const DEFAULT_LOCAL_AUTHORITIES = ['E07000243'] as const;

/** A GSS code: a country letter and eight digits (E07000243, E05012345, E01000001). */
export const GSS_CODE = /^[A-Z]\d{8}$/;

export function normaliseLocalAuthorities(list: readonly string[]): string[] {
  const out = [...new Set(list.map((c) => c.trim().toUpperCase()).filter((c) => GSS_CODE.test(c)))];
  return out.length ? out : [...DEFAULT_LOCAL_AUTHORITIES];
}

// ── Geography levels: what a counting rule, a breakdown or another area can filter on ──────────

export const geographyLevels = ['local', 'local_authority', 'ward', 'lsoa', 'imd_decile', 'postcode_district'] as const;
export type GeographyLevel = (typeof geographyLevels)[number];

export const geographyLevelLabels: Record<GeographyLevel, string> = {
  local: 'Local area',
  local_authority: 'Local authority',
  ward: 'Ward',
  lsoa: 'Neighbourhood (LSOA)',
  imd_decile: 'Deprivation decile (IMD)',
  postcode_district: 'Postcode district',
};

const districtCode = /^[A-Z]{1,2}\d[A-Z\d]?$/;

/** An area filter: people living in any of `codes` at `level` ('local' takes no codes: it means
 * the local authorities set in Settings). */
export const areaFilterSchema = z
  .object({
    level: z.enum(geographyLevels),
    codes: z.array(z.string().trim().toUpperCase().max(12)).max(100).default([]),
  })
  .strict()
  .superRefine((f, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['codes'], message });
    if (f.level === 'local') {
      if (f.codes.length) bad('The local area is set in Settings → Geography; leave the codes empty');
      return;
    }
    if (!f.codes.length) return bad(`Enter at least one ${geographyLevelLabels[f.level].toLowerCase()}`);
    if (f.level === 'imd_decile' && f.codes.some((c) => !/^(10|[1-9])$/.test(c)))
      bad('Deciles are whole numbers from 1 (most deprived) to 10');
    if (f.level === 'postcode_district' && f.codes.some((c) => !districtCode.test(c)))
      bad('Use postcode districts such as SG1');
    if (['local_authority', 'ward', 'lsoa'].includes(f.level) && f.codes.some((c) => !GSS_CODE.test(c)))
      bad('Use ONS codes such as E07000243');
  });
export type AreaFilter = z.infer<typeof areaFilterSchema>;

const listOf = (items: string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;

/** "living in the local area", "living in IMD decile 1 or 2 (1 = most deprived)". */
export function describeArea(
  filter: AreaFilter,
  label: (level: GeographyLevel, code: string) => string = (_l, c) => c,
) {
  if (filter.level === 'local') return 'living in the local area';
  const names = filter.codes.map((c) => label(filter.level, c));
  switch (filter.level) {
    case 'imd_decile':
      return `living in IMD decile ${listOf(names)} (1 = most deprived)`;
    case 'local_authority':
      return `living in ${listOf(names)}`;
    case 'ward':
      return `living in ${filter.codes.length === 1 ? 'the ward' : 'the wards'} ${listOf(names)}`;
    case 'lsoa':
      return `living in the neighbourhood${filter.codes.length === 1 ? '' : 's'} ${listOf(names)}`;
    case 'postcode_district':
      return `living in ${listOf(names)}`;
  }
}

export function decileLabel(decile: number | null | undefined): string {
  if (decile == null) return 'Not known';
  if (decile === 1) return '1 (most deprived 10%)';
  if (decile === 10) return '10 (least deprived 10%)';
  return String(decile);
}

// ── What a postcode resolved to ─────────────────────────────────────────────────────────────────

export const geoStatuses = [
  'resolved',
  'terminated',
  'not_found',
  'no_lookup',
  'no_postcode',
  'no_fixed_abode',
] as const;
export type GeoStatus = (typeof geoStatuses)[number];

export const geoStatusLabels: Record<GeoStatus, string> = {
  resolved: 'Found in the postcode directory',
  terminated: 'Postcode no longer in use',
  not_found: 'Postcode not in the postcode directory',
  no_lookup: 'No postcode directory loaded',
  no_postcode: 'No postcode',
  no_fixed_abode: 'No fixed abode',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2019-06" → "June 2019". */
export function formatYearMonth(ym: string | null | undefined): string {
  if (!ym) return '';
  const m = /^(\d{4})-(\d{2})/.exec(ym);
  return m ? `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : ym;
}

/** The warning a form or an import shows for a postcode, or null when there is nothing to say. */
export function postcodeWarning(r: {
  status: GeoStatus;
  postcode: string | null;
  terminatedOn?: string | null;
  lookupLabel?: string | null;
}): string | null {
  const pc = r.postcode ?? '';
  if (r.status === 'terminated')
    return `Postcode ${pc} stopped being used${r.terminatedOn ? ` in ${formatYearMonth(r.terminatedOn)}` : ''}: check the address`;
  if (r.status === 'not_found')
    return `Postcode ${pc} is not in the postcode directory${r.lookupLabel ? ` (${r.lookupLabel})` : ''}: check it`;
  return null;
}

// ── The files: which one a header row is ───────────────────────────────────────────────────────

export type LookupKind = 'postcodes' | 'deprivation' | 'names';

export const lookupKindLabels: Record<LookupKind, string> = {
  postcodes: 'Postcode directory',
  deprivation: 'Indices of Deprivation',
  names: 'Area names',
};

export interface PostcodeColumns {
  postcode: number;
  terminated: number;
  la: number;
  ward: number;
  lsoa11: number | null;
  lsoa21: number | null;
}

export type DetectedFile =
  | { kind: 'postcodes'; format: 'NSPL' | 'ONSPD'; columns: PostcodeColumns }
  | {
      kind: 'deprivation';
      format: 'IoD2019' | 'IoD2025';
      vintage: '2011' | '2021';
      columns: { lsoa: number; rank: number; decile: number };
    }
  | { kind: 'names'; format: string; columns: { code: number; name: number } }
  | { kind: 'unknown'; message: string };

const POSTCODE_NEEDS = 'pcds, doterm, laua (or oslaua), ward (or osward) and lsoa11 or lsoa21';

/** Which ONS file a header row belongs to, with the position of each column it needs. */
export function detectLookupFile(header: readonly string[], fileName = 'The file'): DetectedFile {
  const h = header.map((c) =>
    c
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const at = (...names: string[]) => {
    for (const n of names) {
      const i = h.indexOf(n);
      if (i >= 0) return i;
    }
    return -1;
  };
  const found = h.filter(Boolean).slice(0, 12).join(', ') + (h.length > 12 ? ', …' : '');

  // Postcode directory: NSPL (ward, laua) or ONSPD (osward, oslaua)
  const pcds = at('pcds');
  if (pcds >= 0) {
    const terminated = at('doterm');
    const la = at('laua', 'oslaua', 'lad');
    const ward = at('ward', 'osward');
    const lsoa11 = at('lsoa11');
    const lsoa21 = at('lsoa21');
    const missing = [
      terminated < 0 && 'doterm (the date a postcode stopped being used)',
      la < 0 && 'laua or oslaua (the local authority)',
      ward < 0 && 'ward or osward (the electoral ward)',
      lsoa11 < 0 && lsoa21 < 0 && 'lsoa11 or lsoa21 (the neighbourhood)',
    ].filter((m): m is string => typeof m === 'string');
    if (missing.length)
      return {
        kind: 'unknown',
        message: `${fileName} looks like a postcode directory but has no column ${missing.join(', no column ')}. It needs ${POSTCODE_NEEDS}.`,
      };
    return {
      kind: 'postcodes',
      format: h.includes('osward') ? 'ONSPD' : 'NSPL',
      columns: {
        postcode: pcds,
        terminated,
        la,
        ward,
        lsoa11: lsoa11 >= 0 ? lsoa11 : null,
        lsoa21: lsoa21 >= 0 ? lsoa21 : null,
      },
    };
  }

  // English Indices of Deprivation, by LSOA
  const lsoaAt = h.findIndex((c) => /^lsoa code \((2011|2021)\)$/.test(c));
  if (lsoaAt >= 0) {
    const vintage = h[lsoaAt]!.includes('2021') ? '2021' : '2011';
    const rank = h.findIndex((c) => /^index of multiple deprivation \(imd\) rank/.test(c));
    const decile = h.findIndex((c) => /^index of multiple deprivation \(imd\) decile/.test(c));
    if (rank < 0 || decile < 0)
      return {
        kind: 'unknown',
        message:
          `${fileName} has LSOA codes but no "Index of Multiple Deprivation (IMD) ${rank < 0 ? 'Rank' : 'Decile'}" column. ` +
          'Load the file of the Indices of Deprivation that gives the IMD rank and decile of each LSOA.',
      };
    return {
      kind: 'deprivation',
      format: vintage === '2021' ? 'IoD2025' : 'IoD2019',
      vintage,
      columns: { lsoa: lsoaAt, rank, decile },
    };
  }

  // An ONS names and codes file: WD24CD, WD24NM (the Welsh name column is ignored)
  const codeAt = h.findIndex((c) => /^[a-z]+\d{2}cd$/.test(c));
  if (codeAt >= 0) {
    const prefix = h[codeAt]!.slice(0, -2);
    const name = h.indexOf(`${prefix}nm`);
    if (name >= 0) return { kind: 'names', format: prefix.toUpperCase(), columns: { code: codeAt, name } };
  }

  return {
    kind: 'unknown',
    message:
      `${fileName} is not a file Worksbook knows. A postcode directory (NSPL or ONSPD) needs the columns ${POSTCODE_NEEDS}; ` +
      'an Indices of Deprivation file needs "LSOA code (2011)" or "LSOA code (2021)" with the IMD rank and decile; ' +
      `a names file needs a code and a name column such as WD24CD and WD24NM. This one has: ${found || 'no header row'}.`,
  };
}

/** NSPL's doterm ("202106", or "2021-06") → "2021-06"; empty when the postcode is live. */
export function parseTerminated(raw: string | undefined): string | null {
  const t = (raw ?? '').trim();
  const m = /^(\d{4})-?(\d{2})$/.exec(t);
  return m ? `${m[1]}-${m[2]}` : null;
}

const MONTH_CODES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** The edition date a file's name gives (ONS names its files "NSPL21_FEB_2025_UK.csv"; the IoD
 * editions were published on 26/09/2019 and 30/10/2025), or null. */
export function guessFileDate(fileName: string): string | null {
  const name = fileName.toUpperCase();
  const month = /(?:^|[^A-Z])(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[_\s-]?((?:19|20)\d{2})(?!\d)/.exec(
    name,
  );
  if (month) return `${month[2]}-${String(MONTH_CODES.indexOf(month[1]!) + 1).padStart(2, '0')}-01`;
  if (/(IOD|IMD)[_\s-]?2019/.test(name)) return '2019-09-26';
  if (/(IOD|IMD)[_\s-]?2025/.test(name)) return '2025-10-30';
  const iso = /((?:19|20)\d{2})[-_](0[1-9]|1[0-2])(?:[-_](0[1-9]|[12]\d|3[01]))?/.exec(name);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3] ?? '01'}`;
  return null;
}
