// What a new user meets (issue 20), at 1366x768: a bad NI number and a bad postcode are listed
// together in the error summary (not one after the other), and a misspelt search ("Nowack")
// offers the close match (Nowak), clearly marked as a suggestion.
import { test, expect, axeViolations, startWithDemo } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('every problem of the new-participant form is listed at once', async ({ appPage: page }) => {
  await startWithDemo(page);
  await page.keyboard.press('Control+N');
  await expect(page.getByRole('heading', { name: 'New participant', level: 1 })).toBeVisible();
  await page.getByLabel('First name', { exact: true }).fill('Kerry');
  await page.getByLabel('Last name', { exact: true }).fill('Summary-Test');
  await page.getByLabel('NI number').fill('12 34 56 78 Z');
  await page.getByLabel('Postcode').fill('NOT A CODE');
  await page.keyboard.press('Control+S');
  const summary = page.locator('.error-summary');
  await expect(summary).toContainText('There is a problem');
  await expect(summary).toContainText('National Insurance number');
  await expect(summary).toContainText('Enter a real postcode');
  // Both fields are marked too, and the example the NI message gives is one the form accepts.
  await expect(page.getByLabel('NI number')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Postcode')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('NI number').fill('JK 12 34 56 C');
  await page.getByLabel('Postcode').focus();
  await expect(page.getByText('Enter a National Insurance number in the right format')).toHaveCount(0);
});

test('a misspelt surname finds nobody exactly and suggests the close match', async ({ appPage: page }) => {
  await startWithDemo(page);
  await page.getByLabel('Search', { exact: true }).fill('Nowack');
  const close = page.getByRole('region', { name: /Close matches \(suggestions\)/ });
  await expect(close).toContainText('No exact match for “Nowack”.');
  await expect(close.getByRole('link', { name: /Nowak$/ }).first()).toBeVisible();
  await expect(close.getByText('Suggestion').first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('a person typed with day and month swapped and a one-letter slip is caught, opening the record first', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const people = await app.backend.store.db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'date_of_birth'])
    .where('date_of_birth', 'is not', null)
    .where('status', '!=', 'merged')
    .orderBy('id')
    .execute();
  // Someone whose swapped date is a real, different date (day 1–12, day ≠ month), with a first
  // name long enough for a one-letter slip.
  const existing = people.find((p) => {
    const [, m, d] = p.date_of_birth!.split('-').map(Number);
    return d! <= 12 && d !== m && p.first_name.length >= 4;
  })!;
  const [y, m, d] = existing.date_of_birth!.split('-');
  const slip = existing.first_name.slice(0, 2) + existing.first_name.slice(3); // "Kerry" → "Kery"
  await page.keyboard.press('Control+N');
  await page.getByLabel('First name', { exact: true }).fill(slip);
  await page.getByLabel('Last name', { exact: true }).fill(existing.last_name);
  await page.getByLabel('Date of birth').fill(`${m}/${d}/${y}`); // month and day swapped
  await page.keyboard.press('Tab');
  const panel = page.getByRole('region', { name: 'This person may already be registered' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(existing.reference);
  await expect(panel).toBeInViewport();
  const open = panel.getByRole('link', { name: `Open the existing record ${existing.reference}` });
  await expect(open).toHaveClass(/primary/);
  await expect(open).toBeInViewport();
  expect(await axeViolations(page)).toEqual([]);
  await open.click();
  await expect(
    page.getByRole('heading', { name: `${existing.first_name} ${existing.last_name}`, level: 1 }),
  ).toBeVisible();
});

test('a person referred again gets a new referral on the same record; the first is kept', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const existing = await app.backend.store.db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'referral_date'])
    .where('referral_date', '<', '2026-01-01')
    .where('status', '!=', 'merged')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const [y, m, d] = existing.referral_date!.slice(0, 10).split('-');
  await page.goto(`${app.harness.url.split('#')[0]}#/participants/${existing.id}/referrals`);
  await expect(page.getByRole('heading', { name: 'Referrals', level: 2 })).toBeVisible();
  await page.getByLabel('Referral date').fill('02/03/2026');
  await page.getByLabel('Referred by').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Add referral' }).click();
  await expect(page.getByText('Referral 2 added; the first referral is kept')).toBeVisible();
  const table = page.getByRole('table', { name: `Referrals of ${existing.reference}` });
  await expect(table.getByRole('row', { name: /First referral/ })).toContainText(`${d}/${m}/${y}`);
  await expect(table.getByRole('row', { name: /Referral 2/ })).toContainText('02/03/2026');
  expect(await axeViolations(page)).toEqual([]);
  await page
    .getByRole('tab', { name: 'Timeline' })
    .or(page.getByRole('link', { name: 'Timeline' }))
    .first()
    .click();
  await expect(page.getByText(/Referred again.*\(referral 2\)/)).toBeVisible();
  const stored = await app.backend.store.db
    .selectFrom('participants')
    .select('referral_date')
    .where('id', '=', existing.id)
    .executeTakeFirstOrThrow();
  expect(stored.referral_date).toBe(existing.referral_date);
});
