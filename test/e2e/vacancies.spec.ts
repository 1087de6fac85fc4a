// The middle of the loop as an officer runs it: add a vacancy, put three site-ready people forward
// (the fit check shown first), book and record their interviews, make one an offer, record the
// start, and see the start outcome on the person's timeline and the pathway funnel move. Then the
// candidates grid's presets and the employer engagement log. axe on every screen; by keyboard.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, axeViolations, startWithDemo } from './fixtures';
import { activeSheetRows } from '../support/openpyxl';
import { countFunnel } from '../../db/features/returns/dashboard.repository';
import { formatUkDate } from '../../shared/domain/dates';

test('shortlist three site-ready people, interviews, an offer, a start, the outcome and the funnel', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(300_000);
  const db = app.backend.store.db;
  await startWithDemo(page);
  const before = await countFunnel(db, '2000-01-01', '2100-12-31');
  const today = formatUkDate(new Date().toISOString().slice(0, 10));

  // Alt+3 goes to Vacancies; the open preset lists the demo's open vacancies.
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Vacancies', level: 1 })).toBeFocused();
  await expect(page.getByText(/\d+ vacancies/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // A new vacancy: an empty form names what is missing.
  await page.getByRole('button', { name: 'Add vacancy' }).click();
  await page.getByRole('button', { name: 'Save vacancy' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose the employer');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Employer').selectOption({ index: 1 });
  await page.getByLabel('Job title').fill('Groundworker (journey)');
  await page.getByLabel('Kind of vacancy').selectOption('job');
  await page.getByLabel('Number of places').fill('2');
  await page.getByRole('button', { name: 'Save vacancy' }).click();
  await expect(page.getByRole('heading', { name: 'Groundworker (journey)', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Nobody put forward yet' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Put three site-ready people forward: each shows the fit check before they are chosen.
  const choose = page.getByRole('group', { name: 'Choose who to put forward' });
  await expect(choose).toBeVisible();
  const good = choose.locator('label').filter({ hasText: 'Good fit' });
  await expect(good.nth(2)).toBeVisible();
  await expect(good.first()).toContainText('Site ready');
  const names: string[] = [];
  for (let i = 0; i < 3; i++) {
    const label = good.nth(i);
    names.push((await label.locator('strong').textContent()) ?? '');
    await label.locator('input[type=checkbox]').check();
  }
  await page.getByRole('button', { name: 'Put forward 3 people' }).click();
  await expect(page.getByText('3 people put forward.')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Candidates (3)' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const pipeline = page.getByRole('region', { name: 'Candidates (3)' });
  const move = async (name: string, stage: string, date: string, extra?: () => Promise<void>) => {
    await page.getByRole('button', { name: `Move ${name} to another stage` }).click();
    await page.getByLabel('Stage', { exact: true }).selectOption({ label: stage });
    await page.locator('#field-move\\.on').fill(date);
    if (extra) await extra();
    await page.getByRole('button', { name: 'Save stage' }).click();
    await expect(page.getByRole('heading', { name: `Move ${name}` })).toHaveCount(0);
  };

  // Book and record the three interviews, by keyboard for the first.
  for (const name of names) await move(name, 'Interview booked', today);
  await expect(pipeline.getByText('Interview booked')).toHaveCount(3);
  await page.getByRole('button', { name: `Move ${names[0]} to another stage` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Move ${names[0]}` })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  for (const name of names) await move(name, 'Interviewed', today);

  // One is offered and starts; one declines (a reason is required); one is unsuccessful.
  await move(names[0]!, 'Offered', today);
  await move(names[0]!, 'Accepted', today);
  await move(names[0]!, 'Started', today);
  await expect(page.getByText(`${names[0]} has started; the start outcome was recorded.`)).toBeVisible();
  await move(names[1]!, 'Offered', today);
  await page.getByRole('button', { name: `Move ${names[1]} to another stage` }).click();
  await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Declined' });
  await page.locator('#field-move\\.on').fill(today);
  await page.getByRole('button', { name: 'Save stage' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Why did they decline?').fill('Took a job nearer home');
  await page.getByRole('button', { name: 'Save stage' }).click();
  await move(names[2]!, 'Unsuccessful', today, () =>
    page.getByLabel('Why were they unsuccessful?').fill('Another candidate had more experience'),
  );
  await expect(pipeline.getByRole('link', { name: /Outcome #\d+/ })).toHaveCount(1);
  expect(await axeViolations(page)).toEqual([]);

  // Moving the starter back and forward again never records a second outcome.
  await move(names[0]!, 'Accepted', today);
  await move(names[0]!, 'Started', today);
  await expect(pipeline.getByRole('link', { name: /Outcome #\d+/ })).toHaveCount(1);

  // The start outcome is on the starter's timeline.
  await pipeline.getByRole('link', { name: names[0]! }).click();
  await expect(page.getByText('Started Groundworker (journey)', { exact: false }).first()).toBeVisible();
  await expect(page.getByText(/Outcome: Job/).first()).toBeVisible();

  // The funnel moved (people are counted once each, so a person put forward before adds nothing):
  // never down, and up in total.
  const after = await countFunnel(db, '2000-01-01', '2100-12-31');
  expect({
    submitted: after.submitted >= before.submitted,
    interviewed: after.interviewed >= before.interviewed,
    offered: after.offered >= before.offered,
  }).toEqual({ submitted: true, interviewed: true, offered: true });
  expect(after.offered + after.interviewed + after.submitted).toBeGreaterThan(
    before.offered + before.interviewed + before.submitted,
  );

  // The candidates grid with its presets; the employer engagement log.
  await page.keyboard.press('Alt+3');
  await page.getByRole('link', { name: 'Candidates' }).click();
  await expect(page.getByRole('heading', { name: 'Candidates', level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('link', { name: 'Employer engagement' }).click();
  await expect(page.getByRole('heading', { name: 'Employer engagement', level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // A pledge recorded on the employer's own page, in its engagement log.
  await page.getByRole('main').getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: 'Engagement', level: 2 })).toBeVisible();
  const engagement = page.getByRole('region', { name: 'Engagement' });
  await engagement.getByRole('button', { name: 'Record engagement' }).click();
  await engagement.getByLabel('Kind', { exact: true }).selectOption({ label: 'Pledge' });
  await engagement.getByLabel('Date', { exact: true }).fill(today);
  await engagement.getByLabel('What happened').fill('Pledged two more apprenticeships at the depot');
  await engagement.getByLabel('What was pledged').fill('Two apprenticeships');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save engagement' }).click();
  await expect(page.getByText('Engagement saved.')).toBeVisible();
  await expect(page.getByText('Pledged two more apprenticeships at the depot')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('an apprenticeship vacancy asks for its standard and a level from 2 to 7, and keeps them', async ({
  appPage: page,
}) => {
  await startWithDemo(page);
  await page.keyboard.press('Alt+3');
  await page.getByRole('button', { name: 'Add vacancy' }).click();
  await page.getByLabel('Employer').selectOption({ index: 1 });
  await page.getByLabel('Job title').fill('Apprentice bricklayer');
  await page.getByLabel('Kind of vacancy').selectOption('apprenticeship');
  await page.getByLabel('Number of places').fill('1');
  await page.getByRole('button', { name: 'Save vacancy' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Enter the apprenticeship standard');
  await expect(summary).toContainText('Enter the level as a number from 2 to 7');
  await page.getByLabel('Apprenticeship standard').fill('Bricklayer');
  await page.getByLabel('Level (2 to 7)').fill('9');
  await page.getByRole('button', { name: 'Save vacancy' }).click();
  await expect(summary).toContainText('Apprenticeship levels run from 2 to 7');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Level (2 to 7)').fill('2');
  await page.getByRole('button', { name: 'Save vacancy' }).click();
  await expect(page.getByRole('heading', { name: 'Apprentice bricklayer', level: 1 })).toBeVisible();
  await expect(page.getByText('Bricklayer (level 2)')).toBeVisible();
});

test('the vacancies and candidates grids export their view as a job, read back by openpyxl and audited', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vacancy-export-'));
  for (const [link, stem, header] of [
    ['Vacancies', 'vacancies', 'Job title'],
    ['Candidates', 'candidates', 'Reference'],
  ] as const) {
    await page.keyboard.press('Alt+3');
    if (link === 'Candidates') await page.getByRole('link', { name: 'Candidates' }).click();
    await expect(page.getByRole('heading', { name: link, level: 1 })).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export this view (xlsx)' }).click();
    const file = path.join(dir, `${stem}.xlsx`);
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(new RegExp(`^${stem}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    await saved.saveAs(file);
    const said = await page.getByText(new RegExp(`^Exported [\\d,]+ rows? to ${stem}-`)).textContent();
    const rows = activeSheetRows(new Uint8Array(fs.readFileSync(file)), dir);
    const headerAt = rows.findIndex((r) => r[0] === header);
    // The toast's count is the file's: every row of the view under the header.
    expect(`${rows.length - headerAt - 1}`).toBe(said!.match(/Exported ([\d,]+)/)![1]!.replace(/,/g, ''));
    expect(rows.length - headerAt - 1).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
  }
  const audited = await app.backend.store.db
    .selectFrom('audit_log')
    .select('entity')
    .where('action', '=', 'export')
    .orderBy('id')
    .execute();
  expect(audited.map((a) => a.entity)).toEqual(['vacancy', 'vacancy_candidate']);
});
