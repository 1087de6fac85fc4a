// Between the stored row (snake_case columns) and the shared record (camelCase fields).
import type { ParticipantRecord } from '../../../shared/domain/participant-record';
import { phoneDigits, postcodeDistrict } from '../../../shared/domain/identifiers';
import { disabilityFromAnswers } from '../../../shared/domain/reference-lists';
import type { ParticipantRow, ParticipantUpdate } from '../../store/tables/participants.tables';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import { nameSoundColumns } from './name-sounds';

/** Record field → column, for every stored field (barriers and benefits live in their own tables). */
export const fieldColumns = {
  firstName: 'first_name',
  lastName: 'last_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  niStatus: 'ni_status',
  niNumber: 'ni_number',
  uln: 'uln',
  noFixedAbode: 'no_fixed_abode',
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  town: 'town',
  postcode: 'postcode',
  phone: 'phone',
  email: 'email',
  preferredContact: 'preferred_contact',
  sex: 'sex',
  genderSameAsBirth: 'gender_same_as_birth',
  ethnicity: 'ethnicity',
  healthCondition: 'health_condition',
  conditionImpact: 'condition_impact',
  isCarer: 'is_carer',
  isLoneParent: 'is_lone_parent',
  labourMarketStatus: 'labour_market_status',
  ucConditionality: 'uc_conditionality',
  timeOutOfWork: 'time_out_of_work',
  qualificationLevel: 'qualification_level',
  referralSource: 'referral_source',
  referralDate: 'referral_date',
  referrerName: 'referrer_name',
  fundingStreamId: 'funding_stream_id',
  keyWorkerId: 'key_worker_id',
  startDate: 'start_date',
  leaveDate: 'leave_date',
  privacyNoticeVersion: 'privacy_notice_version',
  privacyNoticeDate: 'privacy_notice_date',
  consentPartners: 'consent_partners_json',
  lawfulBasisNote: 'lawful_basis_note',
} as const satisfies Record<Exclude<keyof ParticipantRecord, RecordSetField>, keyof ParticipantRow>;

/** Record fields kept as sets of codes in their own tables. */
type RecordSetField = 'barriers' | 'benefits';
export type RecordSets = Record<RecordSetField, string[]>;

export type StoredField = keyof typeof fieldColumns;
export const columnField = Object.fromEntries(Object.entries(fieldColumns).map(([f, c]) => [c, f])) as Record<
  string,
  StoredField
>;

function parsePartners(json: string | null): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function toRecord(row: ParticipantRow, sets: RecordSets): ParticipantDetail['record'] {
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    niStatus: row.ni_status,
    niNumber: row.ni_number,
    uln: row.uln,
    noFixedAbode: row.no_fixed_abode === 1,
    addressLine1: row.address_line1,
    addressLine2: row.address_line2,
    town: row.town,
    postcode: row.postcode,
    phone: row.phone,
    email: row.email,
    preferredContact: row.preferred_contact,
    sex: row.sex,
    genderSameAsBirth: row.gender_same_as_birth,
    ethnicity: row.ethnicity,
    healthCondition: row.health_condition,
    conditionImpact: row.condition_impact,
    isCarer: row.is_carer,
    isLoneParent: row.is_lone_parent,
    labourMarketStatus: row.labour_market_status,
    benefits: [...sets.benefits].sort(),
    ucConditionality: row.uc_conditionality,
    timeOutOfWork: row.time_out_of_work,
    qualificationLevel: row.qualification_level,
    barriers: [...sets.barriers].sort(),
    referralSource: row.referral_source,
    referralDate: row.referral_date,
    referrerName: row.referrer_name,
    fundingStreamId: row.funding_stream_id,
    keyWorkerId: row.key_worker_id,
    startDate: row.start_date,
    leaveDate: row.leave_date,
    privacyNoticeVersion: row.privacy_notice_version,
    privacyNoticeDate: row.privacy_notice_date,
    consentPartners: parsePartners(row.consent_partners_json),
    lawfulBasisNote: row.lawful_basis_note,
  };
}

/** Columns to write for a validated record, with the derived search/match columns. */
export function toColumns(
  r: ParticipantRecord,
): ParticipantUpdate &
  Record<(typeof fieldColumns)[StoredField] | 'phone_digits' | 'postcode_district' | 'disability', unknown> {
  // The second disability question is asked only after a "yes"; the regime only with Universal Credit.
  const impact = r.healthCondition === 'yes' ? r.conditionImpact : null;
  return {
    first_name: r.firstName,
    last_name: r.lastName,
    ...nameSoundColumns({ first_name: r.firstName, last_name: r.lastName }),
    preferred_name: r.preferredName,
    date_of_birth: r.dateOfBirth,
    ni_status: r.niStatus,
    ni_number: r.niStatus === 'known' ? r.niNumber : null,
    uln: r.uln,
    no_fixed_abode: r.noFixedAbode ? 1 : 0,
    address_line1: r.addressLine1,
    address_line2: r.addressLine2,
    town: r.town,
    postcode: r.postcode,
    postcode_district: postcodeDistrict(r.postcode),
    phone: r.phone,
    phone_digits: phoneDigits(r.phone),
    email: r.email,
    preferred_contact: r.preferredContact,
    sex: r.sex,
    gender_same_as_birth: r.genderSameAsBirth,
    ethnicity: r.ethnicity,
    health_condition: r.healthCondition,
    condition_impact: impact,
    disability: disabilityFromAnswers(r.healthCondition, impact),
    is_carer: r.isCarer,
    is_lone_parent: r.isLoneParent,
    labour_market_status: r.labourMarketStatus,
    uc_conditionality: r.benefits.includes('universal_credit') ? r.ucConditionality : null,
    time_out_of_work: r.timeOutOfWork,
    qualification_level: r.qualificationLevel,
    referral_source: r.referralSource,
    referral_date: r.referralDate,
    referrer_name: r.referrerName,
    funding_stream_id: r.fundingStreamId,
    key_worker_id: r.keyWorkerId,
    start_date: r.startDate,
    leave_date: r.leaveDate,
    privacy_notice_version: r.privacyNoticeVersion,
    privacy_notice_date: r.privacyNoticeDate,
    consent_partners_json: r.consentPartners.length ? JSON.stringify(r.consentPartners) : null,
    lawful_basis_note: r.lawfulBasisNote,
  };
}
