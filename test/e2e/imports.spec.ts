// Importing a partner file as an officer would: drag a messy workbook onto the window, choose
// the sheet, confirm the mapping (and the ambiguous dates), check the preview, reject a row,
// commit, see the batch, undo it. A hostile file gets a clear message. axe-clean throughout.
import type { Page } from '@playwright/test';
import { test, expect, axeViolations, startWithDemo } from './fixtures';
import { messyReferralsWorkbook, zipBomb } from '../fixtures/imports/generate';

const shots = process.env.IMPORTS_SHOTS;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

async function dropFile(page: Page, fileName: string, bytes: Uint8Array) {
  const b64 = Buffer.from(bytes).toString('base64');
  const transfer = await page.evaluateHandle(
    ([name, data]) => {
      const raw = atob(data);
      const arr = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) arr[i] = raw.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(
        new File([arr], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      );
      return dt;
    },
    [fileName, b64] as const,
  );
  await page.getByTestId('drop-zone').dispatchEvent('dragenter', { dataTransfer: transfer });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

test('drag, map, preview, commit and undo a partner file', async ({ appPage: page, app }) => {
  await startWithDemo(page);
  const before = await app.backend.store.db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
  await expect(page.getByText('Drag a spreadsheet here')).toBeVisible();
  // Nothing imported yet: the history says so, and how it fills (not "No records match").
  await expect(page.getByText(/^No imports yet\. Choose a partner file above/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, '1-imports');

  await dropFile(page, 'JCP referrals March.xlsx', await messyReferralsWorkbook());
  await expect(page.getByRole('radio', { name: 'March referrals' })).toBeChecked();
  await page.getByLabel('What does the file list?').selectOption('participants');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Continue to columns' }).click();

  await expect(
    page.getByText('Headings found in row 5; 8 rows below them, 2 blank rows skipped, 1 total row skipped.'),
  ).toBeVisible();
  await expect(page.getByLabel('NI number', { exact: true })).toHaveValue('NI No');
  await expect(page.getByLabel('Last name', { exact: true })).toHaveValue('Surname');
  await expect(page.getByLabel('Date of birth', { exact: true })).toHaveValue('DOB');
  await page.getByLabel('Referral date', { exact: true }).selectOption('Referral date');
  await page.getByRole('textbox', { name: 'Partner' }).fill('Jobcentre Plus Stevenage');
  // The referral source for every row is chosen from Settings → Reference lists, not typed as a code.
  await page
    .getByLabel('Referral source for every row (optional)')
    .selectOption({ label: 'Jobcentre Plus work coach' });
  await page.getByLabel('Mapping name').fill('JCP March referrals');
  await page.getByRole('button', { name: 'Check the rows' }).click();
  // Every referral date has a day of 12 or less: the convention must be confirmed first.
  await expect(page.getByRole('alert')).toContainText('Confirm how the dates in Referral date are written');
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, '2-mapping');
  await page.getByLabel(/I have checked: the dates are day first/).check();
  await page.getByRole('button', { name: 'Check the rows' }).click();

  await expect(page.getByRole('button', { name: 'New (5)' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Errors (2)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Needs review (1)' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, '3-preview');

  await page.getByRole('button', { name: 'Errors (2)' }).click();
  await expect(
    page.getByRole('gridcell', { name: /DOB \(D\): Date of birth "31\/02\/1992" is not a real date/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Needs review (1)' }).click();
  await page.getByRole('gridcell', { name: 'Same person as row 6 of this file' }).click();
  await expect(page.getByRole('heading', { name: 'Row 13: Amara Adeyemi' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Who is this?' })).toBeVisible();

  // Reject one new row by keyboard-selectable grid selection and the Reject button.
  await page.getByRole('button', { name: 'New (5)' }).click();
  await page.getByRole('gridcell', { name: 'Grace Gill' }).click();
  await expect(page.getByRole('heading', { name: 'Row 14: Grace Gill' })).toBeVisible();
  await page.getByRole('button', { name: 'Reject selected' }).click();
  await expect(page.getByRole('button', { name: 'Import 4 rows' })).toBeEnabled();
  await shot(page, '4-decisions');
  await page.getByRole('button', { name: 'Import 4 rows' }).click();

  await expect(page.getByRole('heading', { name: /Import batch \d+/, level: 1 })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('JCP referrals March.xlsx — Jobcentre Plus Stevenage')).toBeVisible();
  await expect(page.locator('.card').filter({ hasText: 'New' }).locator('.figure')).toHaveText('4');
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, '5-batch');
  // Each row the batch wrote names the person it added, as a link to their record.
  const added = page.getByRole('link', { name: /^SW-\d{6} Ben Brown$/ });
  await expect(added).toBeVisible();
  await expect(added).toHaveAttribute('href', /^#\/participants\/\d+\/details$/);
  const imported = await app.backend.store.db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(imported.n)).toBe(Number(before.n) + 4);

  await page.getByRole('button', { name: 'Undo this import' }).click();
  await page.getByRole('button', { name: 'Yes, undo the import' }).click();
  await expect(page.getByText(/^Undone \d\d\/\d\d\/\d{4}/)).toBeVisible();
  const undone = await app.backend.store.db
    .selectFrom('participants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(Number(undone.n)).toBe(Number(before.n));
  expect(await axeViolations(page)).toEqual([]);

  // The history lists the batch; Enter on it opens it again.
  await page.getByRole('link', { name: 'Back to imports' }).click();
  await expect(page.getByRole('gridcell', { name: 'JCP referrals March.xlsx' })).toBeVisible();
});

test('a zip bomb chosen with the keyboard gets a clear message and nothing else happens', async ({ appPage: page }) => {
  await startWithDemo(page);
  await page.getByRole('link', { name: 'Imports' }).click();
  // The visible "Choose a partner file" label belongs to a real file input, reachable by Tab.
  const input = page.getByLabel('Choose a partner file');
  await input.focus();
  await expect(input).toBeFocused();
  await input.setInputFiles({
    name: 'partner.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(zipBomb()),
  });
  await expect(page.getByRole('alert')).toContainText('zip bomb');
  await expect(page.getByText('Drag a spreadsheet here')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('reconcile a partner file: period checked, counts by result, export the workbook', async ({ appPage: page }) => {
  await startWithDemo(page);
  await page.getByRole('link', { name: 'Imports' }).click();
  await page.getByRole('button', { name: 'Reconcile a partner file' }).click();
  await expect(page.getByRole('heading', { name: 'Reconcile a partner file', level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await dropFile(page, 'JCP referrals March.xlsx', await messyReferralsWorkbook());
  await expect(page.getByLabel('Sheet')).toHaveValue('March referrals');
  await page.getByLabel('Partner mapping').selectOption('JCP weekly referrals');
  await page.getByLabel('Period from (optional)').fill('31/02/2026');
  await page.getByRole('button', { name: 'Compare with our records' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the start of the period as a date');
  await page.getByLabel('Period from (optional)').fill('01/03/2026');
  await page.getByLabel('Period to (optional)').fill('31/03/2026');
  await page.getByRole('button', { name: 'Compare with our records' }).click();
  await expect(page.getByRole('button', { name: /^Theirs, not ours \(\d+\)$/ })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: /^Theirs, not ours/ }).click();
  await expect(page.getByRole('gridcell', { name: 'Ben Brown' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, '6-reconcile');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the reconciliation (.xlsx)' }).click();
  expect((await download).suggestedFilename()).toBe('reconciliation-JCP-referrals-March.xlsx');
});
