// Issue 20: no screen shows a raw code or a machine date. With the demo data loaded, this walks
// every address in every area's route table (each tab, each settings section, and one detail
// page of each kind) and fails when the visible text holds a snake_case token ("job_start"),
// an ISO date or timestamp ("2026-03-02", "2026-03-02T10:00:00Z") or JSON. A route added to a
// table without a recipe here fails the test, so no screen is skipped silently.
//
// The walk is made in a window 1,024 px wide, and also fails when a screen runs past the window's
// right edge there: the page or its main area scrolling sideways. A wide table scrolls inside its
// own frame (TableScroll), a grid inside itself. And when a table's cell is laid out as something
// else than a cell (a flex box of buttons), which puts its row out of line; and on what axe finds,
// its best practices included (headings in order, landmarks named apart, no empty header). A second walk does the same at 683 × 384 px, a
// laptop's screen with text at 200%, and a third at 320 × 256 px, text at 400% (WCAG 1.4.10).
import type { Page } from '@playwright/test';
import { test, expect, axeViolations, createFirstProfile, startWithDemo, type AppFixture } from './fixtures';
import type { Route } from '../../renderer/app/route';
import { addressedReferralsWorkbook } from '../fixtures/imports/generate';
import { addressedReferralsProfile } from '../fixtures/imports/profiles';
import { participantsRoutes, participantTabs } from '../../renderer/features/participants/participants.routes';
import { coursesRoutes, runTabs } from '../../renderer/features/courses/courses.routes';
import { vacanciesRoutes } from '../../renderer/features/vacancies/vacancies.routes';
import { eventsRoutes } from '../../renderer/features/events/events.routes';
import { outcomesRoutes } from '../../renderer/features/outcomes/outcomes.routes';
import { returnsRoutes } from '../../renderer/features/returns/returns.routes';
import { importsRoutes } from '../../renderer/features/imports/imports.routes';
import { settingsRoutes, settingsSections } from '../../renderer/features/settings/settings.routes';

test.use({ viewport: { width: 1024, height: 768 } });

const SNAKE = /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g;
const ISO = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?\b/g;
const JSON_TEXT = /[{[]\s*"[a-z_]+"\s*:/g;

/** Every address of one pattern to visit, given the demo's records. */
type Recipe = (ids: DemoIds) => string[];

interface DemoIds {
  participant: number;
  other: number;
  run: number;
  vacancy: number;
  event: number;
  placement: number;
  outcome: number;
  organisation: number;
  contract: number;
  batch: number | null;
  submitted: number | null;
  set: number;
}

/** Text the user types in a syntax of its own, shown as such in <code>: on these routes only, and why. */
const codeSyntax: Record<string, string> = {
  'returns/sets/:id/edit': 'a counting rule is typed as JSON; the hint shows its syntax and area levels',
};

const all = <T extends string>(values: readonly T[], f: (v: T) => string) => values.map(f);

const recipes: Record<string, Recipe> = {
  participants: () => [participantsRoutes.list.path()],
  'participants/new': () => [participantsRoutes.new.path()],
  'participants/review': () => [participantsRoutes.review.path()],
  'participants/merge/:a/:b': (d) => [participantsRoutes.merge.path({ a: d.participant, b: d.other })],
  'participants/:id/:tab?': (d) =>
    all(participantTabs, (tab) => participantsRoutes.person.path({ id: d.participant, tab })),
  courses: () => [coursesRoutes.runs.path()],
  'courses/new': () => [coursesRoutes.newRun.path()],
  'courses/catalogue': () => [coursesRoutes.catalogue.path()],
  'courses/site-ready': () => [coursesRoutes.siteReady.path()],
  'courses/expiry': () => [coursesRoutes.expiry.path()],
  'courses/dashboard': () => [coursesRoutes.dashboard.path()],
  'courses/:id/:tab?': (d) => all(runTabs, (tab) => coursesRoutes.run.path({ id: d.run, tab })),
  vacancies: () => [vacanciesRoutes.list.path()],
  'vacancies/new': () => [vacanciesRoutes.newVacancy.path()],
  'vacancies/candidates': () => [vacanciesRoutes.candidates.path()],
  'vacancies/engagement': () => [vacanciesRoutes.engagement.path()],
  'vacancies/:id': (d) => [vacanciesRoutes.vacancy.path({ id: d.vacancy })],
  'vacancies/:id/edit': (d) => [vacanciesRoutes.editVacancy.path({ id: d.vacancy })],
  events: () => [eventsRoutes.list.path()],
  'events/new': () => [eventsRoutes.newEvent.path()],
  'events/:id': (d) => [eventsRoutes.event.path({ id: d.event })],
  'events/:id/edit': (d) => [eventsRoutes.editEvent.path({ id: d.event })],
  outcomes: () => [outcomesRoutes.home.path()],
  'outcomes/placements': () => [outcomesRoutes.placements.path()],
  'outcomes/placements/new/:participant?': (d) => [outcomesRoutes.newPlacement.path({ participant: d.participant })],
  'outcomes/placements/:id': (d) => [outcomesRoutes.placement.path({ id: d.placement })],
  'outcomes/placements/:id/edit': (d) => [outcomesRoutes.editPlacement.path({ id: d.placement })],
  'outcomes/placements/:id/convert': (d) => [outcomesRoutes.convertPlacement.path({ id: d.placement })],
  'outcomes/outcomes': () => [outcomesRoutes.outcomes.path()],
  'outcomes/outcomes/new/:participant?': (d) => [outcomesRoutes.newOutcome.path({ participant: d.participant })],
  'outcomes/outcomes/:id': (d) => [outcomesRoutes.outcome.path({ id: d.outcome })],
  'outcomes/sustainment': () => [outcomesRoutes.sustainment.path()],
  'outcomes/organisations': () => [outcomesRoutes.organisations.path()],
  'outcomes/organisations/new': () => [outcomesRoutes.newOrganisation.path()],
  'outcomes/organisations/:id': (d) => [outcomesRoutes.organisation.path({ id: d.organisation })],
  'outcomes/contracts': () => [outcomesRoutes.contracts.path()],
  'outcomes/contracts/new': () => [outcomesRoutes.newContract.path()],
  'outcomes/contracts/:id': (d) => [outcomesRoutes.contract.path({ id: d.contract })],
  'outcomes/contracts/:id/edit': (d) => [outcomesRoutes.editContract.path({ id: d.contract })],
  'outcomes/types': () => [outcomesRoutes.types.path()],
  returns: () => [returnsRoutes.dashboard.path()],
  'returns/build': () => [returnsRoutes.build.path()],
  'returns/submitted/:id?': (d) => [
    returnsRoutes.submitted.path(),
    ...(d.submitted ? [returnsRoutes.submitted.path({ id: d.submitted })] : []),
  ],
  'returns/sets/:id?': (d) => [returnsRoutes.sets.path(), returnsRoutes.sets.path({ id: d.set })],
  'returns/sets/:id/edit': (d) => [returnsRoutes.editSet.path({ id: d.set })],
  'returns/funding': () => [returnsRoutes.funding.path()],
  imports: () => [importsRoutes.home.path()],
  'imports/batches/:id': (d) => (d.batch ? [importsRoutes.batch.path({ id: d.batch })] : []),
  'imports/reconcile': () => [importsRoutes.reconcile.path()],
  settings: () => [settingsRoutes.home.path()],
  'settings/:section': () => all(settingsSections, (section) => settingsRoutes.section.path({ section })),
};

const routeTables: Record<string, Route>[] = [
  participantsRoutes,
  coursesRoutes,
  vacanciesRoutes,
  eventsRoutes,
  outcomesRoutes,
  returnsRoutes,
  importsRoutes,
  settingsRoutes,
];

/** An import batch that added one person and changed a demo person's address, made through the
 * backend as an officer would through the screens (the demo holds no imports): so the batch page
 * is walked with both kinds of row. */
async function anImportBatch(app: AppFixture): Promise<number> {
  const db = app.backend.store.db;
  const staff = await db.selectFrom('staff').selectAll().where('role', '=', 'administrator').executeTakeFirstOrThrow();
  app.backend.client('walk-setup').session = {
    staff: { id: staff.id, displayName: staff.display_name, role: staff.role, isActive: true, hasPassword: false },
    startedAt: new Date().toISOString(),
  };
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await app.backend.call('walk-setup', channel as never, input as never);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as T;
  };
  const job = async <T>(started: { jobId: string }): Promise<T> => {
    const done = await app.backend.services.jobs.wait(started.jobId);
    if (done.state !== 'done') throw new Error(done.message ?? done.state);
    return done.result as T;
  };
  const known = await db
    .selectFrom('participants')
    .select(['ni_number', 'first_name', 'last_name', 'date_of_birth', 'phone', 'referral_date'])
    .where('ni_number', 'is not', null)
    .where('date_of_birth', 'is not', null)
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  // A column whose name has an underscore (address_line1) among the changes, so a column name
  // shown raw would be seen.
  const bytes = await addressedReferralsWorkbook([
    {
      ni: known.ni_number,
      first: known.first_name,
      last: known.last_name,
      dob: known.date_of_birth!,
      phone: known.phone ?? '',
      postcode: 'SG1 9ZZ',
      referred: known.referral_date ?? '2026-03-02',
      address: '1 Walk Lane',
    },
    {
      ni: null,
      first: 'Walk',
      last: 'Newperson',
      dob: '1990-03-02',
      phone: '',
      postcode: 'SG2 7AA',
      referred: '2026-03-02',
      address: '2 Walk Lane',
    },
  ]);
  const upload = await job<{ uploadId: string; sheets: Array<{ name: string }> }>(
    await call('imports.open', { file: { fileName: 'walk.xlsx', bytes } }),
  );
  const { previewId } = await job<{ previewId: string }>(
    await call('imports.preview', {
      uploadId: upload.uploadId,
      sheet: upload.sheets[0]!.name,
      profile: addressedReferralsProfile,
    }),
  );
  return (await job<{ batchId: number }>(await call('imports.commit', { previewId }))).batchId;
}

async function demoIds(app: AppFixture): Promise<DemoIds> {
  const db = app.backend.store.db;
  const first = async (q: Promise<{ id: number } | undefined>) => (await q)?.id ?? null;
  const people = await db
    .selectFrom('participants')
    .select('id')
    .where('status', '=', 'active')
    .orderBy('id')
    .limit(2)
    .execute();
  // The run with the most results, so the results and dashboard tabs have something to show.
  const run = await db
    .selectFrom('course_runs')
    .innerJoin('enrolments', 'enrolments.course_run_id', 'course_runs.id')
    .select('course_runs.id')
    .groupBy('course_runs.id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .executeTakeFirstOrThrow();
  const need = (id: number | null, what: string) => {
    if (id === null) throw new Error(`the demo data has no ${what}`);
    return id;
  };
  // The outcome of the person with most verification decisions, so the history, timeline and
  // audit screens have most to word.
  const outcome = await db
    .selectFrom('outcomes')
    .leftJoin('audit_log', (j) =>
      j.onRef('audit_log.participant_id', '=', 'outcomes.participant_id').on('audit_log.action', '=', 'verify'),
    )
    .select(['outcomes.id', 'outcomes.participant_id'])
    .groupBy(['outcomes.id', 'outcomes.participant_id'])
    .orderBy((eb) => eb.fn.count('audit_log.id'), 'desc')
    .orderBy('outcomes.id')
    .executeTakeFirstOrThrow();
  return {
    participant: outcome.participant_id,
    other: people.find((p) => p.id !== outcome.participant_id)!.id,
    run: run.id,
    vacancy: need(await first(db.selectFrom('vacancies').select('id').executeTakeFirst()), 'vacancy'),
    // The demo's first event with people named (its page shows every part).
    event: need(
      await first(
        db
          .selectFrom('events')
          .innerJoin('event_attendees', 'event_attendees.event_id', 'events.id')
          .select('events.id as id')
          .orderBy('events.id')
          .executeTakeFirst(),
      ),
      'event',
    ),
    placement: need(await first(db.selectFrom('placements').select('id').executeTakeFirst()), 'placement'),
    outcome: outcome.id,
    organisation: need(await first(db.selectFrom('organisations').select('id').executeTakeFirst()), 'organisation'),
    contract: need(await first(db.selectFrom('social_value_contracts').select('id').executeTakeFirst()), 'contract'),
    batch: (await first(db.selectFrom('import_batches').select('id').executeTakeFirst())) ?? (await anImportBatch(app)),
    submitted: await first(db.selectFrom('returns').select('id').executeTakeFirst()),
    set: need(await first(db.selectFrom('indicator_sets').select('id').executeTakeFirst()), 'indicator set'),
  };
}

/** How the screen runs past the window's right edge, with the elements that end furthest past it. */
async function pastTheEdge(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const main = document.querySelector('main');
    const problems: string[] = [];
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`the page scrolls sideways (${root.scrollWidth} px in ${root.clientWidth})`);
    if (main && main.scrollWidth > main.clientWidth + 1)
      problems.push(`the main area scrolls sideways (${main.scrollWidth} px in ${main.clientWidth})`);
    if (!problems.length || !main) return problems.length ? problems.join('; ') : null;
    const edge = main.getBoundingClientRect().right;
    const past = [...main.querySelectorAll<HTMLElement>('*')]
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .filter((x) => x.right > edge + 1 && !x.el.parentElement?.closest('.table-scroll, .ag-root-wrapper'))
      .sort((a, b) => b.right - a.right)
      .slice(0, 3)
      .map(
        (x) =>
          `<${x.el.tagName.toLowerCase()}> "${(x.el.textContent ?? '').trim().slice(0, 30)}" ends at ${Math.round(x.right)}`,
      );
    return [...problems, ...past].join('; ');
  });
}

/** Table cells laid out as something else (a flex box): they leave the table's layout, so their
 * row's borders and heights go out of line with the other cells'. */
async function cellsOutOfTable(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const odd = [...document.querySelectorAll<HTMLElement>('main table td, main table th')].filter(
      (cell) => getComputedStyle(cell).display !== 'table-cell' && getComputedStyle(cell).display !== 'none',
    );
    if (!odd.length) return null;
    const first = odd[0]!;
    const display = getComputedStyle(first).display;
    return `${odd.length} table cell(s) laid out as "${display}", not as cells: <${first.tagName.toLowerCase()} class="${first.className}">`;
  });
}

async function settle(page: Page): Promise<void> {
  await page.locator('[data-ready="true"]').waitFor();
  await expect(page.locator('h1').first()).toBeVisible();
  // Loading messages and busy grids go before the text is read.
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await expect(page.locator('.ag-overlay-loading-center, [aria-busy="true"]')).toHaveCount(0);
  await page.waitForTimeout(300);
}

/** Every address of every route table, given the demo's records (a route with no recipe fails). */
function everyAddress(ids: DemoIds): { pattern: string; path: string }[] {
  const patterns = routeTables.flatMap((table) => Object.values(table).map((r) => r.pattern));
  const missing = patterns.filter((p) => !recipes[p]);
  expect(missing, 'routes with no recipe in the screen walk').toEqual([]);
  return patterns.flatMap((pattern) => recipes[pattern]!(ids).map((path) => ({ pattern, path })));
}

test('no screen shows a snake_case code, an ISO date or JSON, runs past a 1,024 px window, breaks a table row or fails axe', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(600_000);
  await startWithDemo(page);
  const base = app.harness.url.split('#')[0];
  const addresses = everyAddress(await demoIds(app));
  const problems: string[] = [];
  for (const { pattern, path } of addresses) {
    await page.goto(`${base}#/${path}`);
    await settle(page);
    const text = codeSyntax[pattern]
      ? await page.locator('body').evaluate((body) => {
          const copy = body.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('code, textarea').forEach((c) => c.remove());
          copy.style.position = 'absolute';
          document.documentElement.appendChild(copy);
          const t = copy.innerText;
          copy.remove();
          return t;
        })
      : await page.locator('body').innerText();
    const found = [...(text.match(SNAKE) ?? []), ...(text.match(ISO) ?? []), ...(text.match(JSON_TEXT) ?? [])];
    if (found.length) problems.push(`${path}: ${[...new Set(found)].slice(0, 8).join(', ')}`);
    const past = await pastTheEdge(page);
    if (past) problems.push(`${path}: ${past}`);
    const cells = await cellsOutOfTable(page);
    if (cells) problems.push(`${path}: ${cells}`);
    for (const v of await axeViolations(page, ['best-practice'])) problems.push(`${path}: ${v}`);
  }
  expect(problems).toEqual([]);
  expect(addresses.length).toBeGreaterThan(60);
});

/** A screen's problems in a narrow window: running past its edge, and what axe finds. */
async function narrowProblems(page: Page, where: string): Promise<string[]> {
  const past = await pastTheEdge(page);
  return [...(past ? [`${where}: ${past}`] : []), ...(await axeViolations(page)).map((v) => `${where}: ${v}`)];
}

// A laptop's 1,366 × 768 screen with text enlarged to 200% (WCAG 1.4.4 and 1.4.10): the main
// navigation folds behind a Menu button, every screen still keeps within the window's width, and
// axe finds nothing there either (a table too wide for its frame is a region the keyboard reaches).
test.describe('with text at 200% on a laptop', () => {
  test.use({ viewport: { width: 683, height: 384 } });
  test('no screen runs past the window', async ({ appPage: page, app }) => {
    test.setTimeout(600_000);
    await startWithDemo(page);
    const base = app.harness.url.split('#')[0];
    const problems: string[] = [];
    for (const { path } of everyAddress(await demoIds(app))) {
      await page.goto(`${base}#/${path}`);
      await settle(page);
      problems.push(...(await narrowProblems(page, path)));
    }
    expect(problems).toEqual([]);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  });
});

// WCAG 1.4.10's own width: 320 CSS px, a 1,280 px window with text at 400%. Nothing but a table's
// frame or a grid scrolls sideways; a record's facts stand each name above its value.
test.describe('with text at 400%', () => {
  test.use({ viewport: { width: 320, height: 256 } });
  test('no screen runs past the window, the first ones included', async ({ appPage: page, app }) => {
    test.setTimeout(600_000);
    const problems: string[] = [];
    const check = async (where: string) => problems.push(...(await narrowProblems(page, where)));
    // The screens before the first sign-in: making the first profile, then the empty programme.
    await expect(page.getByLabel('Your name')).toBeVisible();
    await check('the first profile');
    await createFirstProfile(page);
    await expect(page.getByRole('heading', { name: 'Your programme is empty' })).toBeVisible();
    await check('the empty programme');
    await page.getByRole('button', { name: 'Load demo data' }).click();
    await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible({ timeout: 60_000 });
    const base = app.harness.url.split('#')[0];
    for (const { path } of everyAddress(await demoIds(app))) {
      await page.goto(`${base}#/${path}`);
      await settle(page);
      await check(path);
    }
    // Signing out from the folded menu, and the sign-in screen it leads to.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Who is working?', level: 1 })).toBeVisible();
    await page.getByLabel(/Jo Officer/).check();
    await expect(page.getByLabel('Password', { exact: true })).toBeVisible();
    await check('signing in');
    expect(problems).toEqual([]);
  });
});
