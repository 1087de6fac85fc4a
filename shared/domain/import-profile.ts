// Import profiles: how one partner's spreadsheet of one kind maps onto our records — the column
// for each field, value mappings, the date convention and the partner's scope for reconciling.
// A profile is JSON (docs/import-profiles.md) so it can be written by hand and used by the CLI.
import { z } from 'zod';
import { cscsCardTypes } from './cscs';
import { nameKey } from './person-match';

export const importKinds = ['participants', 'enrolments', 'results', 'placements', 'outcomes'] as const;
export type ImportKind = (typeof importKinds)[number];
export const importKindLabels: Record<ImportKind, string> = {
  participants: 'Referrals and participants',
  enrolments: 'Course enrolments',
  results: 'Course results',
  placements: 'Placements',
  outcomes: 'Outcomes',
};

export type FieldType = 'text' | 'name' | 'date' | 'ni' | 'postcode' | 'phone' | 'uln' | 'email' | 'number' | 'code';

export interface ImportField {
  key: string;
  label: string;
  type: FieldType;
  /** Header words that suggest this field (compared as nameKey). */
  synonyms: string[];
  /** Allowed codes after value mapping (type 'code'). */
  codes?: readonly string[];
  required?: boolean;
}

const person: ImportField[] = [
  {
    key: 'full_name',
    label: 'Full name',
    type: 'name',
    synonyms: ['name', 'fullname', 'learnername', 'participantname', 'customername', 'clientname', 'candidate'],
  },
  {
    key: 'first_name',
    label: 'First name',
    type: 'name',
    synonyms: ['firstname', 'forename', 'forenames', 'givenname', 'first'],
  },
  { key: 'last_name', label: 'Last name', type: 'name', synonyms: ['lastname', 'surname', 'familyname', 'last'] },
  { key: 'date_of_birth', label: 'Date of birth', type: 'date', synonyms: ['dateofbirth', 'dob', 'birthdate', 'born'] },
  {
    key: 'ni_number',
    label: 'NI number',
    type: 'ni',
    synonyms: ['ninumber', 'nino', 'nationalinsurancenumber', 'nationalinsurance', 'ni', 'nino'],
  },
  { key: 'postcode', label: 'Postcode', type: 'postcode', synonyms: ['postcode', 'postalcode', 'pcode', 'zip'] },
  {
    key: 'phone',
    label: 'Phone',
    type: 'phone',
    synonyms: ['phone', 'telephone', 'mobile', 'tel', 'phonenumber', 'contactnumber', 'mobilenumber'],
  },
  { key: 'uln', label: 'ULN', type: 'uln', synonyms: ['uln', 'uniquelearnernumber', 'learnernumber'] },
];

const participantOnly: ImportField[] = [
  { key: 'email', label: 'Email', type: 'email', synonyms: ['email', 'emailaddress', 'mail'] },
  {
    key: 'address_line1',
    label: 'Address line 1',
    type: 'text',
    synonyms: ['address', 'addressline1', 'address1', 'street', 'houseandstreet'],
  },
  { key: 'address_line2', label: 'Address line 2', type: 'text', synonyms: ['addressline2', 'address2'] },
  { key: 'town', label: 'Town', type: 'text', synonyms: ['town', 'city', 'towncity'] },
  {
    key: 'referral_date',
    label: 'Referral date',
    type: 'date',
    synonyms: ['referraldate', 'datereferred', 'referred', 'referredon'],
  },
  {
    key: 'referral_source',
    label: 'Referral source',
    type: 'text',
    synonyms: ['referralsource', 'source', 'referredby', 'referrer'],
  },
  {
    key: 'referrer_name',
    label: 'Referrer name',
    type: 'text',
    synonyms: ['referrername', 'workcoach', 'advisor', 'adviser', 'caseworker'],
  },
  { key: 'start_date', label: 'Start date', type: 'date', synonyms: ['startdate', 'started', 'start'] },
  { key: 'leave_date', label: 'Leave date', type: 'date', synonyms: ['leavedate', 'left', 'enddate', 'exitdate'] },
];

const course: ImportField[] = [
  {
    key: 'course',
    label: 'Course (their code, or our course type)',
    type: 'text',
    synonyms: ['course', 'coursecode', 'coursename', 'qualification', 'programme', 'aim', 'learningaim', 'courseref'],
    required: true,
  },
  {
    key: 'course_start',
    label: 'Course start date',
    type: 'date',
    synonyms: ['coursestart', 'startdate', 'start', 'coursestartdate'],
    required: true,
  },
  {
    key: 'course_type',
    label: 'Course type (our catalogue)',
    type: 'code',
    synonyms: ['coursetype', 'catalogue', 'typeofcourse'],
  },
  { key: 'course_title', label: 'Course title', type: 'text', synonyms: ['coursetitle', 'title', 'coursedescription'] },
  {
    key: 'course_end',
    label: 'Course end date',
    type: 'date',
    synonyms: ['courseend', 'enddate', 'courseenddate', 'end', 'finishdate'],
  },
];

/** The CSCS facts a results file may carry (issue 14): L1 Award, HS&E test, CSCS card. */
export const cscsFactFields = [
  'l1_award_date',
  'hse_test_date',
  'hse_score',
  'cscs_card_number',
  'cscs_card_type',
  'cscs_card_issued',
  'cscs_card_expiry',
] as const;

const cscsFacts: ImportField[] = [
  {
    key: 'l1_award_date',
    label: 'Level 1 Award date',
    type: 'date',
    synonyms: ['lawarddate', 'levelawarddate', 'lawardachieved', 'ldate', 'lachieved', 'levelawardachieved'],
  },
  {
    key: 'hse_test_date',
    label: 'HS&E test date',
    type: 'date',
    synonyms: ['hsetestdate', 'hsedate', 'testdate', 'hsandetestdate', 'citbtestdate'],
  },
  {
    key: 'hse_score',
    label: 'HS&E score (out of 50)',
    type: 'number',
    synonyms: ['hsescore', 'hsetestscore', 'score', 'testscore', 'hsandescore', 'hsemark'],
  },
  {
    key: 'cscs_card_number',
    label: 'CSCS card number',
    type: 'text',
    synonyms: [
      'cscscardnumber',
      'cardnumber',
      'cardno',
      'cscsnumber',
      'cscscardno',
      'cscsno',
      'cardregistrationnumber',
    ],
  },
  {
    key: 'cscs_card_type',
    label: 'CSCS card type',
    type: 'code',
    codes: cscsCardTypes.map((c) => c.code),
    synonyms: ['cscscardtype', 'cardtype', 'cardcolour', 'cscstype'],
  },
  {
    key: 'cscs_card_issued',
    label: 'CSCS card issue date',
    type: 'date',
    synonyms: ['cscscardissued', 'cardissued', 'cardissuedate', 'issuedate', 'dateissued', 'cardissuedon'],
  },
  {
    key: 'cscs_card_expiry',
    label: 'CSCS card expiry date',
    type: 'date',
    synonyms: ['cscscardexpiry', 'cardexpiry', 'cardexpirydate', 'expirydate', 'expiry', 'expires', 'cardexpires'],
  },
];

export const placementKinds = ['work_experience', 'work_trial', 'swap', 'apprenticeship', 'paid_job'] as const;
export const placementStatuses = ['planned', 'active', 'completed', 'ended_early'] as const;
export const enrolmentStatuses = ['enrolled', 'waiting', 'withdrawn', 'completed', 'not_completed'] as const;

export const importFields: Record<ImportKind, ImportField[]> = {
  participants: [...person, ...participantOnly],
  enrolments: [
    ...person,
    ...course,
    {
      key: 'enrolled_on',
      label: 'Enrolled on',
      type: 'date',
      synonyms: ['enrolledon', 'enrolmentdate', 'enrolled', 'dateenrolled'],
    },
    {
      key: 'enrolment_status',
      label: 'Enrolment status',
      type: 'code',
      codes: enrolmentStatuses,
      synonyms: ['status', 'enrolmentstatus'],
    },
  ],
  results: [
    ...person,
    ...course,
    {
      key: 'result',
      label: 'Result',
      type: 'code',
      codes: ['passed', 'failed'],
      synonyms: ['result', 'outcome', 'achieved', 'passfail', 'grade'],
    },
    {
      key: 'result_date',
      label: 'Result date',
      type: 'date',
      synonyms: ['resultdate', 'achievementdate', 'achieveddate', 'datecompleted', 'completed', 'enddate'],
    },
    ...cscsFacts,
  ],
  placements: [
    ...person,
    {
      key: 'employer',
      label: 'Employer',
      type: 'text',
      synonyms: ['employer', 'company', 'organisation', 'host', 'hostemployer'],
    },
    {
      key: 'placement_kind',
      label: 'Placement kind',
      type: 'code',
      codes: placementKinds,
      synonyms: ['type', 'placementtype', 'kind'],
    },
    {
      key: 'starts_on',
      label: 'Starts on',
      type: 'date',
      synonyms: ['startdate', 'starts', 'start', 'startson', 'datestarted'],
      required: true,
    },
    { key: 'ends_on', label: 'Ends on', type: 'date', synonyms: ['enddate', 'ends', 'end', 'endson', 'finished'] },
    { key: 'site', label: 'Site', type: 'text', synonyms: ['site', 'location', 'worksite'] },
    {
      key: 'hours_per_week',
      label: 'Hours per week',
      type: 'number',
      synonyms: ['hoursperweek', 'hours', 'weeklyhours', 'hpw'],
    },
    {
      key: 'placement_status',
      label: 'Status',
      type: 'code',
      codes: placementStatuses,
      synonyms: ['status', 'placementstatus'],
    },
    { key: 'supervisor', label: 'Supervisor', type: 'text', synonyms: ['supervisor', 'manager', 'linemanager'] },
  ],
  outcomes: [
    ...person,
    {
      key: 'outcome_type',
      label: 'Outcome type',
      type: 'code',
      synonyms: ['outcome', 'outcometype', 'type', 'result'],
      required: true,
    },
    {
      key: 'outcome_date',
      label: 'Outcome date',
      type: 'date',
      synonyms: ['outcomedate', 'date', 'jobstart', 'startdate', 'achieveddate'],
      required: true,
    },
    { key: 'employer', label: 'Employer', type: 'text', synonyms: ['employer', 'company', 'organisation'] },
    { key: 'sector', label: 'Sector', type: 'text', synonyms: ['sector', 'industry'] },
    {
      key: 'hours_per_week',
      label: 'Hours per week',
      type: 'number',
      synonyms: ['hoursperweek', 'hours', 'weeklyhours'],
    },
    {
      key: 'qualification_title',
      label: 'Qualification title',
      type: 'text',
      synonyms: ['qualificationtitle', 'qualification'],
    },
    { key: 'notes', label: 'Notes', type: 'text', synonyms: ['notes', 'comments', 'comment'] },
  ],
};

export function fieldOf(kind: ImportKind, key: string): ImportField | undefined {
  return importFields[kind].find((f) => f.key === key);
}

export const PROFILE_FORMAT = 'worksbook-import-profile/1';

const fieldKey = z.string().min(1).max(64);
export const importProfileSchema = z
  .object({
    format: z.literal(PROFILE_FORMAT).default(PROFILE_FORMAT),
    name: z.string().trim().min(1, 'Enter a profile name').max(80),
    partner: z.string().trim().min(1, 'Enter the partner').max(120),
    kind: z.enum(importKinds),
    /** The sheet to read; the first sheet with data when absent. */
    sheet: z.string().max(31).optional(),
    /** 1-based header row; detected when absent. */
    headerRow: z.number().int().min(1).max(1000).optional(),
    dateConvention: z.enum(['dmy', 'mdy', 'ymd']).default('dmy'),
    /** Enrolments and results: a course run the file names that we do not have is created from
     * its rows (course type, start and end dates, the partner's code and title). */
    createCourseRuns: z.boolean().default(false),
    /** Our field → the partner's column header (exact text, compared case- and space-insensitively). */
    columns: z.record(fieldKey, z.string().min(1).max(200)),
    /** Our field → { partner's value: our value }; an empty value means "nothing" (the cell is ignored). */
    valueMaps: z.record(fieldKey, z.record(z.string().max(200), z.string().max(200))).default({}),
    /** Our field → a value used for every row (e.g. referral_source "jcp"). */
    defaults: z.record(fieldKey, z.string().max(200)).default({}),
    /** What counts as this partner's records when reconciling. */
    scope: z
      .object({
        referralSource: z.string().max(64).optional(),
        employer: z.string().max(120).optional(),
        course: z.string().max(120).optional(),
      })
      .default({}),
  })
  .superRefine((p, ctx) => {
    const known = new Set(importFields[p.kind].map((f) => f.key));
    for (const key of [...Object.keys(p.columns), ...Object.keys(p.valueMaps), ...Object.keys(p.defaults)]) {
      if (!known.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['columns', key],
          message: `"${key}" is not a field of a ${p.kind} import`,
        });
    }
    const has = (k: string) => k in p.columns || k in p.defaults;
    if (!has('full_name') && !(has('first_name') && has('last_name')) && !has('ni_number') && !has('uln')) {
      ctx.addIssue({
        code: 'custom',
        path: ['columns'],
        message: 'Map a name (full name, or first and last name) or an NI number so people can be matched',
      });
    }
    for (const f of importFields[p.kind])
      if (f.required && !has(f.key))
        ctx.addIssue({ code: 'custom', path: ['columns', f.key], message: `Map a column to ${f.label}` });
    // A results file carries a result, or CSCS facts (or both).
    if (p.kind === 'results' && !has('result') && !cscsFactFields.some(has))
      ctx.addIssue({
        code: 'custom',
        path: ['columns', 'result'],
        message: 'Map a column to Result, or to the CSCS facts (HS&E test, CSCS card, Level 1 Award)',
      });
    if (p.createCourseRuns && p.kind !== 'enrolments' && p.kind !== 'results')
      ctx.addIssue({
        code: 'custom',
        path: ['createCourseRuns'],
        message: 'Course runs are created from enrolment and result files only',
      });
  });
export type ImportProfile = z.output<typeof importProfileSchema>;
export type ImportProfileInput = z.input<typeof importProfileSchema>;

export interface ColumnSuggestion {
  field: string;
  header: string;
  column: number;
  /** Why: "header" (name matched) or "contents" (values look like it). */
  basis: 'header' | 'contents';
}

/** Suggests a column for each field from header names, then from what the values look like. */
export function suggestColumns(kind: ImportKind, headers: string[], samples: string[][]): ColumnSuggestion[] {
  const out: ColumnSuggestion[] = [];
  const used = new Set<number>();
  const keys = headers.map((h) => nameKey(h));
  for (const field of importFields[kind]) {
    let best = -1;
    for (const syn of field.synonyms) {
      best = keys.findIndex((k, i) => !used.has(i) && k === syn);
      if (best >= 0) break;
    }
    if (best < 0) {
      for (const syn of field.synonyms.filter((s) => s.length >= 5)) {
        best = keys.findIndex((k, i) => !used.has(i) && k.includes(syn));
        if (best >= 0) break;
      }
    }
    if (best >= 0) {
      used.add(best);
      out.push({ field: field.key, header: headers[best]!, column: best, basis: 'header' });
    }
  }
  // Contents: a column whose values look like NI numbers, postcodes or dates.
  const looks: Array<[string, RegExp]> = [
    ['ni_number', /^[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]$/i],
    ['postcode', /^[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}$/i],
    ['email', /^[^\s@]+@[^\s@]+\.[^\s@]+$/],
    ['uln', /^\d{10}$/],
  ];
  for (const [field, re] of looks) {
    if (out.some((s) => s.field === field) || !importFields[kind].some((f) => f.key === field)) continue;
    const col = headers.findIndex((_h, i) => {
      if (used.has(i)) return false;
      const vals = samples.map((r) => (r[i] ?? '').trim()).filter(Boolean);
      return vals.length > 0 && vals.filter((v) => re.test(v)).length / vals.length >= 0.8;
    });
    if (col >= 0) {
      used.add(col);
      out.push({ field, header: headers[col]!, column: col, basis: 'contents' });
    }
  }
  return out;
}

/** Finds a header in the sheet's headers the way a profile names it (case and spacing ignored). */
export function headerIndex(headers: string[], wanted: string): number {
  const w = wanted.trim().toLowerCase().replace(/\s+/g, ' ');
  return headers.findIndex((h) => h.trim().toLowerCase().replace(/\s+/g, ' ') === w);
}
