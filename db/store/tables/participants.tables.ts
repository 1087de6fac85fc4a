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
  /** 0120: the funder whose stream this is. */
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
  benefits: string | null;
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

export interface ParticipantTables {
  participant_merges: ParticipantMergesTable;
  not_duplicate_pairs: NotDuplicatePairsTable;
  funding_streams: FundingStreamsTable;
  participants: ParticipantsTable;
  participant_barriers: ParticipantBarriersTable;
  eligibility_checks: EligibilityChecksTable;
  participant_notes: ParticipantNotesTable;
}

export type ParticipantRow = Selectable<ParticipantsTable>;
export type NewParticipant = Insertable<ParticipantsTable>;
export type ParticipantUpdate = Updateable<ParticipantsTable>;
