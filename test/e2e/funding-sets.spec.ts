// A new funder's indicator set built without code, by keyboard: an administrator adds the Towns
// Fund's 2026-27 agreement, creates "Towns Fund 2026-27" for it, builds two indicators from parts
// (what is counted, ages, hours, funding), reads each rule back as a sentence, saves, and builds a
// return from the set. axe finds nothing on each screen.
import type { Locator, Page } from '@playwright/test';
import { test, expect, axeViolations, startWithDemo } from './fixtures';

const shots = process.env.RETURNS_SHOTS;

/** Focus a control and type into it, as a keyboard user would. */
async function typeInto(page: Page, control: Locator, text: string) {
  await control.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(text);
}

async function tick(page: Page, box: Locator) {
  await box.focus();
  await page.keyboard.press('Space');
  await expect(box).toBeChecked();
}

test('an administrator builds a new funder set from parts and a return from it', async ({ appPage: page, app }) => {
  test.setTimeout(180_000);
  await startWithDemo(page);
  const base = app.harness.url.split('#')[0];

  // The agreement the set reports against.
  await page.goto(`${base}#/returns/funding`);
  const agreement = page.getByRole('form', { name: 'Add a funding agreement' });
  await agreement.getByLabel('Funder').selectOption({ label: 'Towns Fund (Stevenage Town Deal)' });
  await typeInto(page, agreement.getByLabel('Agreement name'), 'Towns Fund 2026-27 grant');
  await typeInto(page, agreement.getByLabel('Starts'), '01/04/2026');
  await typeInto(page, agreement.getByLabel('Ends'), '31/03/2027');
  await agreement.getByRole('button', { name: 'Save agreement' }).press('Enter');
  await expect(
    page
      .getByRole('table', { name: 'Funders and their funding agreements' })
      .getByRole('row', { name: /Towns Fund 2026-27 grant 01\/04\/2026 31\/03\/2027/ }),
  ).toBeVisible();

  // A new set for the funder.
  await page.goto(`${base}#/returns/sets`);
  await page.getByRole('button', { name: 'New set for a funder' }).press('Enter');
  const create = page.getByRole('form', { name: 'New indicator set' });
  await create.getByLabel('Funder').selectOption({ label: 'Towns Fund (Stevenage Town Deal)' });
  await create
    .getByLabel('Funding agreement')
    .selectOption({ label: 'Towns Fund 2026-27 grant (01/04/2026 to 31/03/2027)' });
  await typeInto(page, create.getByLabel('Set name'), 'Towns Fund 2026-27');
  await typeInto(page, create.getByLabel('Short code'), 'TF-2026');
  expect(await axeViolations(page)).toEqual([]);
  await create.getByRole('button', { name: 'Create set and build its indicators' }).press('Enter');

  // The editor opens on the starter indicator: make it young people starting, 16 to 24.
  const editor = page.getByRole('form', { name: /Edit Towns Fund 2026-27/ });
  await expect(editor).toBeVisible();
  const first = editor.getByRole('group', { name: 'IND-1' });
  await typeInto(page, first.getByLabel('Code', { exact: true }), 'TF-1');
  await typeInto(page, editor.getByRole('group', { name: 'TF-1' }).getByLabel('Title'), 'Young people starting');
  const one = editor.getByRole('group', { name: 'TF-1' });
  await one.getByLabel('What is counted').selectOption({ label: 'People starting on the programme' });
  await tick(page, one.getByRole('checkbox', { name: '16 to 24' }));
  // The starter indicator already counts only people whose eligibility is confirmed.
  await expect(one.getByRole('checkbox', { name: 'Only people whose eligibility is confirmed' })).toBeChecked();
  await expect(one.locator('p.sentence')).toContainText(
    'Participants who started in the period — people whose eligibility is confirmed, aged 16 to 24 at their start',
  );
  await expect(one.locator('p.sentence')).toContainText(
    'attributed to a funding stream of Towns Fund (Stevenage Town Deal)',
  );
  // Attending an event in the period, of a kind from the reference list; then taken off again.
  await tick(page, one.getByRole('checkbox', { name: 'Only people who attended an event in the period' }));
  await tick(page, one.getByRole('checkbox', { name: 'Careers fair' }));
  await expect(one.locator('p.sentence')).toContainText('who attended a careers fair in the period');
  await one.getByRole('checkbox', { name: 'Only people who attended an event in the period' }).press('Space');
  await expect(one.locator('p.sentence')).not.toContainText('attended');

  // A second indicator: job starts of 16 hours or more, verified, counted once per person.
  await editor.getByRole('button', { name: 'Add an indicator' }).press('Enter');
  const two = editor.getByRole('group', { name: 'New indicator 2' });
  await typeInto(page, two.getByLabel('Code', { exact: true }), 'TF-2');
  const second = editor.getByRole('group', { name: 'TF-2' });
  await typeInto(page, second.getByLabel('Title', { exact: true }), 'Jobs of 16 hours or more');
  await typeInto(
    page,
    second.getByLabel('Definition', { exact: true }),
    'People starting a job of 16 or more hours a week.',
  );
  await typeInto(page, second.getByLabel('Evidence required'), 'Payslip or employer letter.');
  await second.getByLabel('What is counted').selectOption('outcomes');
  await tick(page, second.getByRole('checkbox', { name: 'Job start', exact: true }));
  await typeInto(page, second.getByLabel(/At least this many hours a week/), '16');
  await tick(page, second.getByRole('checkbox', { name: 'TF-1: Young people starting' }));
  const sentence = second.locator('p.sentence');
  await expect(sentence).toContainText('Participants with a verified outcome of type Job start');
  await expect(sentence).toContainText('of 16 or more hours a week');
  await expect(sentence).toContainText('not if already counted under TF-1');
  if (shots) await page.screenshot({ path: `${shots}/rule-builder.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // The advanced view shows the same rule as JSON.
  await second.getByRole('checkbox', { name: 'Show the rule as JSON (advanced)' }).check();
  await expect(second.getByLabel('Counting rule (JSON)')).toHaveValue(/"minHoursPerWeek": 16/);

  await typeInto(page, editor.getByLabel('What changed in this version'), 'Built the 2026-27 indicators');
  await editor.getByRole('button', { name: /^Save as version 2/ }).press('Enter');
  await expect(page.getByRole('heading', { name: 'Towns Fund 2026-27, version 2' })).toBeVisible();
  const rows = page.getByRole('table').filter({ hasText: 'TF-1' });
  await expect(rows.getByText(/aged 16 to 24 at their start/)).toBeVisible();
  await expect(
    rows.getByText(/Counted as: Participants with a verified outcome of type Job start .*of 16 or more hours a week/),
  ).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // A return from it.
  await page.goto(`${base}#/returns/build`);
  await page
    .getByLabel('Indicator set')
    .selectOption({ label: 'Towns Fund 2026-27 (Towns Fund (Stevenage Town Deal)), version 2' });
  await page.getByLabel('Period type').selectOption('year');
  await page.getByLabel('Financial year').selectOption({ label: '2026-27' });
  await expect(page.getByText(/Towns Fund 2026-27, version 2, for/)).toBeVisible();
  await expect(page.getByRole('row', { name: /^TF-1 / })).toBeVisible();
  await expect(page.getByRole('row', { name: /^TF-2 / })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
