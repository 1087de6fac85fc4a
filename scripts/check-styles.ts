// The stylesheet check. The window's stylesheets are bundled into one (Vite), so every rule
// applies to every screen, whichever file it sits in. Two ways that went wrong before this check:
// - a class given a rule in two stylesheets (`.notice` in participants' and returns', `.inline-form`
//   in the app's and outcomes'): the later file in the bundle silently restyled the other's screens;
// - a class styled in one feature's stylesheet and used by another feature's screens (`.narrow`
//   in outcomes' used by vacancies, returns and events): it looks local, and is not.
// So: a class's own rule (a selector that is that class alone, outside @media) is written in one
// stylesheet; and every rule in renderer/features/<area>/ names a class that only that area's
// files use (in a className), so it cannot reach another area's screens. What several areas
// share goes in renderer/styles/app.css or beside the component that uses it (renderer/components/).
// Usage: tsx scripts/check-styles.ts [root]; prints each problem and exits 1 if there is any.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StyleProblem {
  file: string;
  message: string;
}

function filesUnder(dir: string, ends: readonly string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full, ends);
    return ends.some((e) => entry.name.endsWith(e)) ? [full] : [];
  });
}

/** Each rule's selectors, and whether the rule sits inside an at-rule (@media, @supports). */
export function selectorsOf(css: string): Array<{ selector: string; nested: boolean }> {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out: Array<{ selector: string; nested: boolean }> = [];
  const open: Array<'at' | 'rule'> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{') {
      const head = text.slice(start, i).trim();
      if (head.startsWith('@')) open.push('at');
      else {
        const nested = open.length > 0;
        // A rule inside a rule is CSS nesting; none is written here, so only top-level and
        // at-rule-level rules are read.
        if (!open.includes('rule')) for (const s of head.split(',')) out.push({ selector: s.trim(), nested });
        open.push('rule');
      }
      start = i + 1;
    } else if (c === '}') {
      open.pop();
      start = i + 1;
    } else if (c === ';' && open[open.length - 1] !== 'rule') start = i + 1;
  }
  return out;
}

/** Every class a selector names. */
function classesIn(selector: string): string[] {
  return [...selector.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!);
}

/** The classes a TSX or TS file gives elements: the words of each string inside a className. */
export function classNamesUsed(source: string): Set<string> {
  const used = new Set<string>();
  const at = /className=/g;
  for (let m = at.exec(source); m; m = at.exec(source)) {
    let i = m.index + m[0].length;
    let expression: string;
    if (source[i] === '"' || source[i] === "'") {
      const end = source.indexOf(source[i]!, i + 1);
      expression = source.slice(i, end + 1);
    } else if (source[i] === '{') {
      let depth = 0;
      const from = i;
      for (; i < source.length; i++) {
        if (source[i] === '{') depth++;
        else if (source[i] === '}' && --depth === 0) break;
      }
      expression = source.slice(from, i + 1);
    } else continue;
    // Quoted strings (inside a template's ${…} too), and a template's own text.
    const texts = [
      ...[...expression.matchAll(/'([^'\\]*)'|"([^"\\]*)"/g)].map((q) => q[1] ?? q[2]!),
      ...[...expression.matchAll(/`((?:[^`\\]|\\.)*)`/g)].map((t) => t[1]!.replace(/\$\{[^}]*\}/g, ' ')),
    ];
    for (const text of texts) for (const word of text.split(/\s+/)) if (word) used.add(word);
  }
  return used;
}

function areaOf(file: string, renderer: string): string | null {
  const parts = path.relative(renderer, file).split(path.sep);
  return parts[0] === 'features' && parts.length > 2 ? parts[1]! : null;
}

export function checkStyles(root: string): StyleProblem[] {
  const renderer = path.join(root, 'renderer');
  const sheets = filesUnder(renderer, ['.css']);
  const sources = filesUnder(renderer, ['.tsx', '.ts']);
  const problems: StyleProblem[] = [];
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');

  const usedBy = new Map<string, string[]>();
  for (const source of sources)
    for (const name of classNamesUsed(fs.readFileSync(source, 'utf8')))
      usedBy.set(name, [...(usedBy.get(name) ?? []), source]);
  // A class only the area's own files use (or its wrapper, `<area>-area`, which the app's route
  // table gives): a rule that names it cannot reach another area's screens.
  const localTo = (name: string, area: string) =>
    name === `${area}-area` || (usedBy.get(name) ?? []).every((f) => areaOf(f, renderer) === area);

  const ownRule = new Map<string, string[]>();
  for (const sheet of sheets) {
    const area = areaOf(sheet, renderer);
    for (const { selector, nested } of selectorsOf(fs.readFileSync(sheet, 'utf8'))) {
      const alone = /^\.(-?[_a-zA-Z][\w-]*)$/.exec(selector);
      if (alone && !nested) {
        const files = ownRule.get(alone[1]!) ?? [];
        if (!files.includes(sheet)) ownRule.set(alone[1]!, [...files, sheet]);
      }
      if (area !== null && !classesIn(selector).some((c) => localTo(c, area)))
        problems.push({
          file: rel(sheet),
          message:
            `"${selector}" names no class of the ${area} area's own, so it styles every screen: ` +
            'move it to renderer/styles/app.css or beside the shared component',
        });
    }
  }
  for (const [name, files] of ownRule)
    if (files.length > 1)
      problems.push({
        file: rel(files[1]!),
        message:
          `.${name} has a rule of its own in ${files.map(rel).join(' and ')}: ` +
          "one stylesheet, or one of them restyles the other's screens",
      });
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const problems = checkStyles(root);
  for (const p of problems) console.log(`${p.file}: ${p.message}`);
  if (problems.length) {
    console.log(`${problems.length} stylesheet problem${problems.length === 1 ? '' : 's'}.`);
    process.exit(1);
  }
}
