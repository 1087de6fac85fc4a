// The layering check (scripts/check-layers.ts) run on small planted trees, one per kind of
// violation, so a check that silently stopped finding imports would fail here; and on the real
// tree, which must pass.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers, moduleReferences } from '../../scripts/check-layers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A throwaway repository holding just `files` (path → content). */
function plant(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-layers-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

function violationsOf(files: Record<string, string>) {
  return checkLayers(plant(files)).violations.map((v) => `${v.file}:${v.line} ${v.specifier}`);
}

const clean = {
  'shared/ok.ts': "import { z } from 'zod';\nexport const id = z.number();\n",
  'renderer/ok.tsx': "import { useState } from 'react';\nimport { id } from '../shared/ok';\n",
  'db/ok.ts': "import fs from 'node:fs';\nimport { Kysely } from 'kysely';\nimport { id } from '../shared/ok';\n",
  'electron/ok.ts': "import { app } from 'electron';\nimport path from 'path';\nimport { id } from '../shared/ok';\n",
};

describe('layering check on planted trees', () => {
  it('passes a tree that keeps to the rules', () => {
    expect(violationsOf(clean)).toEqual([]);
  });

  it('reports the renderer importing kysely, even for types only', () => {
    expect(
      violationsOf({
        ...clean,
        'renderer/grid.ts': "import { Kysely } from 'kysely';\nimport type { Selectable } from 'kysely';\n",
      }),
    ).toEqual(['renderer/grid.ts:1 kysely', 'renderer/grid.ts:2 kysely']);
  });

  it('reports electron/ importing better-sqlite3-multiple-ciphers, and the store in db/', () => {
    const root = plant({
      ...clean,
      'electron/main.ts':
        "import Database from 'better-sqlite3-multiple-ciphers';\nimport { openStore } from '../db/store/connection';\n",
    });
    const { violations } = checkLayers(root);
    expect(violations.map((v) => `${v.file}:${v.line} ${v.specifier}`)).toEqual([
      'electron/main.ts:1 better-sqlite3-multiple-ciphers',
      'electron/main.ts:2 ../db/store/connection',
    ]);
    expect(violations[0]!.message).toMatch(
      /imports the package better-sqlite3-multiple-ciphers: electron\/ .* may import/,
    );
    expect(violations[1]!.message).toMatch(/crosses into db\//);
  });

  it("reports shared/ using require('fs')", () => {
    expect(violationsOf({ ...clean, 'shared/read.ts': "const fs = require('fs');\nexport const x = fs;\n" })).toEqual([
      'shared/read.ts:1 fs',
    ]);
  });

  it("reports shared/ using import('node:path'), and a Node types reference", () => {
    expect(
      violationsOf({
        ...clean,
        'shared/lazy.ts': '/// <reference types="node" />\nexport const p = () => import(\'node:path\');\n',
      }),
    ).toEqual(['shared/lazy.ts:1 node', 'shared/lazy.ts:2 node:path']);
  });

  it("reports `import x = require('os')` in the renderer, and every built-in, not just common ones", () => {
    expect(
      violationsOf({
        ...clean,
        'renderer/host.ts':
          "import os = require('os');\nimport { Worker } from 'worker_threads';\nimport 'node:sqlite';\n",
      }),
    ).toEqual(['renderer/host.ts:1 os', 'renderer/host.ts:2 worker_threads', 'renderer/host.ts:3 node:sqlite']);
  });

  it('reports re-exports and type imports across layers, and names that cannot be checked', () => {
    expect(
      violationsOf({
        ...clean,
        'shared/leak.ts': "export * from '../db/ok';\nexport type { Foo } from '../renderer/ok';\n",
        'db/ui.ts': "import type { X } from '../renderer/ok';\nexport type Y = import('electron').App;\n",
        'db/load.ts': 'export const load = (name: string) => import(name);\n',
      }),
    ).toEqual([
      'db/load.ts:1 <computed>',
      'db/ui.ts:1 ../renderer/ok',
      'db/ui.ts:2 electron',
      'shared/leak.ts:1 ../db/ok',
      'shared/leak.ts:2 ../renderer/ok',
    ]);
  });

  it('allows type-only packages only as types (vite/client types in the renderer, not vite itself)', () => {
    expect(
      violationsOf({
        ...clean,
        'renderer/env.d.ts': '/// <reference types="vite/client" />\n',
        'renderer/build.ts': "import { build } from 'vite';\n",
      }),
    ).toEqual(['renderer/build.ts:1 vite']);
  });

  it('lets only a *.dev module of db/ use the build tool it lists (the builds leave *.dev out)', () => {
    expect(
      violationsOf({
        ...clean,
        'db/worker.dev.ts': "import { build } from 'esbuild';\nexport const b = build;\n",
        'db/worker.ts': "import { build } from 'esbuild';\nexport const b = build;\n",
        'renderer/tool.dev.ts': "import { build } from 'esbuild';\nexport const b = build;\n",
      }),
    ).toEqual(['db/worker.ts:1 esbuild', 'renderer/tool.dev.ts:1 esbuild']);
  });

  it('lets tests and scripts use what package.json lists, and nothing else', () => {
    expect(
      violationsOf({
        'package.json': JSON.stringify({ devDependencies: { vitest: '1' } }),
        'test/a.test.ts': "import { it } from 'vitest';\nimport { x } from 'left-pad';\nimport '../db/ok';\n",
        'db/ok.ts': 'export {};\n',
      }),
    ).toEqual(['test/a.test.ts:2 left-pad']);
  });
});

describe('module references', () => {
  it('finds every form of import with its line and whether it is erased', () => {
    const text = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "import { type C } from 'c';",
      "export { d } from 'd';",
      "import e = require('e');",
      "const f = require('f');",
      "const g = await import('g');",
      "type H = import('h').H;",
      "import 'i';",
    ].join('\n');
    expect(moduleReferences('x.ts', text).map((r) => [r.specifier, r.line, r.how, r.typeOnly])).toEqual([
      ['a', 1, 'import', false],
      ['b', 2, 'import', true],
      ['c', 3, 'import', true],
      ['d', 4, 'export', false],
      ['e', 5, 'import-equals', false],
      ['f', 6, 'require', false],
      ['g', 7, 'dynamic-import', false],
      ['h', 8, 'import-type', true],
      ['i', 9, 'import', false],
    ]);
  });
});

describe('the real tree', () => {
  it('keeps to the layering rules', () => {
    const { files, references, violations } = checkLayers(path.resolve(__dirname, '..', '..'));
    expect(violations).toEqual([]);
    // Not vacuous: the check saw the whole tree.
    expect(files).toBeGreaterThan(300);
    expect(references).toBeGreaterThan(1500);
  });
});
