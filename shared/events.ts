// Events the backend pushes to the window: progress of long jobs, and "data changed" so open
// screens refresh. Sent over IPC in the app and Server-Sent Events in the browser harness.
import { z } from 'zod';
import { dataAreas } from './contract/define';

export const jobStates = ['running', 'done', 'failed', 'cancelled'] as const;

export const jobSnapshotSchema = z.object({
  id: z.string(),
  kind: z.string(),
  label: z.string(),
  state: z.enum(jobStates),
  done: z.number(),
  total: z.number(),
  message: z.string().optional(),
  result: z.unknown().optional(),
});
export type JobSnapshot = z.infer<typeof jobSnapshotSchema>;

export const backendEventSchema = z.discriminatedUnion('type', [
  // A job's progress, never its result (which its area's channel hands over: db/backend/jobs.ts).
  z.object({ type: z.literal('job'), job: jobSnapshotSchema.omit({ result: true }) }),
  z.object({ type: z.literal('data-changed'), areas: z.array(z.enum([...dataAreas, '*'])) }),
  z.object({ type: z.literal('session-locked'), reason: z.string() }),
]);
export type BackendEvent = z.infer<typeof backendEventSchema>;
