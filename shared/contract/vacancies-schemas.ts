// Schemas of the vacancies area shared by its channels (vacancies.contract.ts): vacancies, the
// candidates put forward for them with the fit check, and employer engagement. Empty text
// becomes null.
import { z } from 'zod';
import { idSchema, isoDateSchema } from './common';
import { optApprenticeshipLevel, optText } from './outcomes-schemas';
import { sectorCodes } from '../domain/outcome-lists';
import { engagementKindCodes, vacancyKindCodes, vacancyStatusCodes, wagePeriodCodes } from '../domain/vacancy-lists';
import { candidateStageCodes } from '../domain/candidate-stages';
import { cscsCardTypes } from '../domain/cscs';

const optId = z
  .union([idSchema, z.null()])
  .optional()
  .transform((v) => v ?? null);
const optDate = z
  .union([isoDateSchema, z.null()])
  .optional()
  .transform((v) => v ?? null);
const optCount = (label: string) =>
  z
    .union([
      z.number().int(`Enter ${label} as a whole number`).min(0, `${label} cannot be negative`).max(10_000),
      z.null(),
    ])
    .optional()
    .transform((v) => v ?? null);
const cardTypeCodes = cscsCardTypes.map((c) => c.code) as [string, ...string[]];

export const vacancyInputSchema = z
  .object({
    id: idSchema.optional(),
    employerOrgId: idSchema,
    jobTitle: z.string().trim().min(1, 'Enter the job title').max(200, 'Job title must be 200 characters or fewer'),
    site: optText(200, 'Site'),
    sector: z
      .union([z.enum(sectorCodes), z.null()])
      .optional()
      .transform((v) => v ?? null),
    kind: z.enum(vacancyKindCodes, { error: 'Choose the kind of vacancy' }),
    apprenticeshipStandard: optText(200, 'Apprenticeship standard'),
    apprenticeshipLevel: optApprenticeshipLevel,
    places: z
      .number({ error: 'Enter the number of places' })
      .int('Enter the number of places as a whole number')
      .min(1, 'A vacancy has at least 1 place')
      .max(500, 'Enter at most 500 places'),
    hoursPerWeek: z
      .union([z.number().min(0, 'Hours cannot be negative').max(80, 'Enter at most 80 hours a week'), z.null()])
      .optional()
      .transform((v) => v ?? null),
    wagePence: z
      .union([
        z.number().int().min(0, 'The wage cannot be negative').max(100_000_000, 'The wage is too large'),
        z.null(),
      ])
      .optional()
      .transform((v) => v ?? null),
    wagePer: z
      .union([z.enum(wagePeriodCodes), z.null()])
      .optional()
      .transform((v) => v ?? null),
    closingDate: optDate,
    startsOn: optDate,
    contractId: optId,
    requiresSiteReady: z.boolean().default(false),
    cardTypeRequired: z
      .union([z.enum(cardTypeCodes), z.null()])
      .optional()
      .transform((v) => v ?? null),
    status: z.enum(vacancyStatusCodes, { error: 'Choose the status' }).default('open'),
    description: optText(2000, 'Description'),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.wagePence !== null && !v.wagePer)
      ctx.addIssue({ code: 'custom', path: ['wagePer'], message: 'Say whether the wage is an hour, a week or a year' });
    if (v.kind === 'apprenticeship' && !v.apprenticeshipStandard)
      ctx.addIssue({ code: 'custom', path: ['apprenticeshipStandard'], message: 'Enter the apprenticeship standard' });
    if (v.kind === 'apprenticeship' && v.apprenticeshipLevel === null)
      ctx.addIssue({ code: 'custom', path: ['apprenticeshipLevel'], message: 'Enter the level, from 2 to 7' });
  });
export type VacancyInput = z.infer<typeof vacancyInputSchema>;

export const vacancyGridRowSchema = z.object({
  id: idSchema,
  jobTitle: z.string(),
  employerName: z.string(),
  site: z.string().nullable(),
  sector: z.string().nullable(),
  kind: z.string(),
  places: z.number().int(),
  hoursPerWeek: z.number().nullable(),
  wagePence: z.number().int().nullable(),
  wagePer: z.string().nullable(),
  closingDate: z.string().nullable(),
  startsOn: z.string().nullable(),
  contractName: z.string().nullable(),
  status: z.string(),
  candidates: z.number().int(),
  interviewed: z.number().int(),
  offered: z.number().int(),
  started: z.number().int(),
});
export type VacancyGridRow = z.infer<typeof vacancyGridRowSchema>;

export const candidateRowSchema = z.object({
  id: idSchema,
  vacancyId: idSchema,
  participantId: idSchema,
  participantRef: z.string(),
  participantName: z.string(),
  stage: z.string(),
  submittedOn: z.string(),
  interviewOn: z.string().nullable(),
  interviewGuaranteed: z.boolean(),
  interviewedOn: z.string().nullable(),
  offeredOn: z.string().nullable(),
  acceptedOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  closedFrom: z.string().nullable(),
  closedReason: z.string().nullable(),
  fitNotes: z.string().nullable(),
  overrideReason: z.string().nullable(),
  outcomeId: z.number().int().nullable(),
  notes: z.string().nullable(),
  updatedAt: z.string(),
});
export type CandidateRow = z.infer<typeof candidateRowSchema>;

export const vacancyDetailSchema = vacancyGridRowSchema.extend({
  employerOrgId: idSchema,
  contractId: z.number().int().nullable(),
  apprenticeshipStandard: z.string().nullable(),
  apprenticeshipLevel: z.number().int().nullable(),
  requiresSiteReady: z.boolean(),
  cardTypeRequired: z.string().nullable(),
  description: z.string().nullable(),
  /** The outcome a start records for this kind of vacancy (null: a work trial records none). */
  startOutcome: z.string().nullable(),
  pipeline: z.array(candidateRowSchema),
  createdAt: z.string(),
});
export type VacancyDetail = z.infer<typeof vacancyDetailSchema>;

export const candidateGridRowSchema = z.object({
  id: idSchema,
  vacancyId: idSchema,
  participantId: idSchema,
  participantRef: z.string(),
  participantName: z.string(),
  jobTitle: z.string(),
  employerName: z.string(),
  stage: z.string(),
  submittedOn: z.string(),
  interviewOn: z.string().nullable(),
  interviewGuaranteed: z.boolean(),
  offeredOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  closedReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type CandidateGridRow = z.infer<typeof candidateGridRowSchema>;

export const fitCheckSchema = z.object({
  code: z.string(),
  state: z.enum(['pass', 'warn', 'fail', 'blocked']),
  label: z.string(),
  detail: z.string(),
});

export const candidateOptionSchema = z.object({
  participantId: idSchema,
  reference: z.string(),
  name: z.string(),
  postcode: z.string().nullable(),
  readySince: z.string().nullable(),
  overall: z.enum(['good', 'check', 'needs-reason', 'blocked']),
  checks: z.array(fitCheckSchema),
});
export type CandidateOption = z.infer<typeof candidateOptionSchema>;

export const shortlistInputSchema = z
  .object({
    vacancyId: idSchema,
    participantIds: z
      .array(idSchema)
      .min(1, 'Choose at least one person to put forward')
      .max(50, 'Put forward at most 50 people at once'),
    submittedOn: isoDateSchema,
    overrideReason: optText(500, 'Reason'),
  })
  .strict();

export const moveInputSchema = z
  .object({
    id: idSchema,
    to: z.enum(candidateStageCodes, { error: 'Choose the stage' }),
    on: isoDateSchema,
    interviewGuaranteed: z.boolean().optional(),
    reason: optText(500, 'Reason'),
    notes: optText(2000, 'Notes'),
  })
  .strict();
export type MoveInput = z.infer<typeof moveInputSchema>;

export const engagementInputSchema = z
  .object({
    id: idSchema.optional(),
    organisationId: idSchema,
    kind: z.enum(engagementKindCodes, { error: 'Choose the kind of engagement' }),
    occurredOn: isoDateSchema,
    contactId: optId,
    summary: z.string().trim().min(1, 'Say what happened').max(1000, 'Summary must be 1000 characters or fewer'),
    promised: optText(300, 'What was promised'),
    promisedCount: optCount('The number promised'),
    delivered: optText(300, 'What was delivered'),
    deliveredCount: optCount('The number delivered'),
    dueOn: optDate,
    followUpOn: optDate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === 'pledge' && !v.promised)
      ctx.addIssue({ code: 'custom', path: ['promised'], message: 'Say what the employer pledged' });
  });
export type EngagementInput = z.infer<typeof engagementInputSchema>;

export const engagementRowSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  organisationName: z.string(),
  kind: z.string(),
  occurredOn: z.string(),
  contactId: z.number().int().nullable(),
  contactName: z.string().nullable(),
  summary: z.string(),
  promised: z.string().nullable(),
  promisedCount: z.number().int().nullable(),
  delivered: z.string().nullable(),
  deliveredCount: z.number().int().nullable(),
  dueOn: z.string().nullable(),
  followUpOn: z.string().nullable(),
  /** For pledges and mentor offers: open, part_delivered, delivered or overdue. */
  pledgeState: z.string().nullable(),
  recordedBy: z.string().nullable(),
});
export type EngagementRow = z.infer<typeof engagementRowSchema>;
