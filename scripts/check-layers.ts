// The layering check (ARCHITECTURE.md, "Processes"): the folder says which process a file runs in,
// and each folder may import only what is listed for it here. Every module specifier counts:
// import and export-from declarations (type-only ones too), `import x = require()`, `require()`,
// dynamic `import()`, `import('x').T` types and `/// <reference types>`. A specifier is a folder
// of this repository (relative), a Node built-in (with or without `node:`) or a package.
// Usage: tsx scripts/check-layers.ts [root]; prints each violation and exits 1 if there is any.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export type Layer = 'electron' | 'db' | 'renderer' | 'shared' | 'test' | 'scripts';
export const layers: readonly Layer[] = ['electron', 'db', 'renderer', 'shared', 'test', 'scripts'];

interface LayerRule {
  /** What the layer is, for the message. */
  role: string;
  /** Top folders of the repository it may import from. */
  folders: readonly Layer[];
  /** Packages it may import; 'declared' = any package in package.json (tests and tools). */
  packages: readonly string[] | 'declared';
  /** Packages it may import only as types (`import type`, `.d.ts`, `/// <reference types>`). */
  typePackages?: readonly string[];
  /** Packages a `*.dev.ts` module of the layer may also import: code that runs only from source
   * (tsx, Vitest), never in a build, because scripts/build.mjs and scripts/cli-build.mjs leave
   * every `*.dev` module out of their bundles (external). */
  devPackages?: readonly string[];
  /** Whether it runs where Node's built-in modules exist. */
  node: boolean;
}

/** Pure libraries: no Node, no DOM, the same result anywhere. */
const PURE = ['zod', 'date-fns', 'fastest-levenshtein', 'double-metaphone'];

export const rules: Record<Layer, LayerRule> = {
  renderer: {
    role: 'the window: sandboxed, no Node',
    folders: ['renderer', 'shared'],
    packages: [
      ...PURE,
      'react',
      'react-dom',
      'ag-grid-community',
      'ag-grid-react',
      'ag-charts-community',
      'ag-charts-react',
      'react-hook-form',
      '@hookform/resolvers',
    ],
    // vite/client declares import.meta.env and asset imports for the renderer's build.
    typePackages: ['vite'],
    node: false,
  },
  shared: {
    role: 'code that runs anywhere',
    folders: ['shared'],
    packages: PURE,
    node: false,
  },
  electron: {
    role: 'Electron main and preload; the store belongs to the backend process',
    folders: ['electron', 'shared'],
    packages: ['electron'],
    node: true,
  },
  db: {
    role: 'the backend process',
    folders: ['db', 'shared'],
    packages: [
      ...PURE,
      'kysely',
      'better-sqlite3-multiple-ciphers',
      'pg',
      'exceljs',
      'csv-parse',
      'iconv-lite',
      'fflate',
    ],
    // The cipher fork of better-sqlite3 borrows @types/better-sqlite3 (db/store/sqlite/*.d.ts).
    typePackages: ['better-sqlite3'],
    // From source there are no bundled workers: backend/workers.dev.ts bundles them in memory.
    devPackages: ['esbuild'],
    node: true,
  },
  test: {
    role: 'tests',
    folders: ['test', 'electron', 'db', 'renderer', 'shared', 'scripts'],
    packages: 'declared',
    node: true,
  },
  scripts: {
    role: 'build and check tools',
    folders: ['scripts'],
    packages: 'declared',
    node: true,
  },
};

export interface ModuleReference {
  specifier: string;
  line: number;
  /** Erased when compiled: import type, type-only names, import('x').T, .d.ts, reference types. */
  typeOnly: boolean;
  how: 'import' | 'export' | 'import-equals' | 'require' | 'dynamic-import' | 'import-type' | 'reference';
}

/** A computed `require(x)`/`import(x)` cannot be checked; it is reported as such. */
export const COMPUTED = '<computed>';

const scriptKinds: Record<string, ts.ScriptKind> = {
  '.ts': ts.ScriptKind.TS,
  '.mts': ts.ScriptKind.TS,
  '.cts': ts.ScriptKind.TS,
  '.tsx': ts.ScriptKind.TSX,
  '.js': ts.ScriptKind.JS,
  '.mjs': ts.ScriptKind.JS,
  '.cjs': ts.ScriptKind.JS,
  '.jsx': ts.ScriptKind.JSX,
};

export function isSourceFile(file: string): boolean {
  return path.extname(file) in scriptKinds;
}

function stringArgument(node: ts.CallExpression): string {
  const arg = node.arguments[0];
  return arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : COMPUTED;
}

/** Every module a file refers to, found with the TypeScript parser (no type check, no resolution). */
export function moduleReferences(fileName: string, text: string): ModuleReference[] {
  const kind = scriptKinds[path.extname(fileName)] ?? ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, kind);
  const declarationFile = source.isDeclarationFile;
  const found: ModuleReference[] = [];
  const add = (node: ts.Node, specifier: string, how: ModuleReference['how'], typeOnly: boolean) =>
    found.push({
      specifier,
      how,
      typeOnly: typeOnly || declarationFile,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
    });

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const onlyTypeNames =
        !!clause &&
        !clause.name &&
        !!named &&
        ts.isNamedImports(named) &&
        named.elements.length > 0 &&
        named.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier.text, 'import', !!clause?.isTypeOnly || onlyTypeNames);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const onlyTypeNames =
        !!clause &&
        ts.isNamedExports(clause) &&
        clause.elements.length > 0 &&
        clause.elements.every((e) => e.isTypeOnly);
      add(node, node.moduleSpecifier.text, 'export', node.isTypeOnly || onlyTypeNames);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expr = node.moduleReference.expression;
      add(node, ts.isStringLiteral(expr) ? expr.text : COMPUTED, 'import-equals', node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      if (node.expression.kind === ts.SyntaxKind.ImportKeyword)
        add(node, stringArgument(node), 'dynamic-import', false);
      else if (ts.isIdentifier(node.expression) && node.expression.text === 'require')
        add(node, stringArgument(node), 'require', false);
      else if (
        ts.isPropertyAccessExpression(node.expression) &&
        ts.isIdentifier(node.expression.expression) &&
        node.expression.expression.text === 'require' &&
        node.expression.name.text === 'resolve'
      )
        add(node, stringArgument(node), 'require', false);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal))
        add(node, arg.literal.text, 'import-type', true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  for (const ref of source.typeReferenceDirectives) {
    found.push({ specifier: ref.fileName, how: 'reference', typeOnly: true, line: lineOf(source, ref.pos) });
  }
  for (const ref of source.referencedFiles) {
    const rel = ref.fileName.startsWith('.') ? ref.fileName : `./${ref.fileName}`;
    found.push({ specifier: rel, how: 'reference', typeOnly: true, line: lineOf(source, ref.pos) });
  }
  return found.sort((a, b) => a.line - b.line);
}

function lineOf(source: ts.SourceFile, pos: number): number {
  return source.getLineAndCharacterOfPosition(pos).line + 1;
}

export type Target =
  | { kind: 'folder'; folder: string }
  | { kind: 'builtin'; name: string }
  | { kind: 'package'; name: string }
  | { kind: 'outside'; path: string }
  | { kind: 'computed' };

const builtins = new Set(builtinModules);

/** What a specifier in `file` (a path relative to `root`) points at. */
export function classify(root: string, file: string, ref: Pick<ModuleReference, 'specifier' | 'how'>): Target {
  const spec = ref.specifier;
  if (spec === COMPUTED) return { kind: 'computed' };
  if (spec.startsWith('.') || path.isAbsolute(spec)) {
    const resolved = path.relative(root, path.resolve(root, path.dirname(file), spec));
    if (resolved.startsWith('..') || path.isAbsolute(resolved)) return { kind: 'outside', path: spec };
    const parts = resolved.split(path.sep);
    // A file at the root (package.json, a config) is the folder ''.
    return { kind: 'folder', folder: parts.length > 1 ? parts[0]! : '' };
  }
  if (spec.startsWith('node:')) return { kind: 'builtin', name: spec };
  if (builtins.has(spec)) return { kind: 'builtin', name: spec };
  // `/// <reference types="node" />` pulls in Node's globals.
  if (ref.how === 'reference' && spec === 'node') return { kind: 'builtin', name: 'node' };
  const parts = spec.split('/');
  const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return { kind: 'package', name };
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  message: string;
}

function describeAllowed(layer: Layer): string {
  const r = rules[layer];
  const packages = r.packages === 'declared' ? 'packages in package.json' : r.packages.join(', ');
  return (
    `${layer}/ (${r.role}) may import ${r.folders.map((f) => `${f}/`).join(', ')}` +
    `${r.node ? ', Node built-ins' : ''} and ${packages || 'no packages'}`
  );
}

/** A module that runs only from source (see `devPackages`). */
export const isDevModule = (file: string): boolean => /\.dev\.tsx?$/.test(file);

/** Why `ref` is not allowed in `layer`, or null when it is. */
export function problemOf(
  layer: Layer,
  target: Target,
  typeOnly: boolean,
  declared: ReadonlySet<string>,
  devModule = false,
): string | null {
  const r = rules[layer];
  switch (target.kind) {
    case 'computed':
      return 'a computed module name cannot be checked; use a string literal';
    case 'outside':
      return `points outside the repository (${target.path})`;
    case 'folder':
      return (r.folders as readonly string[]).includes(target.folder)
        ? null
        : `crosses into ${target.folder ? `${target.folder}/` : 'the repository root'}`;
    case 'builtin':
      return r.node ? null : `uses the Node built-in ${target.name}`;
    case 'package': {
      const allowed =
        r.packages === 'declared'
          ? declared.has(target.name) || (typeOnly && declared.has(`@types/${target.name}`))
          : r.packages.includes(target.name) ||
            (typeOnly && (r.typePackages ?? []).includes(target.name)) ||
            (devModule && (r.devPackages ?? []).includes(target.name));
      if (allowed) return null;
      return r.packages === 'declared'
        ? `imports ${target.name}, which package.json does not list`
        : `imports the package ${target.name}`;
    }
  }
}

function walk(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (isSourceFile(entry.name)) out.push(full);
  }
}

function declaredPackages(root: string): Set<string> {
  const file = path.join(root, 'package.json');
  if (!fs.existsSync(file)) return new Set();
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Record<string, string> | undefined>;
  return new Set(
    ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'].flatMap((k) =>
      Object.keys(pkg[k] ?? {}),
    ),
  );
}

/** Checks every source file under the layer folders of `root`. */
export function checkLayers(root: string): { files: number; references: number; violations: Violation[] } {
  const declared = declaredPackages(root);
  const violations: Violation[] = [];
  let files = 0;
  let references = 0;
  for (const layer of layers) {
    const found: string[] = [];
    walk(path.join(root, layer), found);
    for (const full of found) {
      files++;
      const file = path.relative(root, full).split(path.sep).join('/');
      for (const ref of moduleReferences(full, fs.readFileSync(full, 'utf8'))) {
        references++;
        const problem = problemOf(layer, classify(root, file, ref), ref.typeOnly, declared, isDevModule(file));
        if (problem)
          violations.push({
            file,
            line: ref.line,
            specifier: ref.specifier,
            message: `${problem}: ${describeAllowed(layer)}`,
          });
      }
    }
  }
  return { files, references, violations };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const { files, references, violations } = checkLayers(root);
  for (const v of violations) console.error(`${v.file}:${v.line}  "${v.specifier}" ${v.message}`);
  if (violations.length) {
    console.error(
      `\nLayering: ${violations.length} import(s) break the rules above (see ARCHITECTURE.md, "Processes").`,
    );
    process.exit(1);
  }
  console.log(`Layering: ${references} imports in ${files} files, all allowed.`);
}
