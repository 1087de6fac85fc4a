// Channels of the courses area: the catalogue, course runs and sessions, enrolment with a
// waiting list, registers, results (completion, L1 Award, HS&E, CSCS card, PPE, sign-off),
// the site-ready rule and candidates, the expiry worklist and the course dashboard.
import { z } from 'zod';
import { bulkWrites, channel, reads, writes } from './define';
import { exportChannel, gridQuerySchema, idSchema, isoDateSchema, okOutput, pageOf, emptyInput } from './common';
import { siteReadyRuleSchema } from '../domain/site-ready';

/** Trimmed text; blank becomes null so "nothing typed" is stored as nothing. */
const optText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((v) => (v ? v : null));
const reqText = (max: number, label: string) =>
  z.string().trim().min(1, `Enter ${label.toLowerCase()}`).max(max, `${label} must be ${max} characters or fewer`);
const timeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as hh:mm, for example 09:30')
  .nullish()
  .transform((v) => v ?? null);

export const runStatuses = ['planned', 'running', 'completed', 'cancelled'] as const;
export const attendanceMarks = ['present', 'late', 'absent', 'excused'] as const;
export const cscsComponents = ['l1_award', 'hse_test', 'card_application', 'pre_employment'] as const;
export type AttendanceMark = (typeof attendanceMarks)[number];

export const courseTypeSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  providerOrgId: idSchema.nullable(),
  providerName: z.string().nullable(),
  typicalDays: z.number().int().nullable(),
  leadsTo: z.string().nullable(),
  cscsComponent: z.enum(cscsComponents).nullable(),
  description: z.string().nullable(),
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  runCount: z.number().int(),
});
export type CourseType = z.infer<typeof courseTypeSchema>;

export const courseTypeInputSchema = z
  .object({
    id: idSchema.optional(),
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{2,40}$/, 'Code: 2 to 40 lower-case letters, digits or underscores'),
    name: reqText(160, 'Name'),
    providerOrgId: idSchema.nullable().default(null),
    typicalDays: z
      .number()
      .int()
      .min(1, 'Typical length must be at least 1 day')
      .max(365, 'Typical length must be 365 days or fewer')
      .nullable()
      .default(null),
    leadsTo: optText(300, 'Leads to'),
    cscsComponent: z.enum(cscsComponents).nullable().default(null),
    description: optText(1000, 'Description'),
    sortOrder: z.number().int().min(0).max(100_000).default(0),
    isActive: z.boolean().default(true),
  })
  .strict();

export const runFieldsSchema = z.object({
  courseTypeId: idSchema,
  providerOrgId: idSchema.nullable().default(null),
  venue: optText(200, 'Venue'),
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  capacity: z
    .number({ message: 'Enter the number of places' })
    .int('Enter a whole number of places')
    .min(1, 'A run needs at least 1 place')
    .max(500, 'A run can have at most 500 places'),
  tutor: optText(120, 'Tutor'),
  fundingStreamId: idSchema.nullable().default(null),
  status: z.enum(runStatuses).default('planned'),
  notes: optText(2000, 'Notes'),
});
const endAfterStart = (v: { startDate: string; endDate: string }) => v.endDate >= v.startDate;
const endAfterStartMessage = { message: 'The end date must be on or after the start date', path: ['endDate'] };

export const runCreateSchema = runFieldsSchema
  .extend({
    generateSessions: z.boolean().default(true),
    sessionStartsAt: timeSchema,
    sessionEndsAt: timeSchema,
  })
  .strict()
  .refine(endAfterStart, endAfterStartMessage);
export const runUpdateSchema = runFieldsSchema
  .extend({ id: idSchema })
  .strict()
  .refine(endAfterStart, endAfterStartMessage);

export const runGridRowSchema = z.object({
  id: idSchema,
  courseType: z.string(),
  cscsComponent: z.string().nullable(),
  provider: z.string().nullable(),
  venue: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(runStatuses),
  capacity: z.number().int(),
  enrolled: z.number().int(),
  waiting: z.number().int(),
  completed: z.number().int(),
  tutor: z.string().nullable(),
});
export type RunGridRow = z.infer<typeof runGridRowSchema>;

export const sessionSchema = z.object({
  id: idSchema,
  sessionDate: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  label: z.string().nullable(),
  marked: z.number().int(),
});

export const runDetailSchema = z.object({
  id: idSchema,
  courseTypeId: idSchema,
  courseType: z.string(),
  cscsComponent: z.string().nullable(),
  providerOrgId: idSchema.nullable(),
  provider: z.string().nullable(),
  venue: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  capacity: z.number().int(),
  tutor: z.string().nullable(),
  fundingStreamId: idSchema.nullable(),
  fundingStream: z.string().nullable(),
  status: z.enum(runStatuses),
  notes: z.string().nullable(),
  sessions: z.array(sessionSchema),
  counts: z.object({
    enrolled: z.number().int(),
    waiting: z.number().int(),
    withdrawn: z.number().int(),
    completed: z.number().int(),
    notCompleted: z.number().int(),
  }),
});
export type RunDetail = z.infer<typeof runDetailSchema>;

export const enrolmentRowSchema = z.object({
  enrolmentId: idSchema,
  participantId: idSchema,
  reference: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  eligibilityStatus: z.string(),
  status: z.enum(['enrolled', 'waiting', 'withdrawn', 'completed', 'not_completed']),
  waitingPosition: z.number().int().nullable(),
  enrolledOn: z.string(),
  overrideReason: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  version: z.number().int(),
  completedOn: z.string().nullable(),
  attendanceRate: z.number().nullable(),
});
export type EnrolmentRow = z.infer<typeof enrolmentRowSchema>;

export const enrolCandidateSchema = z.object({
  id: idSchema,
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string().nullable(),
  postcode: z.string().nullable(),
  eligibilityStatus: z.string(),
  inRun: z.string().nullable(),
});
export type EnrolCandidate = z.infer<typeof enrolCandidateSchema>;

export const registerRowSchema = z.object({
  enrolmentId: idSchema,
  participantId: idSchema,
  reference: z.string(),
  name: z.string(),
  status: z.string(),
  mark: z.enum(attendanceMarks).nullable(),
  reason: z.string().nullable(),
});
export type RegisterRow = z.infer<typeof registerRowSchema>;

export const siteReadyStatusSchema = z.object({
  ready: z.boolean(),
  missing: z.array(z.string()),
  readySince: z.string().nullable(),
  readyUntil: z.string().nullable(),
});

export const resultRowSchema = z.object({
  enrolmentId: idSchema,
  participantId: idSchema,
  reference: z.string(),
  name: z.string(),
  status: z.string(),
  completedOn: z.string().nullable(),
  attendanceRate: z.number().nullable(),
  l1: z.object({ id: idSchema, achievedOn: z.string(), certificateNumber: z.string().nullable() }).nullable(),
  hse: z.array(z.object({ id: idSchema, takenOn: z.string(), score: z.number().int(), passed: z.boolean() })),
  card: z
    .object({
      id: idSchema,
      cardType: z.string(),
      cardNumber: z.string().nullable(),
      issuedOn: z.string(),
      expiresOn: z.string(),
      isFirstLabourerCard: z.boolean(),
      /** The issue date was taken from the result date: the partner gave only the expiry. */
      issuedOnDerived: z.boolean(),
      smartCheckedOn: z.string().nullable(),
    })
    .nullable(),
  ppe: z.object({ id: idSchema, issuedOn: z.string(), items: z.string().nullable() }).nullable(),
  signoff: z.object({ id: idSchema, signedOn: z.string(), signedBy: z.string().nullable() }).nullable(),
  siteReady: siteReadyStatusSchema,
});
export type ResultRow = z.infer<typeof resultRowSchema>;

const resultBase = { runId: idSchema, date: isoDateSchema };
export const recordResultsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      ...resultBase,
      kind: z.literal('completion'),
      entries: z
        .array(z.object({ enrolmentId: idSchema, status: z.enum(['completed', 'not_completed', 'enrolled']) }))
        .min(1, 'Choose at least one person')
        .max(500),
    })
    .strict(),
  z
    .object({
      ...resultBase,
      kind: z.literal('l1'),
      awardingBody: optText(120, 'Awarding body'),
      entries: z
        .array(z.object({ enrolmentId: idSchema, certificateNumber: optText(60, 'Certificate number') }))
        .min(1, 'Choose at least one person')
        .max(500),
    })
    .strict(),
  z
    .object({
      ...resultBase,
      kind: z.literal('hse'),
      entries: z
        .array(
          z.object({
            enrolmentId: idSchema,
            score: z
              .number({ message: 'Enter a score from 0 to 50' })
              .int('Enter a whole-number score')
              .min(0, 'The score must be 0 to 50')
              .max(50, 'The score must be 0 to 50'),
            testReference: optText(60, 'Test reference'),
          }),
        )
        .min(1, 'Enter at least one score')
        .max(500),
    })
    .strict(),
  z
    .object({
      ...resultBase,
      kind: z.literal('card'),
      cardType: z.string().min(1).max(40),
      entries: z
        .array(
          z.object({
            enrolmentId: idSchema,
            cardNumber: optText(40, 'Card number'),
            isFirstLabourerCard: z.boolean().default(false),
            expiresOn: isoDateSchema.nullable().default(null),
          }),
        )
        .min(1, 'Choose at least one person')
        .max(500),
    })
    .strict(),
  z
    .object({
      ...resultBase,
      kind: z.literal('smartcheck'),
      entries: z
        .array(z.object({ enrolmentId: idSchema }))
        .min(1, 'Choose at least one person')
        .max(500),
    })
    .strict(),
  z
    .object({
      ...resultBase,
      kind: z.literal('ppe'),
      entries: z
        .array(z.object({ enrolmentId: idSchema, items: optText(300, 'PPE items') }))
        .min(1, 'Choose at least one person')
        .max(500),
    })
    .strict(),
  z
    .object({
      ...resultBase,
      kind: z.literal('signoff'),
      entries: z
        .array(z.object({ enrolmentId: idSchema, notes: optText(500, 'Notes') }))
        .min(1, 'Choose at least one person')
        .max(500),
    })
    .strict(),
]);
export type RecordResultsInput = z.input<typeof recordResultsSchema>;
export type ResultKind = RecordResultsInput['kind'];

export const siteReadyRowSchema = z.object({
  id: idSchema,
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  postcode: z.string().nullable(),
  ready: z.boolean(),
  readySince: z.string().nullable(),
  readyUntil: z.string().nullable(),
  cardType: z.string().nullable(),
  cardNumber: z.string().nullable(),
  cardExpiresOn: z.string().nullable(),
  hsePassedOn: z.string().nullable(),
  missing: z.string(),
  /** The programme's eligibility (right to work among it): only 'eligible' is confirmed. */
  eligibilityStatus: z.string(),
  eligibilityConfirmed: z.boolean(),
  /** Everything in the rule but the officer's sign-off is met today. */
  awaitingSignoff: z.boolean(),
  /** The day they became site ready in the period asked for ('became' only). */
  becameSiteReadyOn: z.string().nullable(),
});
export type SiteReadyRow = z.infer<typeof siteReadyRowSchema>;

export const siteReadyPresets = ['ready', 'awaiting-signoff', 'became', 'not-ready', 'all'] as const;
export type SiteReadyPreset = (typeof siteReadyPresets)[number];
const periodRefine = (v: { preset: string; from?: string | undefined; to?: string | undefined }) =>
  v.preset !== 'became' || (!!v.from && !!v.to && v.from <= v.to);
const periodMessage = { message: 'Choose the period: a start and an end on or after it', path: ['from'] };

export const expiryRowSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['card', 'hse']),
  participantId: idSchema,
  reference: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  item: z.string(),
  expiresOn: z.string(),
  daysLeft: z.number().int(),
});
export type ExpiryRow = z.infer<typeof expiryRowSchema>;

const rate = z.number().nullable();
export const dashboardRunSchema = z.object({
  id: idSchema,
  courseType: z.string(),
  startDate: z.string(),
  status: z.enum(runStatuses),
  capacity: z.number().int(),
  seats: z.number().int(),
  fillRate: rate,
  completionRate: rate,
  hseTaken: z.number().int(),
  hsePassRate: rate,
  attendanceRate: rate,
});
export const dashboardSchema = z.object({
  overall: z.object({
    runs: z.number().int(),
    capacity: z.number().int(),
    seats: z.number().int(),
    fillRate: rate,
    completed: z.number().int(),
    completionRate: rate,
    hseTaken: z.number().int(),
    hsePassed: z.number().int(),
    hsePassRate: rate,
    attendanceRate: rate,
    cardsIssued: z.number().int(),
    siteReadyNow: z.number().int(),
  }),
  runs: z.array(dashboardRunSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

const siteReadyQuery = gridQuerySchema
  .extend({
    preset: z.enum(siteReadyPresets).default('ready'),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .refine(periodRefine, periodMessage);
const withinDays = z.number().int().min(1, 'Enter 1 to 730 days').max(730, 'Enter 1 to 730 days').default(60);

export const coursesContract = {
  'courses.lookups': channel({
    effect: reads,
    summary: 'Course types, providers, funding streams',
    role: 'viewer',
    input: emptyInput,
    output: z.object({
      courseTypes: z.array(courseTypeSchema),
      providers: z.array(z.object({ id: idSchema, name: z.string(), kind: z.string() })),
      fundingStreams: z.array(z.object({ id: idSchema, name: z.string() })),
    }),
  }),
  'courses.types.save': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Save a course type in the catalogue',
    role: 'administrator',
    input: courseTypeInputSchema,
    output: z.object({ id: idSchema }),
  }),
  'courses.runs.page': channel({
    effect: reads,
    summary: 'List course runs',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(runGridRowSchema),
  }),
  'courses.runs.get': channel({
    effect: reads,
    summary: 'Open a course run',
    role: 'viewer',
    input: z.object({ id: idSchema }).strict(),
    output: runDetailSchema,
  }),
  'courses.runs.create': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Plan a course run',
    role: 'officer',
    input: runCreateSchema,
    output: z.object({ id: idSchema }),
  }),
  'courses.runs.update': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Change a course run',
    role: 'officer',
    input: runUpdateSchema,
    output: z.object({ promoted: z.number().int() }),
  }),
  'courses.runs.complete': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Mark a course run completed once every result is in',
    role: 'officer',
    input: z.object({ id: idSchema }).strict(),
    output: okOutput,
  }),
  'courses.sessions.save': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Change the sessions of a course run',
    role: 'officer',
    input: z
      .object({
        runId: idSchema,
        sessions: z
          .array(
            z
              .object({
                id: idSchema.optional(),
                sessionDate: isoDateSchema,
                startsAt: timeSchema,
                endsAt: timeSchema,
                label: optText(80, 'Label'),
              })
              .strict(),
          )
          .max(200, 'A run can have at most 200 sessions'),
      })
      .strict(),
    output: okOutput,
  }),
  'courses.enrolments.list': channel({
    effect: reads,
    summary: 'Enrolments and waiting list of a run',
    role: 'viewer',
    input: z.object({ runId: idSchema }).strict(),
    output: z.array(enrolmentRowSchema),
  }),
  'courses.enrolCandidates.page': channel({
    effect: reads,
    summary: 'Find people to enrol',
    role: 'officer',
    input: gridQuerySchema.extend({ runId: idSchema }),
    output: pageOf(enrolCandidateSchema),
  }),
  'courses.enrol': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Enrol people on a course run',
    role: 'officer',
    input: z
      .object({
        runId: idSchema,
        participantIds: z.array(idSchema).min(1, 'Choose at least one person').max(500),
        overrideReason: optText(500, 'Reason'),
      })
      .strict(),
    output: z.object({
      enrolled: z.number().int(),
      waiting: z.number().int(),
      skipped: z.array(z.object({ participantId: idSchema, reason: z.string() })),
    }),
  }),
  'courses.withdraw': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Withdraw someone from a course run',
    role: 'officer',
    input: z
      .object({
        enrolmentId: idSchema,
        /** The enrolment's version the form opened (a colleague's newer change is not overwritten). */
        version: z.number().int().positive(),
        reason: reqText(500, 'a reason for the withdrawal'),
        withdrawnOn: isoDateSchema,
      })
      .strict(),
    output: z.object({ promoted: z.object({ participantId: idSchema, name: z.string() }).nullable() }),
  }),
  'courses.promote': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Offer a waiting-list place',
    role: 'officer',
    input: z.object({ enrolmentId: idSchema }).strict(),
    output: okOutput,
  }),
  'courses.register.get': channel({
    effect: reads,
    summary: 'Open a session register',
    role: 'viewer',
    input: z.object({ sessionId: idSchema }).strict(),
    output: z.object({
      session: z.object({
        id: idSchema,
        runId: idSchema,
        sessionDate: z.string(),
        startsAt: z.string().nullable(),
        endsAt: z.string().nullable(),
        label: z.string().nullable(),
      }),
      rows: z.array(registerRowSchema),
    }),
  }),
  'courses.register.save': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Save a session register',
    role: 'officer',
    input: z
      .object({
        sessionId: idSchema,
        marks: z
          .array(
            z.object({ enrolmentId: idSchema, mark: z.enum(attendanceMarks), reason: optText(200, 'Reason') }).strict(),
          )
          .min(1, 'Mark at least one person')
          .max(500),
      })
      .strict(),
    output: z.object({ saved: z.number().int(), changed: z.number().int() }),
  }),
  'courses.register.signInSheet': channel({
    effect: writes('audit'),
    summary: 'Print a session sign-in sheet',
    role: 'officer',
    input: z.object({ sessionId: idSchema }).strict(),
    output: z.object({
      session: z.object({
        sessionDate: z.string(),
        startsAt: z.string().nullable(),
        endsAt: z.string().nullable(),
        label: z.string().nullable(),
      }),
      people: z.array(z.object({ reference: z.string(), name: z.string() })),
    }),
  }),
  'courses.results.get': channel({
    effect: reads,
    summary: 'Results of a course run',
    role: 'viewer',
    input: z.object({ runId: idSchema }).strict(),
    output: z.object({
      rows: z.array(resultRowSchema),
      rule: z.array(z.string()),
      /** The date new results default to: the run's end, or today while it has not ended. */
      defaultDate: isoDateSchema,
      /** Everyone holding a place has a course result: the window offers to complete the run. */
      allResultsIn: z.boolean(),
    }),
  }),
  'courses.results.record': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Record course results',
    role: 'officer',
    input: recordResultsSchema,
    output: z.object({
      recorded: z.number().int(),
      outcomesCreated: z.number().int(),
      becameSiteReady: z.number().int(),
      /** Accepted with a warning (a card with no HS&E pass or L1 Award on file). */
      warnings: z.array(z.string()),
    }),
  }),
  'courses.results.remove': channel({
    effect: writes('courses', 'outcomes', 'participants'),
    summary: 'Remove a result recorded in error',
    role: 'officer',
    input: z
      .object({ kind: z.enum(['l1', 'hse', 'card', 'ppe', 'signoff']), id: idSchema, reason: reqText(300, 'a reason') })
      .strict(),
    output: okOutput,
  }),
  'courses.siteReady.rule': channel({
    effect: reads,
    summary: 'The site-ready rule',
    role: 'viewer',
    input: emptyInput,
    output: z.object({ rule: siteReadyRuleSchema, description: z.array(z.string()), definition: z.string() }),
  }),
  'courses.siteReady.setRule': channel({
    effect: bulkWrites('pre-bulk', 'courses', 'outcomes', 'participants'),
    summary: 'Change the site-ready rule',
    role: 'administrator',
    input: siteReadyRuleSchema.strict(),
    output: z.object({ rule: siteReadyRuleSchema, description: z.array(z.string()) }),
  }),
  'courses.siteReady.page': channel({
    effect: reads,
    summary: 'Site-ready candidates',
    role: 'viewer',
    input: siteReadyQuery,
    output: pageOf(siteReadyRowSchema),
  }),
  'courses.siteReady.participant': channel({
    effect: reads,
    summary: 'Whether one person is site ready',
    role: 'viewer',
    input: z.object({ participantId: idSchema }).strict(),
    output: siteReadyStatusSchema,
  }),
  'courses.siteReady.export': exportChannel({
    summary: 'Export site-ready candidates',
    role: 'officer',
    input: z
      .object({
        preset: z.enum(siteReadyPresets).default('ready'),
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
        search: z.string().max(200).default(''),
        purpose: optText(200, 'Purpose'),
        /** People whose eligibility (right to work) is not confirmed are left out unless asked for. */
        includeUnconfirmed: z.boolean().default(false),
      })
      .strict()
      .refine(periodRefine, periodMessage),
  }),
  'courses.siteReady.signOff': channel({
    effect: bulkWrites('pre-bulk', 'courses', 'outcomes', 'participants'),
    summary: 'Sign off everyone the rule finds ready',
    role: 'officer',
    input: z
      .object({
        signedOn: isoDateSchema,
        /** Who signed; the officer making the change when not given. */
        signedBy: idSchema.nullable().default(null),
        notes: optText(500, 'Notes'),
        /** Only these of the people awaiting sign-off (default: all of them). */
        participantIds: z.array(idSchema).min(1).max(20_000).optional(),
      })
      .strict(),
    output: z.object({
      signedOff: z.number().int(),
      becameSiteReady: z.number().int(),
      skipped: z.array(z.object({ participantId: idSchema, reason: z.string() })),
    }),
  }),
  'courses.expiry.list': channel({
    effect: reads,
    summary: 'Expiry worklist',
    role: 'viewer',
    input: z.object({ withinDays }).strict(),
    output: z.object({ rows: z.array(expiryRowSchema), today: z.string() }),
  }),
  'courses.expiry.export': exportChannel({
    summary: 'Export the expiry worklist',
    role: 'officer',
    input: z.object({ withinDays }).strict(),
  }),
  'courses.dashboard': channel({
    effect: reads,
    summary: 'Course dashboard',
    role: 'viewer',
    input: z
      .object({ runId: idSchema.optional(), from: isoDateSchema.optional(), to: isoDateSchema.optional() })
      .strict(),
    output: dashboardSchema,
  }),
} as const;
