// Works out again where everyone lives (after a newer postcode directory or deprivation file, or
// on request), and with it their eligibility and whether they are local: a transaction and an
// audit row per batch of people, so the app keeps answering through a 100,000-person store.
import { appendAudit } from '../audit/audit.repository';
import { loadEligibilitySettings, refreshEveryone } from '../participants/eligibility.service';
import { countParticipantsToResolve, participantIdsAfter } from './geography.repository';
import { resolveParticipants } from './resolution';
import type { LoadRun } from './lookup-load.service';

export interface RecomputeResult {
  people: number;
  /** People whose eligibility status changed. */
  eligibilityChanged: number;
}

const BATCH = 1000;

export async function recomputeEveryone(run: LoadRun, why: string): Promise<RecomputeResult> {
  const total = await countParticipantsToResolve(run.db);
  const settings = await loadEligibilitySettings(run.db);
  let after = 0;
  let people = 0;
  let eligibilityChanged = 0;
  for (;;) {
    const ids = await participantIdsAfter(run.db, after, BATCH);
    if (!ids.length) break;
    eligibilityChanged += await run.transact(async (tx) => {
      await resolveParticipants(tx, ids, settings.geo);
      const changed = await refreshEveryone(tx, run.today(), settings, ids);
      await appendAudit(tx, run.now(), run.staffId, {
        action: 'update',
        entity: 'geography',
        summary:
          `Worked out where ${ids.length.toLocaleString('en-GB')} people live ${why}` +
          (changed ? `; ${changed} eligibility status(es) changed` : ''),
      });
      return changed;
    });
    people += ids.length;
    after = ids.at(-1)!;
    run.job?.throwIfCancelled();
    await run.job?.progress(
      people,
      total,
      `Where people live: ${people.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`,
    );
  }
  return { people, eligibilityChanged };
}
