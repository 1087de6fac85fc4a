// knip (run by npm run lint with the flags below) fails on an export nobody imports. Checked on a
// tiny planted project with a config like the repository's knip.json, so a knip upgrade or a
// config change that stops it finding dead exports fails here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';

const knip = path.resolve(__dirname, '..', '..', 'node_modules', 'knip', 'bin', 'knip.js');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function runKnip(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-knip-'));
  dirs.push(dir);
  const project = {
    'package.json': JSON.stringify({ name: 'fixture', private: true, type: 'module' }),
    // As in knip.json: an export its own file uses is not dead.
    'knip.json': JSON.stringify({ entry: ['main.ts'], project: ['*.ts'], ignoreExportsUsedInFile: true }),
    'main.ts': "import { used } from './lib';\nconsole.log(used);\n",
    ...files,
  };
  for (const [file, text] of Object.entries(project)) fs.writeFileSync(path.join(dir, file), text);
  const result = spawnSync(process.execPath, [knip, '--directory', dir, '--no-progress', '--reporter', 'json'], {
    encoding: 'utf8',
  });
  const report = JSON.parse(result.stdout || '{"issues":[]}') as {
    issues: Array<{ file: string; exports: Array<{ name: string }> }>;
  };
  return {
    status: result.status,
    unusedExports: report.issues.flatMap((i) => i.exports.map((e) => `${i.file}#${e.name}`)),
  };
}

it('fails on an unused export, and names it', () => {
  const { status, unusedExports } = runKnip({
    'lib.ts': 'export const used = 1;\nexport const forgotten = 2;\n',
  });
  expect(unusedExports).toEqual(['lib.ts#forgotten']);
  expect(status).not.toBe(0);
});

it('passes once the dead export is gone; an export used in its own file is not dead', () => {
  const { status, unusedExports } = runKnip({
    'lib.ts': 'export const helper = (n: number) => n + 1;\nexport const used = helper(1);\n',
  });
  expect(unusedExports).toEqual([]);
  expect(status).toBe(0);
}, 30_000);
