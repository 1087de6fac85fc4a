// From the dashboard to an exported return, as an officer would: headline figures and charts,
// the return builder, the people behind a count, the workbook (read back by openpyxl), the
// submitted returns and the indicator sets; axe-core finds nothing on each screen.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { test, expect, axeViolations, startWithDemo } from './fixtures';

const shots = process.env.RETURNS_SHOTS;

test('dashboard to exported return', async ({ appPage: page, app }) => {
  await startWithDemo(page);
  await page.goto(`${app.harness.url.split('#')[0]}#/returns`);
  await expect(page.getByRole('heading', { name: 'Dashboard', level: 2 })).toBeVisible();
  // Seven headline figures and the Section 106 community investment (issue 17).
  await expect(page.getByRole('list', { name: 'Headline figures' }).getByRole('listitem')).toHaveCount(8);
  await expect(page.getByText('Investment into local community projects')).toBeVisible();
  await expect(page.getByRole('heading', { name: /Headline figures, Financial year/ })).toBeVisible();
  // Every chart has its data as a table (the text alternative).
  await expect(page.locator('figure.chart-figure')).toHaveCount(7);
  // Each chart is drawn just after the page is shown (ChartFigure), below the first screen too.
  for (const figure of await page.locator('.chart-grid figure.chart-figure').all())
    await expect(figure.locator('canvas').first()).toBeAttached();
  await page.getByText('Starts by month: data table').click();
  await expect(page.getByRole('table', { name: 'Starts by month data' })).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // A chart as PNG.
  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download chart as PNG: Starts by month' }).click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toMatch(/^starts-by-month-.*\.png$/);
  const pngPath = path.join(app.dataDir, 'chart.png');
  await png.saveAs(pngPath);
  expect(
    execFileSync('/usr/bin/python3', [
      '-c',
      `import sys; print(open(sys.argv[1],'rb').read(8) == b'\\x89PNG\\r\\n\\x1a\\n')`,
      pngPath,
    ])
      .toString()
      .trim(),
  ).toBe('True');

  // A headline figure opens the people behind it in the return builder.
  await page.getByRole('link', { name: 'See who is counted in Course participants supported' }).click();
  await expect(page.getByRole('heading', { name: 'Return builder' })).toBeVisible();
  await expect(page.getByLabel('Indicator set')).toHaveValue(/\d+/);
  await expect(page.getByRole('heading', { name: /^People and items behind SW-2: \d+/ })).toBeVisible();
  // A set's full name (and its funder's) never pushes the list past the page's edge on a laptop.
  await page.setViewportSize({ width: 1280, height: 800 });
  const edge = async (selector: string) =>
    page.locator(selector).evaluate((el) => Math.round(el.getBoundingClientRect().right));
  expect(await edge('#return-set')).toBeLessThanOrEqual(await edge('section[aria-labelledby="builder-heading"]'));
  // At 1,024 px every column of the counts fits (Warnings was past the frame's edge), with the
  // unit under each indicator's title.
  await page.setViewportSize({ width: 1024, height: 768 });
  const counts = page.locator('table.return-counts');
  await expect(counts.locator('tbody tr').first()).toContainText(/Unit: \S/);
  const sideways = await counts.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
  expect(sideways).toBeLessThanOrEqual(1);
  await page.setViewportSize({ width: 1400, height: 900 });
  await expect(page.getByLabel('Period type')).toHaveValue('year');

  // The return builder: UKSPF for a financial year.
  await page
    .getByRole('navigation', { name: 'Returns sections' })
    .getByRole('link', { name: 'Return builder' })
    .click();
  await page
    .getByLabel('Indicator set')
    .selectOption({ label: 'UKSPF People & Skills (UK Shared Prosperity Fund), version 2' });
  await page.getByLabel('Period type').selectOption('year');
  await page.getByLabel('Financial year').selectOption({ label: '2025-26' });
  const o2 = page.getByRole('button', { name: /show the people and items behind UKSPF-O2/ });
  await expect(o2).toBeVisible();
  const count = Number((await o2.textContent())!.replace(/,/g, ''));
  expect(count).toBeGreaterThan(0);
  await o2.click();
  await expect(page.getByRole('heading', { name: `People and items behind UKSPF-O2: ${count}` })).toBeFocused();
  const rows = page.getByRole('region', { name: 'People and items behind UKSPF-O2' }).locator('tbody tr');
  await expect(rows).toHaveCount(Math.min(count, 1000));
  await expect(rows.first()).toContainText(/SW-\d{6}/);
  if (shots) await page.screenshot({ path: `${shots}/builder.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // The aggregate return asks why, then downloads figures only (no personal data).
  await expect(page.getByRole('columnheader', { name: 'Profile to date' })).toBeVisible();
  await page.getByRole('button', { name: 'Export aggregate return…' }).click();
  await page.getByRole('button', { name: 'Export aggregate return', exact: true }).click();
  await expect(page.getByRole('alert').getByText(/at least 5 characters/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Why are you exporting this?').fill('End-of-year claim to the lead authority');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export aggregate return', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('UKSPF-PS-return-2025-04-01-to-2026-03-31.xlsx');
  const xlsx = path.join(app.dataDir, 'return.xlsx');
  await file.saveAs(xlsx);
  const read = JSON.parse(
    execFileSync('/usr/bin/python3', [
      '-c',
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
summary = wb['Summary']
rows = list(summary.iter_rows(values_only=True))
at = [i for i, r in enumerate(rows) if r[0] == 'Indicator code'][0]
counts = {r[0]: r[4] for r in rows[at + 1:] if r[0]}
print(json.dumps({'sheets': wb.sheetnames, 'counts': counts, 'title': summary['A1'].value}))
`,
      xlsx,
    ]).toString(),
  );
  expect(read.sheets).toEqual(['Summary', 'By period', 'By project', 'Equality', 'Where people live']);
  expect(read.counts['UKSPF-O2']).toBe(count);
  expect(read.title).toBe('UKSPF People & Skills: return');

  // The evidence pack is a second file: the claim lines behind the figures.
  await page.getByRole('button', { name: 'Export evidence pack…' }).click();
  await page.getByLabel('Why are you exporting this?').fill('Evidence for the lead authority audit');
  const evidenceDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export evidence pack', exact: true }).click();
  const evidence = await evidenceDownload;
  expect(evidence.suggestedFilename()).toBe('UKSPF-PS-evidence-2025-04-01-to-2026-03-31.xlsx');
  const evidencePath = path.join(app.dataDir, 'evidence.xlsx');
  await evidence.saveAs(evidencePath);
  const lines = JSON.parse(
    execFileSync('/usr/bin/python3', [
      '-c',
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['Claim lines']
rows = list(ws.iter_rows(values_only=True))
at = [i for i, r in enumerate(rows) if r[0] == 'Reference'][0]
h = list(rows[at])
o2 = [r for r in rows[at + 1:] if r[h.index('Indicator code')] == 'UKSPF-O2']
print(json.dumps({'sheets': wb.sheetnames, 'o2': len(o2)}))
`,
      evidencePath,
    ]).toString(),
  );
  expect(lines).toEqual({ sheets: ['Claim lines'], o2: count });
  const audit = await app.backend.store.db
    .selectFrom('audit_log')
    .select('summary')
    .where('action', '=', 'export')
    .where('entity', '=', 'return')
    .execute();
  expect(audit.map((a) => a.summary).join()).toContain('Purpose: End-of-year claim to the lead authority');

  // Submitted returns: the demo's locked half-year.
  await page
    .getByRole('navigation', { name: 'Returns sections' })
    .getByRole('link', { name: 'Submitted returns' })
    .click();
  await page.getByRole('link', { name: 'UKSPF People & Skills' }).first().click();
  await expect(page.getByText('Submitted and locked')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'What changed since it was submitted' })).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/submitted.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);

  // Indicator sets, with rules read as sentences.
  await page
    .getByRole('navigation', { name: 'Returns sections' })
    .getByRole('link', { name: 'Indicator sets' })
    .click();
  await expect(
    page.getByText(/Counted as: Participants with a verified outcome of type Job start/).first(),
  ).toBeVisible();
  if (shots) await page.screenshot({ path: `${shots}/sets.png`, fullPage: true });
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Edit (saves a new version)' }).click();
  await expect(page.getByRole('heading', { name: /Edit UKSPF People & Skills/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('the dashboard shows its headline figures first, asked for as soon as its address is entered, then its charts', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const base = app.harness.url.split('#')[0];
  await page.goto(`${base}#/participants`);
  await expect(page.getByRole('grid').first()).toBeVisible();
  // Each request for the dashboard's figures and for the whole dashboard, noting what was done
  // when it was sent: the figures asked for when the address changes, before the participants
  // screen is taken down; the whole only once the figures' answer is in (DashboardView.tsx), its
  // answer held back here until the test lets it through, so the screen is seen as it stands while
  // the charts are counted.
  await page.evaluate(() => {
    const w = window as unknown as { asks: string[]; releaseCharts: () => void };
    w.asks = [];
    const heldBack: Array<() => void> = [];
    w.releaseCharts = () => heldBack.splice(0).forEach((release) => release());
    let figuresIn = false;
    const send = window.fetch;
    window.fetch = (url, init) => {
      const body = typeof init?.body === 'string' ? init.body : '';
      if (body.includes('"returns.dashboardFigures"')) {
        figuresIn = false;
        w.asks.push(`figures ${document.getElementById('dashboard-heading') ? 'on the dashboard' : 'before it'}`);
        return send(url, init).then((response) => {
          figuresIn = true;
          return response;
        });
      }
      if (body.includes('"returns.dashboard"')) {
        w.asks.push(`whole ${figuresIn ? "after the figures' answer" : "before the figures' answer"}`);
        return new Promise<void>((resolve) => heldBack.push(resolve)).then(() => send(url, init));
      }
      return send(url, init);
    };
    location.hash = '#/returns?from=2025-04-01&to=2026-03-31';
  });
  await expect(page.getByRole('heading', { name: 'Headline figures, Financial year 2025-26' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Events and activities, Financial year 2025-26' })).toBeVisible();
  await expect(page.getByText('Counting the charts…', { exact: true })).toBeVisible();
  // Screen readers hear each step from one status region that is there from the start.
  const dashboardStatus = page.locator('section[aria-labelledby="dashboard-heading"] > [role="status"]');
  await expect(dashboardStatus).toHaveText('Headline figures shown. Counting the charts…');
  await expect(page.getByRole('heading', { name: 'Charts' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Targets and profiles' })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { asks: string[] }).asks)).toEqual([
    'figures before it',
    "whole after the figures' answer",
  ]);
  expect(await axeViolations(page)).toEqual([]);
  // The headline cards stay where they are when the charts come in below them.
  const card = page.getByRole('list', { name: 'Headline figures' }).getByRole('listitem').first();
  const before = await card.boundingBox();
  await page.evaluate(() => (window as unknown as { releaseCharts: () => void }).releaseCharts());
  await expect(page.getByRole('heading', { name: 'Charts' })).toBeVisible();
  await expect(page.getByText('Counting the charts…', { exact: true })).toHaveCount(0);
  await expect(dashboardStatus).toHaveText('Charts shown.');
  await expect(page.getByText(/Starts and outcomes by deprivation decile/).first()).toBeVisible();
  expect(await card.boundingBox()).toEqual(before);
  expect(await page.evaluate(() => (window as unknown as { asks: string[] }).asks)).toHaveLength(2);

  // Another period chosen on the screen: its figures come first, and the earlier period's charts
  // are not left under them while its own are counted.
  await page.getByLabel('Financial year', { exact: true }).selectOption({ label: '2024-25' });
  await expect(page.getByRole('heading', { name: 'Headline figures, Financial year 2024-25' })).toBeVisible();
  await expect(page.getByText('Counting the charts…', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Charts' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Headline figures, Financial year 2025-26' })).toHaveCount(0);
  await page.evaluate(() => (window as unknown as { releaseCharts: () => void }).releaseCharts());
  await expect(page.getByRole('heading', { name: 'Charts' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { asks: string[] }).asks)).toEqual([
    'figures before it',
    "whole after the figures' answer",
    'figures on the dashboard',
    "whole after the figures' answer",
  ]);
});
