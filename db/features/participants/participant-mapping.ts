// Between the stored row (snake_case columns) and the shared record (camelCase fields).
import type { ParticipantRecord } from '../../../shared/domain/participant-record';
import { phoneDigits, postcodeDistrict } from '../../../shared/domain/identifiers';
import type { ParticipantRow, ParticipantUpdate } from '../../store/tables/participants.tables';
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import { nameSoundColumns } from './name-sounds';

/** Record field → column, for every stored field (barriers live in their own table). */
export const fieldColumns = {
  firstName: 'first_name',
  lastName: 'last_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  niStatus: 'ni_status',
  niNumber: 'ni_number',
  uln: 'uln',
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
  disability: 'disability',
  isCarer: 'is_carer',
  isLoneParent: 'is_lone_parent',
  labourMarketStatus: 'labour_market_status',
  benefits: 'benefits',
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
} as const satisfies Record<Exclude<keyof ParticipantRecord, 'barriers'>, keyof ParticipantRow>;

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

export function toRecord(row: ParticipantRow, barriers: string[]): ParticipantDetail['record'] {
  return {
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    niStatus: row.ni_status,
    niNumber: row.ni_number,
    uln: row.uln,
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
    disability: row.disability,
    isCarer: row.is_carer,
    isLoneParent: row.is_lone_parent,
    labourMarketStatus: row.labour_market_status,
    benefits: row.benefits,
    timeOutOfWork: row.time_out_of_work,
    qualificationLevel: row.qualification_level,
    barriers: [...barriers].sort(),
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
): ParticipantUpdate & Record<(typeof fieldColumns)[StoredField] | 'phone_digits' | 'postcode_district', unknown> {
  return {
    first_name: r.firstName,
    last_name: r.lastName,
    ...nameSoundColumns({ first_name: r.firstName, last_name: r.lastName }),
    preferred_name: r.preferredName,
    date_of_birth: r.dateOfBirth,
    ni_status: r.niStatus,
    ni_number: r.niStatus === 'known' ? r.niNumber : null,
    uln: r.uln,
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
    disability: r.disability,
    is_carer: r.isCarer,
    is_lone_parent: r.isLoneParent,
    labour_market_status: r.labourMarketStatus,
    benefits: r.benefits,
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
