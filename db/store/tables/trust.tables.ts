// Row types of the trust area's tables (migration 0060).

export interface AuditKeysTable {
  participant_id: number;
  key: Buffer;
  created_at: string;
}

export interface TrustTables {
  audit_keys: AuditKeysTable;
}
