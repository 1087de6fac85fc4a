// Targets on the dashboard and a return outside its agreement, as staff would meet them: the
// dashboard shows each indicator of the chosen set with this period, cumulative, target, profile
// to date and variance with its marker in words (the return builder's figures), with its chart
// and data table; the return builder refuses UKSPF for October-December 2026 (the fund closed on
// 31 March 2026) with the reason, and nothing can be exported or submitted. axe finds nothing.
import { test, expect, axeViolations, startWithDemo } from './fixtures';
import { exportToEnd } from '../../db/features/export/export-job';

const shots = process.env.RETURNS_SHOTS;

test('targets on the dashboard; UKSPF after its agreement is refused', async ({ appPage: page, app }) => {
  await startWithDemo(page);
  const base = app.harness.url.split('#')[0];
  await page.goto(`${base}#/returns?from=2025-04-01&to=2026-03-31`);
  await expect(page.getByRole('heading', { name: 'Targets and profiles', level: 3 })).toBeVisible();
  await page
    .getByLabel('Indicator set', { exact: true })
    .selectOption({ label: 'UKSPF People & Skills (UK Shared Prosperity Fund)' });
  const table = page.getByRole('table', {
    name: 'Targets and profiles of UKSPF People & Skills, Financial year 2025-26',
  });
  await expect(table.getByRole('columnheader')).toHaveText([
    'Indicator',
    'This period',
    'Cumulative',
    'Target',
    'Profile to date',
    'Variance',
  ]);
  const o1 = table.getByRole('row', { name: /^UKSPF-O1:/ });
  await expect(o1.getByText(/^(Green: at or above profile|Amber: within .*|Red: more than .*)$/)).toBeVisible();

  // The same figures as the return builder's for the set and period.
  const staff = await app.backend.store.db.selectFrom('staff').selectAll().executeTakeFirstOrThrow();
  app.backend.client('e2e-check').session = {
    staff: { id: staff.id, displayName: staff.display_name, role: staff.role, isActive: true, hasPassword: false },
    startedAt: new Date().toISOString(),
  };
  const computed = await app.backend.call('e2e-check', 'returns.compute', {
    setId: (
      await app.backend.store.db
        .selectFrom('indicator_sets')
        .select('id')
        .where('code', '=', 'UKSPF-PS')
        .executeTakeFirstOrThrow()
    ).id,
    from: '2025-04-01',
    to: '2026-03-31',
    warnings: false,
  });
  if (!computed.ok) throw new Error(computed.error.message);
  const first = computed.value.indicators.find((i) => i.code === 'UKSPF-O1')!;
  const cells = o1.getByRole('cell');
  await expect(cells.nth(0)).toHaveText(first.count.toLocaleString('en-GB'));
  await expect(cells.nth(1)).toHaveText(first.cumulative.toLocaleString('en-GB'));
  await expect(cells.nth(2)).toHaveText(first.target!.toLocaleString('en-GB'));
  await expect(cells.nth(3)).toHaveText(first.profileToDate!.toLocaleString('en-GB'));

  // The dashboard's one chart component, with its data table.
  const figure = page.getByRole('figure', { name: 'UKSPF People & Skills: cumulative against profile and target' });
  await expect(figure).toBeVisible();
  await figure.getByText(/: data table$/).click();
  await expect(figure.getByRole('columnheader')).toHaveText(['Indicator', 'Cumulative', 'Profile to date', 'Target']);
  if (shots) await page.screenshot({ path: `${shots}/dashboard-targets.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // UKSPF for October to December 2026: outside the agreement, refused with the reason.
  await page
    .getByRole('navigation', { name: 'Returns sections' })
    .getByRole('link', { name: 'Return builder' })
    .click();
  await page
    .getByLabel('Indicator set')
    .selectOption({ label: 'UKSPF People & Skills (UK Shared Prosperity Fund), version 2' });
  await page.getByLabel('Period type').selectOption('quarter');
  await page.getByLabel('Financial year').selectOption({ label: '2026-27' });
  await page.getByLabel('Quarter').selectOption({ label: 'Q3 (Oct-Dec)' });
  const refused = page.getByRole('alert');
  await expect(refused).toContainText('UKSPF People & Skills cannot be built for');
  await expect(refused).toContainText(
    'This period is outside the funding agreement "UKSPF People & Skills 2022-2026" (01/04/2022 to 31/03/2026)',
  );
  await expect(refused).toContainText('the return cannot be exported or submitted');
  await expect(page.getByRole('button', { name: /Export aggregate return/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Submit and lock/ })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Indicator counts' })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
  // The backend refuses the export too, whatever the window shows.
  const exported = await exportToEnd(app.backend, 'e2e-check', 'returns.export', {
    setId: computed.value.set.id,
    from: '2026-10-01',
    to: '2026-12-31',
    purpose: 'Trying a closed fund',
    part: 'aggregate',
  });
  expect(exported.ok).toBe(false);
  if (!exported.ok) expect(exported.error.message).toContain('is outside the funding agreement');
});
