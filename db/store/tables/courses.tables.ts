// Row types of organisations and the courses area (migration 0003 and the area's 002x).
import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  name: string;
  kind: 'employer' | 'contractor' | 'training_provider' | 'college' | 'jcp_office' | 'referral_agency' | 'other';
  sector: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  email: string | null;
  notes: string | null;
  is_active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface OrganisationContactsTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  job_title: string | null;
  phone: string | null;
  email: string | null;
}

export interface CourseTypesTable {
  id: Generated<number>;
  code: string;
  name: string;
  provider_org_id: number | null;
  typical_days: number | null;
  leads_to: string | null;
  cscs_component: 'l1_award' | 'hse_test' | 'card_application' | 'pre_employment' | null;
  sort_order: Generated<number>;
  is_active: Generated<number>;
  /** 0020 */
  description: string | null;
  /** 0020 */
  updated_at: string | null;
}

export interface CourseRunsTable {
  id: Generated<number>;
  course_type_id: number;
  provider_org_id: number | null;
  venue: string | null;
  start_date: string;
  end_date: string;
  capacity: number;
  tutor: string | null;
  funding_stream_id: number | null;
  status: Generated<'planned' | 'running' | 'completed' | 'cancelled'>;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export interface CourseSessionsTable {
  id: Generated<number>;
  course_run_id: number;
  session_date: string;
  starts_at: string | null;
  ends_at: string | null;
  label: string | null;
}

export type EnrolmentStatus = 'enrolled' | 'waiting' | 'withdrawn' | 'completed' | 'not_completed';

export interface EnrolmentsTable {
  id: Generated<number>;
  course_run_id: number;
  participant_id: number;
  status: EnrolmentStatus;
  waiting_position: number | null;
  enrolled_on: string;
  eligibility_override_reason: string | null;
  withdrawn_on: string | null;
  withdrawn_reason: string | null;
  completed_on: string | null;
  created_at: string;
  created_by: number | null;
  /** 0210: the record's version (a save names the one its form opened); who changed it last, when. */
  version: Generated<number>;
  updated_at: string | null;
  updated_by: number | null;
}

export interface AttendanceTable {
  id: Generated<number>;
  course_session_id: number;
  enrolment_id: number;
  mark: 'present' | 'late' | 'absent' | 'excused';
  reason: string | null;
  recorded_at: string;
  recorded_by: number | null;
}

export interface L1AwardsTable {
  id: Generated<number>;
  participant_id: number;
  course_run_id: number | null;
  achieved_on: string;
  certificate_number: string | null;
  awarding_body: string | null;
  created_at: string;
}

export interface HseTestsTable {
  id: Generated<number>;
  participant_id: number;
  course_run_id: number | null;
  taken_on: string;
  score: number;
  test_reference: string | null;
  created_at: string;
}

export interface CscsCardsTable {
  id: Generated<number>;
  participant_id: number;
  card_type: string;
  card_number: string | null;
  issued_on: string;
  expires_on: string;
  is_first_labourer_card: Generated<number>;
  course_run_id: number | null;
  created_at: string;
  /** 0110: 1 when the issue date was taken from the result date (only the expiry was given). */
  issued_on_derived: Generated<number>;
  /** 0110: the day the card was checked on CSCS Smart Check. */
  smart_checked_on: string | null;
}

export interface PpeIssuesTable {
  id: Generated<number>;
  participant_id: number;
  issued_on: string;
  items: string | null;
  issued_by: number | null;
  created_at: string;
}

export interface SiteReadySignoffsTable {
  id: Generated<number>;
  participant_id: number;
  signed_on: string;
  signed_by: number | null;
  notes: string | null;
  revoked_on: string | null;
  created_at: string;
}

/** 0110: a partner's own code (and title) for a course run, one per partner. */
export interface CourseRunPartnerRefsTable {
  id: Generated<number>;
  course_run_id: number;
  partner: string;
  partner_code: string;
  partner_title: string | null;
  created_at: string;
}

export interface CourseTables {
  organisations: OrganisationsTable;
  organisation_contacts: OrganisationContactsTable;
  course_types: CourseTypesTable;
  course_runs: CourseRunsTable;
  course_run_partner_refs: CourseRunPartnerRefsTable;
  course_sessions: CourseSessionsTable;
  enrolments: EnrolmentsTable;
  attendance: AttendanceTable;
  l1_awards: L1AwardsTable;
  hse_tests: HseTestsTable;
  cscs_cards: CscsCardsTable;
  ppe_issues: PpeIssuesTable;
  site_ready_signoffs: SiteReadySignoffsTable;
}
