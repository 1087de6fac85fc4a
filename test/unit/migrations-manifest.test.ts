// Shipped migrations never change (scripts/check-migrations.ts): the manifest lists each one with
// the sha256 of its content. Checked on the real folder, and on planted copies to see each kind of
// mistake reported with what to do about it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  addNewMigrations,
  manifestProblems,
  MANIFEST_FILE,
  MIGRATIONS_DIR,
  readManifest,
  type Manifest,
} from '../../scripts/check-migrations';
import { migrations } from '../../db/store/migrations/index';

const root = path.resolve(__dirname, '..', '..');
const realDir = path.join(root, MIGRATIONS_DIR);
const realManifest = readManifest(path.join(root, MANIFEST_FILE));

describe('the shipped migrations', () => {
  it('are exactly as the manifest lists them', () => {
    expect(manifestProblems(realDir, realManifest, MIGRATIONS_DIR)).toEqual([]);
  });

  it('are the migrations the store runs, in order', () => {
    expect(realManifest.migrations.map((m) => m.file.replace(/\.ts$/, ''))).toEqual(Object.keys(migrations).sort());
  });
});

describe('planted mistakes', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  /** A copy of the first two shipped migrations and a manifest listing them. */
  function plant(): { dir: string; manifest: Manifest } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-migrations-'));
    dirs.push(dir);
    for (const m of realManifest.migrations.slice(0, 2))
      fs.copyFileSync(path.join(realDir, m.file), path.join(dir, m.file));
    fs.writeFileSync(path.join(dir, 'index.ts'), '// not a migration\n');
    return { dir, manifest: { migrations: realManifest.migrations.slice(0, 2) } };
  }

  it('passes an untouched copy, whatever its line endings', () => {
    const { dir, manifest } = plant();
    expect(manifestProblems(dir, manifest)).toEqual([]);
    const file = path.join(dir, manifest.migrations[0]!.file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    expect(manifestProblems(dir, manifest)).toEqual([]);
  });

  it('fails when a shipped migration is edited, saying to add a new one instead', () => {
    const { dir, manifest } = plant();
    const file = path.join(dir, manifest.migrations[1]!.file);
    fs.appendFileSync(file, '// a small fix\n');
    const problems = manifestProblems(dir, manifest);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(manifest.migrations[1]!.file);
    expect(problems[0]).toMatch(/has changed since it shipped.*new migration with the next number/);
  });

  it('fails when a shipped migration is removed', () => {
    const { dir, manifest } = plant();
    fs.rmSync(path.join(dir, manifest.migrations[0]!.file));
    expect(manifestProblems(dir, manifest)).toEqual([expect.stringMatching(/was shipped and is gone/)]);
  });

  it('fails on a migration missing from the manifest, telling how to add it', () => {
    const { dir, manifest } = plant();
    fs.writeFileSync(path.join(dir, '9000-new-thing.ts'), 'export async function up() {}\n');
    expect(manifestProblems(dir, manifest)).toEqual([expect.stringMatching(/not in .*npm run migrations:manifest/)]);
  });

  it('fails on a new migration numbered before the last shipped one', () => {
    const { dir, manifest } = plant();
    fs.writeFileSync(path.join(dir, '0000-too-early.ts'), 'export async function up() {}\n');
    expect(manifestProblems(dir, manifest)).toEqual([expect.stringMatching(/numbered before .*next number/)]);
  });

  it('adding to the manifest appends new migrations only and never rewrites a listed hash', () => {
    const { dir, manifest } = plant();
    fs.appendFileSync(path.join(dir, manifest.migrations[0]!.file), '// edited\n');
    fs.writeFileSync(path.join(dir, '9000-new-thing.ts'), 'export async function up() {}\n');
    fs.writeFileSync(path.join(dir, '0000-too-early.ts'), 'export async function up() {}\n');
    const { manifest: next, added } = addNewMigrations(dir, manifest);
    expect(added).toEqual(['9000-new-thing.ts']);
    expect(next.migrations.slice(0, 2)).toEqual(manifest.migrations);
    expect(next.migrations).toHaveLength(3);
    // The edit is still reported, and so is the early one.
    expect(manifestProblems(dir, next)).toEqual([
      expect.stringMatching(/has changed since it shipped/),
      expect.stringMatching(/numbered before/),
    ]);
  });
});
