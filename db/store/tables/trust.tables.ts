// Row types of the trust area's tables (migrations 0060, 0100, 0101).
import type { Generated, Selectable } from 'kysely';

export interface AuditKeysTable {
  participant_id: number;
  key: Buffer;
  created_at: string;
}

export interface StaffSetupCodesTable {
  id: Generated<number>;
  staff_id: number;
  code_hash: string;
  issued_by: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface AuditEpochsTable {
  id: Generated<number>;
  first_entry_id: number;
  chain: 'sha256' | 'hmac-sha256';
  reason: string;
  note: string | null;
  created_at: string;
}

export interface TrustTables {
  audit_keys: AuditKeysTable;
  staff_setup_codes: StaffSetupCodesTable;
  audit_epochs: AuditEpochsTable;
}

export type StaffSetupCodeRow = Selectable<StaffSetupCodesTable>;
