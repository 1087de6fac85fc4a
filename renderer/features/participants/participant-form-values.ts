// Between a stored record (ISO dates, numbers) and the form's values (UK dates as typed, strings).
import type { ParticipantDetail } from '../../../shared/contract/participants.contract';
import type { ParticipantRecordInput } from '../../../shared/domain/participant-record';
import { formatUkDate } from '../../../shared/domain/dates';
import { formatNi } from '../../../shared/domain/identifiers';

export const emptyRecord: ParticipantRecordInput = {
  firstName: '',
  lastName: '',
  preferredName: '',
  dateOfBirth: '',
  niStatus: 'known',
  niNumber: '',
  uln: '',
  noFixedAbode: false,
  addressLine1: '',
  addressLine2: '',
  town: 'Stevenage',
  postcode: '',
  phone: '',
  email: '',
  preferredContact: '',
  sex: '',
  genderSameAsBirth: '',
  ethnicity: '',
  healthCondition: '',
  conditionImpact: '',
  isCarer: '',
  isLoneParent: '',
  labourMarketStatus: '',
  benefits: [],
  ucConditionality: '',
  timeOutOfWork: '',
  qualificationLevel: '',
  barriers: [],
  referralSource: '',
  referralDate: '',
  referrerName: '',
  fundingStreamId: null,
  keyWorkerId: null,
  startDate: '',
  leaveDate: '',
  privacyNoticeVersion: '2024.1',
  privacyNoticeDate: '',
  consentPartners: [],
  lawfulBasisNote: 'Public task (Art. 6(1)(e)); substantial public interest (Sch. 1)',
};

export function toFormValues(r: ParticipantDetail['record']): ParticipantRecordInput {
  const s = (v: string | null) => v ?? '';
  return {
    ...r,
    preferredName: s(r.preferredName),
    dateOfBirth: formatUkDate(r.dateOfBirth),
    niNumber: r.niNumber ? formatNi(r.niNumber) : '',
    uln: s(r.uln),
    addressLine1: s(r.addressLine1),
    addressLine2: s(r.addressLine2),
    town: s(r.town),
    postcode: s(r.postcode),
    phone: s(r.phone),
    email: s(r.email),
    preferredContact: s(r.preferredContact),
    sex: s(r.sex),
    genderSameAsBirth: s(r.genderSameAsBirth),
    ethnicity: s(r.ethnicity),
    healthCondition: s(r.healthCondition),
    conditionImpact: s(r.conditionImpact),
    isCarer: s(r.isCarer),
    isLoneParent: s(r.isLoneParent),
    labourMarketStatus: s(r.labourMarketStatus),
    ucConditionality: s(r.ucConditionality),
    timeOutOfWork: s(r.timeOutOfWork),
    qualificationLevel: s(r.qualificationLevel),
    referralSource: s(r.referralSource),
    referralDate: formatUkDate(r.referralDate),
    referrerName: s(r.referrerName),
    startDate: formatUkDate(r.startDate),
    leaveDate: formatUkDate(r.leaveDate),
    privacyNoticeVersion: s(r.privacyNoticeVersion),
    privacyNoticeDate: formatUkDate(r.privacyNoticeDate),
    lawfulBasisNote: s(r.lawfulBasisNote),
  };
}

/** The match keys of a form's values (for the duplicate check), or null if too little is typed. */
export function matchKeys(v: ParticipantRecordInput, parseDate: (s: string) => string | null) {
  const firstName = (v.firstName ?? '').trim();
  const lastName = (v.lastName ?? '').trim();
  const dateOfBirth = v.dateOfBirth ? parseDate(v.dateOfBirth) : null;
  const niNumber = v.niStatus === 'known' && v.niNumber ? v.niNumber : null;
  const postcode = v.postcode || null;
  const phone = v.phone || null;
  if (!lastName && !niNumber && !dateOfBirth) return null;
  return { firstName, lastName, dateOfBirth, niNumber, postcode, phone };
}
