// Keeping the funding set-up without code. On a fresh store (the seeded funders, no streams) the
// empty state says what to do; an administrator adds a funder, a stream and a project with its
// intervention code, and changes the stream — each change audited. On the demo, an administrator
// marks a definition "agreed with funder" and sees who and when; the seeded ones still say
// "inferred". axe finds nothing.
import { test, expect, axeViolations, startEmpty, startWithDemo } from './fixtures';

test('a fresh store: funders, streams and projects added and changed', async ({ appPage: page, app }) => {
  await startEmpty(page);
  await page.goto(`${app.harness.url.split('#')[0]}#/returns/funding`);
  await expect(
    page.getByText('No funding streams yet. Add the streams people and items are funded by below.'),
  ).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  const funder = page.getByRole('form', { name: 'Add a funder' });
  await funder.getByLabel('Funder name').fill('Hertfordshire Skills Fund');
  await funder.getByLabel('Short code').fill('HSF');
  await funder.getByRole('button', { name: 'Add funder' }).click();
  const agreements = page.getByRole('table', { name: 'Funders and their funding agreements' });
  await expect(agreements.getByRole('rowheader', { name: 'Hertfordshire Skills Fund (HSF)' })).toBeVisible();

  const stream = page.getByRole('form', { name: 'Add a funding stream' });
  await stream.getByRole('button', { name: 'Save stream' }).click();
  await expect(page.getByRole('alert').getByText('Choose the funder')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await stream.getByLabel('Stream name').fill('Skills bootcamps');
  await stream.getByLabel('Short code').fill('HSF-BOOT');
  await stream.getByLabel('Funder').selectOption({ label: 'Hertfordshire Skills Fund' });
  await stream.getByLabel('Starts').fill('01/04/2026');
  await stream.getByRole('button', { name: 'Save stream' }).click();
  const streams = page.getByRole('table', { name: 'Funding streams and their projects' });
  await expect(
    streams.getByRole('row', { name: /Skills bootcamps \(HSF-BOOT\) Hertfordshire Skills Fund 01\/04\/2026 to open/ }),
  ).toBeVisible();

  const project = page.getByRole('form', { name: 'Add a project' });
  await project.getByLabel('Project name').fill('Bootcamp construction route');
  await project.getByLabel('Short code').fill('HSF-BOOT-CON');
  await project.getByLabel('Funding stream').selectOption({ label: 'Skills bootcamps' });
  await project.getByLabel('Intervention code (optional)').fill('E38');
  await project.getByRole('button', { name: 'Save project' }).click();
  await expect(streams.getByRole('row', { name: /Bootcamp construction route \(E38\)/ })).toBeVisible();

  // The stream closes: changed in place.
  await page.getByRole('button', { name: 'Change Skills bootcamps' }).click();
  const change = page.getByRole('form', { name: 'Change Skills bootcamps' });
  await change.getByLabel('Ends').fill('31/03/2027');
  await change.getByLabel('Open for new items (untick when it closes)').uncheck();
  expect(await axeViolations(page)).toEqual([]);
  await change.getByRole('button', { name: 'Save stream' }).click();
  await expect(
    streams.getByRole('row', { name: /Skills bootcamps .*01\/04\/2026 to 31\/03\/2027 .*Closed/ }),
  ).toBeVisible();

  const audit = await app.backend.store.db
    .selectFrom('audit_log')
    .select(['entity', 'action'])
    .where('entity', 'in', ['funder', 'funding_stream', 'funding_project'])
    .orderBy('id')
    .execute();
  expect(audit).toEqual([
    { entity: 'funder', action: 'create' },
    { entity: 'funding_stream', action: 'create' },
    { entity: 'funding_project', action: 'create' },
    { entity: 'funding_stream', action: 'update' },
  ]);
});

test('an administrator marks a definition agreed with the funder; who and when are shown', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page, 'Sam Admin');
  await page.goto(`${app.harness.url.split('#')[0]}#/returns/sets`);
  await page.getByRole('link', { name: 'UKSPF People & Skills' }).click();
  const row = page.getByRole('row', { name: /^UKSPF-O1/ });
  await expect(row.getByText('Inferred (not agreed)')).toBeVisible();
  await row.getByRole('button', { name: 'Mark UKSPF-O1 agreed with funder…' }).click();
  const ask = page.getByRole('group', { name: 'Confirm UKSPF-O1 agreed with funder' });
  expect(await axeViolations(page)).toEqual([]);
  await ask.getByRole('button', { name: 'Yes, agreed with the funder' }).click();
  await expect(page.getByRole('heading', { name: 'UKSPF People & Skills, version 3' })).toBeVisible();
  const today = new Date().toLocaleDateString('en-GB', { day: '2-digit', month: '2-digit', year: 'numeric' });
  const agreed = page.getByRole('row', { name: /^UKSPF-O1/ });
  await expect(agreed.getByText('Agreed with funder')).toBeVisible();
  await expect(agreed.getByText(`Confirmed by Sam Admin on ${today}`)).toBeVisible();
  // The others were inferred from public guidance and still say so.
  await expect(page.getByRole('row', { name: /^UKSPF-O2/ }).getByText('Inferred (not agreed)')).toBeVisible();
  const audit = await app.backend.store.db
    .selectFrom('audit_log')
    .select(['entity', 'action'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  expect(audit).toEqual({ entity: 'indicator_set', action: 'update' });
  expect(await axeViolations(page)).toEqual([]);
});
