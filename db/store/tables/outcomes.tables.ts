// Row types of contracts, placements, outcomes and evidence (migration 0004 and the area's 003x).
import type { Generated, Selectable } from 'kysely';

export interface SocialValueContractsTable {
  id: Generated<number>;
  name: string;
  reference: string | null;
  contractor_org_id: number | null;
  starts_on: string | null;
  ends_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  /** 0190: 'contract' (a council contract's social-value clauses) or 's106' (a planning obligation). */
  kind: Generated<string>;
  planning_reference: string | null;
  planning_clause: string | null;
}

/** 0190: a contract's trigger dates (commencement, first occupation, ...). */
export interface ContractTriggersTable {
  id: Generated<number>;
  contract_id: number;
  label: string;
  due_on: string | null;
  met_on: string | null;
}

/** 0190: money received against a contract, in integer pence. */
export interface ContractPaymentsTable {
  id: Generated<number>;
  contract_id: number;
  kind: 'in_lieu' | 'community_investment';
  received_on: string;
  amount_pence: number;
  payer: string | null;
  purpose: string | null;
  reference: string | null;
  created_at: string;
  created_by: number | null;
}

export interface ContractCommitmentsTable {
  id: Generated<number>;
  contract_id: number;
  kind: string;
  target: number;
  description: string | null;
  manual_achieved: number | null;
}

export type PlacementKind = 'work_experience' | 'work_trial' | 'swap' | 'apprenticeship' | 'paid_job';
export type PlacementStatus = 'planned' | 'active' | 'completed' | 'ended_early';

export interface PlacementsTable {
  id: Generated<number>;
  participant_id: number;
  kind: PlacementKind;
  employer_org_id: number | null;
  contract_id: number | null;
  course_run_id: number | null;
  site: string | null;
  starts_on: string;
  ends_on: string | null;
  hours_per_week: number | null;
  hourly_wage_pence: number | null;
  supervisor: string | null;
  status: PlacementStatus;
  ended_reason: string | null;
  converted_from_id: number | null;
  apprenticeship_standard: string | null;
  apprenticeship_level: number | null;
  notes: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  /** 0195: optimistic locking (db/features/staff/stale-record.ts) and who saved last. */
  version: Generated<number>;
  updated_by: number | null;
}

export interface OutcomeTypesTable {
  code: string;
  label: string;
  category: string;
  sort_order: Generated<number>;
  is_active: Generated<number>;
}

export type VerificationStatus = 'unverified' | 'verified' | 'has_issues' | 'rejected';
export type OutcomeSource = 'manual' | 'course' | 'placement' | 'import' | 'sustainment';

export interface OutcomesTable {
  id: Generated<number>;
  participant_id: number;
  outcome_type: string;
  outcome_date: string;
  placement_id: number | null;
  employer_org_id: number | null;
  course_run_id: number | null;
  contract_id: number | null;
  parent_outcome_id: number | null;
  sector: string | null;
  hours_per_week: number | null;
  apprenticeship_standard: string | null;
  apprenticeship_level: number | null;
  qualification_title: string | null;
  notes: string | null;
  source: Generated<OutcomeSource>;
  source_ref: string | null;
  verification_status: Generated<VerificationStatus>;
  verified_by: number | null;
  verified_at: string | null;
  verification_reason: string | null;
  /** 0162: verified although the evidence its type needs is missing (with a reason). */
  verified_without_evidence: Generated<number>;
  /** 0190: the day the job ended (person-weeks of employment are counted up to it). */
  ended_on: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  /** 0195: optimistic locking (db/features/staff/stale-record.ts) and who saved last. */
  version: Generated<number>;
  updated_by: number | null;
}

export interface EvidenceItemsTable {
  id: Generated<number>;
  participant_id: number;
  outcome_id: number | null;
  kind: string;
  received_on: string | null;
  seen_by: number | null;
  notes: string | null;
  file_name: string | null;
  file_mime: string | null;
  file_size: number | null;
  file_sha256: string | null;
  created_at: string;
  created_by: number | null;
}

/** Evidence file contents, stored once per SHA-256 inside the encrypted store (migration 0030). */
export interface EvidenceFilesTable {
  sha256: string;
  bytes: Uint8Array;
  mime: 'application/pdf' | 'image/png' | 'image/jpeg';
  size: number;
  created_at: string;
}

export interface SustainmentChecksTable {
  id: Generated<number>;
  start_outcome_id: number;
  participant_id: number;
  weeks: 13 | 26;
  sustained: number;
  sustained_on: string | null;
  checked_on: string;
  outcome_id: number | null;
  notes: string | null;
  created_at: string;
  created_by: number | null;
}

/** The evidence an outcome type needs: any one of its kinds (migration 0162). */
export interface OutcomeTypeEvidenceTable {
  outcome_type: string;
  evidence_kind: string;
}

export interface OutcomeTables {
  outcome_type_evidence: OutcomeTypeEvidenceTable;
  social_value_contracts: SocialValueContractsTable;
  contract_commitments: ContractCommitmentsTable;
  contract_triggers: ContractTriggersTable;
  contract_payments: ContractPaymentsTable;
  placements: PlacementsTable;
  outcome_types: OutcomeTypesTable;
  outcomes: OutcomesTable;
  evidence_items: EvidenceItemsTable;
  evidence_files: EvidenceFilesTable;
  sustainment_checks: SustainmentChecksTable;
}

export type PlacementRow = Selectable<PlacementsTable>;
export type OutcomeRow = Selectable<OutcomesTable>;
export type EvidenceItemRow = Selectable<EvidenceItemsTable>;
