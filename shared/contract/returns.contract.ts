// Channels of the returns area: funders and versioned indicator sets, the return builder and
// its drill-down, export, submit-and-lock, submitted returns with what changed, the dashboard.
import { z } from 'zod';
import { selectedBy, specialItems } from './personal';
import { dashboardAreasSchema } from './geography.contract';
import { channel, reads, writes } from './define';
import { exportChannel, exportPurposeSchema, idSchema, isoDateSchema } from './common';
import { countingRuleSchema } from '../domain/counting-rule';
import { definitionStatusCodes } from '../domain/definition-status';

export const personalColumnCodes = ['reference', 'name', 'ni_number', 'date_of_birth', 'postcode'] as const;

export const indicatorInputSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, 'Enter a code')
    .max(20, 'Codes are 20 characters or fewer')
    .regex(/^[A-Za-z0-9-]+$/, 'Use letters, digits and hyphens'),
  title: z.string().trim().min(3, 'Enter a title').max(300),
  definition: z.string().trim().min(3, 'Enter a definition').max(2000),
  unit: z.string().trim().min(1, 'Enter a unit').max(40),
  evidenceRequired: z.string().trim().max(1000),
  interventionCode: z.string().trim().max(20).nullable(),
  /** 'agreed' only when an administrator confirms the definition is agreed with the funder. */
  definitionStatus: z.enum(definitionStatusCodes),
  rule: countingRuleSchema,
});
export type IndicatorInput = z.infer<typeof indicatorInputSchema>;

export const indicatorSchema = indicatorInputSchema.extend({
  sentence: z.string(),
  /** Who confirmed the definition was agreed with the funder, and on what day. */
  agreedBy: z.string().nullable(),
  agreedOn: z.string().nullable(),
});
export type IndicatorView = z.infer<typeof indicatorSchema>;

export const agreementSchema = z.object({
  id: idSchema,
  funderId: idSchema,
  name: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  closureOn: z.string().nullable(),
  notes: z.string().nullable(),
});
export type AgreementView = z.infer<typeof agreementSchema>;

const setSummarySchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  funderId: idSchema,
  funderCode: z.string(),
  funderName: z.string(),
  currentVersion: z.number().int(),
  currentVersionId: idSchema,
  indicatorCount: z.number().int(),
  agreement: agreementSchema.nullable(),
});
export type SetSummary = z.infer<typeof setSummarySchema>;

const periodInput = { setId: idSchema, from: isoDateSchema, to: isoDateSchema };
const refinePeriod = <T extends { from: string; to: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.to < v.from)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'The last day must be the same as or after the first day' });
};

export const claimLineSchema = z.object({
  indicatorCode: z.string(),
  personId: z.number().nullable(),
  participantId: z.number().nullable(),
  employerId: z.number().nullable(),
  employerName: z.string().nullable(),
  itemKind: z.string(),
  itemId: z.number(),
  itemDate: z.string().nullable(),
  itemLabel: z.string().nullable(),
  verificationStatus: z.string().nullable(),
  verifier: z.string().nullable(),
  evidenceCount: z.number().nullable(),
  /** 1 when the outcome was verified without the evidence its type needs (with a reason). */
  verifiedWithoutEvidence: z.number().nullable(),
  reference: z.string().nullable(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  niNumber: z.string().nullable(),
  postcode: z.string().nullable(),
  postcodeDistrict: z.string().nullable(),
  phone: z.string().nullable(),
  eligibilityStatus: z.string().nullable(),
  startDate: z.string().nullable(),
  leaveDate: z.string().nullable(),
  labourMarketStatus: z.string().nullable(),
  fundingStreamId: z.number().nullable(),
  fundingStream: z.string().nullable(),
  fundingProjectId: z.number().nullable(),
  fundingProject: z.string().nullable(),
  projectIntervention: z.string().nullable(),
  // Sex, ethnicity and disability stay in the backend: they reach the workbook's equality
  // breakdown as counts only, never the window line by line (special-category data).
});
export type ClaimLineView = z.infer<typeof claimLineSchema>;

/** The barriers an indicator's rule chooses people by (with those of the indicators whose people it
 * leaves out). When one is special category, the people behind the figure are withheld from
 * viewers (`selectedBy`): being counted says it of each of them. */
export const criteriaSchema = z.array(z.object({ code: z.string(), label: z.string(), specialCategory: z.boolean() }));
export type Criteria = z.infer<typeof criteriaSchema>;
/** People chosen by the sibling `criteria`. */
const chosenBy = <T extends z.ZodType>(schema: T) => selectedBy('barrier', 'criteria', schema);

export const warningKinds = [
  'missing_evidence',
  'verified_without_evidence',
  'eligibility_not_confirmed',
  'possible_duplicate',
  'outside_enrolment',
  'claimed_by_other_funder',
  'no_funding_stream',
] as const;
export const returnWarningSchema = z.object({
  kind: z.enum(warningKinds),
  indicatorCode: z.string().nullable(),
  /** What every indicator the warning's people are counted under chooses by. */
  criteria: criteriaSchema,
  participantId: chosenBy(z.number().nullable()),
  reference: chosenBy(z.string().nullable()),
  /** Null for a viewer when the people were chosen by a special-category barrier. */
  message: chosenBy(z.string().nullable()),
});
export type ReturnWarning = z.infer<typeof returnWarningSchema>;

export const ragCodes = ['green', 'amber', 'red', 'none'] as const;

/** Per indicator, the count split by the project (and intervention) its items are attributed to. */
const projectSplitSchema = z.object({
  project: z.string().nullable(),
  fundingStream: z.string().nullable(),
  interventionCode: z.string().nullable(),
  count: z.number().int(),
});

const computedIndicatorSchema = z.object({
  code: z.string(),
  title: z.string(),
  unit: z.string(),
  interventionCode: z.string().nullable(),
  count: z.number().int(),
  /** Counted over the agreement to date (or the financial year without one), each once. */
  cumulative: z.number().int(),
  target: z.number().int().nullable(),
  profileToDate: z.number().int().nullable(),
  profileThisPeriod: z.number().int().nullable(),
  /** Cumulative minus the profile to date; null without a profile. */
  variance: z.number().int().nullable(),
  rag: z.enum(ragCodes),
  sentence: z.string(),
  evidenceRequired: z.string(),
  definitionStatus: z.enum(definitionStatusCodes),
  warnings: z.number().int(),
  /** Null when the claim lines were not computed (counts only). */
  byProject: z.array(projectSplitSchema).nullable(),
});

const computedReturnSchema = z.object({
  set: setSummarySchema,
  version: z.number().int(),
  versionId: idSchema,
  from: z.string(),
  to: z.string(),
  periodLabel: z.string(),
  indicators: z.array(computedIndicatorSchema),
  /** Null when warnings were not asked for. */
  warningCounts: z.record(z.string(), z.number().int()).nullable(),
  warnings: z.array(returnWarningSchema),
  submittedReturnId: z.number().nullable(),
  /** The period against the set's funding agreement: what is counted, and what staff are told. */
  agreement: z.object({
    status: z.enum(['none', 'inside', 'partly', 'outside']),
    countedFrom: z.string(),
    countedTo: z.string(),
    messages: z.array(z.string()),
  }),
  /** The first day the cumulative figures count from. */
  cumulativeFrom: z.string(),
});
export type ComputedReturn = z.infer<typeof computedReturnSchema>;

const returnSummarySchema = z.object({
  id: idSchema,
  setId: idSchema,
  setCode: z.string(),
  setName: z.string(),
  version: z.number().int(),
  from: z.string(),
  to: z.string(),
  periodLabel: z.string(),
  submittedAt: z.string(),
  submittedBy: z.string().nullable(),
  note: z.string().nullable(),
  totals: z.record(z.string(), z.number().int()),
});
export type ReturnSummary = z.infer<typeof returnSummarySchema>;

const changeSchema = z.object({
  code: z.string(),
  title: z.string(),
  submitted: z.number().int(),
  now: z.number().int(),
  criteria: criteriaSchema,
  added: chosenBy(z.array(claimLineSchema)),
  removed: chosenBy(z.array(claimLineSchema)),
});

/** 'aggregate': the return's figures, no personal data; 'evidence': the claim lines behind them. */
const exportPart = z.enum(['aggregate', 'evidence']).default('aggregate');

const purposeSchema = exportPurposeSchema;

export const profileAmountSchema = z
  .object({ from: isoDateSchema, to: isoDateSchema, amount: z.number().int('Whole numbers').min(0, '0 or more') })
  .strict();

/** An indicator's target for the whole agreement and its profile per quarter or half-year. */
export const targetSchema = z.object({
  indicatorCode: z.string().max(20),
  target: z.number().int('Whole numbers').min(0, '0 or more').nullable(),
  profileKind: z.enum(['quarter', 'half']).nullable(),
  profile: z.array(profileAmountSchema).max(60),
});
export type TargetView = z.infer<typeof targetSchema>;

const countRowSchema = z.object({ key: z.string(), label: z.string(), count: z.number().int() });
export type CountRow = z.infer<typeof countRowSchema>;

export const dashboardSchema = z.object({
  from: z.string(),
  to: z.string(),
  periodLabel: z.string(),
  headline: z.array(
    z.object({ code: z.string(), title: z.string(), unit: z.string(), count: z.number().int(), sentence: z.string() }),
  ),
  startsByMonth: z.array(countRowSchema),
  outcomesByType: z.array(countRowSchema),
  funnel: z.array(countRowSchema),
  byDistrict: z.array(countRowSchema),
  /** Counts by barrier: the special-category barriers are not shown to viewers. */
  byBarrier: specialItems('barrier', z.array(countRowSchema), 'key'),
  /** Starts and outcomes by ward and by deprivation decile (the geography area's). */
  areas: dashboardAreasSchema,
  /** Community investment received in the period on social-value contracts and Section 106
   * obligations, in pence: the headline "investment into local community projects". */
  communityInvestment: z.object({ pence: z.number().int(), contracts: z.number().int() }),
  /** Events and activities held in the period: how many, the people counted at them (aggregate
   * headcounts) and the participants named as attending, and events by kind. */
  events: z.object({
    count: z.number().int(),
    headcount: z.number().int(),
    namedAttendees: z.number().int(),
    byKind: z.array(countRowSchema),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** The dashboard's first screen: its headline figures and events, counted in a fifth of the
 * whole dashboard's time, so the window shows them before the charts are counted. */
export const dashboardFiguresSchema = dashboardSchema.pick({
  from: true,
  to: true,
  periodLabel: true,
  headline: true,
  communityInvestment: true,
  events: true,
});
export type DashboardFigures = z.infer<typeof dashboardFiguresSchema>;

/** A period (default: this financial year). */
const dashboardInputSchema = z.object({ from: isoDateSchema.optional(), to: isoDateSchema.optional() }).strict();

export const returnsContract = {
  'returns.sets': channel({
    effect: reads,
    summary: 'List indicator sets',
    role: 'viewer',
    input: z.object({}).strict(),
    output: z.array(setSummarySchema),
  }),
  'returns.setDetail': channel({
    effect: reads,
    summary: 'Show an indicator set version',
    role: 'viewer',
    input: z.object({ setId: idSchema, versionId: idSchema.optional() }).strict(),
    output: z.object({
      set: setSummarySchema,
      versionId: idSchema,
      version: z.number().int(),
      versions: z.array(
        z.object({
          id: idSchema,
          version: z.number().int(),
          note: z.string().nullable(),
          createdAt: z.string(),
          createdBy: z.string().nullable(),
          returns: z.number().int(),
        }),
      ),
      indicators: z.array(indicatorSchema),
    }),
  }),
  'returns.saveSetVersion': channel({
    effect: writes('returns'),
    summary: 'Save a new version of an indicator set',
    role: 'administrator',
    input: z
      .object({
        setId: idSchema,
        basedOnVersionId: idSchema,
        note: z.string().trim().min(3, 'Say what changed').max(500),
        indicators: z.array(indicatorInputSchema).min(1, 'A set needs at least one indicator').max(60),
      })
      .strict()
      .superRefine((v, ctx) => {
        const seen = new Set<string>();
        v.indicators.forEach((ind, i) => {
          if (seen.has(ind.code))
            ctx.addIssue({
              code: 'custom',
              path: ['indicators', i, 'code'],
              message: `Code ${ind.code} is used twice`,
            });
          seen.add(ind.code);
        });
      }),
    output: z.object({ versionId: idSchema, version: z.number().int() }),
  }),
  'returns.describeRule': channel({
    effect: reads,
    summary: 'Read a counting rule as a sentence',
    role: 'viewer',
    /** With the set's funder, "attributed to a funding stream of <funder>" names it. */
    input: z.object({ rule: countingRuleSchema, funderId: idSchema.optional() }).strict(),
    output: z.object({ sentence: z.string() }),
  }),
  'returns.funders': channel({
    effect: reads,
    summary: 'List funders',
    role: 'viewer',
    input: z.object({}).strict(),
    output: z.array(
      z.object({
        id: idSchema,
        code: z.string(),
        name: z.string(),
        notes: z.string().nullable(),
        personalColumns: z.array(z.enum(personalColumnCodes)),
      }),
    ),
  }),
  'returns.saveFunder': channel({
    effect: writes('returns'),
    summary: 'Change a funder',
    role: 'administrator',
    input: z
      .object({
        id: idSchema,
        name: z.string().trim().min(2, 'Enter the funder name').max(120),
        notes: z.string().trim().max(1000).nullable(),
        personalColumns: z.array(z.enum(personalColumnCodes)).max(5),
      })
      .strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'returns.compute': channel({
    effect: reads,
    summary: 'Count a return',
    role: 'viewer',
    /** `warnings: false` counts only (one count query per indicator: fast); true also lists
     * the claim lines' warnings (slower on a large programme). */
    input: z
      .object({ ...periodInput, versionId: idSchema.optional(), warnings: z.boolean().default(true) })
      .strict()
      .superRefine(refinePeriod),
    output: computedReturnSchema,
  }),
  'returns.lines': channel({
    effect: reads,
    summary: 'Show the people and items behind an indicator',
    role: 'viewer',
    input: z
      .object({ ...periodInput, versionId: idSchema.optional(), indicatorCode: z.string().max(20) })
      .strict()
      .superRefine(refinePeriod),
    output: z.object({
      criteria: criteriaSchema,
      /** Empty for a viewer when the rule chooses people by a special-category barrier. */
      lines: chosenBy(z.array(claimLineSchema)),
      total: z.number().int(),
      sentence: z.string(),
      title: z.string(),
    }),
  }),
  // A job (export-job.ts): the claim lines and stages in JobsProgress with Cancel, the file
  // collected through jobs.exportFile. An unknown return or set, or a period outside the set's
  // funding agreement, is refused by the call itself.
  'returns.export': exportChannel({
    summary: 'Export a return workbook',
    role: 'officer',
    input: z.union([
      z
        .object({ ...periodInput, versionId: idSchema.optional(), purpose: purposeSchema, part: exportPart })
        .strict()
        .superRefine(refinePeriod),
      z.object({ returnId: idSchema, purpose: purposeSchema, part: exportPart }).strict(),
    ]),
  }),
  'returns.submit': channel({
    effect: writes('returns'),
    summary: 'Submit and lock a return',
    role: 'officer',
    input: z
      .object({ ...periodInput, note: z.string().trim().max(500).nullable() })
      .strict()
      .superRefine(refinePeriod),
    output: z.object({ returnId: idSchema, lines: z.number().int() }),
  }),
  'returns.list': channel({
    effect: reads,
    summary: 'List submitted returns',
    role: 'viewer',
    input: z.object({}).strict(),
    output: z.array(returnSummarySchema),
  }),
  'returns.detail': channel({
    effect: reads,
    summary: 'Show a submitted return and what changed since',
    role: 'viewer',
    input: z.object({ returnId: idSchema }).strict(),
    output: z.object({ summary: returnSummarySchema, changes: z.array(changeSchema) }),
  }),
  'returns.dashboard': channel({
    effect: reads,
    summary: 'Programme dashboard',
    role: 'viewer',
    input: dashboardInputSchema,
    output: dashboardSchema,
  }),
  'returns.dashboardFigures': channel({
    effect: reads,
    summary: "The dashboard's headline figures",
    role: 'viewer',
    input: dashboardInputSchema,
    output: dashboardFiguresSchema,
  }),
  'returns.dashboard.export': exportChannel({
    summary: 'Export the dashboard tables',
    role: 'officer', // files leave the app: never for viewers
    input: z.object({ from: isoDateSchema, to: isoDateSchema }).strict().superRefine(refinePeriod),
  }),
  'returns.createSet': channel({
    effect: writes('returns'),
    summary: 'Create an indicator set for a funder',
    role: 'administrator',
    input: z
      .object({
        funderId: idSchema,
        agreementId: idSchema.nullable(),
        code: z
          .string()
          .trim()
          .min(2, 'Enter a code')
          .max(30)
          .regex(/^[A-Za-z0-9-]+$/, 'Use letters, digits and hyphens'),
        name: z.string().trim().min(3, 'Enter the set name').max(150),
        description: z.string().trim().max(1000).nullable(),
        /** Start from a copy of this set's current indicators; otherwise one indicator to edit. */
        copyFromSetId: idSchema.nullable(),
      })
      .strict(),
    output: z.object({ setId: idSchema }),
  }),
  'returns.saveSet': channel({
    effect: writes('returns'),
    summary: 'Change an indicator set',
    role: 'administrator',
    input: z
      .object({
        setId: idSchema,
        name: z.string().trim().min(3, 'Enter the set name').max(150),
        description: z.string().trim().max(1000).nullable(),
        agreementId: idSchema.nullable(),
      })
      .strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'returns.targets': channel({
    effect: reads,
    summary: "Show a set's targets and profiles",
    role: 'viewer',
    input: z.object({ setId: idSchema }).strict(),
    output: z.array(targetSchema),
  }),
  'returns.saveTargets': channel({
    effect: writes('returns'),
    summary: "Set an indicator's target and profile",
    role: 'administrator',
    input: targetSchema.extend({ setId: idSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
} as const;
