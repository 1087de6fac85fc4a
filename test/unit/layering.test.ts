// The folder says which process a file runs in (ARCHITECTURE.md). This test reads every import
// and fails when the window would reach the database or Electron, or shared code would reach
// Node, Electron or either side.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  const specs = [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm,
    ),
  ];
  return specs.map((m) => m[1] ?? m[2] ?? m[3]!).filter(Boolean);
}

/** The top folder an import lands in ('db', 'renderer', ...) or the package name. */
function target(file: string, spec: string): string {
  if (spec.startsWith('.')) {
    const resolved = path.relative(root, path.resolve(root, path.dirname(file), spec));
    return resolved.split(path.sep)[0]!;
  }
  return spec.startsWith('node:') ? 'node:' : spec.split('/')[0]!;
}

const NODE_BUILTINS = new Set([
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'stream',
  'url',
  'util',
  'worker_threads',
  'zlib',
  'buffer',
  'events',
]);

function violations(folder: string, forbidden: (t: string) => boolean): string[] {
  const bad: string[] = [];
  for (const file of sourceFiles(folder)) {
    for (const spec of importsOf(file)) {
      const t = target(file, spec);
      if (forbidden(t)) bad.push(`${file} imports ${spec}`);
    }
  }
  return bad;
}

describe('layering', () => {
  it('finds imports at all (the check is not vacuous)', () => {
    expect(importsOf('renderer/app/App.tsx').length).toBeGreaterThan(3);
    expect(target('renderer/app/App.tsx', '../../db/store/schema')).toBe('db');
  });

  it('the renderer never imports db/, electron/ or Node', () => {
    expect(
      violations(
        'renderer',
        (t) =>
          t === 'db' || t === 'electron' || t === 'node:' || NODE_BUILTINS.has(t) || t.startsWith('better-sqlite3'),
      ),
    ).toEqual([]);
  });

  it('shared/ imports nothing from Node, Electron, db/, renderer/ or electron/', () => {
    expect(
      violations(
        'shared',
        (t) =>
          ['db', 'renderer', 'electron', 'node:'].includes(t) ||
          NODE_BUILTINS.has(t) ||
          t.startsWith('better-sqlite3') ||
          t === 'exceljs',
      ),
    ).toEqual([]);
  });

  it('the backend (db/) never imports the renderer or Electron', () => {
    expect(violations('db', (t) => t === 'renderer' || t === 'electron')).toEqual([]);
  });

  it('electron/ never imports db/ (the store belongs to the backend process) or the renderer', () => {
    expect(violations('electron', (t) => t === 'db' || t === 'renderer')).toEqual([]);
  });
});
