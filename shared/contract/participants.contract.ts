// Channels of the participants area. Each: channel({ summary, role, input, output }).
import { z } from 'zod';
import { channel } from './define';
import { gridQuerySchema, idSchema, pageOf } from './common';

export const participantGridRowSchema = z.object({
  id: idSchema,
  reference: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  niNumber: z.string().nullable(),
  postcode: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.string(),
  eligibilityStatus: z.string(),
  startDate: z.string().nullable(),
  keyWorker: z.string().nullable(),
  fundingStream: z.string().nullable(),
});
export type ParticipantGridRow = z.infer<typeof participantGridRowSchema>;

export const participantsContract = {
  'participants.page': channel({
    summary: 'List participants',
    role: 'viewer',
    input: gridQuerySchema,
    output: pageOf(participantGridRowSchema),
  }),
} as const;
