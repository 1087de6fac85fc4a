// Events and activities from the screen: an officer reaches Events from the navigation (empty
// state), adds a careers fair by keyboard, types its headcounts by age group, is told why a
// 14-year-old cannot be named, names an adult participant, sees the event on their timeline and
// on the dashboard's events card. axe-core on every new screen; 1366x768 (the config's viewport).
import { test, expect, axeViolations, startEmpty } from './fixtures';
import { aParticipant } from '../support/builders';
import type { Page } from '@playwright/test';

const todayUk = () => {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
};

async function noAxe(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

test('add an event by keyboard with headcounts and an adult attendee, seen on the timeline and dashboard', async ({
  appPage: page,
  app,
}) => {
  await startEmpty(page);
  const now = new Date().toISOString();
  const db = app.backend.store.db;
  await db
    .insertInto('organisations')
    .values({ name: 'North Herts College', kind: 'college', created_at: now, updated_at: now })
    .execute();
  await aParticipant(db, {
    first_name: 'Kemi',
    last_name: 'Adebayo',
    reference: 'SW-E2E001',
    date_of_birth: '1996-04-03',
  });
  const year = new Date().getFullYear();
  await aParticipant(db, {
    first_name: 'Kit',
    last_name: 'Young',
    reference: 'SW-E2E002',
    date_of_birth: `${year - 14}-01-01`,
  });
  await page.evaluate(() => {
    window.location.hash = '#/participants';
  });
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();

  // Alt+8 goes to Events.
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('heading', { name: 'Events and activities', level: 1 })).toBeVisible();
  await expect(page.getByText('No events yet.')).toBeVisible();
  await noAxe(page);

  await page.getByRole('button', { name: 'Add event' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Add event', level: 1 })).toBeVisible();
  await page.getByLabel('Kind of event').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Kind of event')).toHaveValue('careers_fair');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Stevenage construction careers fair');
  await page.keyboard.press('Tab');
  await page.keyboard.type(todayUk());
  await page.getByLabel('Organiser (optional)').focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Organiser (optional)')).toHaveValue(/\d+/);
  await page.getByLabel('Venue (optional)').focus();
  await page.keyboard.type('Stevenage Centre');
  await page.getByLabel('School (optional)').focus();
  await page.keyboard.type('Barclay Academy');
  await noAxe(page);
  await page.getByRole('button', { name: 'Save event' }).focus();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Stevenage construction careers fair', level: 1 })).toBeVisible();
  await expect(page.getByText(`Careers fair · ${todayUk()}`)).toBeVisible();
  await expect(page.getByText('No participants named yet.')).toBeVisible();
  await noAxe(page);

  // Headcounts: one row per age group to start with, in a table whose columns name the boxes.
  const headcounts = page.getByRole('table', { name: 'Headcounts by age group' });
  await expect(headcounts.getByRole('columnheader')).toHaveText(['Age group', 'School (optional)', 'People', 'Remove']);
  await page.getByLabel('People, row 2', { exact: true }).fill('thirty');
  await page.getByRole('button', { name: 'Save headcounts' }).press('Enter');
  await expect(headcounts.getByRole('row').nth(2)).toContainText('Enter the number of people as a whole number');
  await noAxe(page);
  await page.getByLabel('People, row 2', { exact: true }).fill('30');
  await page.getByLabel('People, row 4', { exact: true }).fill('5');
  await expect(page.getByText('Total: 35 people')).toBeVisible();
  await page.getByRole('button', { name: 'Save headcounts' }).press('Enter');
  await expect(page.getByText('Headcounts saved: 35 people.')).toBeVisible();

  // A 14-year-old is refused, with the reason on the field.
  const search = page.getByLabel('Participant', { exact: true });
  await search.fill('Young');
  await page.getByRole('button', { name: /Add Kit Young/ }).press('Enter');
  await expect(page.locator('.error-message')).toContainText('Under 16 on the day of the event');
  await noAxe(page);
  await search.fill('Adebayo');
  await page.getByRole('button', { name: /Add Kemi Adebayo/ }).press('Enter');
  await expect(page.getByRole('link', { name: 'Kemi Adebayo' })).toBeVisible();
  await noAxe(page);

  // On her timeline.
  await page.getByRole('link', { name: 'Kemi Adebayo' }).press('Enter');
  await expect(page.getByText('Attended Stevenage construction careers fair (Careers fair)')).toBeVisible();

  // On the dashboard.
  await page.keyboard.press('Alt+5');
  const events = page.getByRole('list', { name: /Events and activities/ });
  await expect(events.getByText('Events and activities held')).toBeVisible();
  await expect(events.locator('.figure').first()).toHaveText('1');
  await expect(events.locator('.figure').nth(1)).toHaveText('35');
  await expect(events.getByText('Careers fair: 1')).toBeVisible();
  await noAxe(page);

  // The grid lists it under This month.
  await page.keyboard.press('Alt+8');
  await expect(page.getByRole('gridcell', { name: 'Stevenage construction careers fair' })).toBeVisible();
});
