// Row types of the foundation tables (migration 0001). `XRow` = what a select returns.
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface StaffTable {
  id: Generated<number>;
  display_name: string;
  email: string | null;
  role: 'viewer' | 'officer' | 'administrator';
  is_active: Generated<number>;
  password_hash: string | null;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  created_at: string;
  /** The team database login bound to this profile (migration 0255); null: none. */
  database_login: string | null;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: string;
}

export interface ReferenceItemsTable {
  id: Generated<number>;
  list: string;
  code: string;
  label: string;
  sort_order: Generated<number>;
  is_active: Generated<number>;
  extra_json: string | null;
}

export interface SavedViewsTable {
  id: Generated<number>;
  grid: string;
  name: string;
  staff_id: number | null;
  state_json: string;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  staff_id: number | null;
  action: string;
  entity: string;
  entity_id: string | null;
  participant_id: number | null;
  summary: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The audit entry's fields its hash covers, in the order they are hashed. The one list: the app's
 * hash (audit.repository.ts), the chain check (audit-verify.ts) and PostgreSQL's chaining trigger
 * (postgres/audit-chain.ts) all read it, so they cannot drift apart.
 */
export const AUDIT_HASHED_FIELDS = [
  'at',
  'staff_id',
  'action',
  'entity',
  'entity_id',
  'participant_id',
  'summary',
  'before_json',
  'after_json',
] as const satisfies readonly (keyof AuditLogTable)[];

export interface FoundationTables {
  staff: StaffTable;
  settings: SettingsTable;
  reference_items: ReferenceItemsTable;
  saved_views: SavedViewsTable;
  audit_log: AuditLogTable;
}

export type StaffRow = Selectable<StaffTable>;
export type NewStaff = Insertable<StaffTable>;
export type StaffUpdate = Updateable<StaffTable>;
