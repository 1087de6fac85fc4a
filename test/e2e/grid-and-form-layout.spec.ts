// What a new user meets at 1366x768 (issue 20, keyboard and layout): a long form's Save bar sits
// below the form's own scrolling region, so with the form scrolled to the middle nothing lies under
// it (axe target-size clean); grids select a row on a click and offer Open; the participants grid
// explains its tick boxes before any are ticked; the key columns show at 1366 wide, with a hint
// when more are off screen.
import { test, expect, axeViolations, scrollFormToMiddle, startWithDemo } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('the Save bar never lies over a field: new participant, details and merge scrolled to the middle', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  await page.keyboard.press('Control+N');
  await expect(page.getByRole('heading', { name: 'New participant', level: 1 })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Universal Credit' }).check();
  await scrollFormToMiddle(page);
  await expect(page.getByRole('button', { name: 'Save participant' })).toBeInViewport();
  expect(await axeViolations(page)).toEqual([]);

  const [a, b] = await app.backend.store.db
    .selectFrom('participants')
    .select(['id'])
    .where('status', '!=', 'merged')
    .orderBy('id')
    .limit(2)
    .execute();
  const base = app.harness.url.split('#')[0];
  await page.goto(`${base}#/participants/${a!.id}/details`);
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeVisible();
  await scrollFormToMiddle(page);
  await expect(page.getByRole('button', { name: 'Save changes' })).toBeInViewport();
  expect(await axeViolations(page)).toEqual([]);

  await page.goto(`${base}#/participants/merge/${a!.id}/${b!.id}`);
  await expect(page.getByRole('heading', { name: 'Merge records', level: 1 })).toBeVisible();
  await scrollFormToMiddle(page);
  await expect(page.getByRole('button', { name: /^Merge into / })).toBeInViewport();
  expect(await axeViolations(page)).toEqual([]);
});
