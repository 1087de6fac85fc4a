// Placements & outcomes at scale, through the backend channels: the sustainment worklist, the
// outcomes and placements grids' first page of 100 with the total (plain, searched, with a
// preset and a sort), contract progress, and exporting the whole outcomes view.
import type { BenchSuite } from './bench-kit';

export const suite: BenchSuite = {
  name: 'outcomes',
  async run(kit) {
    for (const size of kit.sizes) {
      const { backend, call } = await kit.store(size);
      const must = async <T>(
        p: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
      ): Promise<T> => {
        const r = await p;
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      };
      const counts = await backend.store.db
        .selectFrom('outcomes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const placements = await backend.store.db
        .selectFrom('placements')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const worklist = await must(call('sustainment.worklist', {}));
      await kit.measure('sustainment worklist (due + overdue)', size, () => must(call('sustainment.worklist', {})), {
        runs: 10,
        note: `${worklist.total} checks open, ${Number(counts.n)} outcomes`,
      });
      await kit.measure('outcomes grid: first page', size, () => must(call('outcomes.page', { limit: 100 })), {
        runs: 10,
      });
      const smith = await must(call('outcomes.page', { limit: 100, search: 'smith' }));
      await kit.measure(
        'outcomes grid: quick search "smith"',
        size,
        () => must(call('outcomes.page', { limit: 100, search: 'smith' })),
        { runs: 10, note: `total ${smith.total}${smith.totalCapped ? '+ (capped)' : ''}` },
      );
      const smithAll = await must(call('outcomes.page', { limit: 100, search: 'smith', countAll: true }));
      await kit.measure(
        'outcomes grid: quick search "smith", exact total (Count all; before the cap)',
        size,
        () => must(call('outcomes.page', { limit: 100, search: 'smith', countAll: true })),
        { runs: 10, note: `total ${smithAll.total}` },
      );
      await kit.measure(
        'outcomes grid: preset unverified, sort by employer',
        size,
        () =>
          must(
            call('outcomes.page', { limit: 100, preset: 'unverified', sort: [{ colId: 'employerName', sort: 'asc' }] }),
          ),
        { runs: 10 },
      );
      await kit.measure(
        'outcomes grid: sustainment due this month',
        size,
        () => must(call('outcomes.page', { limit: 100, preset: 'sustainment_due_this_month' })),
        { runs: 10 },
      );
      await kit.measure('placements grid: first page', size, () => must(call('placements.page', { limit: 100 })), {
        runs: 10,
        note: `${Number(placements.n)} placements`,
      });
      await kit.measure(
        'placements grid: quick search "smith"',
        size,
        () => must(call('placements.page', { limit: 100, search: 'smith' })),
        { runs: 10 },
      );
      await kit.measure('contract progress (all contracts)', size, () => must(call('contracts.list', {})), {
        runs: 10,
      });
      const exported = await must(call('outcomes.export', {}));
      await kit.measure(
        'outcomes export: every row to xlsx (outcomes.export)',
        size,
        () => must(call('outcomes.export', {})),
        {
          runs: 3,
          note: `${exported.rows} rows, ${Math.round(exported.bytes.length / 1024)} KB`,
        },
      );
      await backend.close();
    }
  },
};
