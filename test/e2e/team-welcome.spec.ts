// The first-run screen offers "Connect to a team database" beside creating a profile (issue 18):
// the same form as Settings → Team database, reached by keyboard. The browser harness is started
// on a store by whoever runs it, so here the choice says how to start it on a team database; the
// desktop app shows the form itself (kept in the keychain, used from the next start).
import { test, expect, axeViolations, createFirstProfile } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('the welcome screen offers to connect to a team database instead of creating a profile', async ({
  appPage: page,
}) => {
  await expect(page.getByRole('heading', { name: 'Welcome to Worksbook' })).toBeVisible();
  const team = page.getByRole('region', { name: 'Joining a programme that already works together?' });
  await expect(team).toBeVisible();
  const choice = team.getByText('Connect to a team database', { exact: true });
  await choice.focus();
  await page.keyboard.press('Enter');
  await expect(team.getByText('--db postgres://login@host/database')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Creating a profile still works with the choice open.
  await createFirstProfile(page);
  await expect(page.getByRole('heading', { name: 'Your programme is empty' })).toBeVisible();
});
