// What a new user meets at 1366x768 (issue 20, keyboard and layout): a long form's Save bar sits
// below the form's own scrolling region, so with the form scrolled to the middle nothing lies under
// it (axe target-size clean); grids select a row on a click and offer Open; the participants grid
// explains its tick boxes before any are ticked; the key columns show at 1366 wide, with a hint
// when more are off screen. In a short window (683 × 384) a long form flows in the page instead.
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

test('the participants tick boxes say they are for merging, and Merge says why it waits for two', async ({
  appPage: page,
}) => {
  await startWithDemo(page);
  // Before anything is ticked: the hint line, the labelled column and a Merge button that says why.
  await expect(page.getByText('Tick two people to merge duplicates')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Select to merge' })).toBeVisible();
  const merge = page.getByRole('button', { name: 'Merge two records' });
  await expect(merge).toHaveAttribute('aria-disabled', 'true');
  await expect(merge).toHaveAccessibleDescription(/Tick two people to merge duplicates/);
  // Still focusable so its reason can be read; pressing it does nothing yet.
  await merge.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
  const boxes = page.getByRole('checkbox', { name: /^Select to merge/ });
  await expect(boxes.first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await boxes.nth(0).check();
  await expect(page.getByText('(1 ticked)')).toBeVisible();
  await expect(merge).toHaveAttribute('aria-disabled', 'true');
  await boxes.nth(1).check();
  await expect(merge).toHaveAttribute('aria-disabled', 'false');
  await merge.click();
  await expect(page.getByRole('heading', { name: 'Merge records', level: 1 })).toBeVisible();
});

test('a click selects a row and Open opens it (without ticking it for a merge); Enter still opens, in every grid', async ({
  appPage: page,
}) => {
  await startWithDemo(page);
  const grid = page.getByRole('region', { name: 'Participants' });
  const open = page.getByRole('button', { name: 'Open', exact: true });
  await expect(open).toBeDisabled();
  const row = grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: 'SW-000002' }) });
  await row.getByRole('gridcell', { name: 'SW-000002' }).click();
  await expect(open).toBeEnabled();
  // Choosing a person to open does not tick them for a merge: the ticks are the boxes' alone.
  await expect(row.first().getByRole('checkbox', { name: /^Select to merge/ })).not.toBeChecked();
  await expect(page.getByText('(1 ticked)')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  // The arrow keys move the row Open acts on.
  await page.keyboard.press('ArrowDown');
  await open.click();
  await expect(page.locator('.page-subtitle', { hasText: 'SW-000003' })).toBeVisible();
  await page.goBack();
  await row.getByRole('gridcell', { name: 'SW-000002' }).click();
  await open.click();
  await expect(page.locator('.page-subtitle', { hasText: 'SW-000002' })).toBeVisible();

  // The outcomes grid (GridScreen) has the same: a click selects, Enter opens.
  await page.keyboard.press('Alt+4');
  await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
  const outcomes = page.getByRole('region', { name: 'Outcomes' });
  await expect(outcomes.locator('.ag-cell').first()).toBeVisible();
  const outcomesOpen = page.getByRole('button', { name: 'Open', exact: true });
  await expect(outcomesOpen).toBeDisabled();
  await outcomes.locator('.ag-cell').first().click();
  await expect(outcomesOpen).toBeEnabled();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Outcomes', level: 1 })).toHaveCount(0);
});

for (const [tab, region, keys] of [
  ['Participants', 'Participants', ['Status', 'Start date']],
  ['Outcomes', 'Outcomes', ['Outcome', 'Date', 'Verification']],
  ['Placements', 'Placements', ['Kind', 'Status', 'Start', 'End']],
] as const) {
  test(`at 1366 wide the ${tab.toLowerCase()} grid's key columns show, with a hint to the rest`, async ({
    appPage: page,
  }) => {
    await startWithDemo(page);
    if (tab !== 'Participants') {
      await page.keyboard.press('Alt+4');
      await page.getByRole('link', { name: tab, exact: true }).click();
    }
    const grid = page.getByRole('region', { name: region });
    await expect(grid.locator('.ag-cell').first()).toBeVisible();
    const box = (await grid.boundingBox())!;
    for (const name of keys) {
      const header = grid.getByRole('columnheader', { name, exact: true });
      const h = (await header.boundingBox())!;
      expect(h, `${name} is on screen`).toBeTruthy();
      expect(h.x + h.width, `${name} ends inside the grid`).toBeLessThanOrEqual(box.x + box.width);
    }
    // More columns lie to the right: the hint says so and takes you there.
    const more = page.getByRole('button', { name: 'More columns →' });
    await expect(more).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await more.click();
    await expect(page.getByRole('button', { name: '← More columns' })).toBeVisible();
  });
}

test('every grid shows each header in full, whatever width its columns file gave it', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const base = app.harness.url.split('#')[0];
  for (const route of [
    'participants',
    'courses',
    'courses/site-ready',
    'vacancies',
    'vacancies/candidates',
    'outcomes/placements',
    'outcomes/outcomes',
    'events',
    // No imports in the demo: an empty grid's headers too.
    'imports',
  ]) {
    await page.goto(`${base}#/${route}`);
    await expect(page.locator('.ag-row .ag-cell, .grid-empty').first()).toBeVisible();
    expect(await page.locator('.ag-header-cell-text').count()).toBeGreaterThan(0);
    // Read once the grid has laid out its columns (a header is widened after its first page).
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.ag-header-cell-text')]
            .filter((label) => label.scrollWidth > label.clientWidth + 1)
            .map((label) => label.textContent),
        ),
      )
      .toEqual([]);
  }

  // A column narrowed by hand stays as the user left it, through a new search.
  await page.goto(`${base}#/outcomes/outcomes`);
  const header = page.locator('.ag-header-cell[col-id="participantName"]');
  await expect(page.locator('.ag-row .ag-cell').first()).toBeVisible();
  const before = (await header.boundingBox())!;
  const handle = (await header.locator('.ag-header-cell-resize').boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x - 80, handle.y + handle.height / 2, { steps: 5 });
  await page.mouse.up();
  const narrowed = (await header.boundingBox())!.width;
  expect(narrowed).toBeLessThan(before.width - 40);
  await page.getByRole('searchbox').first().fill('a');
  await expect(page.locator('.ag-row .ag-cell').first()).toBeVisible();
  await page.waitForTimeout(500);
  expect(Math.abs((await header.boundingBox())!.width - narrowed)).toBeLessThanOrEqual(1);
});

test('in a narrow window a toolbar wraps between its fields, never between a label and its box; numbers never wrap', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  await page.setViewportSize({ width: 1024, height: 768 });
  const base = app.harness.url.split('#')[0];
  for (const [path, heading, labels] of [
    ['outcomes/placements', 'Placements', ['Search', 'Show', 'View']],
    ['courses/site-ready', 'Site-ready candidates', ['Show', 'Search', 'Purpose of the export']],
    ['outcomes/organisations', 'Employers & organisations', ['Search', 'Kind']],
  ] as const) {
    await page.goto(`${base}#/${path}`);
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    for (const label of labels) {
      const box = page.getByLabel(label, { exact: true });
      const id = await box.getAttribute('id');
      const l = (await page.locator(`label[for="${id}"]`).boundingBox())!;
      const b = (await box.boundingBox())!;
      const middle = l.y + l.height / 2;
      expect(middle > b.y && middle < b.y + b.height, `${path}: "${label}" on the line of its box`).toBe(true);
      expect(l.x + l.width, `${path}: "${label}" before its box`).toBeLessThanOrEqual(b.x);
    }
  }
  // Phone numbers and references in narrow columns stay on one line.
  for (const path of ['courses/1/enrolments', 'outcomes/organisations']) {
    await page.goto(`${base}#/${path}`);
    const cells = page.locator('td').filter({ hasText: /^(0\d{3,4} \d{6}|SW-\d{6})$/ });
    await expect(cells.first()).toBeVisible();
    const broken = await cells.evaluateAll((tds) =>
      tds
        .filter((td) => {
          const range = document.createRange();
          range.selectNodeContents(td);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
        })
        .map((td) => td.textContent),
    );
    expect(broken, path).toEqual([]);
  }
});

test('a wide table scrolls inside its frame in a narrow window, which the keyboard can reach and scroll', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const base = app.harness.url.split('#')[0];
  // The run with most results: its results table has nine columns.
  const run = await app.backend.store.db
    .selectFrom('enrolments')
    .select('course_run_id as id')
    .groupBy('course_run_id')
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .executeTakeFirstOrThrow();
  await page.goto(`${base}#/courses/${run.id}/results`);
  await expect(page.getByRole('table', { name: 'Results per person' })).toBeVisible();
  // Wide enough: the frame is no region and no tab stop.
  await expect(page.getByRole('region', { name: /Results per person/ })).toHaveCount(0);
  expect(await page.locator('.table-scroll').first().getAttribute('tabindex')).toBeNull();
  // The frame is as tall as its table: only the page scrolls up and down.
  const tallerThanFrame = () =>
    page
      .locator('.table-scroll')
      .first()
      .evaluate((f) => f.scrollHeight - f.clientHeight);
  expect(await tallerThanFrame()).toBeLessThanOrEqual(0);

  await page.setViewportSize({ width: 1024, height: 768 });
  const frame = page.getByRole('region', { name: 'Results per person (scrolls sideways)' });
  await expect(frame).toBeVisible();
  const main = page.locator('main');
  expect(await main.evaluate((m) => m.scrollWidth - m.clientWidth)).toBeLessThanOrEqual(1);
  expect(await tallerThanFrame()).toBeLessThanOrEqual(0);
  await frame.focus();
  const hidden = await frame.evaluate((f) => f.scrollWidth - f.clientWidth);
  expect(hidden).toBeGreaterThan(0);
  expect(await frame.evaluate((f) => f.scrollLeft)).toBe(0);
  // The arrow keys scroll it to the table's last column.
  for (let i = 0; i < Math.ceil(hidden / 40) + 1; i++) await page.keyboard.press('ArrowRight');
  await expect.poll(() => frame.evaluate((f) => f.scrollLeft)).toBeGreaterThanOrEqual(hidden - 1);
  // The person's name stays in view as the table scrolls.
  const name = page.getByRole('rowheader').first();
  const frameBox = (await frame.boundingBox())!;
  expect((await name.boundingBox())!.x).toBeGreaterThanOrEqual(frameBox.x - 1);
  expect(await axeViolations(page)).toEqual([]);
});

test.describe('in a short window (text at 200% on a laptop)', () => {
  test.use({ viewport: { width: 683, height: 384 } });
  test('a long form flows in the page, not in a region of its own, and its Save bar follows the last field', async ({
    appPage: page,
  }) => {
    await startWithDemo(page);
    await page.keyboard.press('Control+N');
    await expect(page.getByRole('heading', { name: 'New participant', level: 1 })).toBeVisible();
    const layout = await page.evaluate(() => {
      const region = document.querySelector<HTMLElement>('.form-scroll')!;
      const main = document.querySelector<HTMLElement>('main')!;
      const fields = [...region.querySelectorAll<HTMLElement>('input, select, textarea')];
      const bar = document.querySelector<HTMLElement>('.form-actions')!;
      return {
        regionScrolls: region.scrollHeight > region.clientHeight + 1,
        mainScrolls: main.scrollHeight > main.clientHeight + 1,
        barBelowLastField:
          bar.getBoundingClientRect().top >= Math.max(...fields.map((f) => f.getBoundingClientRect().bottom)),
      };
    });
    // With a region of its own the fields had about 200 px between the heading and the bar.
    expect(layout).toEqual({ regionScrolls: false, mainScrolls: true, barBelowLastField: true });
    const save = page.getByRole('button', { name: 'Save participant' });
    await save.scrollIntoViewIfNeeded();
    await expect(save).toBeInViewport();
    expect(await axeViolations(page)).toEqual([]);
  });
});
