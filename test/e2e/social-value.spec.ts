// Social value and Section 106 from the screen: an officer records a planning obligation with its
// application reference, a trigger date and two measures, records community investment received
// and sees the progress move, downloads the monitoring report, and sees the money on the
// dashboard's headline figures. axe-core on every new screen; 1366x768 (the config's viewport).
import { test, expect, axeViolations, startEmpty } from './fixtures';
import { aParticipant } from '../support/builders';
import type { Page } from '@playwright/test';

const today = () => {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
};

async function noAxe(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

test('record a Section 106 obligation with a payment and see its progress', async ({ appPage: page, app }) => {
  await startEmpty(page);
  const now = new Date().toISOString();
  await app.backend.store.db
    .insertInto('organisations')
    .values({ name: 'Queensway Homes', kind: 'contractor', sector: 'construction', created_at: now, updated_at: now })
    .execute();
  // With nobody registered the app shows its welcome screen instead of the navigation.
  await aParticipant(app.backend.store.db, { first_name: 'Kemi', last_name: 'Adebayo', reference: 'SW-E2E001' });
  await page.evaluate(() => {
    window.location.hash = '#/participants';
  });
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();

  await page.getByRole('link', { name: 'Placements & outcomes' }).click();
  await page
    .getByRole('navigation', { name: 'Placements and outcomes sections' })
    .getByRole('link', { name: 'Contracts & S106' })
    .click();
  await expect(page.getByRole('heading', { name: 'Social value and Section 106', level: 1 })).toBeVisible();
  await expect(page.getByText('No contracts yet')).toBeVisible();
  await noAxe(page);

  await page.getByRole('button', { name: 'Add contract' }).click();
  await page.getByLabel('Contract name').fill('Queensway housing development');
  await page.getByLabel('Kind', { exact: true }).selectOption('s106');
  await page.getByLabel('Planning application reference').fill('23/00512/FPM');
  await page.getByLabel('Clause or schedule (optional)').fill('Schedule 4');
  await page.getByLabel('Contractor').selectOption({ label: 'Queensway Homes' });
  await page.getByRole('button', { name: 'Add trigger date' }).click();
  await page.getByLabel('Trigger 1', { exact: true }).fill('Commencement of development');
  await page.getByLabel('Due (optional)').fill('05/01/2026');
  await page.getByLabel('Target').first().fill('4');
  await page.getByRole('button', { name: 'Add commitment' }).click();
  await page.getByLabel('Commitment 2', { exact: true }).selectOption('community_investment');
  await page.getByLabel('Target (£)').fill('10000');
  await noAxe(page);
  await page.getByRole('button', { name: 'Save contract' }).click();

  await expect(page.getByRole('heading', { name: 'Queensway housing development', level: 1 })).toBeVisible();
  await expect(page.getByText('23/00512/FPM')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Commencement of development' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '05/01/2026' })).toBeVisible();
  await expect(page.getByText('No payments recorded yet.')).toBeVisible();
  const money = page.getByRole('progressbar', { name: 'Community investment' });
  await expect(money).toHaveAttribute('aria-valuetext', '£0.00 of £10,000.00');
  await noAxe(page);

  // A payment: the form says what is missing first, then records it.
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('alert').first()).toContainText('Choose what the money is');
  await page.getByLabel('Kind', { exact: true }).selectOption('community_investment');
  await page.getByLabel('Received on').fill(today());
  await page.getByLabel('Amount (£)').fill('2500');
  await page.getByLabel('What it is for (optional)').fill('Bedwell community garden');
  await page.getByRole('button', { name: 'Record payment' }).press('Enter');
  await expect(page.getByRole('cell', { name: 'Bedwell community garden' })).toBeVisible();
  await expect(money).toHaveAttribute('aria-valuetext', '£2,500.00 of £10,000.00');
  await expect(money).toHaveAttribute('aria-valuenow', '25');
  await noAxe(page);

  // A payment typed wrongly is corrected (audited with before and after).
  await page.getByRole('button', { name: /^Change payment of £2,500.00/ }).click();
  await expect(page.getByRole('heading', { name: 'Change the payment' })).toBeVisible();
  await page.getByLabel('Amount (£)').fill('3000');
  await noAxe(page);
  await page.getByRole('button', { name: 'Save payment' }).press('Enter');
  await expect(money).toHaveAttribute('aria-valuetext', '£3,000.00 of £10,000.00');
  await expect(page.getByRole('heading', { name: 'Record a payment' })).toBeVisible();

  // The monitoring report for the planning team
  await page.getByLabel('From', { exact: true }).fill('01/01/2026');
  await page.getByLabel('To', { exact: true }).fill('31/12/2027');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download monitoring report' }).click();
  expect((await download).suggestedFilename()).toBe('monitoring-23-00512-FPM-2026-01-01-to-2027-12-31.xlsx');

  // The dashboard's headline
  await page.getByRole('link', { name: 'Returns' }).first().click();
  const card = page.getByRole('list', { name: 'Headline figures' }).getByRole('listitem').filter({
    hasText: 'Investment into local community projects',
  });
  await expect(card).toContainText('£3,000.00');
  await noAxe(page);
});

test('add a keyworker plan step and contact and see them on the timeline', async ({ appPage: page, app }) => {
  await startEmpty(page);
  const id = await aParticipant(app.backend.store.db, {
    first_name: 'Kemi',
    last_name: 'Adebayo',
    reference: 'SW-E2E002',
  });
  await page.evaluate((pid) => {
    window.location.hash = `#/participants/${pid}/keyworker`;
  }, id);
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await expect(page.getByRole('tab', { name: 'Keyworker' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('No action plan yet')).toBeVisible();
  await expect(page.getByText('No keyworker contacts recorded yet.')).toBeVisible();
  await noAxe(page);

  await page.getByLabel('Part of the plan').selectOption('step');
  await page.getByLabel('What', { exact: true }).fill('Book the HS&E test');
  await page.getByLabel('Due (optional)').fill('01/12/2026');
  await page.getByRole('button', { name: 'Add to plan' }).click();
  await expect(page.getByRole('cell', { name: 'Book the HS&E test', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: '01/12/2026' })).toBeVisible();
  await page.getByRole('button', { name: 'Mark done: Book the HS&E test' }).click();
  await expect(page.getByRole('button', { name: 'Mark done: Book the HS&E test' })).toHaveCount(0);

  await page.getByLabel('Date of contact').fill(today());
  await page.getByLabel('How', { exact: true }).selectOption('face_to_face');
  await page.getByLabel('Minutes (optional)').fill('45');
  await page.getByLabel('Notes (optional)').fill('Prepared for the Wates interview');
  await page.getByRole('button', { name: 'Record contact' }).click();
  await expect(page.getByRole('cell', { name: 'Prepared for the Wates interview' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Face to face' })).toBeVisible();
  await noAxe(page);

  await page.getByRole('tab', { name: 'Timeline' }).click();
  await expect(page.getByText(/^Keyworker contact with Jo Officer/)).toBeVisible();
  await expect(page.getByText('Face to face, 45 minutes')).toBeVisible();
  await expect(page.getByText('Next step added to the keyworker plan')).toBeVisible();
  await noAxe(page);
});
