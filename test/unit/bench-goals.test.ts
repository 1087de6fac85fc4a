// The goals table (test/bench/goals.ts) finds every goal's rows in a full bench run: each goal is
// checked against the rows of BENCHMARKS.md's latest full run (what `npm run bench` wrote), so a
// suite that renames a row, or a goal that looks for an old name, shows here instead of as "—" in
// the next run's table.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkGoals } from '../bench/goals';
import type { BenchResult, BenchUnit } from '../bench/bench-kit';

const num = (text: string) => Number(text.replace(/,/g, ''));

/** The rows of the first "Every measurement" table after the "## Latest" heading. */
function latestRunResults(markdown: string): BenchResult[] {
  const section = markdown.slice(markdown.indexOf('\n## Latest'));
  const end = section.indexOf('\n## ', 1);
  const rows: BenchResult[] = [];
  for (const line of (end > 0 ? section.slice(0, end) : section).split('\n')) {
    const cells = line.split(' | ').map((c) => c.replace(/^\| ?| ?\|$/g, ''));
    if (cells.length !== 10 || !/^\d[\d,]*$/.test(cells[2]!)) continue;
    const [suite, name, size, unit, median, p95, range, runs, rss, note] = cells as [string, ...string[]];
    const [min, max] = range!.split('–');
    rows.push({
      suite,
      name: name!,
      size: num(size!),
      unit: unit as BenchUnit,
      medianMs: num(median!),
      p95Ms: num(p95!),
      minMs: num(min!),
      maxMs: num(max!),
      runs: num(runs!),
      rssMb: num(rss!),
      ...(note ? { note } : {}),
    });
  }
  return rows;
}

describe('the goals table over the latest full bench run', () => {
  const results = latestRunResults(fs.readFileSync('BENCHMARKS.md', 'utf8'));

  it('reads the run at every size it has', () => {
    expect(new Set(results.map((r) => r.size))).toEqual(new Set([1_000, 10_000, 100_000]));
    expect(results.length).toBeGreaterThan(100);
  });

  it('finds a figure for every goal (none shows "—" or "not measured")', () => {
    const unmeasured = checkGoals(results)
      .filter((g) => g.verdict === 'not measured' || g.measured === '—' || /—/.test(g.measured))
      .map((g) => `${g.goal}: ${g.measured}`);
    expect(unmeasured).toEqual([]);
  });

  it('reads the window goal from the rows measured in the window, and says so', () => {
    const window = checkGoals(results).find((g) => g.goal.startsWith('In the window'));
    // The dashboard whole: to its last chart drawn, with its first screen's and its figures' times beside it.
    expect(window?.measured).toMatch(
      /^record [\d.,]+ ms in the window; dashboard [\d.,]+ ms in the window to every chart drawn \(its first screen [\d.,]+ ms, its figures [\d.,]+ ms\)$/,
    );
  });

  it("keeps the earlier wording for a run without the dashboard's first-screen row, and the same verdict", () => {
    const withoutFirstScreen = results.filter((r) => !r.name.includes('(the first screen)'));
    expect(withoutFirstScreen.length).toBeLessThan(results.length);
    const window = checkGoals(withoutFirstScreen).find((g) => g.goal.startsWith('In the window'));
    expect(window?.measured).toMatch(
      /^record [\d.,]+ ms in the window; dashboard [\d.,]+ ms in the window to every chart drawn \(its figures [\d.,]+ ms\)$/,
    );
    // The verdict stays on every chart drawn.
    expect(window?.verdict).toEqual(checkGoals(results).find((g) => g.goal.startsWith('In the window'))?.verdict);
  });

  it('falls back to the backend rows, saying so, for a run without window rows', () => {
    const backendOnly = results.filter((r) => !r.name.startsWith('browser:'));
    const window = checkGoals(backendOnly).find((g) => g.goal.startsWith('In the window'));
    expect(window?.measured).toMatch(/^record [\d.,]+ ms at the backend; dashboard [\d.,]+ ms at the backend$/);
  });
});
