// Channels of the events area: careers fairs, school STEM sessions, site visits and employer
// workshops, with aggregate headcounts by age group (and school) and named attendance of
// participants 16 or over. An attendee's event shows on their timeline ('participants'); a linked
// contract's site visits and school engagements count events ('outcomes').
import { z } from 'zod';
import { channel, reads, writes } from './define';
import { gridQuerySchema, idSchema, isoDateSchema, okOutput, pageOf } from './common';
import { optText } from './outcomes-schemas';
import { eventAgeGroupCodes } from '../domain/events';

const optId = z
  .union([idSchema, z.null()])
  .optional()
  .transform((v) => v ?? null);

export const eventInputSchema = z
  .object({
    id: idSchema.optional(),
    kind: z.string({ error: 'Choose the kind of event' }).regex(/^[a-z0-9_]{1,60}$/, 'Choose the kind of event'),
    title: z.string().trim().min(1, 'Enter the title').max(200, 'The title must be 200 characters or fewer'),
    heldOn: isoDateSchema,
    organiserOrgId: optId,
    partnerOrgIds: z.array(idSchema).max(50).default([]),
    venue: optText(200, 'Venue'),
    school: optText(200, 'School'),
    contractId: optId,
    notes: optText(2000, 'Notes'),
  })
  .strict();
export type EventInput = z.infer<typeof eventInputSchema>;

export const eventGridRowSchema = z.object({
  id: idSchema,
  title: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  heldOn: z.string(),
  organiserName: z.string().nullable(),
  venue: z.string().nullable(),
  school: z.string().nullable(),
  contractName: z.string().nullable(),
  headcount: z.number().int(),
  attendees: z.number().int(),
});
export type EventGridRow = z.infer<typeof eventGridRowSchema>;

export const headcountRowSchema = z
  .object({
    ageGroup: z.enum(eventAgeGroupCodes, { error: 'Choose the age group' }),
    school: optText(200, 'School'),
    headcount: z
      .number({ error: 'Enter the number of people as a whole number' })
      .int('Enter the number of people as a whole number')
      .min(0, 'The number cannot be negative')
      .max(100_000, 'Enter at most 100,000'),
  })
  .strict();

export const eventDetailSchema = eventGridRowSchema.extend({
  organiserOrgId: z.number().int().nullable(),
  contractId: z.number().int().nullable(),
  notes: z.string().nullable(),
  partners: z.array(z.object({ id: idSchema, name: z.string() })),
  headcounts: z.array(z.object({ ageGroup: z.string(), school: z.string().nullable(), headcount: z.number().int() })),
  people: z.array(
    z.object({
      participantId: idSchema,
      reference: z.string(),
      name: z.string(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

export const eventKindSchema = z.object({ code: z.string(), label: z.string(), isActive: z.boolean() });

const attendeeInput = z.object({ eventId: idSchema, participantId: idSchema }).strict();

export const eventsContract = {
  'events.page': channel({
    effect: reads,
    summary: 'List events and activities',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(eventGridRowSchema),
  }),
  'events.get': channel({
    effect: reads,
    summary: 'Show an event with its headcounts and named attendance',
    role: 'viewer',
    input: z.object({ id: idSchema }).strict(),
    output: eventDetailSchema,
  }),
  'events.kinds': channel({
    effect: reads,
    summary: 'The kinds of event (a reference list)',
    role: 'viewer',
    input: z.object({}).strict(),
    output: z.array(eventKindSchema),
  }),
  'events.save': channel({
    effect: writes('events', 'outcomes'),
    summary: 'Save an event',
    role: 'officer',
    input: eventInputSchema,
    output: z.object({ id: idSchema }),
  }),
  'events.saveHeadcounts': channel({
    effect: writes('events'),
    summary: 'Save an event’s headcounts by age group and school (numbers only)',
    role: 'officer',
    input: z.object({ eventId: idSchema, rows: z.array(headcountRowSchema).max(200) }).strict(),
    output: z.object({ total: z.number().int() }),
  }),
  'events.addAttendee': channel({
    effect: writes('events', 'participants'),
    summary: 'Name a participant (16 or over on the day) as attending an event',
    role: 'officer',
    input: attendeeInput,
    output: okOutput,
  }),
  'events.removeAttendee': channel({
    effect: writes('events', 'participants'),
    summary: 'Take a participant off an event’s attendance',
    role: 'officer',
    input: attendeeInput,
    output: okOutput,
  }),
};
