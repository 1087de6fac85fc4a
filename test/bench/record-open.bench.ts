// Opening a participant's record and the financial-year dashboard, at the backend (issue 19:
// "record open under 150 ms and the dashboard under 500 ms at 100,000"). Each run calls every
// channel the screen and its tabs call, in turn, as the window would; the browser's own rendering
// is not in these figures.
import type { BenchSuite } from './bench-kit';
import type { ChannelName } from '../../shared/contract/index';

/** Every channel the participant page (renderer/features/participants/ParticipantPage.tsx) and
 * its tabs call for person `id`: the header and Details tab on opening, then each tab's. */
export function recordOpenChannels(id: number): Array<[ChannelName, unknown]> {
  return [
    ['participants.get', { id }],
    ['participants.options', {}],
    ['participants.referrals', { id }],
    ['participants.timeline', { id }],
    ['participants.notes', { id }],
    ['keyworker.get', { participantId: id }],
    ['funding.person', { participantId: id }],
    ['funding.setup', {}],
    ['participants.history', { id }],
  ];
}

const FINANCIAL_YEAR = { from: '2025-04-01', to: '2026-03-31' };
const goalNote = (ms: number, goal: number) => `goal < ${goal} ms (median ${ms < goal ? 'met' : 'missed'})`;

export const suite: BenchSuite = {
  name: 'record-open',
  async run(kit) {
    for (const size of kit.sizes) {
      const { backend, call } = await kit.store(size);
      const must = async (channel: ChannelName, input: unknown) => {
        const result = await call(channel, input);
        if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      };
      // People spread through the store (oldest, middle, newest), a different one each run.
      const ids = (
        await backend.store.db
          .selectFrom('participants')
          .select('id')
          .where('status', '!=', 'merged')
          .orderBy('id')
          .execute()
      ).map((r) => r.id);
      const people = Array.from({ length: 10 }, (_, i) => ids[Math.floor(((i + 0.5) * ids.length) / 10)]!);
      const channels = recordOpenChannels(0).length;
      const record = await kit.measure(
        'record open: every channel the participant page and its tabs call (backend)',
        size,
        async (i) => {
          for (const [channel, input] of recordOpenChannels(people[(i + 10) % 10]!)) await must(channel, input);
        },
        { runs: 10, note: `${channels} channels, 10 people across the store` },
      );
      record.note += `; ${goalNote(record.medianMs, 150)}`;
      // The backend keeps a computed dashboard until the data it reads changes (read-cache.ts):
      // cold is the count itself (the kept answer dropped before each run, as a saved outcome
      // drops it); warm is the kept answer (no change since the last count).
      const dashboardRun = async () => {
        await must('returns.dashboard', FINANCIAL_YEAR);
        await must('returns.sets', {});
      };
      const volume = 'FY 2025-26 (headline, starts, outcomes, funnel, areas, barriers, events)';
      const cold = await kit.measure(
        'dashboard, financial year, cold (counted afresh): returns.dashboard + returns.sets (backend)',
        size,
        async () => {
          backend.services.readCache.changed(['outcomes']);
          await dashboardRun();
        },
        { runs: 5, note: volume },
      );
      cold.note += `; ${goalNote(cold.medianMs, 500)}`;
      const warm = await kit.measure(
        'dashboard, financial year, warm (kept, no change since): returns.dashboard + returns.sets (backend)',
        size,
        dashboardRun,
        { runs: 10, note: volume },
      );
      warm.note += `; ${goalNote(warm.medianMs, 500)}`;
      await backend.close();
    }
  },
};
