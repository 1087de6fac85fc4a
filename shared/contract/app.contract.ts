// Channels of the app shell: what the store holds, who is working, demo data and jobs.
import { z } from 'zod';
import { channel, dataAreas, ownTransactions, reads, roles, writes } from './define';
import { emptyInput, fileOutputSchema, idSchema, okOutput } from './common';
import { newPasswordSchema } from '../domain/password-rules';

export const staffProfileSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  role: z.enum(roles),
  isActive: z.boolean(),
  hasPassword: z.boolean(),
});
export type StaffProfile = z.infer<typeof staffProfileSchema>;

export const sessionSchema = z.object({
  staff: staffProfileSchema,
  startedAt: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;

export const displayNameSchema = z
  .string()
  .trim()
  .min(2, 'Enter your name (at least 2 characters)')
  .max(80, 'Name must be 80 characters or fewer');

export const appContract = {
  'app.info': channel({
    effect: reads,
    summary: 'What the store holds',
    role: 'public',
    input: emptyInput,
    output: z.object({
      appVersion: z.string(),
      schemaVersion: z.string(),
      storePath: z.string(),
      isEncrypted: z.boolean(),
      staffCount: z.number().int(),
      participantCount: z.number().int(),
      session: sessionSchema.nullable(),
    }),
  }),
  'session.profiles': channel({
    effect: reads,
    summary: 'List staff profiles to sign in as',
    role: 'public',
    input: emptyInput,
    output: z.array(staffProfileSchema),
  }),
  'session.databaseLogin': channel({
    effect: reads,
    summary: 'The team database login this app is connected with, when it holds a staff role',
    role: 'public',
    input: emptyInput,
    // null: a data file, or the team database's owner (no staff role): any profile signs in.
    output: z.object({ login: z.string().nullable() }),
  }),
  'session.start': channel({
    effect: ownTransactions('staff'),
    summary: 'Sign in',
    role: 'public',
    input: z.object({ staffId: idSchema, password: z.string().max(200).optional() }).strict(),
    output: sessionSchema,
  }),
  'session.end': channel({
    effect: writes('audit'),
    summary: 'Sign out',
    role: 'public',
    input: emptyInput,
    output: okOutput,
  }),
  'staff.createFirst': channel({
    effect: writes('staff'),
    summary: 'Create the first administrator profile on an empty store',
    role: 'public',
    // The password follows the password rules; only a store of demo data may leave it out.
    input: z.object({ displayName: displayNameSchema, password: newPasswordSchema.optional() }).strict(),
    output: sessionSchema,
  }),
  'staff.list': channel({
    effect: reads,
    summary: 'List staff',
    role: 'viewer',
    input: emptyInput,
    output: z.array(staffProfileSchema),
  }),
  'demo.load': channel({
    effect: ownTransactions(...dataAreas),
    summary: 'Load demo data',
    role: 'administrator',
    input: z
      .object({
        participants: z.number().int().min(10).max(200_000).default(600),
        seed: z.number().int().default(2017),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  }),
  'jobs.cancel': channel({
    effect: reads,
    summary: 'Cancel a job',
    role: 'viewer',
    input: z.object({ jobId: z.string().max(64) }).strict(),
    output: okOutput,
  }),
  'jobs.exportFile': channel({
    effect: reads,
    summary: 'State and file of an export job',
    role: 'officer', // every export job (grids, participants, returns) is started by an officer
    input: z.object({ jobId: z.string().max(64) }).strict(),
    output: z.object({
      state: z.enum(['running', 'done', 'failed', 'cancelled']),
      done: z.number(),
      total: z.number(),
      message: z.string().nullable(),
      /** The workbook once done (handed over once: the file is removed as it is read). */
      result: fileOutputSchema.extend({ specialCategoryHidden: z.boolean().optional() }).nullable(),
    }),
  }),
  'jobs.list': channel({
    effect: reads,
    summary: 'Jobs running or recently finished',
    role: 'viewer',
    input: emptyInput,
    output: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        label: z.string(),
        state: z.string(),
        done: z.number(),
        total: z.number(),
      }),
    ),
  }),
} as const;
