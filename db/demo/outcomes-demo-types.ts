// Shapes the outcomes demo step builds in memory before inserting them in chunks.
export type NewOrganisationContact = {
  organisation_id: number;
  name: string;
  job_title: string | null;
  phone: string | null;
  email: string | null;
};

export type DemoPlacement = {
  participant_id: number;
  kind: 'work_experience' | 'work_trial' | 'swap' | 'apprenticeship' | 'paid_job';
  employer_org_id: number;
  sector: string | null;
  contract_id: number | null;
  site: string | null;
  supervisor: string | null;
  starts_on: string;
  ends_on: string | null;
  hours_per_week: number | null;
  hourly_wage_pence: number | null;
  status: 'planned' | 'active' | 'completed' | 'ended_early';
  ended_reason: string | null;
  /** Index (in the same list) of the work placement this job was converted from. */
  converted_from_index: number | null;
  apprenticeship?: readonly [string, number];
};

export type DemoOutcome = {
  participant_id: number;
  outcome_type: string;
  outcome_date: string;
  source: 'manual' | 'placement' | 'sustainment';
  source_ref?: string | null;
  placement_id?: number | null;
  employer_org_id?: number | null;
  contract_id?: number | null;
  parent_outcome_id?: number | null;
  /** For sustained outcomes before their parent's id is known. */
  parent_index?: number;
  sector?: string | null;
  hours_per_week?: number | null;
  apprenticeship_standard?: string | null;
  apprenticeship_level?: number | null;
  qualification_title?: string | null;
};
