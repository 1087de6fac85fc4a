// Row types of the imports area's tables (migration 0050).
import type { Generated } from 'kysely';

export interface ImportProfilesTable {
  id: Generated<number>;
  name: string;
  partner: string;
  kind: string;
  profile_json: string;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export interface ImportBatchesTable {
  id: Generated<number>;
  kind: string;
  partner: string;
  file_name: string;
  file_sha256: string;
  sheet: string;
  profile_name: string | null;
  profile_json: string;
  rows_in_file: number;
  created_count: number;
  updated_count: number;
  unchanged_count: number;
  rejected_count: number;
  error_count: number;
  at: string;
  staff_id: number | null;
  undone_at: string | null;
  undone_by: number | null;
  undo_kept_json: string | null;
}

export interface ImportBatchRowsTable {
  id: Generated<number>;
  batch_id: number;
  row_number: number;
  action: 'created' | 'updated';
  entity: string;
  entity_id: number;
  participant_id: number | null;
  before_json: string | null;
  after_json: string;
}

export interface ImportTables {
  import_profiles: ImportProfilesTable;
  import_batches: ImportBatchesTable;
  import_batch_rows: ImportBatchRowsTable;
}
