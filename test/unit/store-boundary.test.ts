// SQLite-only code lives in db/store/sqlite/ and features reach it only through
// db/store/dialect.ts (so a PostgreSQL store can be added without touching them). This test reads
// every file of db/features, db/cli, db/demo and db/backend and fails on an import of
// db/store/sqlite/ or on SQLite-only SQL or raw-handle calls in the code (comments aside).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const FOLDERS = ['db/features', 'db/cli', 'db/demo', 'db/backend'];

/** Imports into db/store/sqlite/ that stay, and why. Add to this list only with a reason. */
const ALLOWED_SQLITE_IMPORTS: Record<string, string> = {
  // The store key is what the SQLite file is opened with; opening a store is the store's business
  // and the backend passes the key through (a PostgreSQL store connects with a login instead).
  'db/backend/context.ts -> encryption': 'the store key the backend holds',
  'db/backend/store-key.ts -> encryption':
    'the key file / passphrase for the CLI and harness; a refused key for the app',
};

/** SQLite-only SQL and raw-handle calls, each with the neutral way instead. */
const DENYLIST: Array<[RegExp, string]> = [
  [/\bsqlite_master\b|\bsqlite_schema\b/i, 'schema reads: db.introspection.getTables()'],
  [/\bpragma(\b|_)/i, 'pragmas: a function in db/store/dialect.ts'],
  [/\.prepare\s*\(|\bctx\.sqlite\b|\bservices\.sqlite\b|\.pragma\s*\(/, 'the raw SQLite handle: Kysely'],
  [/\b(julianday|strftime|datetime|unixepoch)\s*\(|\bdate\s*\(\s*'now'/i, 'date functions: compute dates in code'],
  [
    /\b(group_concat|ifnull|instr|printf|iif|typeof|randomblob|json_extract|last_insert_rowid|total_changes)\s*\(/i,
    'SQLite functions',
  ],
  [/\binsert\s+or\s+(ignore|replace)\b|\.or(Ignore|Replace)\s*\(|\breplace\s+into\b/i, 'upserts: onConflict(...)'],
  [/\bcollate\s+nocase\b/i, 'case-insensitive comparison: lower() on both sides (grid-query textMatches)'],
  [/\b(rowid|ROWID|_rowid_)\b/, 'rowid: an id column'],
  [/\bmatch\s+\$\{|\bparticipant_search\b/i, 'full-text search: participantSearchCondition in dialect.ts'],
  [/\bglob\b\s+['$]/i, 'GLOB: LIKE with escapeLike'],
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The code without comments (strings stay: SQL is in them). */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

function importsOf(text: string): string[] {
  return [
    ...text.matchAll(
      /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
}

function sqliteImports(file: string, text: string): string[] {
  return importsOf(text)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => path.posix.relative(root, path.posix.join(root, path.posix.dirname(file), spec)))
    .filter((target) => target.startsWith('db/store/sqlite/'))
    .map((target) => `${file} -> ${target.slice('db/store/sqlite/'.length)}`);
}

function denied(text: string): string[] {
  const code = codeOf(text);
  return DENYLIST.filter(([pattern]) => pattern.test(code)).map(
    ([pattern, instead]) => `${pattern.source} (${instead})`,
  );
}

describe('the store boundary', () => {
  const files = FOLDERS.flatMap(sourceFiles);

  it('reads the folders (the check is not vacuous)', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('db/features/participants/participants.repository.ts');
  });

  it('catches the mistakes it is there for', () => {
    expect(sqliteImports('db/features/x/a.ts', "import { y } from '../../store/sqlite/participant-search';")).toEqual([
      'db/features/x/a.ts -> participant-search',
    ]);
    expect(sqliteImports('db/features/x/a.ts', "import { y } from '../../store/dialect';")).toEqual([]);
    for (const planted of [
      "sql`select name from sqlite_master where type = 'table'`",
      'sql`select * from pragma_table_info(${t})`',
      'ctx.sqlite.pragma("wal_checkpoint(TRUNCATE)")',
      "db.prepare('select 1').get()",
      'sql`abs(julianday(a) - julianday(b))`',
      "sql`select group_concat(name, ', ') from staff`",
      'sql`insert or ignore into t (a) values (1)`',
      'sql`name = ${v} collate nocase`',
      'sql`p.id in (select rowid from participant_search where participant_search match ${q})`',
      "sql`strftime('%Y', at)`",
    ])
      expect(denied(planted), planted).not.toEqual([]);
    expect(denied('// the pragma and sqlite_master are mentioned in a comment only\nconst x = 1;')).toEqual([]);
    expect(denied('sql`insert into t (a) values (1) on conflict do nothing`')).toEqual([]);
  });

  it('features, the CLI, the demo and the backend import db/store/sqlite/ only where listed', () => {
    const found = files.flatMap((f) => sqliteImports(f, fs.readFileSync(path.join(root, f), 'utf8')));
    expect(found.filter((i) => !(i in ALLOWED_SQLITE_IMPORTS))).toEqual([]);
  });

  it('features, the CLI, the demo and the backend hold no SQLite-only SQL or raw-handle calls', () => {
    const found = files.flatMap((f) => denied(fs.readFileSync(path.join(root, f), 'utf8')).map((d) => `${f}: ${d}`));
    expect(found).toEqual([]);
  });
});
