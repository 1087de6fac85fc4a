// End-to-end fixtures: each test gets a fresh data folder, a real backend and the browser
// harness serving the built renderer, and a page already open on it. The app signals readiness
// (data-ready) so tests wait for that rather than sleeping. Logs are attached on failure.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackend, type Backend } from '../../db/backend/backend';
import { startHarness, type Harness } from '../../db/harness/server';
import { setLogSink } from '../../db/backend/log';

export interface AppFixture {
  backend: Backend;
  harness: Harness;
  dataDir: string;
  logs: string[];
}

export const test = base.extend<{ app: AppFixture; appPage: Page }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires a destructuring pattern here (it reads the fixtures used)
  app: async ({}, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'worksbook-e2e-'));
    const logs: string[] = [];
    setLogSink((line) => logs.push(line));
    const backend = await createBackend({ file: path.join(dataDir, 'worksbook.sqlite') });
    const harness = await startHarness({ backend, rendererDir: path.resolve('dist/renderer') });
    await use({ backend, harness, dataDir, logs });
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('backend-log', { body: logs.join('\n'), contentType: 'text/plain' });
    await harness.close();
    await backend.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  appPage: async ({ page, app }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.harness.url);
    await page.locator('[data-ready="true"]').waitFor();
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Runs axe-core with the WCAG 2.2 AA rules (and `also`, e.g. axe's 'best-practice': headings in
 * order, landmarks named apart, no empty table header); returns violations summarised for a
 * readable failure. */
export async function axeViolations(page: Page, also: string[] = []): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', ...also])
    .analyze();
  return results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
  );
}

/** The first administrator's password in the journeys (a store's first profile always has one). */
export const FIRST_PASSWORD = 'three random words';

/** Fills the welcome screen's profile form and creates the first administrator. */
export async function createFirstProfile(page: Page, name = 'Jo Officer'): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Choose a password').fill(FIRST_PASSWORD);
  await page.getByLabel('Type the password again').fill(FIRST_PASSWORD);
  await page.getByRole('button', { name: 'Create my profile' }).click();
}

/** Signs in through the UI as a fresh store's first administrator and loads the demo data. */
export async function startWithDemo(page: Page, name = 'Jo Officer'): Promise<void> {
  await createFirstProfile(page, name);
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible({ timeout: 60_000 });
}

/** Signs in through the UI as a fresh store's first administrator, with no demo data. */
export async function startEmpty(page: Page, name = 'Jo Officer'): Promise<void> {
  await createFirstProfile(page, name);
  await expect(page.getByRole('heading', { name: 'Your programme is empty' })).toBeVisible();
}

/** Scrolls a long form's field region halfway and checks its Save bar sits below that region, so
 * nothing scrolled is ever under the bar (FormLayout). */
export async function scrollFormToMiddle(page: Page): Promise<void> {
  const scroller = page.locator('.form-scroll').first();
  const scrolled = await scroller.evaluate((el) => {
    el.scrollTo(0, (el.scrollHeight - el.clientHeight) / 2);
    return el.scrollTop;
  });
  expect(scrolled, 'the form scrolls in its own region').toBeGreaterThan(0);
  const [region, bar] = [await scroller.boundingBox(), await page.locator('.form-actions').first().boundingBox()];
  expect(region!.y + region!.height, 'the scrolling region ends where the Save bar begins').toBeLessThanOrEqual(
    bar!.y + 0.5,
  );
}
