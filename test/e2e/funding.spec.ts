// Funding from the navigation, as staff would: Returns › Funding and targets (funders, agreements,
// streams and projects, a target and half-year profile set by an administrator), then a person's
// Funding tab, where an officer changes the stream an item is attributed to with a reason; the
// return builder refuses to pretend UKSPF is live after its agreement ended. axe finds nothing.
import { test, expect, axeViolations, startWithDemo } from './fixtures';

test('funding streams, targets and attribution changes', async ({ appPage: page, app }) => {
  await startWithDemo(page);
  await page.goto(`${app.harness.url.split('#')[0]}#/returns`);
  await page
    .getByRole('navigation', { name: 'Returns sections' })
    .getByRole('link', { name: 'Funding and targets' })
    .click();
  await expect(page.getByRole('heading', { name: 'Funding', level: 2 })).toBeVisible();
  const agreements = page.getByRole('table', { name: 'Funders and their funding agreements' });
  await expect(
    agreements.getByRole('row', { name: /UKSPF People & Skills 2022-2026 01\/04\/2022 31\/03\/2026/ }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Funding streams and their projects' })).toContainText(
    'UKSPF CSCS route (E38)',
  );
  expect(await axeViolations(page)).toEqual([]);

  // A target and a half-year profile for one UKSPF indicator.
  await page.getByLabel('Indicator set').selectOption({ label: 'UKSPF People & Skills (UK Shared Prosperity Fund)' });
  await page.getByRole('button', { name: 'Set target of UKSPF-O1' }).click();
  const form = page.getByRole('form', { name: 'Target and profile for UKSPF-O1' });
  await form.getByLabel('Target for the whole agreement').fill('400');
  await form.getByLabel('Profile by').selectOption('half');
  await form.getByLabel(/^2025-26 H1/).fill('60');
  await form.getByLabel(/^2025-26 H2/).fill('60');
  expect(await axeViolations(page)).toEqual([]);
  await form.getByRole('button', { name: 'Save target' }).click();
  const targets = page.getByRole('table', { name: /Targets and profiles of UKSPF/ });
  await expect(targets.getByRole('row', { name: /UKSPF-O1/ })).toContainText('400');
  await expect(targets.getByRole('row', { name: /UKSPF-O1/ })).toContainText('01/10/2025 to 31/03/2026: 60');

  // The return builder shows it against the profile, and warns outside the agreement.
  await page.goto(`${app.harness.url.split('#')[0]}#/returns/build`);
  // Opened with no set chosen, it counts one whose agreement covers this year's period, not UKSPF
  // (closed in March 2026), which could only show that it cannot be built.
  await expect(page.getByText(/, version \d+, for Financial year/)).toBeVisible();
  await expect(page.getByLabel('Indicator set').locator('option:checked')).not.toHaveText(/^UKSPF/);
  await expect(page.getByText(/cannot be built for/)).toHaveCount(0);
  await page
    .getByLabel('Indicator set')
    .selectOption({ label: 'UKSPF People & Skills (UK Shared Prosperity Fund), version 2' });
  await page.getByLabel('Period type').selectOption('year');
  await page.getByLabel('Financial year').selectOption({ label: '2025-26' });
  await expect(page.getByRole('row', { name: /^UKSPF-O1 / }).getByText(/^(Green|Amber|Red):/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // A person's Funding tab: spells, and an officer's change of attribution with a reason.
  const person = await app.backend.store.db
    .selectFrom('outcomes')
    .select('participant_id')
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  await page.goto(`${app.harness.url.split('#')[0]}#/participants/${person.participant_id}/notes`);
  await page.getByRole('tab', { name: 'Funding' }).click();
  await expect(page.getByRole('heading', { name: 'Funding spells' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What each item is attributed to' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  {
    await page
      .getByRole('button', { name: /^Change the funding stream of outcome/ })
      .first()
      .click();
    const attr = page.getByRole('form', { name: /^Change the funding stream of/ });
    await attr.getByLabel('Funding stream').selectOption({ index: 1 });
    await attr.getByRole('button', { name: 'Save attribution' }).click();
    await expect(page.getByRole('alert').getByText(/Say why/)).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await attr.getByLabel('Reason').fill('Paid from this stream per the grant letter');
    await attr.getByRole('button', { name: 'Save attribution' }).click();
    await expect(page.getByText(/Changed .*Paid from this stream per the grant letter/)).toBeVisible();
    // The change is audited against the outcome (the summary is encrypted at rest).
    const audit = await app.backend.store.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ entity: 'outcome', action: 'update' });
  }
});
