// One backend's peak memory: test/bench/memory.ts (a working session: search, grid pages, open
// people, UKSPF compute and workbook, dashboard, outcomes export) run bundled in a process of
// its own on a fresh copy of the store, so the figure is that backend's alone, not the
// benchmark process's (which holds several stores at once).
import path from 'node:path';
import type { BenchSuite } from './bench-kit';
import { bundleEntry, timeProcess } from './processes';

export const suite: BenchSuite = {
  name: 'memory',
  async run(kit) {
    // With the backend's workers beside it, as in the app: a large export's workbook is written in one.
    const bundle = await bundleEntry('test/bench/memory.ts', path.join(kit.workDir, 'memory.cjs'), {
      withWorkers: true,
    });
    for (const size of kit.sizes) {
      const file = await kit.storeCopy(size, 'session');
      const run = await timeProcess(process.execPath, [bundle, file]);
      const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (!line) throw new Error(`memory.ts printed no result: ${run.stdout}`);
      const result = JSON.parse(line.slice('RESULT '.length)) as {
        maxRssMb: number;
        sampledPeakMb: number;
        steps: string[];
        failed: string[];
      };
      if (result.failed.length) throw new Error(`memory session steps failed: ${result.failed.join(', ')}`);
      kit.record(
        'backend peak RSS over a working session (own process)',
        size,
        [result.maxRssMb],
        `kernel high-water mark (maxRSS); ${result.steps.join(', ')}; session took ${(run.ms / 1000).toFixed(1)} s`,
        'MB',
      );
    }
  },
};
