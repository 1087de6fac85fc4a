// Channels of the vacancies area: vacancies and their candidate pipelines, the fit check before
// someone is put forward, moving candidates through the stages, and employer engagement.
// Schemas live in vacancies-schemas.ts. A candidate's moves also appear on the person's timeline
// and the dashboard's funnel ('participants'); a start records an outcome ('outcomes');
// engagement shows on the organisation's page ('outcomes').
import { z } from 'zod';
import { channel, reads, writes } from './define';
import { exportChannel, gridQuerySchema, idSchema, okOutput, pageOf } from './common';
import {
  candidateGridRowSchema,
  candidateOptionSchema,
  engagementInputSchema,
  engagementRowSchema,
  moveInputSchema,
  shortlistInputSchema,
  vacancyDetailSchema,
  vacancyGridRowSchema,
  vacancyInputSchema,
} from './vacancies-schemas';

const byId = z.object({ id: idSchema }).strict();
const removeInput = z
  .object({
    id: idSchema,
    reason: z.string().trim().min(1, 'Say why it is removed').max(500, 'Reason must be 500 characters or fewer'),
  })
  .strict();

export const vacanciesContract = {
  'vacancies.page': channel({
    effect: reads,
    summary: 'List vacancies',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(vacancyGridRowSchema),
  }),
  'vacancies.get': channel({
    effect: reads,
    summary: 'Show a vacancy and its candidates',
    role: 'viewer',
    input: byId,
    output: vacancyDetailSchema,
  }),
  'vacancies.save': channel({
    effect: writes('vacancies'),
    summary: 'Save a vacancy',
    role: 'officer',
    input: vacancyInputSchema,
    output: z.object({ id: idSchema }),
  }),

  'vacancies.export': exportChannel({
    summary: 'Export vacancies (the grid’s current view)',
    role: 'officer',
    input: gridQuerySchema,
  }),
  'candidates.page': channel({
    effect: reads,
    summary: 'List candidates put forward for vacancies',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(candidateGridRowSchema),
  }),
  'candidates.export': exportChannel({
    summary: 'Export candidates (the grid’s current view)',
    role: 'officer',
    input: gridQuerySchema,
  }),
  'candidates.options': channel({
    effect: reads,
    summary: 'Find people to put forward for a vacancy, with the fit check',
    role: 'viewer',
    input: z
      .object({
        vacancyId: idSchema,
        from: z.enum(['site-ready', 'search']).default('site-ready'),
        search: z.string().max(100).default(''),
      })
      .strict(),
    output: z.object({ people: z.array(candidateOptionSchema), total: z.number().int() }),
  }),
  'candidates.shortlist': channel({
    effect: writes('vacancies', 'participants'),
    summary: 'Put people forward for a vacancy',
    role: 'officer',
    input: shortlistInputSchema,
    output: z.object({ candidateIds: z.array(idSchema) }),
  }),
  'candidates.move': channel({
    effect: writes('vacancies', 'participants', 'outcomes'),
    summary: 'Move a candidate to another stage',
    role: 'officer',
    input: moveInputSchema,
    output: z.object({
      stage: z.string(),
      outcomeId: z.number().int().nullable(),
      outcomeCreated: z.boolean(),
    }),
  }),
  'candidates.remove': channel({
    effect: writes('vacancies', 'participants'),
    summary: 'Take a candidate put forward by mistake off a vacancy',
    role: 'officer',
    input: removeInput,
    output: okOutput,
  }),

  'engagements.list': channel({
    effect: reads,
    summary: 'Employer engagement: contacts, visits, pledges and mentor offers',
    role: 'viewer',
    input: z.object({ organisationId: idSchema.optional(), pledgesOnly: z.boolean().default(false) }).strict(),
    output: z.array(engagementRowSchema),
  }),
  'engagements.save': channel({
    effect: writes('vacancies', 'outcomes'),
    summary: 'Record employer engagement',
    role: 'officer',
    input: engagementInputSchema,
    output: z.object({ id: idSchema }),
  }),
  'engagements.remove': channel({
    effect: writes('vacancies', 'outcomes'),
    summary: 'Remove an employer engagement entry',
    role: 'officer',
    input: removeInput,
    output: okOutput,
  }),
};
