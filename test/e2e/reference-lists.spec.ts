// Settings → Reference lists at 1366x768 (issue 20, no dead ends): an administrator reaches it
// from the navigation, adds a barrier, retires one that people hold (never deleted), sees the
// lists kept elsewhere linked (funding streams in Returns → Funding and targets), by keyboard,
// axe-clean; the participant form offers the new barrier.
import { test, expect, axeViolations, startWithDemo } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('an administrator manages barriers in Settings → Reference lists', async ({ appPage: page }) => {
  await startWithDemo(page);
  await page.keyboard.press('Alt+7');
  await page.getByRole('link', { name: 'Reference lists' }).click();
  await expect(page.getByRole('heading', { name: 'Reference lists', level: 2 })).toBeVisible();
  const barriers = page.getByRole('region', { name: 'Barriers to work' });
  await expect(barriers.getByRole('row', { name: /Ex-offender/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await barriers.getByLabel('Add a barrier').fill('Caring responsibilities');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Caring responsibilities added')).toBeVisible();
  await expect(barriers.getByRole('row', { name: /Caring responsibilities/ })).toContainText('Nobody');

  // A barrier people hold is retired, not deleted: it says how many have it.
  const esol = barriers.getByRole('row', { name: /English/ }).first();
  await esol.getByRole('button', { name: /^Retire / }).click();
  await expect(esol).toContainText('Retired');
  await expect(esol.getByRole('button', { name: /^Bring back / })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Funding streams are managed in Returns → Funding and targets, linked from here.
  await page.getByRole('link', { name: 'Returns → Funding and targets' }).click();
  await expect(page.getByRole('heading', { name: 'Returns', level: 1 })).toBeVisible();

  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
  await page.keyboard.press('Control+N');
  await expect(page.getByRole('heading', { name: 'New participant', level: 1 })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Caring responsibilities' })).toBeVisible();
});
