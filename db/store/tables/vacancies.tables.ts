// Row types of vacancies, the candidates put forward for them and employer engagement
// (migration 0140).
import type { Generated, Selectable } from 'kysely';

export type VacancyKind = 'job' | 'apprenticeship' | 'work_trial' | 'guaranteed_interview';
export type VacancyStatus = 'open' | 'filled' | 'closed';
export type WagePer = 'hour' | 'week' | 'year';

export interface VacanciesTable {
  id: Generated<number>;
  employer_org_id: number;
  site: string | null;
  job_title: string;
  sector: string | null;
  kind: VacancyKind;
  apprenticeship_standard: string | null;
  apprenticeship_level: number | null;
  places: Generated<number>;
  hours_per_week: number | null;
  wage_pence: number | null;
  wage_per: WagePer | null;
  closing_date: string | null;
  starts_on: string | null;
  contract_id: number | null;
  /** 0/1: only people site ready under the programme's rule fit without a reason. */
  requires_site_ready: Generated<number>;
  /** A CSCS card type code (shared/domain/cscs.ts) the vacancy asks for, or null. */
  card_type_required: string | null;
  status: Generated<VacancyStatus>;
  description: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

export type CandidateStageCode =
  'submitted' | 'interview_booked' | 'interviewed' | 'offered' | 'accepted' | 'started' | 'declined' | 'unsuccessful';

export interface VacancyCandidatesTable {
  id: Generated<number>;
  vacancy_id: number;
  participant_id: number;
  stage: CandidateStageCode;
  submitted_on: string;
  interview_on: string | null;
  /** 0/1: the interview is guaranteed (a guaranteed interview scheme or the employer's pledge). */
  interview_guaranteed: Generated<number>;
  interviewed_on: string | null;
  offered_on: string | null;
  accepted_on: string | null;
  started_on: string | null;
  closed_on: string | null;
  /** The stage reached before declining or being unsuccessful. */
  closed_from: string | null;
  closed_reason: string | null;
  /** What the fit check said when the person was put forward. */
  fit_notes: string | null;
  override_reason: string | null;
  /** The job or apprenticeship start outcome "started" recorded (or found and linked). */
  outcome_id: number | null;
  notes: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
}

export interface EmployerEngagementsTable {
  id: Generated<number>;
  organisation_id: number;
  kind: string;
  occurred_on: string;
  contact_id: number | null;
  summary: string;
  promised: string | null;
  promised_count: number | null;
  delivered: string | null;
  delivered_count: number | null;
  due_on: string | null;
  follow_up_on: string | null;
  staff_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface VacancyTables {
  vacancies: VacanciesTable;
  vacancy_candidates: VacancyCandidatesTable;
  employer_engagements: EmployerEngagementsTable;
}

export type VacancyRow = Selectable<VacanciesTable>;
export type CandidateRow = Selectable<VacancyCandidatesTable>;
