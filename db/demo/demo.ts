// Loads a synthetic programme: staff, reference lists, participants, then each area's data.
// Deterministic for a seed; all in one transaction, so a cancelled or failed load leaves nothing.
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { JobControl } from '../backend/jobs';
import { Random } from './random';
import type { DemoContext, DemoStep } from './demo-context';
import { fundingStreamsStep, referenceStep, staffStep } from './foundation.demo';
import { participantsStep } from './participants.demo';
import { coursesSteps } from './courses.demo';
import { outcomesSteps } from './outcomes.demo';
import { returnsSteps } from './returns.demo';
import { importsSteps } from './imports.demo';

export const demoSteps: DemoStep[] = [
  referenceStep,
  staffStep,
  fundingStreamsStep,
  participantsStep,
  ...coursesSteps,
  ...outcomesSteps,
  ...returnsSteps,
  ...importsSteps,
];

export interface DemoOptions {
  participants: number;
  seed: number;
  today: string;
  nowIso: string;
}

export async function loadDemo(
  db: Kysely<Database>,
  options: DemoOptions,
  job?: JobControl,
): Promise<{ participants: number }> {
  const existing = await db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) throw new Error('Demo data can only be loaded into an empty programme.');
  return db.transaction().execute(async (tx) => {
    const ctx: DemoContext = {
      tx,
      rng: new Random(options.seed),
      today: options.today,
      nowIso: options.nowIso,
      size: options.participants,
      staffIds: [],
      fundingStreamIds: {},
      participants: [],
      progress: async (done, total, message) => job?.progress(done, total, message),
      throwIfCancelled: () => job?.throwIfCancelled(),
    };
    for (const step of demoSteps) {
      ctx.throwIfCancelled();
      await step.run(ctx);
    }
    return { participants: ctx.participants.length };
  });
}
