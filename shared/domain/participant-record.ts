// The participant record as one zod schema, shared by the form (instant messages next to each
// field) and the backend (the authoritative check). Every message names its field. Dates are
// typed day-first and come out ISO; NI numbers, postcodes and phones come out normalised.
import { z } from 'zod';
import { parseUkDate, ageOn } from './dates';
import { niNumberProblem, normaliseNi, normalisePostcode, phoneDigits, ulnProblem } from './identifiers';
import { wordsOf } from './labels';
import {
  conditionImpactAnswers,
  contactMethods,
  ethnicities,
  exclusiveBenefitCodes,
  healthConditionAnswers,
  labourMarketStatuses,
  PREFER_NOT_TO_SAY,
  qualificationLevels,
  sexes,
  timeOutOfWork,
  ucConditionalityRegimes,
  yesNoPreferNot,
  type Option,
} from './reference-lists';

/** Trimmed text; empty becomes null. */
function optionalText(label: string, max = 200) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((v) => (v ? v : null));
}

function requiredText(label: string, max = 100) {
  return z
    .string({ error: `Enter ${label.toLowerCase()}` })
    .trim()
    .min(1, `Enter ${label.toLowerCase()}`)
    .max(max, `${label} must be ${max} characters or fewer`);
}

/** A date typed day-first ("5/3/2024", "5 Mar 2024") or ISO; stored ISO. */
function ukDate(label: string, options: { required?: boolean } = {}) {
  return z
    .string()
    .nullish()
    .transform((v, ctx) => {
      const text = (v ?? '').trim();
      if (!text) {
        if (options.required) ctx.addIssue({ code: 'custom', message: `Enter ${label.toLowerCase()}` });
        return null;
      }
      const iso = parseUkDate(text);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a real date, like 27/3/1990` });
        return null;
      }
      return iso;
    });
}

/** One code from a fixed list, or nothing. */
function optionCode(label: string, options: Option[]) {
  const codes = new Set(options.map((o) => o.code));
  return z
    .string()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || codes.has(v), `Choose ${label.toLowerCase()} from the list`);
}

/** A code from a list kept in the store, or nothing. */
function listedCode(label: string) {
  return z
    .string()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[a-z0-9_]{1,60}$/.test(v), `Choose ${label.toLowerCase()} from the list`);
}

const withPreferNot = (options: Option[]) =>
  options.some((o) => o.code === PREFER_NOT_TO_SAY.code) ? options : [...options, PREFER_NOT_TO_SAY];

export const ethnicityOptions = withPreferNot(ethnicities);
export const referenceCode = z.string().regex(/^[a-z0-9_]{1,40}$/, 'Unknown code');

/**
 * zod runs an object's own rules only when every field of the object is valid, so a bad postcode
 * would hide a bad NI number until the postcode was fixed (issue 20). A rule given this runs as
 * soon as the fields it reads are valid, whatever the others say.
 */
function whenValid(...fields: string[]) {
  return {
    when: (payload: { value: unknown; issues: ReadonlyArray<{ path?: readonly PropertyKey[] | undefined }> }) =>
      typeof payload.value === 'object' &&
      payload.value !== null &&
      !payload.issues.some((i) => !i.path?.length || fields.includes(String(i.path[0]))),
  };
}

export const participantRecordSchema = z
  .object({
    // identity and contact
    firstName: requiredText('First name'),
    lastName: requiredText('Last name'),
    preferredName: optionalText('Preferred name', 100),
    dateOfBirth: ukDate('Date of birth', { required: true }),
    niStatus: z.enum(['known', 'not_yet_known'], { error: 'Choose whether the National Insurance number is known' }),
    niNumber: z
      .string()
      .nullish()
      .transform((v) => (v ? normaliseNi(v) : null)),
    uln: z
      .string()
      .nullish()
      .transform((v) => (v ? v.replace(/\s/g, '') : null))
      .superRefine((v, ctx) => {
        const problem = v ? ulnProblem(v) : null;
        if (problem) ctx.addIssue({ code: 'custom', message: `ULN: ${problem}` });
      }),
    /** No fixed abode: eligible through a local-connection statement instead of a postcode. */
    noFixedAbode: z.boolean().default(false),
    addressLine1: optionalText('Address line 1'),
    addressLine2: optionalText('Address line 2'),
    town: optionalText('Town', 100),
    postcode: z
      .string()
      .nullish()
      .transform((v, ctx) => {
        const text = (v ?? '').trim();
        if (!text) return null;
        const pc = normalisePostcode(text);
        if (!pc) ctx.addIssue({ code: 'custom', message: 'Enter a real postcode, like SG1 1AA' });
        return pc ?? text;
      }),
    phone: optionalText('Phone number', 30).superRefine((v, ctx) => {
      if (v && (!/^[\d\s()+-]+$/.test(v) || !/^0\d{9,10}$/.test(phoneDigits(v) ?? ''))) {
        ctx.addIssue({ code: 'custom', message: 'Enter a UK phone number, like 07700 900123 or 01438 242242' });
      }
    }),
    email: optionalText('Email address', 254).refine(
      (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
      'Enter an email address in the right format, like name@example.com',
    ),
    preferredContact: optionCode('Preferred contact method', contactMethods),
    // equality monitoring (each offers "prefer not to say")
    sex: optionCode('Sex', sexes),
    genderSameAsBirth: optionCode('Gender identity answer', yesNoPreferNot),
    ethnicity: optionCode('Ethnic group', ethnicityOptions),
    // The Equality Act question in its harmonised two steps; the second only after a "yes".
    healthCondition: optionCode('Long-term health condition', healthConditionAnswers),
    conditionImpact: optionCode('Effect on day-to-day activities', conditionImpactAnswers),
    isCarer: optionCode('Caring responsibilities', yesNoPreferNot),
    isLoneParent: optionCode('Lone parent', yesNoPreferNot),
    // situation at entry
    labourMarketStatus: optionCode('Labour-market status', labourMarketStatuses),
    benefits: z.array(referenceCode).max(12).default([]),
    ucConditionality: optionCode('Universal Credit conditionality', ucConditionalityRegimes),
    timeOutOfWork: optionCode('Time out of work', timeOutOfWork),
    qualificationLevel: optionCode('Highest qualification', qualificationLevels),
    barriers: z.array(referenceCode).max(30).default([]),
    // referral and programme
    // A reference list administrators manage (Settings → Reference lists): the backend checks the
    // code is on it; here only its form.
    referralSource: listedCode('Referral source'),
    referralDate: ukDate('Referral date'),
    referrerName: optionalText('Referrer', 100),
    fundingStreamId: z
      .number()
      .int()
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    keyWorkerId: z
      .number()
      .int()
      .positive()
      .nullish()
      .transform((v) => v ?? null),
    startDate: ukDate('Start date'),
    leaveDate: ukDate('Leave date'),
    // consent and privacy
    privacyNoticeVersion: optionalText('Privacy notice version', 40),
    privacyNoticeDate: ukDate('Date privacy notice shown'),
    consentPartners: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
    lawfulBasisNote: optionalText('Lawful basis note', 1000),
  })
  // Each cross-field rule runs as soon as the fields it reads are valid (see whenValid), so the
  // backend and the form list a bad NI number and a bad postcode together.
  .superRefine(
    (r, ctx) => {
      if (r.niStatus === 'known') {
        if (!r.niNumber)
          ctx.addIssue({
            code: 'custom',
            path: ['niNumber'],
            message: 'Enter the National Insurance number, or choose "Not yet known"',
          });
        else {
          const problem = niNumberProblem(r.niNumber);
          if (problem) ctx.addIssue({ code: 'custom', path: ['niNumber'], message: problem });
        }
      } else if (r.niNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['niNumber'],
          message: 'Remove the National Insurance number, or choose "Known"',
        });
      }
    },
    whenValid('niStatus', 'niNumber'),
  )
  .superRefine((r, ctx) => {
    const exclusive = r.benefits.filter((b) => exclusiveBenefitCodes.includes(b));
    if (exclusive.length && r.benefits.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['benefits'],
        message: '"None" and "Prefer not to say" cannot be ticked with anything else',
      });
  }, whenValid('benefits'))
  .superRefine((r, ctx) => {
    if (r.dateOfBirth && r.dateOfBirth < '1900-01-01')
      ctx.addIssue({ code: 'custom', path: ['dateOfBirth'], message: 'Date of birth must be after 1900' });
  }, whenValid('dateOfBirth'))
  .superRefine(
    (r, ctx) => {
      if (r.dateOfBirth && r.startDate && r.startDate <= r.dateOfBirth)
        ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'Start date must be after the date of birth' });
    },
    whenValid('dateOfBirth', 'startDate'),
  )
  .superRefine(
    (r, ctx) => {
      if (r.startDate && r.leaveDate && r.leaveDate < r.startDate)
        ctx.addIssue({ code: 'custom', path: ['leaveDate'], message: 'Leave date must be on or after the start date' });
    },
    whenValid('startDate', 'leaveDate'),
  )
  .superRefine(
    (r, ctx) => {
      if (r.dateOfBirth && r.referralDate && r.referralDate <= r.dateOfBirth)
        ctx.addIssue({
          code: 'custom',
          path: ['referralDate'],
          message: 'Referral date must be after the date of birth',
        });
    },
    whenValid('dateOfBirth', 'referralDate'),
  );

export type ParticipantRecordInput = z.input<typeof participantRecordSchema>;
export type ParticipantRecord = z.output<typeof participantRecordSchema>;

/** Checks that depend on today's date, run by the form and the backend alike. */
export function datedProblems(
  r: Pick<ParticipantRecord, 'dateOfBirth' | 'referralDate' | 'startDate' | 'privacyNoticeDate'>,
  today: string,
): Array<{ path: string[]; message: string }> {
  const out: Array<{ path: string[]; message: string }> = [];
  if (r.dateOfBirth) {
    if (r.dateOfBirth > today) out.push({ path: ['dateOfBirth'], message: 'Date of birth must be in the past' });
    else if (ageOn(r.dateOfBirth, today) < 14)
      out.push({ path: ['dateOfBirth'], message: 'Date of birth gives an age under 14: check the year' });
    else if (ageOn(r.dateOfBirth, today) > 100)
      out.push({ path: ['dateOfBirth'], message: 'Date of birth gives an age over 100: check the year' });
  }
  if (r.privacyNoticeDate && r.privacyNoticeDate > today)
    out.push({ path: ['privacyNoticeDate'], message: 'Date privacy notice shown cannot be in the future' });
  if (r.referralDate && r.referralDate > today)
    out.push({ path: ['referralDate'], message: 'Referral date cannot be in the future' });
  return out;
}

/** The schema with today's checks added: what the form uses. */
export function participantRecordSchemaOn(today: string) {
  return participantRecordSchema.superRefine(
    (r, ctx) => {
      for (const p of datedProblems(r, today)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
    },
    whenValid('dateOfBirth', 'referralDate', 'startDate', 'privacyNoticeDate'),
  );
}

/** Human labels for fields, for history, merge and messages. */
export const fieldLabels: Record<string, string> = {
  firstName: 'First name',
  lastName: 'Last name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  niStatus: 'NI number known',
  niNumber: 'National Insurance number',
  uln: 'ULN',
  noFixedAbode: 'No fixed abode',
  addressLine1: 'Address line 1',
  addressLine2: 'Address line 2',
  town: 'Town',
  postcode: 'Postcode',
  phone: 'Phone',
  email: 'Email',
  preferredContact: 'Preferred contact',
  sex: 'Sex',
  genderSameAsBirth: 'Gender same as sex registered at birth',
  ethnicity: 'Ethnic group',
  healthCondition: 'Long-term health condition',
  conditionImpact: 'Condition reduces day-to-day activities',
  isCarer: 'Caring responsibilities',
  isLoneParent: 'Lone parent',
  labourMarketStatus: 'Labour-market status',
  benefits: 'Benefits received',
  ucConditionality: 'Universal Credit conditionality',
  timeOutOfWork: 'Time out of work',
  qualificationLevel: 'Highest qualification',
  barriers: 'Barriers',
  referralSource: 'Referral source',
  referralDate: 'Referral date',
  referrerName: 'Referrer',
  fundingStreamId: 'Funding stream',
  keyWorkerId: 'Key worker',
  startDate: 'Start date',
  leaveDate: 'Leave date',
  privacyNoticeVersion: 'Privacy notice version',
  privacyNoticeDate: 'Privacy notice shown on',
  consentPartners: 'Consent to share with',
  lawfulBasisNote: 'Lawful basis note',
};

/** A column of `participants` by its field's label ("address_line1" → "Address line 1"), else in words. */
export function columnLabel(column: string): string {
  return fieldLabels[column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())] ?? wordsOf(column);
}

/** The record's fields in form order (also the fields a merge chooses between). */
export const recordFields = Object.keys(fieldLabels) as Array<keyof ParticipantRecord>;
