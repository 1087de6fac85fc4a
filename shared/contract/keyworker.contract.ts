// Channels of keyworker support: a participant's action plan (goals, barriers addressed, next
// steps with due dates and done state) and contact log. Plan text and contact notes are free
// text: viewers get null. Writes change the participant's timeline ('participants') and what
// counting rules count ('returns').
import { z } from 'zod';
import { channel, reads, writes } from './define';
import { idSchema, isoDateSchema } from './common';
import { freeText } from './personal';
import { optText } from './outcomes-schemas';
import { contactMethodCodes, planItemKindCodes } from '../domain/keyworker';

const optDate = z
  .union([isoDateSchema, z.null()])
  .optional()
  .transform((v) => v ?? null);

export const planItemInputSchema = z
  .object({
    id: idSchema.optional(),
    participantId: idSchema,
    kind: z.enum(planItemKindCodes, { error: 'Choose goal, barrier or next step' }),
    text: z.string().trim().min(1, 'Say what it is').max(1000, 'At most 1,000 characters'),
    dueOn: optDate,
    doneOn: optDate,
  })
  .strict();

export const contactInputSchema = z
  .object({
    participantId: idSchema,
    contactOn: isoDateSchema,
    method: z.enum(contactMethodCodes, { error: 'Choose how the contact was made' }),
    minutes: z
      .union([
        z.number().int('Enter whole minutes').min(1, 'At least 1 minute').max(600, 'At most 600 minutes'),
        z.null(),
      ])
      .optional()
      .transform((v) => v ?? null),
    notes: optText(5000, 'Notes'),
  })
  .strict();

export const keyworkerViewSchema = z.object({
  plan: z.array(
    z.object({
      id: idSchema,
      kind: z.enum(planItemKindCodes),
      text: freeText(z.string().nullable()),
      dueOn: z.string().nullable(),
      doneOn: z.string().nullable(),
    }),
  ),
  contacts: z.array(
    z.object({
      id: idSchema,
      contactOn: z.string(),
      method: z.enum(contactMethodCodes),
      minutes: z.number().int().nullable(),
      staffName: z.string().nullable(),
      notes: freeText(z.string().nullable()),
    }),
  ),
});
export type KeyworkerView = z.infer<typeof keyworkerViewSchema>;

export const keyworkerContract = {
  'keyworker.get': channel({
    effect: reads,
    summary: 'A participant’s keyworker action plan and contacts',
    role: 'viewer',
    input: z.object({ participantId: idSchema }).strict(),
    output: keyworkerViewSchema,
  }),
  'keyworker.savePlanItem': channel({
    effect: writes('participants'),
    summary: 'Add or change a goal, barrier or next step of a keyworker action plan',
    role: 'officer',
    input: planItemInputSchema,
    output: z.object({ id: idSchema }),
  }),
  'keyworker.addContact': channel({
    effect: writes('participants', 'returns'),
    summary: 'Record a keyworker contact',
    role: 'officer',
    input: contactInputSchema,
    output: z.object({ id: idSchema }),
  }),
} as const;
