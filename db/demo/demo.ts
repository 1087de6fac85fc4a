// Loads a synthetic programme: staff, reference lists, participants, then each area's data.
// Deterministic for a seed; all in the caller's one transaction, so a cancelled or failed load
// leaves nothing.
import type { Tx } from '../store/schema';
import { mergeParticipantSearch } from '../store/dialect';
import { appendAudit } from '../features/audit/audit.repository';
import { countParticipants } from '../features/participants/participants.repository';
import type { JobControl } from '../backend/jobs';
import { Random } from './random';
import type { DemoContext, DemoStep } from './demo-context';
import { fundingStreamsStep, referenceStep, staffStep } from './foundation.demo';
import { participantsStep } from './participants.demo';
import { geographyStep } from './geography.demo';
import { coursesSteps } from './courses.demo';
import { outcomesSteps } from './outcomes.demo';
import { vacanciesStep } from './vacancies.demo';
import { returnsSteps } from './returns.demo';
import { fundingSteps } from './funding.demo';
import { importsSteps } from './imports.demo';
import { keyworkerStep } from './keyworker.demo';
import { eventsStep } from './events.demo';

export const demoSteps: DemoStep[] = [
  referenceStep,
  staffStep,
  fundingStreamsStep,
  geographyStep,
  participantsStep,
  ...coursesSteps,
  ...outcomesSteps,
  vacanciesStep,
  ...fundingSteps,
  ...returnsSteps,
  ...importsSteps,
  // Last: its random draws leave the earlier steps' data as it was.
  keyworkerStep,
  eventsStep,
];

export interface DemoOptions {
  participants: number;
  seed: number;
  today: string;
  nowIso: string;
}

export async function loadDemo(tx: Tx, options: DemoOptions, job?: JobControl): Promise<{ participants: number }> {
  if ((await countParticipants(tx, { includeMerged: true })) > 0)
    throw new Error('Demo data can only be loaded into an empty programme.');
  {
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
    // As after an import: the people were written in many statements, so merge the search index.
    await mergeParticipantSearch(tx);
    return { participants: ctx.participants.length };
  }
}

export async function recordDemoLoaded(
  tx: Tx,
  options: DemoOptions,
  staffId: number | null,
  result: { participants: number },
): Promise<void> {
  await appendAudit(tx, options.nowIso, staffId, {
    action: 'import',
    entity: 'demo',
    summary: `Demo programme loaded (${result.participants} participants, seed ${options.seed})`,
  });
}
