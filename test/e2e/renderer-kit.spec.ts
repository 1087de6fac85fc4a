// The window's one toolkit, as a user meets it: an address that shows nothing gives the same
// not-found page in every area (with the navigation still there); the new-participant form lists
// every problem at once; Alt+1..8 put focus on the new page's heading in every area; an area's
// tabs sit in the same place in every area; ? or F1 lists the keyboard shortcuts; in a narrow
// window the navigation folds behind a Menu button.
import { test, expect, axeViolations, startWithDemo } from './fixtures';

test("an area's tabs sit under the page heading in every area, and a record's page leads back to its list", async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const base = app.harness.url.split('#')[0];
  const heading = page.getByRole('heading', { level: 1 });
  for (const [path, tabs, current] of [
    ['courses', 'Courses sections', 'Course runs'],
    ['courses/site-ready', 'Courses sections', 'Site-ready candidates'],
    ['vacancies', 'Vacancies sections', 'Vacancies'],
    ['vacancies/candidates', 'Vacancies sections', 'Candidates'],
    ['outcomes/placements', 'Placements and outcomes sections', 'Placements'],
    ['outcomes/sustainment', 'Placements and outcomes sections', 'Sustainment worklist'],
    ['returns', 'Returns sections', 'Dashboard'],
    ['settings/staff', 'Settings sections', 'Staff and roles'],
  ] as const) {
    await page.goto(`${base}#/${path}`);
    const nav = page.getByRole('navigation', { name: tabs });
    await expect(nav.getByRole('link', { name: current, exact: true })).toHaveAttribute('aria-current', 'page');
    // Polled: the page lays out again as its data arrives (a header's actions, a notice above it).
    await expect
      .poll(async () => {
        const h = (await heading.boundingBox())!;
        const n = (await nav.boundingBox())!;
        return n.y - (h.y + h.height);
      }, `${path}: the tabs start below the heading`)
      .toBeGreaterThanOrEqual(0);
  }
  for (const [path, back, list, tabs] of [
    ['vacancies/1', 'Back to vacancies', 'Vacancies', 'Vacancies sections'],
    ['outcomes/placements/1', 'Back to placements', 'Placements', 'Placements and outcomes sections'],
    ['outcomes/contracts/1', 'Back to contracts', 'Social value and Section 106', 'Placements and outcomes sections'],
    ['courses/1', 'Back to course runs', 'Courses', 'Courses sections'],
    ['participants/1', 'Back to participants', 'Participants', ''],
  ] as const) {
    await page.goto(`${base}#/${path}`);
    const link = page.getByRole('link', { name: back, exact: true });
    const h = (await heading.boundingBox())!;
    expect((await link.boundingBox())!.y, `${path}: the way back is above the heading`).toBeLessThan(h.y);
    if (tabs) await expect(page.getByRole('navigation', { name: tabs })).toHaveCount(0);
    await link.click();
    await expect(page.getByRole('heading', { name: list, level: 1 })).toBeVisible();
  }
  expect(await axeViolations(page)).toEqual([]);
});

test('an unknown address in each area shows the not-found page with its navigation', async ({ appPage: page, app }) => {
  await startWithDemo(page);
  const base = app.harness.url.split('#')[0];
  for (const [path, area, home] of [
    ['participants/nobody', 'Participants', 'Participants'],
    ['courses/nope', 'Courses', 'Courses'],
    ['outcomes/nope', 'Placements & outcomes', 'Placements'],
    ['events/nope', 'Events', 'Events and activities'],
    ['returns/nope', 'Returns', 'Returns'],
    ['imports/nope', 'Imports', 'Imports'],
    ['settings/nope', 'Settings', 'Settings'],
  ] as const) {
    await page.goto(`${base}#/${path}`);
    await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
    const main = page.getByRole('navigation', { name: 'Main' });
    await expect(main.getByRole('link', { name: area, exact: true })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: `Go to ${area}` }).click();
    await expect(page.getByRole('heading', { name: home, level: 1 })).toBeVisible();
  }
  // An area's own sub-navigation stays on its not-found page.
  await page.goto(`${base}#/courses/12345/nope`);
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  await expect(
    page.getByRole('navigation', { name: 'Courses sections' }).getByRole('link', { name: 'Catalogue' }),
  ).toBeVisible();
  // An address outside every area too.
  await page.goto(`${base}#/nowhere`);
  await expect(page.getByRole('heading', { name: 'Page not found', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to Participants' })).toBeVisible();
});

test('a bad NI number and a bad postcode are both listed at once when saving a new participant', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  await page.goto(`${app.harness.url.split('#')[0]}#/participants/new`);
  await page.getByLabel('First name', { exact: true }).fill('Kerry');
  await page.getByLabel('Last name', { exact: true }).fill('Summary-Test');
  await page.getByLabel('Date of birth').fill('4/7/1989');
  await page.getByLabel('NI number').fill('QQ 12 34 56 C');
  await page.getByLabel('Postcode').fill('XX');
  await page.getByRole('button', { name: 'Save participant' }).click();

  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: /National Insurance number cannot start with Q/ })).toBeVisible();
  await expect(summary.getByRole('link', { name: /Enter a real postcode/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // Each link leads to its field.
  await summary.getByRole('link', { name: /Enter a real postcode/ }).click();
  await expect(page.getByLabel('Postcode')).toBeFocused();
  // Putting one right leaves the other listed.
  await page.getByLabel('Postcode').fill('SG1 2AB');
  await expect(summary.getByRole('link', { name: /Enter a real postcode/ })).toHaveCount(0);
  await expect(summary.getByRole('link', { name: /cannot start with Q/ })).toBeVisible();
});

test('Alt+1..8 put focus on the new page’s heading in every area', async ({ appPage: page, app }) => {
  await startWithDemo(page);
  // From a form deep in an area too, not only from another area.
  await page.goto(`${app.harness.url.split('#')[0]}#/participants/new`);
  await expect(page.getByLabel('First name', { exact: true })).toBeFocused();
  for (const [key, heading] of [
    ['1', 'Participants'],
    ['2', 'Courses'],
    ['3', 'Vacancies'],
    ['4', 'Placements'],
    ['5', 'Returns'],
    ['6', 'Imports'],
    ['7', 'Settings'],
    ['8', 'Events and activities'],
    ['1', 'Participants'],
    ['1', 'Participants'],
  ] as const) {
    await page.keyboard.press(`Alt+${key}`);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeFocused();
  }
  // A Mac's Option+2 types "™": the key's place (Digit2) still goes to Courses.
  await page.evaluate(() =>
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '™', code: 'Digit2', altKey: true, bubbles: true })),
  );
  await expect(page.getByRole('heading', { name: 'Courses', level: 1 })).toBeFocused();
});

test('? or F1 lists the keyboard shortcuts (not "?" typed in a box); Esc closes the list; so does the button under the navigation', async ({
  appPage: page,
}) => {
  await startWithDemo(page);
  const list = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  // "?" typed into the search box is a question mark, not the list.
  await page.getByLabel('Search', { exact: true }).fill('');
  await page.getByLabel('Search', { exact: true }).press('?');
  await expect(list).toHaveCount(0);
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('?');

  await page.getByRole('heading', { name: 'Participants', level: 1 }).focus();
  await page.keyboard.press('?');
  await expect(list).toBeVisible();
  // Each area's key, from the areas themselves, and the register's marks.
  for (const [key, what] of [
    ['Alt+1', 'Go to Participants'],
    ['Alt+5', 'Go to Returns'],
    ['Alt+8', 'Go to Events'],
    ['P', 'Mark present'],
    ['Ctrl+N', 'New participant'],
  ] as const) {
    const row = list.locator('dl > div').filter({ has: page.getByText(what, { exact: true }) });
    await expect(row.locator('kbd').filter({ hasText: new RegExp(`^${key.replace('+', '\\+')}$`) })).toBeVisible();
  }
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);

  await page.keyboard.press('F1');
  await expect(list).toBeVisible();
  await list.getByRole('button', { name: 'Close' }).click();
  await expect(list).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(list).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Keyboard shortcuts' }),
  ).toBeFocused();
});

test.describe('in a narrow window (text at 200% on a laptop)', () => {
  test.use({ viewport: { width: 683, height: 384 } });
  test('the navigation folds behind a Menu button that opens, moves and closes from the keyboard', async ({
    appPage: page,
  }) => {
    await startWithDemo(page);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const menu = nav.getByRole('button', { name: 'Menu' });
    const courses = nav.getByRole('link', { name: 'Courses' });
    // Folded: one line, the app's name and the button; the screen keeps the rest of the height.
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(courses).toBeHidden();
    expect((await nav.boundingBox())!.height).toBeLessThan(60);

    await menu.focus();
    await page.keyboard.press('Enter');
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(courses).toBeVisible();
    await expect(nav.getByRole('button', { name: 'Sign out' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    // Esc folds it and leaves focus on the button.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    await expect(courses).toBeHidden();
    await expect(menu).toBeFocused();

    // A link goes there, folds the menu and puts focus on the new page's heading.
    await page.keyboard.press('Enter');
    await courses.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Courses' })).toBeFocused();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await expect(courses).toBeHidden();
    // The area keys work with the menu folded.
    await page.keyboard.press('Alt+1');
    await expect(page.getByRole('heading', { level: 1, name: 'Participants' })).toBeFocused();
  });
});

test('in a wide window the navigation has no Menu button: its links are always there', async ({ appPage: page }) => {
  await startWithDemo(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Menu' })).toBeHidden();
  await expect(nav.getByRole('link', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
