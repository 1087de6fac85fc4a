// Shipped migrations never change: a store that already ran one will not run it again, so an
// edit would leave stores in the field and new stores with different schemas. The manifest
// (test/unit/migrations.manifest.json) holds each shipped migration's name and the sha256 of its
// content; this check fails when one is edited or removed, or when a migration is not listed.
// Usage: tsx scripts/check-migrations.ts          check (npm run lint, and a unit test)
//        tsx scripts/check-migrations.ts --add    list NEW migrations (npm run migrations:manifest);
//                                                 never rewrites an existing entry
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ManifestEntry {
  file: string;
  sha256: string;
}

export interface Manifest {
  $comment?: string;
  migrations: ManifestEntry[];
}

export const MIGRATIONS_DIR = 'db/store/migrations';
export const MANIFEST_FILE = 'test/unit/migrations.manifest.json';
const COMMENT =
  'Shipped migrations and the sha256 of their content (scripts/check-migrations.ts). Never edit an entry: ' +
  'add a new migration and run `npm run migrations:manifest`.';

/** A migration is a file named NNNN-what.ts; other files in the folder (index, types) are not. */
const MIGRATION_NAME = /^\d{4}-[a-z0-9-]+\.ts$/;

export function migrationFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => MIGRATION_NAME.test(f))
    .sort();
}

/** Content hash with line endings normalised, so a Windows checkout (CRLF) hashes the same. */
export function contentHash(file: string): string {
  const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  return createHash('sha256').update(text).digest('hex');
}

export function readManifest(file: string): Manifest {
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest) : { migrations: [] };
}

/** What is wrong, one sentence each, saying what to do; empty when every migration is as shipped. */
export function manifestProblems(dir: string, manifest: Manifest, shownDir = dir): string[] {
  const problems: string[] = [];
  const files = migrationFiles(dir);
  const listed = new Map(manifest.migrations.map((m) => [m.file, m.sha256]));
  const highest = [...listed.keys()].sort().at(-1) ?? '';
  for (const [file, sha256] of listed) {
    const shown = `${shownDir}/${file}`;
    if (!files.includes(file))
      problems.push(
        `${shown} was shipped and is gone. Stores that ran it still list it (and a store with an unknown ` +
          'migration is refused): restore it (git checkout -- the file).',
      );
    else if (contentHash(path.join(dir, file)) !== sha256)
      problems.push(
        `${shown} has changed since it shipped. Stores that already ran it will never run the new version: ` +
          'restore it (git checkout -- the file) and make the change in a new migration with the next number.',
      );
  }
  for (const file of files.filter((f) => !listed.has(f))) {
    const shown = `${shownDir}/${file}`;
    if (file < highest)
      problems.push(
        `${shown} is numbered before ${highest}, the last shipped migration; a store refuses a migration named before ` +
          'its last one. Give it the next number, then run `npm run migrations:manifest`.',
      );
    else
      problems.push(
        `${shown} is not in ${MANIFEST_FILE}. If it is a new migration, run \`npm run migrations:manifest\` ` +
          '(it adds new migrations and never changes a listed one) and commit the manifest with it.',
      );
  }
  return problems;
}

/** Adds the migrations not yet listed and numbered after the last listed one, in name order;
 * listed entries are kept exactly as they are. */
export function addNewMigrations(dir: string, manifest: Manifest): { manifest: Manifest; added: string[] } {
  const listed = new Set(manifest.migrations.map((m) => m.file));
  const highest = [...listed].sort().at(-1) ?? '';
  const added = migrationFiles(dir).filter((f) => !listed.has(f) && f > highest);
  return {
    manifest: {
      $comment: manifest.$comment ?? COMMENT,
      migrations: [
        ...manifest.migrations,
        ...added.map((file) => ({ file, sha256: contentHash(path.join(dir, file)) })),
      ],
    },
    added,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.join(root, MIGRATIONS_DIR);
  const manifestPath = path.join(root, MANIFEST_FILE);
  let manifest = readManifest(manifestPath);
  if (process.argv.includes('--add')) {
    const result = addNewMigrations(dir, manifest);
    manifest = result.manifest;
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(result.added.length ? `Added to ${MANIFEST_FILE}: ${result.added.join(', ')}` : 'No new migrations.');
  }
  const problems = manifestProblems(dir, manifest, MIGRATIONS_DIR);
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  console.log(`Migrations: ${manifest.migrations.length} shipped, none changed.`);
}
