// The courses area at scale: the site-ready candidates list (first page, not-ready with what is
// missing, a search), its xlsx export, the expiry worklist, the runs grid and the dashboard.
import { exportToEnd } from '../../db/features/export/export-job';
import { BENCH_CLIENT, type BenchSuite } from './bench-kit';

function must<T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export const suite: BenchSuite = {
  name: 'courses',
  async run(kit) {
    for (const size of kit.sizes) {
      const { backend, call } = await kit.store(size);
      const ready = must(await call('courses.siteReady.page', { preset: 'ready', offset: 0, limit: 100 }));
      const all = must(await call('courses.siteReady.page', { preset: 'all', offset: 0, limit: 1 }));
      const note = `${ready.total} ready of ${all.total} with CSCS records`;
      // Cold: any write invalidates the evaluated list, so each run starts from the tables.
      const touch = backend.store.sqlite.prepare(
        "insert or replace into settings (key, value_json, updated_at) values ('bench.touch', '1', 'x')",
      );
      await kit.measure(
        'site-ready candidates, first 100 rows (cold)',
        size,
        async () => {
          touch.run();
          return must(
            await call('courses.siteReady.page', {
              preset: 'ready',
              offset: 0,
              limit: 100,
              sort: [{ colId: 'lastName', sort: 'asc' }],
            }),
          );
        },
        { note },
      );
      await kit.measure('site-ready candidates, next page (cached)', size, async () =>
        must(
          await call('courses.siteReady.page', {
            preset: 'ready',
            offset: 100,
            limit: 100,
            sort: [{ colId: 'lastName', sort: 'asc' }],
          }),
        ),
      );
      await kit.measure('not site ready, with what is missing', size, async () =>
        must(
          await call('courses.siteReady.page', {
            preset: 'not-ready',
            offset: 100,
            limit: 100,
            sort: [{ colId: 'readySince', sort: 'desc' }],
          }),
        ),
      );
      await kit.measure('site-ready candidates, name search', size, async () =>
        must(await call('courses.siteReady.page', { preset: 'ready', search: 'khan', offset: 0, limit: 100 })),
      );
      await kit.measure(
        'site-ready candidates, xlsx export',
        size,
        // As the window runs it: the export's job to its end, then its file collected.
        async () => must(await exportToEnd(backend, BENCH_CLIENT, 'courses.siteReady.export', { preset: 'ready' })),
        { runs: 3, note: `${ready.total} rows` },
      );
      const expiry = must(await call('courses.expiry.list', { withinDays: 60 }));
      await kit.measure(
        'expiry worklist, 60 days',
        size,
        async () => must(await call('courses.expiry.list', { withinDays: 60 })),
        { note: `${expiry.rows.length} items` },
      );
      const long = must(await call('courses.expiry.list', { withinDays: 365 }));
      await kit.measure(
        'expiry worklist, 365 days',
        size,
        async () => must(await call('courses.expiry.list', { withinDays: 365 })),
        { note: `${long.rows.length} items` },
      );
      await kit.measure('course runs grid, first 100', size, async () =>
        must(await call('courses.runs.page', { offset: 0, limit: 100 })),
      );
      await kit.measure(
        'course dashboard, all runs (cold)',
        size,
        async () => {
          touch.run();
          return must(await call('courses.dashboard', {}));
        },
        { runs: 3 },
      );
      await backend.close();
    }
  },
};
