// Channels of funding attribution: the programme's funders, their agreements (start, end, closure
// date for final claims), funding streams and projects (administrators); each participant's
// funding spells over time and the stream each of their enrolments, placements and outcomes is
// attributed to, which officers can change with a reason.
import { z } from 'zod';
import { channel, reads, writes } from './define';
import { idSchema, isoDateSchema, okOutput } from './common';
import { agreementSchema } from './returns.contract';

const codeSchema = z
  .string()
  .trim()
  .min(2, 'Enter a code')
  .max(30, 'Codes are 30 characters or fewer')
  .regex(/^[A-Za-z0-9-]+$/, 'Use letters, digits and hyphens');
const reasonSchema = z.string().trim().min(5, 'Say why (at least 5 characters)').max(500);
const optionalDate = isoDateSchema.nullable();

export const attributedKinds = ['outcome', 'placement', 'enrolment'] as const;

const streamSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  funderId: idSchema.nullable(),
  funderName: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  isActive: z.boolean(),
});
export type StreamView = z.infer<typeof streamSchema>;

const projectSchema = z.object({
  id: idSchema,
  code: z.string(),
  name: z.string(),
  streamId: idSchema,
  interventionCode: z.string().nullable(),
  isActive: z.boolean(),
});
export type ProjectView = z.infer<typeof projectSchema>;

const spellSchema = z.object({
  id: idSchema,
  streamId: idSchema,
  stream: z.string(),
  funder: z.string().nullable(),
  projectId: idSchema.nullable(),
  project: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  note: z.string().nullable(),
});
export type SpellView = z.infer<typeof spellSchema>;

const attributedItemSchema = z.object({
  kind: z.enum(attributedKinds),
  id: idSchema,
  /** The date the item is attributed by (outcome date, placement start, course start). */
  date: z.string().nullable(),
  label: z.string(),
  streamId: idSchema.nullable(),
  stream: z.string().nullable(),
  projectId: idSchema.nullable(),
  project: z.string().nullable(),
  /** Changed by an officer (else the person's stream on that date). */
  changed: z.boolean(),
  reason: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string().nullable(),
});
export type AttributedItem = z.infer<typeof attributedItemSchema>;

export const spellInputSchema = z
  .object({
    id: idSchema.nullable(),
    participantId: idSchema,
    streamId: idSchema,
    projectId: idSchema.nullable(),
    startsOn: isoDateSchema,
    endsOn: optionalDate,
    note: z.string().trim().max(500).nullable(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endsOn && v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The last day must be on or after the first day' });
  });

export const agreementInputSchema = z
  .object({
    id: idSchema.nullable(),
    funderId: idSchema,
    name: z.string().trim().min(3, 'Enter a name for the agreement').max(150),
    startsOn: isoDateSchema,
    endsOn: optionalDate,
    closureOn: optionalDate,
    notes: z.string().trim().max(1000).nullable(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.endsOn && v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end must be on or after the start' });
    if (v.closureOn && v.closureOn < (v.endsOn ?? v.startsOn))
      ctx.addIssue({
        code: 'custom',
        path: ['closureOn'],
        message: 'The closure date for final claims must be on or after the end',
      });
  });

export const streamInputSchema = z
  .object({
    id: idSchema.nullable(),
    code: codeSchema,
    name: z.string().trim().min(3, 'Enter the stream name').max(120),
    funderId: idSchema,
    startsOn: optionalDate,
    endsOn: optionalDate,
    isActive: z.boolean(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.startsOn && v.endsOn && v.endsOn < v.startsOn)
      ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end must be on or after the start' });
  });

export const projectInputSchema = z
  .object({
    id: idSchema.nullable(),
    code: codeSchema,
    name: z.string().trim().min(3, 'Enter the project name').max(120),
    streamId: idSchema,
    interventionCode: z.string().trim().max(20).nullable(),
    isActive: z.boolean(),
  })
  .strict();

export const fundingContract = {
  'funding.setup': channel({
    effect: reads,
    summary: 'List funders, agreements, funding streams and projects',
    role: 'viewer',
    input: z.object({}).strict(),
    output: z.object({
      funders: z.array(
        z.object({
          id: idSchema,
          code: z.string(),
          name: z.string(),
          notes: z.string().nullable(),
          agreements: z.array(agreementSchema),
        }),
      ),
      streams: z.array(streamSchema),
      projects: z.array(projectSchema),
    }),
  }),
  'funding.createFunder': channel({
    effect: writes('funding', 'returns'),
    summary: 'Add a funder',
    role: 'administrator',
    input: z
      .object({
        code: codeSchema,
        name: z.string().trim().min(2, 'Enter the funder name').max(120),
        notes: z.string().trim().max(1000).nullable(),
      })
      .strict(),
    output: z.object({ id: idSchema }),
  }),
  'funding.saveAgreement': channel({
    effect: writes('funding', 'returns'),
    summary: 'Add or change a funding agreement',
    role: 'administrator',
    input: agreementInputSchema,
    output: z.object({ id: idSchema }),
  }),
  'funding.saveStream': channel({
    effect: writes('funding', 'returns'),
    summary: 'Add or change a funding stream',
    role: 'administrator',
    input: streamInputSchema,
    output: z.object({ id: idSchema }),
  }),
  'funding.saveProject': channel({
    effect: writes('funding', 'returns'),
    summary: 'Add or change a funding project',
    role: 'administrator',
    input: projectInputSchema,
    output: z.object({ id: idSchema }),
  }),
  'funding.person': channel({
    effect: reads,
    summary: "Show a participant's funding spells and what each item is attributed to",
    role: 'viewer',
    input: z.object({ participantId: idSchema }).strict(),
    output: z.object({
      spells: z.array(spellSchema),
      /** The stream on the record, which counts while no spell is recorded. */
      recordStream: z.string().nullable(),
      items: z.array(attributedItemSchema),
      /** Spells that overlap, said plainly (items in the overlap go to the later-starting spell). */
      overlaps: z.array(z.string()),
    }),
  }),
  'funding.saveSpell': channel({
    effect: writes('funding'),
    summary: 'Record or change a funding spell',
    role: 'officer',
    input: spellInputSchema,
    output: z.object({ id: idSchema }),
  }),
  'funding.deleteSpell': channel({
    effect: writes('funding'),
    summary: 'Remove a funding spell recorded in error',
    role: 'officer',
    input: z.object({ id: idSchema, reason: reasonSchema }).strict(),
    output: okOutput,
  }),
  'funding.attribute': channel({
    effect: writes('funding'),
    summary: 'Change the funding stream an item is attributed to',
    role: 'officer',
    input: z
      .object({
        kind: z.enum(attributedKinds),
        itemId: idSchema,
        /** Null: back to the default (the person's stream on the item's date). */
        streamId: idSchema.nullable(),
        projectId: idSchema.nullable(),
        reason: reasonSchema,
      })
      .strict(),
    output: okOutput,
  }),
} as const;
