// `npm run cli` runs the built CLI (scripts/cli.mjs loads dist/cli/cli.cjs) and rebuilds it when a
// source file changed; the build answers exactly as the source does (runCli, which the other CLI
// tests call directly), including the commands whose packages the build loads lazily.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { createTestBackend, tempDir } from '../support/backend';
import { runCli } from '../../db/cli/main';
import { buildCli, cliBuildState, lazyPackages } from '../../scripts/cli-build.mjs';

const root = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
};
// A scratch build, so this test neither waits on nor disturbs the developer's dist/cli; inside
// the repository, where the build must live to find node_modules (the driver stays outside it).
fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
const outDir = fs.mkdtempSync(path.join(root, '.tmp', 'cli-build-'));
let store: string;

/** Runs the launcher as `npm run cli` does (with Node 22, from the repository root). */
function launcher(...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/cli.mjs', ...args], {
    cwd: root,
    // Test stores are unencrypted, which the CLI opens only when told to.
    env: { ...process.env, WORKSBOOK_CLI_DIST: outDir, WORKSBOOK_PLAINTEXT: '1' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function source(...args: string[]) {
  const lines: string[] = [];
  const code = await runCli([...args, '--plaintext'], {
    out: (t) => lines.push(t),
    err: (t) => lines.push(`ERR ${t}`),
  });
  return { code, out: lines.join('\n') };
}

beforeAll(async () => {
  const t = await createTestBackend();
  await t.ok('participants.create', {
    record: {
      firstName: 'Nadia',
      lastName: 'Okafor',
      dateOfBirth: '3/4/1991',
      niStatus: 'not_yet_known',
      postcode: 'SG2 7AA',
    },
  });
  store = t.file;
  await t.backend.close();
});
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('npm run cli', () => {
  it('runs the launcher, not TypeScript from source', () => {
    expect(pkg.scripts.cli).toBe('node scripts/with-node22.mjs node scripts/cli.mjs');
    expect(pkg.scripts.postinstall).toContain('scripts/cli-build.mjs');
  });

  it('builds the CLI when it is missing, then runs the build, which answers as the source does', async () => {
    expect(cliBuildState(outDir)).toEqual({ state: 'missing' });
    const version = launcher('--version');
    expect(version).toMatchObject({ code: 0, out: `${pkg.version}\n` });
    expect(version.err).toContain('Building the CLI');
    expect(cliBuildState(outDir)).toEqual({ state: 'fresh' });

    const built = launcher('info', '--json', '--db', store);
    expect(built.err).toBe(''); // fresh: no rebuild
    expect(built.code).toBe(0);
    const fromSource = await source('info', '--json', '--db', store);
    expect(fromSource.code).toBe(0);
    const { appVersion, ...rest } = JSON.parse(built.out) as Record<string, unknown>;
    const { appVersion: _sourceVersion, ...sourceRest } = JSON.parse(fromSource.out) as Record<string, unknown>;
    expect(appVersion).toBe(pkg.version); // baked in at build time; "dev" when run from source
    expect(rest).toEqual(sourceRest);
    expect(rest).toMatchObject({ participantCount: 1 });

    expect(launcher('participants', 'search', 'okaf', '--db', store).out).toBe(
      `${(await source('participants', 'search', 'okaf', '--db', store)).out}\n`,
    );
    const unknown = launcher('no-such-command', '--db', store);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "no-such-command"');
  });

  it('rebuilds a build older than a source file it was built from', () => {
    expect(cliBuildState(outDir).state).toBe('fresh'); // built by the test above
    const bundle = path.join(outDir, 'cli.cjs');
    const before = fs.statSync(bundle).mtimeMs;
    // A save without a change, as an editor's "touch" would do: now newer than the build.
    const now = new Date();
    fs.utimesSync(path.join(root, 'db/cli/main.ts'), now, now);
    expect(cliBuildState(outDir)).toEqual({ state: 'stale', changed: 'db/cli/main.ts' });
    const version = launcher('--version');
    expect(version.err).toContain('Rebuilding the CLI (db/cli/main.ts changed)');
    expect(version.out).toBe(`${pkg.version}\n`);
    expect(fs.statSync(bundle).mtimeMs).toBeGreaterThan(before);
    expect(cliBuildState(outDir)).toEqual({ state: 'fresh' });
    expect(launcher('--version').err).toBe('');
  });

  it('writes a workbook and a zip, and reads a Windows-1252 file, through the lazily loaded packages', async () => {
    await buildCli(outDir);
    const dir = tempDir();
    const xlsx = path.join(dir, 'return.xlsx');
    const returned = launcher(
      'return',
      '--db',
      store,
      '--set',
      'ukspf-ps',
      '--from',
      '2025-04-01',
      '--to',
      '2025-09-30',
      '--out',
      xlsx,
    );
    expect(returned.err).toBe('');
    expect(returned.code).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    const zip = path.join(dir, 'sar.zip');
    const sar = launcher('sar', 'SW-000001', '--out', zip, '--reason', 'SAR 1', '--db', store); // fflate
    expect(sar.err).toBe('');
    expect(sar.code).toBe(0);
    expect(fs.readFileSync(zip).subarray(0, 2).toString()).toBe('PK');

    const profile = path.join(dir, 'profile.json');
    fs.writeFileSync(
      profile,
      JSON.stringify({
        name: 'cp1252',
        partner: 'JCP',
        kind: 'participants',
        columns: { first_name: 'First name', last_name: 'Surname', date_of_birth: 'Date of birth' },
        defaults: { referral_source: 'jcp' },
      }),
    );
    const csv = path.join(dir, 'referrals.csv');
    // "Renée" in Windows-1252 (é is one byte, 0xE9): not UTF-8, so the reader decodes it with iconv.
    fs.writeFileSync(csv, Buffer.from('First name,Surname,Date of birth\r\nRen\xe9e,Dubois,01/02/1990\r\n', 'latin1'));
    const args = ['import', '--kind', 'participants', '--mapping', profile, '--dry-run', '--json', '--db', store, csv];
    const imported = launcher(...args);
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const fromSource = await source(...args);
    expect(JSON.parse(imported.out)).toEqual(JSON.parse(fromSource.out));
    expect(imported.out).toContain('new');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('the lazy package stand-in', () => {
  it('supports default, namespace and named imports, and loads the package only when used', async () => {
    // Inside the repository, so the bundle finds node_modules as the real build does.
    const dir = fs.mkdtempSync(path.join(root, '.tmp', 'lazy-packages-'));
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(
      entry,
      [
        "import ExcelJS from 'exceljs';",
        "import * as namespace from 'exceljs';",
        "import { Workbook } from 'exceljs';",
        "import iconv from 'iconv-lite';",
        "import { strToU8 } from 'fflate';",
        "const loadedEarly = Object.keys(require.cache).some((k) => k.includes('exceljs'));",
        'console.log(JSON.stringify({',
        '  loadedEarly,',
        '  writer: typeof ExcelJS.stream.xlsx.WorkbookWriter,',
        '  namespace: typeof namespace.Workbook,',
        '  sheets: new Workbook().worksheets.length,',
        "  decoded: iconv.decode(Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'win1252'),",
        "  has: 'decode' in iconv,",
        '  bytes: strToU8("ab").length,',
        "  loadedLater: Object.keys(require.cache).some((k) => k.includes('exceljs')),",
        '}));',
      ].join('\n'),
    );
    const outfile = path.join(dir, 'out.cjs');
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile,
      plugins: [lazyPackages(['exceljs', 'iconv-lite', 'fflate'])],
      logLevel: 'silent',
    });
    expect(fs.readFileSync(outfile, 'utf8')).not.toContain('node_modules/exceljs'); // left outside the bundle
    const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      loadedEarly: false,
      writer: 'function',
      namespace: 'function',
      sheets: 0,
      decoded: 'café',
      has: true,
      bytes: 2,
      loadedLater: true,
    });
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
