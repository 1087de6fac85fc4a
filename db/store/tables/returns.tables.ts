// Row types of the returns area's tables (migration 0040) and of funding attribution (0170).
import type { Generated } from 'kysely';

export interface FundersTable {
  id: Generated<number>;
  code: string;
  name: string;
  notes: string | null;
  personal_columns_json: string;
  created_at: string;
  updated_at: string;
}

export interface IndicatorSetsTable {
  id: Generated<number>;
  code: string;
  funder_id: number;
  name: string;
  description: string | null;
  is_active: Generated<number>;
  /** 0170: the funding agreement the set reports on. */
  agreement_id: number | null;
}

export interface IndicatorSetVersionsTable {
  id: Generated<number>;
  set_id: number;
  version: number;
  note: string | null;
  created_at: string;
  created_by: number | null;
}

export interface IndicatorsTable {
  id: Generated<number>;
  set_version_id: number;
  code: string;
  title: string;
  definition: string;
  unit: string;
  evidence_required: string;
  intervention_code: string | null;
  rule_json: string;
  needs_local_confirmation: Generated<number>;
  sort_order: Generated<number>;
  /** 0170: 'inferred' | 'local_draft' | 'agreed'. */
  definition_status: Generated<string>;
  agreed_by: number | null;
  agreed_on: string | null;
}

export interface ReturnsTable {
  id: Generated<number>;
  set_id: number;
  set_version_id: number;
  period_from: string;
  period_to: string;
  period_label: string;
  status: 'submitted';
  note: string | null;
  totals_json: string;
  submitted_at: string;
  submitted_by: number | null;
}

export interface ReturnLinesTable {
  id: Generated<number>;
  return_id: number;
  set_id: number;
  indicator_code: string;
  person_id: number | null;
  participant_id: number | null;
  employer_id: number | null;
  item_kind: string;
  item_id: number;
  item_date: string | null;
  verification_status: string | null;
  evidence_count: Generated<number>;
  /** 0170: the stream and project the item was attributed to when submitted. */
  funding_stream_id: number | null;
  funding_project_id: number | null;
  /** 0162: 1 when the outcome claimed was verified without the evidence its type needs; null on
   * lines claimed before 0162 and on lines that are not outcomes. */
  verified_without_evidence: number | null;
}

export interface FundingAgreementsTable {
  id: Generated<number>;
  funder_id: number;
  name: string;
  starts_on: string;
  ends_on: string | null;
  closure_on: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface FundingProjectsTable {
  id: Generated<number>;
  code: string;
  name: string;
  funding_stream_id: number;
  intervention_code: string | null;
  is_active: Generated<number>;
}

export interface FundingSpellsTable {
  id: Generated<number>;
  participant_id: number;
  funding_stream_id: number;
  project_id: number | null;
  starts_on: string;
  ends_on: string | null;
  note: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export type AttributedItemKind = 'outcome' | 'placement' | 'enrolment';

export interface FundingAttributionsTable {
  id: Generated<number>;
  participant_id: number;
  item_kind: AttributedItemKind;
  item_id: number;
  funding_stream_id: number;
  project_id: number | null;
  reason: string;
  set_by: number | null;
  set_at: string;
}

export interface IndicatorTargetsTable {
  id: Generated<number>;
  set_id: number;
  indicator_code: string;
  target: number | null;
  profile_kind: 'quarter' | 'half' | null;
  profile_json: Generated<string>;
  updated_at: string;
  updated_by: number | null;
}

export interface ReturnTables {
  funders: FundersTable;
  indicator_sets: IndicatorSetsTable;
  indicator_set_versions: IndicatorSetVersionsTable;
  indicators: IndicatorsTable;
  returns: ReturnsTable;
  return_lines: ReturnLinesTable;
  funding_agreements: FundingAgreementsTable;
  funding_projects: FundingProjectsTable;
  funding_spells: FundingSpellsTable;
  funding_attributions: FundingAttributionsTable;
  indicator_targets: IndicatorTargetsTable;
}
