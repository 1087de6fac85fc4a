// Participants: quick search over the whole store (a few hundred mixed queries: surname,
// first + last name, NI fragment, reference, postcode, phone) through the backend channel, the
// grid's first page (100 rows + total), and — at the largest size, in Chromium with the browser
// harness (the renderer built by `npm run bench`) — the app's cold start to the first grid row,
// reloading the app, and switching to the screen.
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { startHarness } from '../../db/harness/server';
import { listBackupFiles } from '../../db/store/sqlite/backup-file';
import { quickSearchMatch } from '../../db/store/sqlite/participant-search';
import { pairedRatios, type BenchCall, type BenchKit, type BenchSuite } from './bench-kit';
import { bundleEntry, startUntil, stop } from './processes';
import { chromiumOptions, signInAsAdministrator } from './bench-session';

const RENDERER_DIR = path.resolve('dist/renderer');
const VIEWPORT = { width: 1400, height: 900 };

type Kind = 'surname' | 'first+last' | 'NI fragment' | 'reference' | 'postcode' | 'phone';

/** About 60 people spread through the store, each searched for in up to six ways. */
export async function queries(
  db: Awaited<ReturnType<BenchKit['store']>>['backend']['store']['db'],
): Promise<Array<{ kind: Kind; text: string }>> {
  const total = Number(
    (
      await db
        .selectFrom('participants')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const step = Math.max(1, Math.floor(total / 60));
  const people = await db
    .selectFrom('participants')
    .select(['reference', 'first_name', 'last_name', 'ni_number', 'postcode', 'phone'])
    .where(({ eb }) => eb(eb('id', '%', step), '=', 0))
    .orderBy('id')
    .limit(60)
    .execute();
  const out: Array<{ kind: Kind; text: string }> = [];
  for (const [i, p] of people.entries()) {
    out.push({ kind: 'surname', text: p.last_name });
    out.push({ kind: 'first+last', text: `${p.first_name} ${p.last_name}` });
    out.push({ kind: 'reference', text: i % 2 ? p.reference : p.reference.slice(3) });
    if (p.ni_number)
      out.push({
        kind: 'NI fragment',
        text:
          i % 2
            ? `${p.ni_number.slice(2, 4)} ${p.ni_number.slice(4, 6)} ${p.ni_number.slice(6, 8)}`
            : p.ni_number.slice(0, 6).toLowerCase(),
      });
    if (p.postcode)
      out.push({ kind: 'postcode', text: i % 2 ? p.postcode : p.postcode.replace(' ', '').toLowerCase() });
    if (p.phone) out.push({ kind: 'phone', text: i % 2 ? p.phone : p.phone.replace(/\s/g, '') });
  }
  return out;
}

/** Which kinds of query the mixed set's slowest 5% are ("12 surname, 5 postcode"): what its p95 is made of. */
function tailKinds(times: number[], kinds: Kind[]): string {
  const from = Math.max(0, Math.ceil(0.95 * times.length) - 1);
  const tail = times
    .map((ms, i) => ({ ms, kind: kinds[i]! }))
    .sort((a, b) => a.ms - b.ms)
    .slice(from);
  const counts = new Map<Kind, number>();
  for (const { kind } of tail) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${n} ${kind}`)
    .join(', ');
}

/** The first search after a write: on SQLite the search keeps everyone's place in the grid's
 * order in memory and reads it again after any write (a note added here), so this is the search
 * as an officer meets it right after saving something. The commonest surname of the set. */
async function firstAfterWrite(
  kit: BenchKit,
  size: number,
  call: BenchCall,
  list: Array<{ kind: Kind; text: string }>,
): Promise<void> {
  let commonest = { text: '', total: -1 };
  for (const q of list.filter((x) => x.kind === 'surname')) {
    const r = await call('participants.page', { search: q.text, limit: 1 });
    if (r.ok && r.value.total > commonest.total) commonest = { text: q.text, total: r.value.total };
  }
  const first = await call('participants.page', { limit: 1 });
  const id = first.ok ? first.value.rows[0]!.id : 1;
  const samples: number[] = [];
  for (let i = 0; i < 10; i++) {
    await call('participants.addNote', { id, body: `Bench note ${i}` });
    const t0 = performance.now();
    await call('participants.page', { search: commonest.text, limit: 100 });
    samples.push(performance.now() - t0);
  }
  kit.record(
    'quick search, first after a write (commonest surname)',
    size,
    samples,
    `${commonest.total} matches; a note added before each, so the search order is read again`,
  );
}

/** A slip in a surname as people make them: a letter doubled, two letters swapped, the last
 * vowel changed ("Nowak" → "Nowakk", "Shaw" → "Sahw", "Ionescu" → "Ionesco"). */
function misspell(name: string, i: number): string {
  if (i % 3 === 0) return name + name.at(-1);
  if (i % 3 === 1 && name.length > 3) return name[0]! + name[2] + name[1] + name.slice(3);
  return name.replace(/[aeiou](?=[^aeiou]*$)/, (v) => (v === 'o' ? 'u' : 'o'));
}

/** Close matches ("did you mean") for misspelt surnames: what the window asks when the exact
 * search finds nobody or few people (participants.closeMatches). */
async function closeMatchRows(
  kit: BenchKit,
  size: number,
  list: Array<{ kind: Kind; text: string }>,
  call: BenchCall,
): Promise<void> {
  const surnames = list
    .filter((q) => q.kind === 'surname')
    .map((q, i) => ({ right: q.text, typed: misspell(q.text, i) }))
    .filter((q) => q.typed !== q.right);
  for (const q of surnames.slice(0, 5)) await call('participants.closeMatches', { search: q.typed }); // warm-up
  const samples: number[] = [];
  let found = 0;
  for (const q of surnames) {
    const t0 = performance.now();
    const result = await call('participants.closeMatches', { search: q.typed });
    samples.push(performance.now() - t0);
    if (result.ok && result.value.some((m) => m.lastName === q.right)) found++;
  }
  kit.record(
    'close matches for a misspelt surname',
    size,
    samples,
    `${samples.length} queries; the intended surname suggested for ${found}`,
  );
}

/** The warm rows: one backend opened in this process, one browser page reused. */
async function warmFirstRows(kit: BenchKit, size: number, browser: Browser): Promise<void> {
  const { backend } = await kit.store(size);
  await signInAsAdministrator(backend, 'harness');
  const harness = await startHarness({ backend, rendererDir: RENDERER_DIR });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const base = harness.url.split('#')[0]!;
    const token = harness.url.split('#')[1]!;
    await page.goto(`${base}#${token}`);
    await page.locator('[data-ready="true"]').waitFor();
    const reload: number[] = [];
    const switchTo: number[] = [];
    for (let i = 0; i < 6; i++) {
      // Reload: load the app straight onto the participants screen (store open, cache warm).
      await page.goto('about:blank');
      let t0 = performance.now();
      await page.goto(`${base}#${token}`);
      await page.getByRole('gridcell', { name: 'SW-000001' }).waitFor({ timeout: 30_000 });
      if (i > 0) reload.push(performance.now() - t0);
      // Switch: from another screen to participants (Alt+1), as an officer would.
      await page.keyboard.press('Alt+2');
      await page.getByRole('heading', { name: 'Courses', level: 1 }).waitFor();
      t0 = performance.now();
      await page.keyboard.press('Alt+1');
      await page.getByRole('gridcell', { name: 'SW-000001' }).waitFor({ timeout: 30_000 });
      if (i > 0) switchTo.push(performance.now() - t0);
    }
    kit.record(
      'browser: reload the app to the first grid row (warm)',
      size,
      reload,
      'Chromium, harness; store already open, same page and HTTP cache',
    );
    kit.record('browser: open screen to first grid rows', size, switchTo, 'Chromium, Alt+1 from Courses');
  } finally {
    await harness.close();
    await backend.close();
  }
}

/** The cold start: for each run a new process (bundled test/bench/harness-start.ts) opens the
 * store and serves the app, and a new browser context (empty cache) loads it; timed from spawn
 * to the participants grid's first row. The first run of a series takes the daily backup before
 * the first screen, as the app's first start of a day does; it is reported on its own row. */
/** Waits until a backup file is in `dir` (the after-start daily backup of the first start). */
async function waitForBackup(dir: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (listBackupFiles(dir).some((b) => b.reason === 'daily')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function coldStart(kit: BenchKit, size: number, browser: Browser): Promise<void> {
  const bundle = await bundleEntry('test/bench/harness-start.ts', path.join(kit.workDir, 'harness-start.cjs'));
  const file = await kit.storeCopy(size, 'cold-start');
  const backups = path.join(path.dirname(file), 'backups');
  // The first start of the day as it was (the daily backup before serving), on a copy of its own.
  const blockingFile = await kit.storeCopy(size, 'cold-start-blocking');
  const blockingBackups = path.join(path.dirname(blockingFile), 'backups');
  const total: number[] = [];
  const ready: number[] = [];
  let firstOfDay = { total: NaN, ready: NaN };
  let firstOfDayBlocking = { total: NaN, ready: NaN };
  for (let i = -1; i < 6; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const t0 = performance.now();
    const args =
      i === -1
        ? [bundle, blockingFile, blockingBackups, RENDERER_DIR, 'blocking']
        : [bundle, file, backups, RENDERER_DIR, 'after-start'];
    const started = await startUntil(process.execPath, args, 'READY ');
    try {
      const { url } = JSON.parse(started.rest) as { url: string };
      await page.goto(url);
      await page.getByRole('gridcell', { name: 'SW-000001' }).waitFor({ timeout: 60_000 });
      const ms = performance.now() - t0;
      if (i === -1) firstOfDayBlocking = { total: ms, ready: started.ms };
      else if (i === 0) {
        firstOfDay = { total: ms, ready: started.ms };
        // Let the after-start backup be taken, so the later starts are not first of the day.
        await new Promise((resolve) => setTimeout(resolve, 2_500));
        await waitForBackup(backups);
      } else {
        total.push(ms);
        ready.push(started.ms);
      }
    } finally {
      await stop(started.child);
      await context.close();
    }
  }
  const launches: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const b = await chromium.launch(chromiumOptions());
    launches.push(performance.now() - t0);
    await b.close();
  }
  const of = (xs: number[]) => `${Math.round([...xs].sort((a, b) => a - b)[Math.ceil(xs.length / 2) - 1]!)} ms`;
  kit.record(
    'browser: app cold start to the first grid row (harness)',
    size,
    total,
    `new process + new browser context each run, daily backup already taken; ` +
      `process start to serving ${of(ready)} median; Chromium already running (its launch: ${of(launches)}); ` +
      'OS file cache warm',
  );
  kit.record(
    'browser: app cold start to the first grid row, first start of the day (harness)',
    size,
    [firstOfDay.total],
    `as above, first of the day: the daily backup is taken after start (2 s later in the bench), ` +
      `not before the first screen; process start to serving ${Math.round(firstOfDay.ready)} ms`,
  );
  kit.record(
    'browser: app cold start to the first grid row, first start of the day, backup before serving (as before)',
    size,
    [firstOfDayBlocking.total],
    `the daily backup taken before the backend answers, as the app did; process start to serving ${Math.round(firstOfDayBlocking.ready)} ms`,
  );
}

async function browserRows(kit: BenchKit, size: number): Promise<void> {
  const browser = await chromium.launch(chromiumOptions());
  try {
    await coldStart(kit, size, browser);
    await warmFirstRows(kit, size, browser);
  } finally {
    await browser.close();
  }
}

export const suite: BenchSuite = {
  name: 'participants',
  async run(kit) {
    for (const size of kit.sizes) {
      const { backend, call } = await kit.store(size);
      const list = await queries(backend.store.db);
      for (const q of list.slice(0, 10)) await call('participants.page', { search: q.text, limit: 100 }); // warm-up
      const byKind = new Map<Kind, number[]>();
      const all: number[] = [];
      const kinds: Kind[] = [];
      const exact: number[] = [];
      let misses = 0;
      let capped = 0;
      // The floor: the FTS5 trigram query the search builds, alone, on the same store's driver
      // (no rows read, no sort, no count, no channel), right after each search, paired.
      const fts = backend.store.sqlite.prepare('select rowid from participant_search where participant_search match ?');
      const floor: number[] = [];
      const searched: number[] = [];
      for (const q of list) {
        const t0 = performance.now();
        const result = await call('participants.page', { search: q.text, limit: 100 });
        const ms = performance.now() - t0;
        if (!result.ok || result.value.total === 0) misses++;
        if (result.ok && result.value.totalCapped) capped++;
        all.push(ms);
        kinds.push(q.kind);
        byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), ms]);
        const match = quickSearchMatch(q.text)?.match;
        if (match) {
          const tf = performance.now();
          fts.all(match);
          floor.push(performance.now() - tf);
          searched.push(ms);
        }
        // The same query counted exactly (the grid's "Count all", what every search did before
        // the cap), right after, so a shared machine's load hits both alike.
        const t1 = performance.now();
        await call('participants.page', { search: q.text, limit: 100, countAll: true });
        exact.push(performance.now() - t1);
      }
      kit.record(
        'quick search, mixed (first 100 rows + total)',
        size,
        all,
        `${list.length} queries, ${misses} without a hit, ${capped} capped ("1,000+"; the page and an exact count are one pass); ` +
          `at or above p95: ${tailKinds(all, kinds)}`,
      );
      kit.record(
        'FTS5 trigram query alone (floor)',
        size,
        floor,
        `${floor.length} of the queries (those of 3+ characters), the match expression the search builds, ids only`,
      );
      kit.record(
        'quick search, mixed / FTS5 floor (paired)',
        size,
        pairedRatios(searched, floor),
        'each search against its own FTS5 query run right after it',
        'x',
      );
      kit.record(
        'quick search, mixed, exact total (Count all; before the cap)',
        size,
        exact,
        `${list.length} queries, first 100 rows + every match counted`,
      );
      for (const [kind, samples] of byKind)
        kit.record(`quick search: ${kind}`, size, samples, `${samples.length} queries, first 100 rows + total`);
      await firstAfterWrite(kit, size, call, list);
      await closeMatchRows(kit, size, list, call);
      await kit.measure('grid first page (100 rows + total)', size, () => call('participants.page', { limit: 100 }), {
        runs: 20,
      });
      await kit.measure(
        'grid first page sorted by last name',
        size,
        () => call('participants.page', { limit: 100, sort: [{ colId: 'lastName', sort: 'asc' }] }),
        { runs: 20 },
      );
      await kit.measure(
        'grid preset "pending evidence"',
        size,
        () => call('participants.page', { limit: 100, preset: 'pending-evidence' }),
        { runs: 20 },
      );
      const detail = await call('participants.page', { limit: 1 });
      const id = detail.ok ? detail.value.rows[0]!.id : 1;
      await kit.measure(
        'open a participant (participants.get, backend only)',
        size,
        () => call('participants.get', { id }),
        { runs: 20 },
      );
      await kit.measure(
        'duplicates check for a draft',
        size,
        () =>
          call('participants.duplicates', {
            keys: {
              firstName: 'Sam',
              lastName: 'Smith',
              dateOfBirth: '1990-01-01',
              postcode: 'SG1 1AA',
              phone: '07700 900123',
            },
          }),
        { runs: 20 },
      );
      await backend.close();
    }
    const largest = Math.max(...kit.sizes);
    try {
      await browserRows(kit, largest);
    } catch (error) {
      process.stdout.write(
        `(browser timing skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)})\n`,
      );
    }
  },
};
