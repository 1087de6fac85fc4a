// Row types of the geography reference data (migration 0130): each file an administrator loaded
// (a version), and its rows: postcodes, deprivation by LSOA, area names.
import type { Generated, Selectable } from 'kysely';

export type LookupStatus = 'loading' | 'current' | 'replaced' | 'failed';

export interface GeoLookupVersionsTable {
  id: Generated<number>;
  kind: 'postcodes' | 'deprivation' | 'names';
  /** NSPL, ONSPD, IoD2019, IoD2025, or a names file's geography (WD24, LAD24). */
  format: string;
  file_name: string;
  /** The edition's date (ISO), as the file's name or the administrator gave it. */
  file_date: string;
  file_sha256: string | null;
  /** The LSOA boundaries the rows use: '2011' or '2021' (deprivation files). */
  lsoa_vintage: string | null;
  row_count: Generated<number>;
  status: LookupStatus;
  loaded_at: string;
  loaded_by: number | null;
  message: string | null;
}

export interface GeoPostcodesTable {
  version_id: number;
  /** As ONS writes it (pcds): upper case, one space. */
  postcode: string;
  la_code: string | null;
  ward_code: string | null;
  lsoa11: string | null;
  lsoa21: string | null;
  /** "YYYY-MM" when the postcode stopped being used. */
  terminated: string | null;
}

export interface GeoDeprivationTable {
  version_id: number;
  lsoa_code: string;
  imd_rank: number;
  imd_decile: number;
}

export interface GeoAreaNamesTable {
  version_id: number;
  code: string;
  name: string;
}

export interface GeographyTables {
  geo_lookup_versions: GeoLookupVersionsTable;
  geo_postcodes: GeoPostcodesTable;
  geo_deprivation: GeoDeprivationTable;
  geo_area_names: GeoAreaNamesTable;
}

export type LookupVersionRow = Selectable<GeoLookupVersionsTable>;
