// Schemas of the placements & outcomes area shared by its channels (outcomes.contract.ts): the
// inputs officers fill in and the rows the screens show. Empty text becomes null.
import { z } from 'zod';
import { freeText } from './personal';
import { idSchema, isoDateSchema } from './common';
import {
  commitmentUnit,
  contractKindCodes,
  organisationKindCodes,
  placementKindCodes,
  placementStatusCodes,
  sectorCodes,
  verificationStatusCodes,
} from '../domain/outcome-lists';
import { verificationNeedsReason } from '../domain/outcome-rules';

/** Optional free text: trimmed, '' becomes null, with a length limit naming the field. */
export const optText = (max: number, label: string) =>
  z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => {
      const t = (v ?? '').trim();
      return t === '' ? null : t;
    })
    .pipe(z.string().max(max, `${label} must be ${max} characters or fewer`).nullable());

/** An apprenticeship's level (2 to 7), or none: a placement's and a vacancy's. */
export const optApprenticeshipLevel = z
  .union([
    z.number().int().min(2, 'Apprenticeship levels run from 2 to 7').max(7, 'Apprenticeship levels run from 2 to 7'),
    z.null(),
  ])
  .optional()
  .transform((v) => v ?? null);

const optId = z
  .union([idSchema, z.null()])
  .optional()
  .transform((v) => v ?? null);
const optDate = z
  .union([isoDateSchema, z.null()])
  .optional()
  .transform((v) => v ?? null);
const optEmail = optText(200, 'Email').refine(
  (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
  'Enter an email address like name@example.org',
);

export const organisationInputSchema = z
  .object({
    id: idSchema.optional(),
    name: z.string().trim().min(1, 'Enter the organisation’s name').max(200, 'Name must be 200 characters or fewer'),
    kind: z.enum(organisationKindCodes, { error: 'Choose what kind of organisation it is' }),
    sector: z
      .union([z.enum(sectorCodes), z.null()])
      .optional()
      .transform((v) => v ?? null),
    address: optText(300, 'Address'),
    postcode: optText(10, 'Postcode'),
    phone: optText(40, 'Phone'),
    email: optEmail,
    notes: optText(2000, 'Notes'),
  })
  .strict();
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const organisationRowSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.string(),
  sector: z.string().nullable(),
  address: z.string().nullable(),
  postcode: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  isActive: z.boolean(),
  contactCount: z.number().int(),
  placementCount: z.number().int(),
});
export type OrganisationRow = z.infer<typeof organisationRowSchema>;

export const contactInputSchema = z
  .object({
    id: idSchema.optional(),
    organisationId: idSchema,
    name: z.string().trim().min(1, 'Enter the contact’s name').max(120, 'Name must be 120 characters or fewer'),
    jobTitle: optText(120, 'Job title'),
    phone: optText(40, 'Phone'),
    email: optEmail,
  })
  .strict();
export type ContactInput = z.infer<typeof contactInputSchema>;

export const contactRowSchema = z.object({
  id: idSchema,
  name: z.string(),
  jobTitle: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
});
export type ContactRow = z.infer<typeof contactRowSchema>;

export const commitmentInputSchema = z
  .object({
    id: idSchema.optional(),
    // A code of the reference list 'measure_kind' (checked against the store by the service).
    kind: z
      .string({ error: 'Choose the kind of commitment' })
      .regex(/^[a-z0-9_]{1,60}$/, 'Choose the kind of commitment'),
    // Money targets are pence (up to £100m); percentages are checked below.
    target: z
      .number({ error: 'Enter the target as a whole number' })
      .int('Enter the target as a whole number')
      .min(0, 'The target cannot be negative')
      .max(10_000_000_000, 'The target is too large'),
    description: optText(300, 'Description'),
    manualAchieved: z
      .union([z.number().int('Enter a whole number').min(0, 'Cannot be negative').max(100_000), z.null()])
      .optional()
      .transform((v) => v ?? null),
  })
  .strict()
  .superRefine((v, ctx) => {
    const unit = commitmentUnit(v.kind);
    if (unit === 'percent' && v.target > 100)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'A percentage target is at most 100' });
    if (unit === 'count' && v.target > 100_000)
      ctx.addIssue({ code: 'custom', path: ['target'], message: 'The target is too large' });
  });

export const triggerInputSchema = z
  .object({
    id: idSchema.optional(),
    label: z.string().trim().min(1, 'Say what triggers it, like Commencement').max(200, 'At most 200 characters'),
    dueOn: optDate,
    metOn: optDate,
  })
  .strict();

export const contractInputSchema = z
  .object({
    id: idSchema.optional(),
    name: z.string().trim().min(1, 'Enter the contract’s name').max(200, 'Name must be 200 characters or fewer'),
    reference: optText(60, 'Reference'),
    contractorOrgId: optId,
    startsOn: optDate,
    endsOn: optDate,
    notes: optText(2000, 'Notes'),
    kind: z.enum(contractKindCodes).default('contract'),
    planningReference: optText(60, 'Planning application reference'),
    planningClause: optText(200, 'Clause'),
    triggers: z.array(triggerInputSchema).max(20, 'A contract can have at most 20 trigger dates').default([]),
    commitments: z.array(commitmentInputSchema).max(30, 'A contract can have at most 30 commitments').default([]),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date must be on or after the start date' });
  });
export type ContractInput = z.infer<typeof contractInputSchema>;

export const commitmentProgressSchema = z.object({
  id: idSchema,
  kind: z.string(),
  /** The kind's label from the reference list 'measure_kind'. */
  label: z.string(),
  description: z.string().nullable(),
  target: z.number().int(),
  achieved: z.number().int(),
  verified: z.number().int(),
  percent: z.number(),
  isManual: z.boolean(),
  manualAchieved: z.number().int().nullable(),
  rule: z.string(),
});

export const contractRowSchema = z.object({
  id: idSchema,
  name: z.string(),
  reference: z.string().nullable(),
  contractorOrgId: z.number().int().nullable(),
  contractorName: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  notes: z.string().nullable(),
  kind: z.enum(contractKindCodes),
  planningReference: z.string().nullable(),
  planningClause: z.string().nullable(),
  triggers: z.array(
    z.object({ id: idSchema, label: z.string(), dueOn: z.string().nullable(), metOn: z.string().nullable() }),
  ),
  inLieuReceivedPence: z.number().int(),
  communityInvestmentReceivedPence: z.number().int(),
  commitments: z.array(commitmentProgressSchema),
});
export type ContractRow = z.infer<typeof contractRowSchema>;

export const placementInputSchema = z
  .object({
    id: idSchema.optional(),
    /** With `id`: the version the form was opened at (a save over a newer change is refused). */
    version: z.number().int().min(1).optional(),
    participantId: idSchema,
    kind: z.enum(placementKindCodes, { error: 'Choose the kind of placement' }),
    employerOrgId: optId,
    contractId: optId,
    courseRunId: optId,
    site: optText(200, 'Site'),
    startsOn: isoDateSchema,
    endsOn: optDate,
    hoursPerWeek: z
      .union([z.number().min(0, 'Hours cannot be negative').max(80, 'Enter at most 80 hours a week'), z.null()])
      .optional()
      .transform((v) => v ?? null),
    hourlyWagePence: z
      .union([
        z.number().int().min(0, 'The wage cannot be negative').max(100_000, 'Enter an hourly wage under £1,000'),
        z.null(),
      ])
      .optional()
      .transform((v) => v ?? null),
    supervisor: optText(120, 'Supervisor'),
    status: z.enum(placementStatusCodes, { error: 'Choose the status' }),
    endedReason: optText(500, 'Reason'),
    apprenticeshipStandard: optText(200, 'Apprenticeship standard'),
    apprenticeshipLevel: optApprenticeshipLevel,
    notes: optText(2000, 'Notes'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.id !== undefined && v.version === undefined)
      ctx.addIssue({ code: 'custom', path: ['version'], message: 'Reopen the placement before changing it' });
    if (v.endsOn && v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date must be on or after the start date' });
    if (v.status === 'ended_early' && !v.endedReason)
      ctx.addIssue({ code: 'custom', path: ['endedReason'], message: 'Say why the placement ended early' });
    if ((v.status === 'completed' || v.status === 'ended_early') && !v.endsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'Enter the date the placement ended' });
  });
export type PlacementInput = z.infer<typeof placementInputSchema>;

export const convertToJobInputSchema = z
  .object({
    placementId: idSchema,
    kind: z.enum(['paid_job', 'apprenticeship'], { error: 'Choose a paid job or an apprenticeship' }),
    startsOn: isoDateSchema,
    employerOrgId: optId,
    contractId: optId,
    site: optText(200, 'Site'),
    hoursPerWeek: z
      .union([z.number().min(0).max(80, 'Enter at most 80 hours a week'), z.null()])
      .optional()
      .transform((v) => v ?? null),
    hourlyWagePence: z
      .union([z.number().int().min(0).max(100_000), z.null()])
      .optional()
      .transform((v) => v ?? null),
    supervisor: optText(120, 'Supervisor'),
    apprenticeshipStandard: optText(200, 'Apprenticeship standard'),
    apprenticeshipLevel: z
      .union([z.number().int().min(2).max(7, 'Apprenticeship levels run from 2 to 7'), z.null()])
      .optional()
      .transform((v) => v ?? null),
  })
  .strict();
export type ConvertToJobInput = z.infer<typeof convertToJobInputSchema>;

export const placementGridRowSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  participantRef: z.string(),
  participantName: z.string(),
  kind: z.string(),
  employerName: z.string().nullable(),
  contractName: z.string().nullable(),
  site: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  hoursPerWeek: z.number().nullable(),
  hourlyWagePence: z.number().int().nullable(),
  supervisor: z.string().nullable(),
  status: z.string(),
});
export type PlacementGridRow = z.infer<typeof placementGridRowSchema>;

export const linkedOutcomeSchema = z.object({
  id: idSchema,
  outcomeType: z.string(),
  typeLabel: z.string(),
  outcomeDate: z.string(),
  verificationStatus: z.string(),
});

export const placementDetailSchema = placementGridRowSchema.extend({
  /** Optimistic locking: a save names the version it was opened at (db/features/staff/stale-record.ts). */
  version: z.number().int(),
  employerOrgId: z.number().int().nullable(),
  contractId: z.number().int().nullable(),
  courseRunId: z.number().int().nullable(),
  endedReason: z.string().nullable(),
  apprenticeshipStandard: z.string().nullable(),
  apprenticeshipLevel: z.number().int().nullable(),
  notes: freeText(z.string().nullable()),
  convertedFromId: z.number().int().nullable(),
  convertedToId: z.number().int().nullable(),
  outcomes: z.array(linkedOutcomeSchema),
  createdAt: z.string(),
});
export type PlacementDetail = z.infer<typeof placementDetailSchema>;

const outcomeDetailsShape = {
  employerOrgId: optId,
  courseRunId: optId,
  contractId: optId,
  placementId: optId,
  sector: z
    .union([z.enum(sectorCodes), z.null()])
    .optional()
    .transform((v) => v ?? null),
  hoursPerWeek: z
    .union([z.number().min(0, 'Hours cannot be negative').max(80, 'Enter at most 80 hours a week'), z.null()])
    .optional()
    .transform((v) => v ?? null),
  apprenticeshipStandard: optText(200, 'Apprenticeship standard'),
  apprenticeshipLevel: z
    .union([
      z.number().int().min(2, 'Apprenticeship levels run from 2 to 7').max(7, 'Apprenticeship levels run from 2 to 7'),
      z.null(),
    ])
    .optional()
    .transform((v) => v ?? null),
  qualificationTitle: optText(200, 'Qualification title'),
  notes: optText(2000, 'Notes'),
};

export const outcomeInputSchema = z
  .object({
    participantId: idSchema,
    outcomeType: z.string({ error: 'Choose the type of outcome' }).min(1, 'Choose the type of outcome').max(64),
    outcomeDate: isoDateSchema,
    ...outcomeDetailsShape,
  })
  .strict();
export type OutcomeInput = z.infer<typeof outcomeInputSchema>;

export const outcomeUpdateSchema = z
  .object({
    id: idSchema,
    version: z.number().int().min(1),
    outcomeDate: isoDateSchema,
    ...outcomeDetailsShape,
    /** The day a job or apprenticeship ended (person-weeks of employment count up to it). */
    endedOn: optDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endedOn && v.endedOn < v.outcomeDate)
      ctx.addIssue({ code: 'custom', path: ['endedOn'], message: 'The job cannot end before it started' });
  });
export type OutcomeUpdate = z.infer<typeof outcomeUpdateSchema>;

export const outcomeGridRowSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  participantRef: z.string(),
  participantName: z.string(),
  outcomeType: z.string(),
  typeLabel: z.string(),
  outcomeDate: z.string(),
  employerName: z.string().nullable(),
  contractName: z.string().nullable(),
  sector: z.string().nullable(),
  hoursPerWeek: z.number().nullable(),
  isSixteenPlus: z.boolean(),
  verificationStatus: z.string(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  evidenceCount: z.number().int(),
  source: z.string(),
});
export type OutcomeGridRow = z.infer<typeof outcomeGridRowSchema>;

export const verifyInputSchema = z
  .object({
    id: idSchema,
    status: z.enum(verificationStatusCodes, { error: 'Choose a verification decision' }),
    reason: optText(1000, 'Reason'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (verificationNeedsReason(v.status) && !v.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: v.status === 'rejected' ? 'Say why the outcome is rejected' : 'Say what the issues are',
      });
    }
  });
export type VerifyInput = z.infer<typeof verifyInputSchema>;

export const evidenceInputSchema = z
  .object({
    outcomeId: idSchema,
    // An evidence type from Settings → Reference lists: the backend checks it is on the list.
    kind: z.string({ error: 'Choose the kind of evidence' }).regex(/^[a-z0-9_]{1,60}$/, 'Choose the kind of evidence'),
    receivedOn: optDate,
    seenBy: optId,
    notes: optText(1000, 'Notes'),
    file: z.object({ fileName: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array) }).optional(),
  })
  .strict();
export type EvidenceInput = z.infer<typeof evidenceInputSchema>;

export const evidenceRowSchema = z.object({
  id: idSchema,
  kind: z.string(),
  receivedOn: z.string().nullable(),
  seenById: z.number().int().nullable(),
  seenByName: z.string().nullable(),
  notes: freeText(z.string().nullable()),
  fileName: z.string().nullable(),
  fileMime: z.string().nullable(),
  fileSize: z.number().int().nullable(),
  fileSha256: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
});
export type EvidenceRow = z.infer<typeof evidenceRowSchema>;

export const sustainmentStateSchema = z.enum(['not_due', 'due', 'overdue', 'window_closed']);

export const sustainmentCheckViewSchema = z.object({
  weeks: z.union([z.literal(13), z.literal(26)]),
  dueOn: z.string(),
  overdueFrom: z.string(),
  windowEndsOn: z.string(),
  state: sustainmentStateSchema,
  check: z
    .object({
      id: idSchema,
      sustained: z.boolean(),
      sustainedOn: z.string().nullable(),
      checkedOn: z.string(),
      outcomeId: z.number().int().nullable(),
      notes: freeText(z.string().nullable()),
    })
    .nullable(),
});

export const historyEntrySchema = z.object({
  id: idSchema,
  at: z.string(),
  staffName: z.string().nullable(),
  action: z.string(),
  summary: z.string(),
});

export const outcomeDetailSchema = outcomeGridRowSchema.extend({
  /** Optimistic locking: a save names the version it was opened at (db/features/staff/stale-record.ts). */
  version: z.number().int(),
  typeCategory: z.string(),
  employerOrgId: z.number().int().nullable(),
  contractId: z.number().int().nullable(),
  courseRunId: z.number().int().nullable(),
  placementId: z.number().int().nullable(),
  placementKind: z.string().nullable(),
  parentOutcomeId: z.number().int().nullable(),
  parentLabel: z.string().nullable(),
  apprenticeshipStandard: z.string().nullable(),
  apprenticeshipLevel: z.number().int().nullable(),
  qualificationTitle: z.string().nullable(),
  endedOn: z.string().nullable(),
  notes: freeText(z.string().nullable()),
  verificationReason: z.string().nullable(),
  /** Verified although none of the evidence its type needs was recorded (with a reason). */
  verifiedWithoutEvidence: z.boolean(),
  /** The evidence kinds the outcome's type needs, any one of them (empty: none needed). */
  evidenceNeeded: z.array(z.object({ code: z.string(), label: z.string() })),
  createdAt: z.string(),
  participantPhone: z.string().nullable(),
  participantEmail: z.string().nullable(),
  evidence: z.array(evidenceRowSchema),
  sustainment: z.array(sustainmentCheckViewSchema),
  history: z.array(historyEntrySchema),
});
export type OutcomeDetail = z.infer<typeof outcomeDetailSchema>;

export const worklistFilterSchema = z.enum(['open', 'due', 'overdue', 'upcoming', 'window_closed']);
export type WorklistFilter = z.infer<typeof worklistFilterSchema>;

export const worklistRowSchema = z.object({
  id: z.string(),
  startOutcomeId: idSchema,
  participantId: idSchema,
  participantRef: z.string(),
  participantName: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  preferredContact: z.string().nullable(),
  outcomeType: z.string(),
  startDate: z.string(),
  employerName: z.string().nullable(),
  employerPhone: z.string().nullable(),
  /** The employer's first contact. */
  employerContact: z.object({ name: z.string(), phone: z.string().nullable() }).nullable(),
  weeks: z.union([z.literal(13), z.literal(26)]),
  dueOn: z.string(),
  overdueFrom: z.string(),
  windowEndsOn: z.string(),
  state: sustainmentStateSchema,
});
export type WorklistRow = z.infer<typeof worklistRowSchema>;

export const sustainmentRecordSchema = z
  .object({
    startOutcomeId: idSchema,
    weeks: z.union([z.literal(13), z.literal(26)]),
    sustained: z.boolean({ error: 'Say whether the person is still in work' }),
    sustainedOn: optDate,
    checkedOn: isoDateSchema,
    notes: optText(1000, 'Notes'),
    evidenceKind: z
      .union([z.string().regex(/^[a-z0-9_]{1,60}$/, 'Choose the kind of evidence'), z.null()])
      .optional()
      .transform((v) => v ?? null),
    evidenceFile: z.object({ fileName: z.string().min(1).max(255), bytes: z.instanceof(Uint8Array) }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.sustained && !v.sustainedOn)
      ctx.addIssue({
        code: 'custom',
        path: ['sustainedOn'],
        message: 'Enter the date the person reached the weeks in work',
      });
    if (v.evidenceFile && !v.evidenceKind)
      ctx.addIssue({
        code: 'custom',
        path: ['evidenceKind'],
        message: 'Choose the kind of evidence for the attached file',
      });
  });
export type SustainmentRecordInput = z.infer<typeof sustainmentRecordSchema>;

export const participantPickSchema = z.object({
  id: idSchema,
  reference: z.string(),
  name: z.string(),
  dateOfBirth: z.string().nullable(),
  postcode: z.string().nullable(),
});
export type ParticipantPick = z.infer<typeof participantPickSchema>;

export const outcomeTypeRowSchema = z.object({
  code: z.string(),
  label: z.string(),
  category: z.string(),
  isActive: z.boolean(),
  sortOrder: z.number().int(),
});
export type OutcomeTypeRow = z.infer<typeof outcomeTypeRowSchema>;

export const outcomeTypeInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(
        /^[a-z][a-z0-9_]{1,40}$/,
        'Use lower-case letters, digits and underscores, starting with a letter (e.g. cscs_blue_card)',
      ),
    label: z.string().trim().min(1, 'Enter the label').max(100, 'Label must be 100 characters or fewer'),
    category: z.enum(
      [
        'job',
        'apprenticeship',
        'education',
        'qualification',
        'cscs',
        'placement',
        'sustainment',
        'engagement',
        'other',
      ],
      { error: 'Choose a category' },
    ),
    isActive: z.boolean().default(true),
  })
  .strict();
export type OutcomeTypeInput = z.infer<typeof outcomeTypeInputSchema>;

export const lookupsSchema = z.object({
  organisations: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      kind: z.string(),
      sector: z.string().nullable(),
      isActive: z.boolean(),
    }),
  ),
  contracts: z.array(z.object({ id: idSchema, name: z.string() })),
  outcomeTypes: z.array(outcomeTypeRowSchema),
  staff: z.array(z.object({ id: idSchema, name: z.string() })),
  today: z.string(),
});
export type Lookups = z.infer<typeof lookupsSchema>;
