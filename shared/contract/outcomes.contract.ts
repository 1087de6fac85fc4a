// Channels of the placements & outcomes area: organisations and contacts, social-value
// contracts, placements, outcomes with evidence and verification, and the sustainment worklist.
// Schemas live in outcomes-schemas.ts. A write names every area whose screens show what it
// changes: an outcome, placement, evidence item or check also appears on the person's timeline
// and history ('participants'); organisations are the courses' providers too ('courses');
// outcome types label the funder indicators ('returns'); exports and opening an evidence file
// only append to the audit log ('audit').
import { z } from 'zod';
import { channel, reads, writes } from './define';
import { emptyInput, exportChannel, fileOutputSchema, gridQuerySchema, idSchema, okOutput, pageOf } from './common';
import { organisationKindCodes } from '../domain/outcome-lists';
import {
  contactInputSchema,
  contactRowSchema,
  contractInputSchema,
  contractRowSchema,
  convertToJobInputSchema,
  evidenceInputSchema,
  lookupsSchema,
  organisationInputSchema,
  organisationRowSchema,
  outcomeDetailSchema,
  outcomeGridRowSchema,
  outcomeInputSchema,
  outcomeTypeInputSchema,
  outcomeUpdateSchema,
  participantPickSchema,
  placementDetailSchema,
  placementGridRowSchema,
  placementInputSchema,
  sustainmentRecordSchema,
  verifyInputSchema,
  worklistFilterSchema,
  worklistRowSchema,
} from './outcomes-schemas';
import {
  monitoringReportInputSchema,
  paymentInputSchema,
  paymentRowSchema,
  paymentUpdateSchema,
} from './social-value-schemas';

const byId = z.object({ id: idSchema }).strict();
const savedId = z.object({ id: idSchema });

export const outcomesContract = {
  'organisations.list': channel({
    effect: reads,
    summary: 'List organisations',
    role: 'viewer',
    input: z
      .object({
        search: z.string().max(100).default(''),
        kind: z.enum(organisationKindCodes).optional(),
        includeInactive: z.boolean().default(false),
      })
      .strict(),
    output: z.array(organisationRowSchema),
  }),
  'organisations.get': channel({
    effect: reads,
    summary: 'Show an organisation',
    role: 'viewer',
    input: byId,
    output: organisationRowSchema.extend({
      contacts: z.array(contactRowSchema),
      contracts: z.array(z.object({ id: idSchema, name: z.string() })),
    }),
  }),
  'organisations.save': channel({
    effect: writes('outcomes', 'courses'),
    summary: 'Save an organisation',
    role: 'officer',
    input: organisationInputSchema,
    output: savedId,
  }),
  'organisations.setActive': channel({
    effect: writes('outcomes', 'courses'),
    summary: 'Archive or restore an organisation',
    role: 'officer',
    input: z.object({ id: idSchema, isActive: z.boolean() }).strict(),
    output: okOutput,
  }),
  'organisations.saveContact': channel({
    effect: writes('outcomes'),
    summary: 'Save an organisation contact',
    role: 'officer',
    input: contactInputSchema,
    output: savedId,
  }),
  'organisations.deleteContact': channel({
    effect: writes('outcomes'),
    summary: 'Remove an organisation contact',
    role: 'officer',
    input: byId,
    output: okOutput,
  }),

  'contracts.list': channel({
    effect: reads,
    summary: 'List social-value contracts with progress',
    role: 'viewer',
    input: emptyInput,
    output: z.array(contractRowSchema),
  }),
  'contracts.get': channel({
    effect: reads,
    summary: 'Show a social-value contract',
    role: 'viewer',
    input: byId,
    output: contractRowSchema.extend({
      placementCount: z.number().int(),
      outcomeCount: z.number().int(),
      payments: z.array(paymentRowSchema),
    }),
  }),
  'contracts.save': channel({
    effect: writes('outcomes'),
    summary: 'Save a social-value contract and its commitments',
    role: 'officer',
    input: contractInputSchema,
    output: savedId,
  }),
  'contracts.addPayment': channel({
    effect: writes('outcomes', 'returns'),
    summary: 'Record money received against a contract or planning obligation',
    role: 'officer',
    input: paymentInputSchema,
    output: savedId,
  }),
  'contracts.measureKinds': channel({
    effect: reads,
    summary: 'The kinds of measure a contract can agree (a reference list)',
    role: 'viewer',
    input: z.object({}).strict(),
    output: z.array(z.object({ code: z.string(), label: z.string(), isActive: z.boolean() })),
  }),
  'contracts.updatePayment': channel({
    effect: writes('outcomes', 'returns'),
    summary: 'Correct a payment: its kind, date, amount and what it is for (audited with before and after)',
    role: 'officer',
    input: paymentUpdateSchema,
    output: okOutput,
  }),
  'contracts.removePayment': channel({
    effect: writes('outcomes', 'returns'),
    summary: 'Remove a payment recorded in error',
    role: 'officer',
    input: byId,
    output: okOutput,
  }),
  'contracts.report.export': exportChannel({
    summary: 'Export a contract’s monitoring report workbook for a period',
    role: 'officer',
    input: monitoringReportInputSchema,
  }),

  'placements.page': channel({
    effect: reads,
    summary: 'List placements',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(placementGridRowSchema),
  }),
  'placements.export': exportChannel({
    summary: 'Export placements (the grid’s current view)',
    role: 'officer',
    input: gridQuerySchema,
  }),
  'placements.get': channel({
    effect: reads,
    summary: 'Show a placement',
    role: 'viewer',
    input: byId,
    output: placementDetailSchema,
  }),
  'placements.save': channel({
    effect: writes('outcomes', 'participants'),
    summary: 'Save a placement',
    role: 'officer',
    input: placementInputSchema,
    output: z.object({ id: idSchema, outcomeId: z.number().int().nullable(), outcomeCreated: z.boolean() }),
  }),
  'placements.convertToJob': channel({
    effect: writes('outcomes', 'participants'),
    summary: 'Convert a work placement to a job',
    role: 'officer',
    input: convertToJobInputSchema,
    output: z.object({ placementId: idSchema, outcomeId: idSchema }),
  }),

  'outcomes.lookups': channel({
    effect: reads,
    summary: 'Organisations, contracts, outcome types and staff for forms',
    role: 'viewer',
    input: emptyInput,
    output: lookupsSchema,
  }),
  'outcomes.findParticipants': channel({
    effect: reads,
    summary: 'Find a participant to record for',
    role: 'viewer',
    input: z.object({ search: z.string().max(100).default(''), id: idSchema.optional() }).strict(),
    output: z.array(participantPickSchema),
  }),
  'outcomes.page': channel({
    effect: reads,
    summary: 'List outcomes',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(outcomeGridRowSchema),
  }),
  'outcomes.export': exportChannel({
    summary: 'Export outcomes (the grid’s current view)',
    role: 'officer',
    input: gridQuerySchema,
  }),
  'outcomes.get': channel({
    effect: reads,
    summary: 'Show an outcome',
    role: 'viewer',
    input: byId,
    output: outcomeDetailSchema,
  }),
  'outcomes.record': channel({
    effect: writes('outcomes', 'participants'),
    summary: 'Record an outcome',
    role: 'officer',
    input: outcomeInputSchema,
    output: savedId,
  }),
  'outcomes.update': channel({
    effect: writes('outcomes', 'participants'),
    summary: 'Change an outcome',
    role: 'officer',
    input: outcomeUpdateSchema,
    output: okOutput,
  }),
  'outcomes.verify': channel({
    effect: writes('outcomes', 'participants'),
    summary: 'Record a verification decision',
    role: 'officer',
    input: verifyInputSchema,
    output: okOutput,
  }),
  'outcomes.saveType': channel({
    effect: writes('outcomes', 'returns'),
    summary: 'Add or change an outcome type',
    role: 'administrator',
    input: outcomeTypeInputSchema,
    output: okOutput,
  }),

  'evidence.add': channel({
    effect: writes('outcomes', 'participants'),
    summary: 'Add evidence to an outcome',
    role: 'officer',
    input: evidenceInputSchema,
    output: z.object({ id: idSchema, sha256: z.string().nullable() }),
  }),
  'evidence.file': channel({
    effect: writes('audit'),
    summary: 'Open an evidence file',
    role: 'officer',
    input: byId,
    output: fileOutputSchema,
  }),
  'evidence.remove': channel({
    effect: writes('outcomes', 'participants'),
    summary: 'Remove an evidence item',
    role: 'officer',
    input: z
      .object({ id: idSchema, reason: z.string().trim().min(1, 'Say why the evidence is removed').max(500) })
      .strict(),
    output: okOutput,
  }),

  'sustainment.worklist': channel({
    effect: reads,
    summary: 'Sustainment checks due',
    role: 'viewer',
    input: z
      .object({
        filter: worklistFilterSchema.default('open'),
        search: z.string().max(100).default(''),
        limit: z.number().int().min(1).max(5000).default(500),
      })
      .strict(),
    output: z.object({
      rows: z.array(worklistRowSchema),
      total: z.number().int(),
      counts: z.object({
        due: z.number().int(),
        overdue: z.number().int(),
        upcoming: z.number().int(),
        windowClosed: z.number().int(),
      }),
      today: z.string(),
    }),
  }),
  'sustainment.record': channel({
    effect: writes('outcomes', 'participants'),
    summary: 'Record a sustainment check',
    role: 'officer',
    input: sustainmentRecordSchema,
    output: z.object({ checkId: idSchema, outcomeId: z.number().int().nullable() }),
  }),
} as const;
