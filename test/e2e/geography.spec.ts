// Where people live, as an administrator and an officer meet it: the synthetic ONS files (never
// real addresses) loaded in Settings → Geography through the file input, the participant's page
// then showing their ward and deprivation decile, the local area setting, the records-to-review
// list, and the dashboard's and the return's breakdowns by ward and decile. axe-core on each screen.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, axeViolations, scrollFormToMiddle, startEmpty, startWithDemo } from './fixtures';
import { participantValues } from '../support/builders';
import { GEOGRAPHY_FIXTURES, fixtureFiles } from '../support/geography';

async function noAxe(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

async function openRoute(page: Page, route: string) {
  await page.evaluate((r) => {
    window.location.hash = r;
  }, route);
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
}

/** Chooses a fixture in the file input, loads it and waits for the job's message. */
async function loadFile(page: Page, fileName: string, expected: RegExp) {
  await page.getByLabel('File from ONS (CSV)').setInputFiles(path.join(GEOGRAPHY_FIXTURES, fileName));
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByText(expected)).toBeVisible({ timeout: 30_000 });
}

test('load the postcode directory in Settings and see the ward on a participant’s page', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(120_000);
  await startEmpty(page, 'Jo Admin');
  // Someone registered before any directory was loaded: their postcode is worked out on the load.
  const person = await app.backend.store.db
    .insertInto('participants')
    .values(
      participantValues({ first_name: 'Kemi', last_name: 'Adebayo', postcode: 'SG1 1CC', postcode_district: 'SG1' }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();

  await openRoute(page, '#/settings');
  await page.getByRole('link', { name: 'Geography' }).click();
  await expect(page.getByRole('heading', { name: 'Geography', level: 2 })).toBeVisible();
  await expect(page.getByText('No postcode directory is loaded yet.')).toBeVisible();
  await noAxe(page);

  // Loading without a file is refused beside the field.
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose the file to load');

  // A file that is not an ONS file gets a clear message.
  await page.getByLabel('File from ONS (CSV)').setInputFiles({
    name: 'partners.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,address\nA Person,1 Street\n'),
  });
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByRole('alert')).toContainText(/column/i);

  await loadFile(page, fixtureFiles.wardNames, /^WD24, May 2024 loaded: 22 rows/);
  await loadFile(page, fixtureFiles.laNames, /^LAD24, May 2024 loaded: 5 rows/);
  await loadFile(page, fixtureFiles.iod2025, /^IoD2025.* loaded: \d+ rows/);
  await loadFile(page, fixtureFiles.nspl, /^NSPL.* loaded: [\d,]+ rows.*worked out again where 1 person lives/);
  await expect(page.getByRole('row', { name: /Postcode directory/ })).toContainText('NSPL21_FEB_2025_UK_synthetic.csv');
  await expect(page.getByRole('table', { name: 'Every geography file loaded, newest first' })).toBeVisible();
  await noAxe(page);

  // The local area is a setting: Stevenage by default, editable.
  await expect(page.getByRole('checkbox', { name: /Stevenage \(E07000243\)/ })).toBeChecked();
  await page.getByRole('checkbox', { name: /North Hertfordshire/ }).check();
  await page.getByRole('button', { name: 'Save local area' }).click();
  await expect(page.getByText(/Local area saved/)).toBeVisible();
  await page.getByRole('checkbox', { name: /North Hertfordshire/ }).uncheck();
  await page.getByRole('button', { name: 'Save local area' }).click();
  await expect(page.getByText(/Local area saved/).last()).toBeVisible();

  // The participant's page shows where they live.
  await openRoute(page, `#/participants/${person.id}`);
  await expect(page.getByRole('heading', { name: /Kemi Adebayo/, level: 1 })).toBeVisible();
  await expect(page.getByTestId('participant-ward')).toHaveText('Bedwell');
  await expect(page.getByLabel('Where they live')).toContainText('Deprivation decile (IMD)');
  await expect(page.getByLabel('Where they live')).toContainText('Local');
  await noAxe(page);
});

test('on a demo programme: records to review, and starts and outcomes by ward and decile', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(180_000);
  await startWithDemo(page);

  // The new-participant form: where a postcode is, a terminated one warned about, the two-step
  // disability question, and the labour-market status checked against time out of work.
  await page.keyboard.press('Control+N');
  await expect(page.getByRole('heading', { name: 'New participant', level: 1 })).toBeVisible();
  const postcode = page.getByLabel('Postcode', { exact: true });
  await postcode.fill('SG1 1CC');
  await expect(page.getByText(/Bedwell ward · deprivation decile/)).toBeVisible();
  await postcode.fill('SG1 1KM');
  await expect(page.locator('#postcode-warning')).toContainText('Check the postcode:');
  await page.getByRole('checkbox', { name: 'No fixed abode' }).check();
  await expect(page.getByLabel('Postcode for letters (optional)')).toBeVisible();
  await expect(page.locator('#postcode-warning')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'No fixed abode' }).uncheck();
  const impact = page.getByRole('group', { name: /reduce your ability to carry out day-to-day activities/ });
  await expect(impact).toHaveCount(0);
  await page
    .getByRole('group', { name: /physical or mental health conditions or illnesses lasting/ })
    .getByRole('radio', { name: 'Yes', exact: true })
    .check();
  await expect(impact.getByRole('radio', { name: /a lot/ })).toBeVisible();
  await page.getByLabel('Date of birth').fill('1/6/2004');
  await page.getByLabel('Labour-market status').selectOption('unemployed');
  await page.getByLabel('Time out of work').selectOption('6_to_12_months');
  await expect(page.locator('#labour-market-prompt')).toContainText('under 25');
  await page.locator('#labour-market-prompt').getByRole('button').click();
  await expect(page.getByLabel('Labour-market status')).toHaveValue('long_term_unemployed');
  await expect(page.locator('#labour-market-prompt')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Universal Credit' }).check();
  await expect(page.getByLabel('Universal Credit conditionality regime')).toBeVisible();
  // Scrolled to the middle: the Save bar is below the form's scrolling region, so nothing is under it.
  await scrollFormToMiddle(page);
  await noAxe(page);

  await page.goto(`${app.harness.url.split('#')[0]}#/participants`);
  await page.getByRole('link', { name: 'Records to review' }).click();
  await expect(page.getByRole('heading', { name: 'Records to review', level: 1 })).toBeVisible();
  await noAxe(page);

  await page.goto(`${app.harness.url.split('#')[0]}#/returns`);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  await expect(page.getByText('Starts and outcomes by ward', { exact: true })).toBeVisible();
  await page.getByText('Starts and outcomes by ward: data table').click();
  const wardTable = page.getByRole('table', { name: 'Starts and outcomes by ward data' });
  await expect(wardTable).toBeVisible();
  await expect(wardTable.getByRole('rowheader').first()).not.toBeEmpty();
  await page.getByText(/by deprivation decile \(IMD, 1 = most deprived\): data table/).click();
  await expect(page.getByRole('table', { name: /by deprivation decile.*data/ })).toBeVisible();
  await noAxe(page);

  // The return builder: where the people a return counts live.
  await page
    .getByRole('navigation', { name: 'Returns sections' })
    .getByRole('link', { name: 'Return builder' })
    .click();
  await page
    .getByLabel('Indicator set')
    .selectOption({ label: 'UKSPF People & Skills (UK Shared Prosperity Fund), version 2' });
  await page.getByLabel('Period type').selectOption('year');
  await page.getByLabel('Financial year').selectOption({ label: '2025-26' });
  await page.getByText('Where the people counted live (by ward and deprivation decile)').click();
  const byWard = page.getByRole('table', { name: 'People counted by ward' });
  await expect(byWard).toBeVisible();
  await expect(byWard.getByRole('row')).not.toHaveCount(1);
  await expect(page.getByRole('table', { name: /People counted by deprivation decile/ })).toBeVisible();
  await noAxe(page);
});
