// A first day with Worksbook: the app opens on a welcome screen, the officer creates a profile,
// loads the demo programme, sees it in the participants grid and moves around by keyboard.
import { test, expect, axeViolations, createFirstProfile, startWithDemo } from './fixtures';

test('welcome, demo data in the grid, navigation, no accessibility violations', async ({ appPage: page }) => {
  await expect(page.getByRole('heading', { name: 'Welcome to Worksbook' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // An empty name gets a message that links to the field.
  await page.getByRole('button', { name: 'Create my profile' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter your name');

  await createFirstProfile(page);
  await expect(page.getByRole('heading', { name: 'Your programme is empty' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText(/\d+ people/)).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'SW-000001' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Keyboard navigation between areas (Alt+number) and the nav links.
  for (const [key, heading] of [
    ['2', 'Courses'],
    ['3', 'Vacancies'],
    ['5', 'Returns'],
    ['7', 'Settings'],
    ['1', 'Participants'],
  ] as const) {
    await page.keyboard.press(`Alt+${key}`);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  }
  await page.getByRole('link', { name: 'Imports' }).click();
  await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('an empty name and a signed-out user are refused by the backend too', async ({ appPage: page, app }) => {
  const direct = await app.backend.dispatch('someone-else', 'participants.page', {});
  expect(direct.ok).toBe(false);
  await startWithDemo(page);
  await expect(page.getByRole('gridcell', { name: 'SW-000002' })).toBeVisible();
});
