// The goals of issue 19 (and the standing memory target), each checked against the rows of one
// run: what was measured, its ratio to a floor measured in the same run where the goal has one,
// and met / missed — or "not measured" when the run lacks the row (another size, a suite left
// out, or a floor not yet added). Rows are found by suite and name; a suite that renames a row
// must rename it here too.
import type { BenchResult } from './bench-kit';

export type Verdict = 'met' | 'missed' | 'not measured' | 'not a figure';

export interface GoalCheck {
  goal: string;
  measured: string;
  verdict: Verdict;
}

const LARGE = 100_000;

type Find = (suite: string, name: string, size?: number) => BenchResult | undefined;

function fmt(r: BenchResult, field: 'medianMs' | 'p95Ms' = 'medianMs'): string {
  const v = r[field];
  if (r.unit === 'x') return `${v.toFixed(2)}x`;
  if (r.unit === 'MB') return `${Math.round(v)} MB`;
  return v >= 100 ? `${Math.round(v).toLocaleString('en-GB')} ms` : `${v.toFixed(v >= 10 ? 1 : 2)} ms`;
}

/** Combines several checks: missed if any measured one missed, met only if all were measured. */
function all(verdicts: Verdict[]): Verdict {
  if (verdicts.includes('missed')) return 'missed';
  return verdicts.every((v) => v === 'met') ? 'met' : 'not measured';
}

const under = (r: BenchResult | undefined, limit: number, field: 'medianMs' | 'p95Ms' = 'medianMs'): Verdict =>
  !r ? 'not measured' : r[field] < limit ? 'met' : 'missed';

type Goal = (find: Find, results: BenchResult[]) => GoalCheck;

const goals: Goal[] = [
  (find, results) => {
    const smallest = Math.min(...results.filter((r) => r.suite === 'cli').map((r) => r.size));
    const cli = find('cli', 'cli info via the launcher (what npm run cli runs, without npm)', smallest);
    const ratio = find('cli', 'cli info via the launcher / floor, paired', smallest);
    const npm = find('cli', 'npm run cli -- info, end to end', smallest);
    return {
      goal: 'CLI start: `cli info` on a small store < 0.5 s (built CLI; paired with bare node + driver)',
      measured: cli
        ? `${fmt(cli)} median at ${smallest.toLocaleString('en-GB')}; ${ratio ? fmt(ratio) : '?'} the floor; npm run cli end to end ${npm ? fmt(npm) : '?'}`
        : '',
      verdict: under(cli, 500),
    };
  },
  (find, results) => {
    const mixed = find('participants', 'quick search, mixed (first 100 rows + total)', LARGE);
    const kinds = results.filter(
      (r) => r.suite === 'participants' && r.size === LARGE && r.name.startsWith('quick search: '),
    );
    const floor = find('participants', 'FTS5 trigram query alone (floor)', LARGE);
    const worst = [...kinds].sort((a, b) => b.p95Ms - a.p95Ms)[0];
    return {
      goal: 'Participant quick search at 100,000: mixed p95 < 2 ms, every kind p95 < 3 ms (floor: FTS5 trigram query alone)',
      measured: mixed
        ? `mixed p95 ${fmt(mixed, 'p95Ms')}; ` +
          `slowest kind ${worst ? `${worst.name.slice(14)} p95 ${fmt(worst, 'p95Ms')}` : '?'}; ` +
          `floor ${floor ? `p95 ${fmt(floor, 'p95Ms')} (mixed ${(mixed.p95Ms / floor.p95Ms).toFixed(1)}x)` : 'not measured'}`
        : '',
      verdict: all([
        under(mixed, 2, 'p95Ms'),
        kinds.length ? all(kinds.map((k) => under(k, 3, 'p95Ms'))) : 'not measured',
      ]),
    };
  },
  (find) => {
    const sizes = [1_000, 10_000, LARGE];
    const ratios = sizes.map((size) => find('imports', 'import end to end / ExcelJS read floor (paired)', size));
    return {
      goal:
        'Partner import of 50,000 rows within 3x of the ExcelJS read floor at 1,000, 10,000 and 100,000 ' +
        '(an import within the hour of a checked backup; the backup rule in the imports note)',
      measured: sizes
        .map((size, i) => `${size.toLocaleString('en-GB')}: ${ratios[i] ? fmt(ratios[i]) : '—'}`)
        .join('; '),
      verdict: all(ratios.map((r) => under(r, 3))),
    };
  },
  (find) => {
    const rows = [
      find('outcomes', 'outcomes grid: quick search "smith"', LARGE),
      find('outcomes', 'placements grid: quick search "smith"', LARGE),
      find('outcomes', 'candidates grid: quick search "smith"', LARGE),
      find('courses', 'site-ready candidates, name search', LARGE),
    ];
    return {
      goal: 'Outcome, placement and candidate grid quick search at 100,000: p95 < 10 ms',
      measured: ['outcomes', 'placements', 'candidates', 'site-ready candidates']
        .map((label, i) => `${label} ${rows[i] ? `p95 ${fmt(rows[i], 'p95Ms')}` : '—'}`)
        .join('; '),
      verdict: all(rows.map((r) => under(r, 10, 'p95Ms'))),
    };
  },
  (find) => {
    // The export job against ExcelJS streaming writing the same cells with the column widths and
    // number formats a correct file needs (UK dates), runs paired.
    const sizes = [1_000, 10_000, LARGE];
    const ratios = sizes.map((size) =>
      find('outcomes', 'outcomes export job / ExcelJS streaming floor with the column formats (paired)', size),
    );
    const job = find('outcomes', 'outcomes export job: every row to xlsx (outcomes.export to jobs.exportFile)', LARGE);
    return {
      goal:
        'Export every outcome (a job with progress and cancel) within 1.5x of ExcelJS streaming the same cells ' +
        'with the column formats, at 1,000, 10,000 and 100,000',
      measured:
        sizes.map((size, i) => `${size.toLocaleString('en-GB')}: ${ratios[i] ? fmt(ratios[i]) : '—'}`).join('; ') +
        (job ? `; the job at 100,000 ${fmt(job)}` : ''),
      verdict: all(ratios.map((r) => under(r, 1.5))),
    };
  },
  (find) => {
    // The window's own figures (record-open suite, Chromium on the harness); in a run without them
    // the backend's (every channel the record page and its tabs call; the dashboard counted
    // afresh), named as such.
    const windowRecord = find(
      'record-open',
      "browser: open a participant's record from the list to its Details form (Chromium, harness)",
      LARGE,
    );
    const record =
      windowRecord ??
      find('record-open', 'record open: every channel the participant page and its tabs call (backend)', LARGE);
    // The dashboard is whole when its last chart is drawn (the charts are drawn just after the
    // figures show); a run from before that row was added has the figures' row only.
    const charts = find(
      'record-open',
      'browser: financial-year dashboard, counted afresh, from the list to every chart drawn (Chromium, harness)',
      LARGE,
    );
    const figures = find(
      'record-open',
      'browser: financial-year dashboard, counted afresh, from the list to its last figure (Chromium, harness)',
      LARGE,
    );
    // Its first screen (the headline figures, shown before the charts are counted); a run from
    // before that row was added has none.
    const firstScreen = find(
      'record-open',
      'browser: financial-year dashboard, counted afresh, from the list to its headline figures (the first screen) (Chromium, harness)',
      LARGE,
    );
    const windowDashboard = charts ?? figures;
    const dashboard =
      windowDashboard ??
      find(
        'record-open',
        'dashboard, financial year, cold (counted afresh): returns.dashboard + returns.sets (backend)',
        LARGE,
      );
    const where = (r: BenchResult | undefined, inWindow: BenchResult | undefined) =>
      r ? `${fmt(r)}${inWindow ? ' in the window' : ' at the backend'}` : '—';
    const firstScreenText = firstScreen ? `its first screen ${fmt(firstScreen)}, ` : '';
    const dashboardMeasured =
      charts && figures
        ? `dashboard ${fmt(charts)} in the window to every chart drawn (${firstScreenText}its figures ${fmt(figures)})`
        : `dashboard ${where(dashboard, windowDashboard)}`;
    return {
      goal: "In the window at 100,000: a participant's record opens < 150 ms, the financial-year dashboard < 500 ms",
      measured: `record ${where(record, windowRecord)}; ${dashboardMeasured}`,
      verdict: all([under(record, 150), under(dashboard, 500)]),
    };
  },
  (find) => {
    const cold = find('participants', 'browser: app cold start to the first grid row (harness)', LARGE);
    const firstOfDay = find(
      'participants',
      'browser: app cold start to the first grid row, first start of the day (harness)',
      LARGE,
    );
    return {
      goal: 'App start to first screen at 100,000 (harness, cold) < 2 s',
      measured: cold ? `${fmt(cold)} median; first start of the day ${firstOfDay ? fmt(firstOfDay) : '?'}` : '',
      verdict: under(cold, 2_000),
    };
  },
  (find) => {
    const rss = find('memory', 'backend peak RSS over a working session (own process)', LARGE);
    return {
      goal: 'Standing target: one backend < 500 MB at 100,000',
      measured: rss ? fmt(rss) : '',
      verdict: under(rss, 500),
    };
  },
  () => ({
    goal: 'Bench honesty: every row states what it measures',
    measured: 'each row names the operation and how it is reached, its unit, and its volume in the note',
    verdict: 'not a figure',
  }),
];

export function checkGoals(results: BenchResult[]): GoalCheck[] {
  const find: Find = (suite, name, size) =>
    results.find((r) => r.suite === suite && r.name === name && (size === undefined || r.size === size));
  const largest = Math.max(...results.map((r) => r.size));
  return goals.map((goal) => {
    const check = goal(find, results);
    // A goal set at 100,000 in a run that stopped short says so, rather than show blanks.
    // The smaller sizes' figures stay.
    if (check.verdict === 'not measured' && check.goal.includes('100,000') && largest < LARGE) {
      const note = `not run at 100,000 (largest size: ${largest.toLocaleString('en-GB')})`;
      check.measured = /\d(x| ms| MB)/.test(check.measured) ? `${check.measured}; ${note}` : note;
    }
    if (!check.measured) check.measured = '—';
    return check;
  });
}
