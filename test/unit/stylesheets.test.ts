// The stylesheet check (scripts/check-styles.ts) run on small planted trees, one per kind of
// problem, so a check that silently stopped finding them would fail here; and on the real tree,
// which must pass.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkStyles, classNamesUsed, selectorsOf } from '../../scripts/check-styles';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function problemsOf(files: Record<string, string>): string[] {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-styles-'));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  return checkStyles(root).map((p) => `${p.file}: ${p.message}`);
}

const clean = {
  'renderer/styles/app.css': '.notice { color: red; }\n@media (max-width: 40rem) { .notice { color: blue; } }\n',
  'renderer/features/courses/courses.css':
    '/* .notice here is a comment */\n.run-tabs .notice, .run-tabs { margin: 0; }\n',
  'renderer/features/courses/RunPage.tsx':
    'export const A = () => <div className="run-tabs"><p className="notice" /></div>;\n',
  'renderer/features/returns/Builder.tsx': 'export const B = () => <p className={`notice ${x}`} />;\n',
};

describe('stylesheet check on planted trees', () => {
  it('passes a tree that keeps to the rules (an area rule under its own class, a media repeat)', () => {
    expect(problemsOf(clean)).toEqual([]);
  });

  it('reports a class given a rule of its own in two stylesheets', () => {
    expect(
      problemsOf({ ...clean, 'renderer/components/form/form.css': '.notice { color: green; }\n' }).join('\n'),
    ).toMatch(/\.notice has a rule of its own in renderer\/components\/form\/form\.css and renderer\/styles\/app\.css/);
  });

  it("reports an area's rule that names no class of its own: it styles every screen", () => {
    const problems = problemsOf({
      ...clean,
      'renderer/features/courses/courses.css':
        '.run-tabs { margin: 0; }\n.notice em { color: red; }\nkbd { border: 0; }\n',
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^renderer\/features\/courses\/courses\.css: "\.notice em" names no class of the courses area/,
      ),
      expect.stringMatching(/^renderer\/features\/courses\/courses\.css: "kbd" names no class of the courses area/),
    ]);
  });

  it("reports a class styled in one area's stylesheet and used by another area", () => {
    const problems = problemsOf({
      ...clean,
      'renderer/features/returns/Other.tsx': 'export const C = () => <div className="run-tabs" />;\n',
    });
    expect(problems).toEqual([
      expect.stringMatching(/"\.run-tabs \.notice" names no class of the courses area/),
      expect.any(String),
    ]);
  });

  it("lets the app's route table give an area its wrapper class", () => {
    expect(
      problemsOf({
        ...clean,
        'renderer/features/courses/courses.css': '.courses-area .notice { margin: 0; }\n',
        'renderer/app/routes.tsx': 'export const layout = <div className="screen-fill courses-area" />;\n',
      }),
    ).toEqual([]);
  });
});

describe('what the check reads', () => {
  it('reads the selectors of top-level and at-rule rules, not comments', () => {
    expect(selectorsOf('/* .a { } */ .b, .c > d { x: 1; } @media print { .e { y: 2; } } @import "f";')).toEqual([
      { selector: '.b', nested: false },
      { selector: '.c > d', nested: false },
      { selector: '.e', nested: true },
    ]);
  });

  it('reads the classes given in a className: strings, templates and expressions', () => {
    const used = classNamesUsed(
      `<a className="x y" /><b className={'z'} /><c className={\`t \${on ? 'u' : ''}\`} /><d title="not-a-class" />`,
    );
    expect([...used].sort()).toEqual(['t', 'u', 'x', 'y', 'z']);
  });
});

describe('stylesheet check on this repository', () => {
  it('finds nothing', () => {
    expect(checkStyles(path.resolve(__dirname, '../..'))).toEqual([]);
  });
});
