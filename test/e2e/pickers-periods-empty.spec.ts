// What a new user meets at 1366x768 (issue 20, keyboard and dead ends): the file pickers open on
// Enter as well as Space; a chosen period is kept in the address, so Back and a reload keep it;
// the empty-programme screen keeps the navigation.
import type { Locator, Page } from '@playwright/test';
import { test, expect, axeViolations, createFirstProfile, startWithDemo } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

async function tabTo(page: Page, target: Locator) {
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Could not reach the control with Tab');
}

/** Enter on the focused file input asks for a file (the browser's picker). */
async function enterOpensPicker(page: Page) {
  const chooser = page.waitForEvent('filechooser', { timeout: 5_000 });
  await page.keyboard.press('Enter');
  return chooser;
}

test('the import and evidence file pickers open on Enter', async ({ appPage: page, app }) => {
  await startWithDemo(page);
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
  await tabTo(page, page.getByLabel('Choose a partner file'));
  const picked = await enterOpensPicker(page);
  expect(picked.isMultiple()).toBe(false);
  expect(await axeViolations(page)).toEqual([]);

  const outcome = await app.backend.store.db
    .selectFrom('outcomes')
    .select('id')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  await page.goto(`${app.harness.url.split('#')[0]}#/outcomes/outcomes/${outcome.id}`);
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await tabTo(page, page.getByLabel('File (optional)'));
  const evidence = await enterOpensPicker(page);
  await evidence.setFiles({ name: 'payslip.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF') });
  // Enter chose a file; it did not submit the form around the picker (no problems listed yet).
  await expect(page.getByRole('heading', { name: 'Add evidence' })).toBeVisible();
  await expect(page.locator('.error-summary')).toHaveCount(0);
});

test('a chosen period survives opening something, Back and a reload', async ({ appPage: page }) => {
  await startWithDemo(page);
  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  await page.getByLabel('Period type').selectOption('quarter');
  await page.getByLabel('Quarter', { exact: true }).selectOption('2');
  const fy = await page.getByLabel('Financial year').inputValue();
  await expect(page.getByRole('heading', { name: /Headline figures, .*Q2/ })).toBeVisible();
  await expect(page).toHaveURL(/#\/returns\?from=\d{4}-07-01&to=\d{4}-09-30/);
  expect(await axeViolations(page)).toEqual([]);

  // Open who is counted (the return builder), then Back: the quarter is still chosen.
  await page
    .getByRole('link', { name: /^See who is counted in/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Return builder', level: 2 })).toBeVisible();
  await expect(page.getByLabel('Period type')).toHaveValue('quarter');
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  const chosen = async () => {
    await expect(page.getByLabel('Period type')).toHaveValue('quarter');
    await expect(page.getByLabel('Quarter', { exact: true })).toHaveValue('2');
    await expect(page.getByLabel('Financial year')).toHaveValue(fy);
    await expect(page.getByRole('heading', { name: /Headline figures, .*Q2/ })).toBeVisible();
  };
  await chosen();
  await page.reload();
  await chosen();

  // The audit log's dates too.
  await page.keyboard.press('Alt+7');
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('From', { exact: true }).fill('01/04/2025');
  await page.getByLabel('To', { exact: true }).fill('30/06/2025');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/from=2025-04-01&to=2025-06-30/);
  await page.getByRole('link', { name: 'Reference lists' }).click();
  await page.goBack();
  await expect(page.getByLabel('From', { exact: true })).toHaveValue('01/04/2025');
  await expect(page.getByLabel('To', { exact: true })).toHaveValue('30/06/2025');
});

test('the empty-programme screen has the navigation', async ({ appPage: page }) => {
  await createFirstProfile(page);
  await expect(page.getByRole('heading', { name: 'Your programme is empty', level: 1 })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // By keyboard: Alt+7 goes to Settings; the navigation leads on from there.
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await nav.getByRole('link', { name: 'Participants' }).click();
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
});
