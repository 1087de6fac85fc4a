// Row types of the participant tables (migration 0002 and the participants area's 001x).
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface FundingStreamsTable {
  id: Generated<number>;
  code: string;
  name: string;
  funder: string;
  starts_on: string | null;
  ends_on: string | null;
  retain_until: string | null;
  is_active: Generated<number>;
  /** 0170: the funder whose stream this is. */
  funder_id: number | null;
}

export interface ParticipantsTable {
  id: Generated<number>;
  reference: string;
  status: Generated<'active' | 'left' | 'merged' | 'anonymised'>;
  merged_into_id: number | null;
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  ni_number: string | null;
  ni_status: Generated<'known' | 'not_yet_known'>;
  uln: string | null;
  address_line1: string | null;
  address_line2: string | null;
  town: string | null;
  postcode: string | null;
  postcode_district: string | null;
  phone: string | null;
  phone_digits: string | null;
  email: string | null;
  preferred_contact: string | null;
  sex: string | null;
  gender_same_as_birth: string | null;
  ethnicity: string | null;
  disability: string | null;
  is_carer: string | null;
  is_lone_parent: string | null;
  labour_market_status: string | null;
  time_out_of_work: string | null;
  qualification_level: string | null;
  referral_source: string | null;
  referral_date: string | null;
  referrer_name: string | null;
  funding_stream_id: number | null;
  key_worker_id: number | null;
  start_date: string | null;
  leave_date: string | null;
  privacy_notice_version: string | null;
  privacy_notice_date: string | null;
  consent_partners_json: string | null;
  lawful_basis_note: string | null;
  eligibility_status: Generated<'eligible' | 'pending' | 'not_eligible'>;
  version: Generated<number>;
  created_at: string;
  created_by: number | null;
  updated_at: string;
  updated_by: number | null;
  /** 0060: the age band at start, kept when anonymising erases the date of birth. */
  age_band_at_start: string | null;
  // 0130: where the person lives, and the registration an auditor accepts
  /** 1: no fixed abode (eligible through a local-connection statement instead of a postcode). */
  no_fixed_abode: Generated<number>;
  /** The harmonised disability question's two answers; `disability` is derived from them. */
  health_condition: string | null;
  condition_impact: string | null;
  uc_conditionality: string | null;
  /** What the postcode resolved to in the postcode directory (see shared/domain/geography.ts). */
  geo_status: string | null;
  geo_la_code: string | null;
  geo_ward_code: string | null;
  geo_lsoa_code: string | null;
  geo_imd_decile: number | null;
  /** "YYYY-MM" when the postcode is no longer in use. */
  geo_terminated: string | null;
  /** The postcode directory and deprivation file the columns above came from. */
  geo_version_id: number | null;
  geo_deprivation_version_id: number | null;
  /** 1: lives in one of the local authorities set in Settings (or has a local connection). */
  is_local: Generated<number>;
  /** 0160: how the names sound (shared/domain/person-match.ts#nameSound), for close matches.
   * Written with the names (name-sounds.ts); required on insert so no writer forgets them. */
  first_name_sound: string | null;
  last_name_sound: string | null;
}

export interface ParticipantBenefitsTable {
  participant_id: number;
  benefit_code: string;
}

export interface ParticipantBarriersTable {
  participant_id: number;
  barrier_code: string;
}

export interface EligibilityChecksTable {
  id: Generated<number>;
  participant_id: number;
  check_code: string;
  outcome: 'met' | 'not_met' | 'pending';
  evidence_type: string | null;
  seen_by: number | null;
  seen_on: string | null;
  notes: string | null;
  recorded_at: string;
}

export interface ParticipantNotesTable {
  id: Generated<number>;
  participant_id: number;
  body: string;
  created_at: string;
  created_by: number | null;
}

/** 0191: a keyworker action plan's goals, barriers addressed and next steps. */
export interface KeyworkerPlanItemsTable {
  id: Generated<number>;
  participant_id: number;
  kind: 'goal' | 'barrier' | 'step';
  text: string;
  due_on: string | null;
  done_on: string | null;
  created_at: string;
  created_by: number | null;
  updated_at: string;
}

/** 0191: a keyworker's contact with a participant. */
export interface KeyworkerContactsTable {
  id: Generated<number>;
  participant_id: number;
  contact_on: string;
  method: 'face_to_face' | 'phone' | 'video' | 'email' | 'text_message';
  minutes: number | null;
  staff_id: number | null;
  notes: string | null;
  created_at: string;
  created_by: number | null;
}

export interface NotDuplicatePairsTable {
  participant_a: number;
  participant_b: number;
  decided_by: number | null;
  decided_at: string;
}

/** A merge of two records, with the snapshot that undoes it (migration 0010). */
export interface ParticipantMergesTable {
  id: Generated<number>;
  survivor_id: number;
  merged_id: number;
  snapshot_json: string;
  survivor_version_after: number;
  merged_at: string;
  merged_by: number | null;
  undone_at: string | null;
  undone_by: number | null;
}

/** A later referral of a person already on the record (migration 0161): a programme episode. */
export interface ParticipantReferralsTable {
  id: Generated<number>;
  participant_id: number;
  referral_date: string;
  referral_source: string | null;
  referrer_name: string | null;
  start_date: string | null;
  notes: string | null;
  source: 'form' | 'import';
  import_batch_id: number | null;
  created_at: string;
  created_by: number | null;
}

export interface ParticipantTables {
  participant_referrals: ParticipantReferralsTable;
  participant_merges: ParticipantMergesTable;
  not_duplicate_pairs: NotDuplicatePairsTable;
  funding_streams: FundingStreamsTable;
  participants: ParticipantsTable;
  participant_barriers: ParticipantBarriersTable;
  participant_benefits: ParticipantBenefitsTable;
  eligibility_checks: EligibilityChecksTable;
  participant_notes: ParticipantNotesTable;
  keyworker_plan_items: KeyworkerPlanItemsTable;
  keyworker_contacts: KeyworkerContactsTable;
}

export type ParticipantRow = Selectable<ParticipantsTable>;
export type NewParticipant = Insertable<ParticipantsTable>;
export type ParticipantUpdate = Updateable<ParticipantsTable>;
