// Settings → Reference lists at 1366x768 (issue 20, no dead ends): an administrator reaches it
// from the navigation, adds a barrier, retires one that people hold (never deleted), sees the
// lists kept elsewhere linked (funding streams in Returns → Funding and targets), by keyboard,
// axe-clean; the participant form offers the new barrier.
import { test, expect, axeViolations, startWithDemo } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

test('an administrator manages barriers in Settings → Reference lists', async ({ appPage: page }) => {
  await startWithDemo(page);
  await page.keyboard.press('Alt+7');
  await page.getByRole('link', { name: 'Reference lists' }).click();
  await expect(page.getByRole('heading', { name: 'Reference lists', level: 2 })).toBeVisible();
  const barriers = page.getByRole('region', { name: 'Barriers to work' });
  await expect(barriers.getByRole('row', { name: /Ex-offender/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await barriers.getByLabel('Add a barrier').fill('Caring responsibilities');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Caring responsibilities added')).toBeVisible();
  await expect(barriers.getByRole('row', { name: /Caring responsibilities/ })).toContainText('Nobody');

  // A barrier people hold is retired, not deleted: it says how many have it.
  const esol = barriers.getByRole('row', { name: /English/ }).first();
  await esol.getByRole('button', { name: /^Retire / }).click();
  await expect(esol).toContainText('Retired');
  await expect(esol.getByRole('button', { name: /^Bring back / })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Funding streams are managed in Returns → Funding and targets, linked from here.
  await page.getByRole('link', { name: 'Returns → Funding and targets' }).click();
  await expect(page.getByRole('heading', { name: 'Returns', level: 1 })).toBeVisible();

  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
  await page.keyboard.press('Control+N');
  await expect(page.getByRole('heading', { name: 'New participant', level: 1 })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Caring responsibilities' })).toBeVisible();
});

test('referral sources and evidence types are managed in Settings and offered by the forms', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  await page.keyboard.press('Alt+7');
  await page.getByRole('link', { name: 'Reference lists' }).click();
  const sources = page.getByRole('region', { name: 'Referral sources' });
  await expect(sources.getByRole('row', { name: /Jobcentre Plus work coach/ })).toBeVisible();
  await sources.getByLabel('Add a referral source').fill('Council housing team');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Council housing team added')).toBeVisible();
  await expect(sources.getByRole('row', { name: /Council housing team/ })).toContainText('Not used');
  // Retired, never deleted: the people referred by an employer keep it.
  const employer = sources.getByRole('row', { name: /^Employer/ });
  await employer.getByRole('button', { name: 'Retire Employer' }).click();
  await expect(employer).toContainText('Retired');

  const kinds = page.getByRole('region', { name: 'Evidence types' });
  await kinds.getByRole('button', { name: 'Rename Payslip' }).click();
  await page.getByLabel('New label').fill('Payslip or pay statement');
  await page.keyboard.press('Enter');
  await expect(kinds.getByRole('row', { name: /Payslip or pay statement/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const audited = await app.backend.store.db
    .selectFrom('audit_log')
    .select('summary')
    .where('entity', '=', 'reference_item')
    .execute();
  expect(audited.map((a) => a.summary)).toEqual(
    expect.arrayContaining([
      'Referral source “Council housing team” added',
      'Evidence type “Payslip” renamed “Payslip or pay statement”',
    ]),
  );

  // The participant form offers the new source, not the retired one.
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Control+N');
  const source = page.getByLabel('Referral source');
  await expect(source.getByRole('option', { name: 'Council housing team' })).toHaveCount(1);
  await expect(source.getByRole('option', { name: 'Employer' })).toHaveCount(0);

  // The evidence form offers the renamed type.
  const outcome = await app.backend.store.db
    .selectFrom('outcomes')
    .select('id')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  await page.goto(`${app.harness.url.split('#')[0]}#/outcomes/outcomes/${outcome.id}`);
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByLabel('Kind of evidence').selectOption({ label: 'Payslip or pay statement' });
  await page.getByRole('button', { name: 'Add evidence' }).last().click();
  await expect(page.getByText('Evidence added.')).toBeVisible();
  await expect(page.getByText('Payslip or pay statement').first()).toBeVisible();
});
