// An officer's day with participants: register someone entirely from the keyboard (an NI number
// typo corrected after the message), get warned about a near-identical person and mark them
// "not a duplicate", merge two records and undo, and find a person by an NI fragment. axe-core
// finds nothing on the grid, the form, the participant page and the merge screen.
import type { Locator, Page } from '@playwright/test';
import { test, expect, axeViolations, scrollFormToMiddle, startEmpty, startWithDemo } from './fixtures';
import { participantValues } from '../support/builders';

/** Presses Tab until the control labelled `label` has focus (keyboard only, bounded). */
async function tabTo(page: Page, label: string | RegExp | Locator, options: { back?: boolean } = {}) {
  const target =
    typeof label === 'string' || label instanceof RegExp
      ? page.getByLabel(label, { exact: typeof label === 'string' }).first()
      : label;
  for (let i = 0; i < 80; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Could not reach ${String(label)} with Tab`);
}

async function typeInto(page: Page, label: string | RegExp, text: string) {
  await tabTo(page, label);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

test('register a participant by keyboard only, correcting a wrong NI number', async ({ appPage: page }) => {
  await startWithDemo(page);
  await expect(page.getByRole('gridcell', { name: 'SW-000001' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.keyboard.press('Control+N');
  await expect(page.getByRole('heading', { name: 'New participant', level: 1 })).toBeVisible();
  await expect(page.getByLabel('First name', { exact: true })).toBeFocused();
  await page.keyboard.type('Kwame');
  // A digit in a name is a warning, never a refusal (quick search reads it as an identifier).
  await typeInto(page, 'Last name', 'Asante-Keyb0ard');
  await expect(page.locator('#name-digits-warning')).toHaveText(
    /Check the name: the last name \(“Asante-Keyb0ard”\) has a digit\. .* will not be found by that word\./,
  );
  expect(await axeViolations(page)).toEqual([]);
  await typeInto(page, 'Last name', 'Asante-Keyboard');
  await expect(page.locator('#name-digits-warning')).toHaveCount(0);
  await typeInto(page, 'Date of birth', '29/2/2008');
  await typeInto(page, 'NI number', 'QQ 12 34 56 C');
  await page.keyboard.press('Tab');
  await expect(page.getByText('A National Insurance number cannot start with Q')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, 'NI number', { back: true });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('JK 98 76 54 A');
  await page.keyboard.press('Tab');
  await expect(page.getByText('A National Insurance number cannot start with Q')).toHaveCount(0);
  await typeInto(page, 'Address line 1', '12 Fairlands Way');
  await typeInto(page, 'Postcode', 'sg1 1cc');
  await typeInto(page, 'Phone', '07700 900555');
  await typeInto(page, 'Start date', '1/3/2024');
  await page.keyboard.press('Control+S');

  await expect(page.getByRole('heading', { name: 'Kwame Asante-Keyboard', level: 1 })).toBeVisible();
  await expect(page.getByText('Pending evidence').first()).toBeVisible();
  await expect(page.getByLabel('NI number')).toHaveValue('JK 98 76 54 A');
  await expect(page.getByLabel('Postcode')).toHaveValue('SG1 1CC');
  // The demo's (synthetic) postcode directory places them in a ward.
  await expect(page.getByTestId('participant-ward')).toHaveText('Bedwell');
  expect(await axeViolations(page)).toEqual([]);

  // Turned 16 on 29 Feb 2024, so old enough on 1 Mar 2024; evidence of right to work (which shows the
  // date of birth too) and of the address makes them eligible.
  await expect(page.getByRole('heading', { name: 'Kwame Asante-Keyboard', level: 1 })).toBeFocused();
  await tabTo(page, page.getByRole('tab', { name: 'Details' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByText('Aged 16 on the start date')).toBeVisible();
  await typeInto(page, 'Date evidence seen', '1/3/2024');
  await tabTo(page, 'Evidence seen', { back: true });
  await page.keyboard.type('UK');
  await expect(page.getByLabel('Evidence seen', { exact: true })).toHaveValue('uk_irish_passport');
  await tabTo(page, 'Date evidence seen');
  await page.keyboard.press('Enter');
  // The passport shows right to work and age; the address needs its own document.
  await expect(page.getByText(/Check recorded; eligibility: Pending evidence/)).toBeVisible();
  await tabTo(page, 'Check', { back: true });
  await page.keyboard.type('Lives');
  await tabTo(page, 'Evidence seen');
  await page.keyboard.type('Council');
  await expect(page.getByLabel('Evidence seen', { exact: true })).toHaveValue('council_tax_bill');
  await typeInto(page, 'Date evidence seen', '1/3/2024');
  await page.keyboard.press('Enter');
  await expect(page.getByText(/Check recorded; eligibility: Eligible/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await tabTo(page, page.getByRole('tab', { name: 'Eligibility & evidence' }), { back: true });
  for (const tab of ['Referrals', 'Timeline', 'Notes', 'Keyworker', 'Funding', 'History']) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    expect(await axeViolations(page), tab).toEqual([]);
    // axe-core's run leaves focus on the page's first element; come back to the tab by keyboard.
    await tabTo(page, page.getByRole('tab', { name: tab }));
  }
  await expect(page.getByRole('cell', { name: /Eligibility check Right to work: met/ })).toBeVisible();
});

test('duplicate warning for a near-identical person, marked not a duplicate', async ({ appPage: page, app }) => {
  await startWithDemo(page);
  const existing = await app.backend.store.db
    .selectFrom('participants')
    .select(['id', 'reference', 'first_name', 'last_name', 'date_of_birth'])
    .where('date_of_birth', 'is not', null)
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const [y, m, d] = existing.date_of_birth!.split('-');
  await page.goto(`${app.harness.url.split('#')[0]}#/participants/new`);
  await expect(page.getByLabel('First name', { exact: true })).toBeFocused();
  await page.keyboard.type(existing.first_name);
  await typeInto(page, 'Last name', `${existing.last_name}s`);
  await typeInto(page, 'Date of birth', `${d}/${m}/${y}`);
  await page.keyboard.press('Tab');
  const panel = page.getByRole('region', { name: 'This person may already be registered' });
  await expect(panel).toBeVisible();
  await expect(panel).toContainText(existing.reference);
  await expect(panel).toContainText('Same date of birth, surname differs by 1 letter');
  // The form scrolled to the middle: the Save bar is below the scrolling region, never over a field.
  await scrollFormToMiddle(page);
  expect(await axeViolations(page)).toEqual([]);
  await panel.getByRole('button', { name: `Not a duplicate of ${existing.reference}` }).click();
  await expect(panel).toHaveCount(0);
  await page.getByLabel('Not yet known').check();
  await page.getByRole('button', { name: 'Save participant' }).click();
  await expect(
    page.getByRole('heading', { name: `${existing.first_name} ${existing.last_name}s`, level: 1 }),
  ).toBeVisible();
  const pairs = await app.backend.store.db.selectFrom('not_duplicate_pairs').selectAll().execute();
  expect(pairs.some((p) => p.participant_a === existing.id || p.participant_b === existing.id)).toBe(true);
});

test('merge two records side by side and undo, then find a person by an NI fragment', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const db = app.backend.store.db;
  const [a, b] = await db
    .selectFrom('participants')
    .select(['id', 'reference', 'ni_number'])
    .where('ni_number', 'is not', null)
    .orderBy('id')
    .limit(2)
    .execute();
  const base = app.harness.url.split('#')[0];
  await page.goto(`${base}#/participants/merge/${a!.id}/${b!.id}`);
  await expect(page.getByRole('heading', { name: 'Merge records', level: 1 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page
    .getByRole('radio', { name: new RegExp(`^National Insurance number: keep .* from ${b!.reference}$`) })
    .check();
  await page.getByRole('button', { name: `Merge into ${a!.reference}` }).click();
  await expect(page.getByText(`Merged ${b!.reference} into ${a!.reference}`)).toBeVisible();
  await expect(page.getByLabel('NI number')).toHaveValue(new RegExp(b!.ni_number!.slice(0, 2)));
  expect(
    (await db.selectFrom('participants').select('status').where('id', '=', b!.id).executeTakeFirstOrThrow()).status,
  ).toBe('merged');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(page.getByText('Merge undone')).toBeVisible();
  await expect
    .poll(
      async () =>
        (await db.selectFrom('participants').select('status').where('id', '=', b!.id).executeTakeFirstOrThrow()).status,
    )
    .not.toBe('merged');

  // Merge again and undo from the survivor's page.
  await page.goto(`${base}#/participants/merge/${a!.id}/${b!.id}`);
  await page.getByRole('button', { name: `Merge into ${a!.reference}` }).click();
  await page.getByRole('button', { name: 'Undo merge' }).click();
  await expect(page.getByText(`Merge undone: ${b!.reference} restored`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo merge' })).toHaveCount(0);

  // Find a person by a fragment of their NI number, typed with spaces.
  const target = await db
    .selectFrom('participants')
    .select(['reference', 'ni_number'])
    .where('ni_number', 'is not', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const ni = target.ni_number!;
  await page.goto(`${base}#/participants`);
  await expect(page.getByRole('gridcell', { name: 'SW-000001' })).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Search')).toBeFocused();
  await page.keyboard.type(`${ni.slice(2, 4)} ${ni.slice(4, 6)} ${ni.slice(6, 8)}`.toLowerCase());
  await expect(page.getByRole('gridcell', { name: target.reference })).toBeVisible();
  await expect(page.getByText(/^\d+ (people|person)$/)).toBeVisible();
});

test('column chooser, a saved view and export of the current view to xlsx', async ({ appPage: page }, testInfo) => {
  await startWithDemo(page);
  await page.keyboard.press('/');
  await page.keyboard.type('SG1');
  await expect(page.getByText(/^\d+ (people|person)$/)).toBeVisible();
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Email' }).check();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('columnheader', { name: 'Email' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save view…' }).click();
  await page.getByLabel('View name').fill('SG1 with email');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('View "SG1 with email" saved')).toBeVisible();

  await page.getByLabel('View').selectOption({ label: 'All participants' });
  await expect(page.getByLabel('Search')).toHaveValue('');
  await page.getByLabel('View').selectOption({ label: 'SG1 with email' });
  await expect(page.getByLabel('Search')).toHaveValue('SG1');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to Excel' }).click();
  const file = testInfo.outputPath('participants.xlsx');
  await (await downloading).saveAs(file);
  // A second reader (openpyxl) sees identifiers as text and dates as dates.
  const { execFileSync } = await import('node:child_process');
  const script = [
    'import openpyxl, sys',
    'ws = openpyxl.load_workbook(sys.argv[1]).active',
    'head = [c.value for c in ws[1]]',
    'row = next(r for r in ws.iter_rows(min_row=2) if r[head.index("Date of birth")].value is not None)',
    'print(head)',
    'print(row[head.index("Reference")].data_type, type(row[head.index("Date of birth")].value).__name__, row[head.index("Postcode")].value)',
  ].join('\n');
  const out = execFileSync('/usr/bin/python3', ['-c', script, file]).toString().trim().split('\n');
  expect(out[0]).toContain("'Email'");
  expect(out[1]).toMatch(/^s datetime SG1 /);

  // Ethnic group in the view: the export asks why first (special-category data), by keyboard.
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Ethnic group' }).click();
  // Showing it asks why first (kept in the audit log); the column appears once answered.
  const why = page.getByRole('dialog', { name: 'Why do you need to see ethnic group?' });
  await expect(why).toBeVisible();
  await why.getByLabel('Purpose').fill('Checking equality monitoring before the return');
  await why.getByRole('button', { name: 'Show the column' }).click();
  await expect(why).toBeHidden();
  // (Far right, so the grid may not draw its header yet: the chooser and the file say it is shown.)
  await expect(page.getByRole('checkbox', { name: 'Ethnic group' })).toBeChecked();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Export to Excel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Why are you exporting ethnic group or disability?' });
  await expect(dialog).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Export to Excel' }).click();
  await expect(dialog.getByRole('link', { name: 'Purpose: write at least 5 characters' })).toBeVisible(); // names the box
  const special = page.waitForEvent('download');
  await dialog.getByLabel('Purpose').fill('Equality monitoring for the college return');
  await dialog.getByRole('button', { name: 'Export to Excel' }).click();
  const specialFile = testInfo.outputPath('participants-ethnic-group.xlsx');
  await (await special).saveAs(specialFile);
  const heads = execFileSync('/usr/bin/python3', [
    '-c',
    'import openpyxl, sys; print([c.value for c in openpyxl.load_workbook(sys.argv[1]).active[1]])',
    specialFile,
  ]).toString();
  expect(heads).toContain("'Ethnic group'");
  await expect(dialog).toBeHidden();

  // A view saved with ethnic group shown asks why again when it is applied on a fresh screen, and
  // applies without the column meanwhile; cancelled, it stays without. By keyboard.
  await page.getByRole('button', { name: 'Save view…' }).click();
  await page.getByLabel('View name').fill('SG1 with ethnic group');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('View "SG1 with ethnic group" saved')).toBeVisible();
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
  await page.getByLabel('View').selectOption({ label: 'SG1 with ethnic group' });
  const viewWhy = page.getByRole('dialog', { name: 'This view shows ethnic group. Why do you need to see it?' });
  await expect(viewWhy).toBeVisible();
  await expect(page.getByLabel('Search')).toHaveValue('SG1');
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(viewWhy).toBeHidden();
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Email' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'Ethnic group' })).not.toBeChecked();
  await page.keyboard.press('Escape');
  // Chosen again and answered: the column is shown, as saved.
  await page.getByLabel('View').selectOption({ label: 'All participants' });
  await page.getByLabel('View').selectOption({ label: 'SG1 with ethnic group' });
  await expect(viewWhy).toBeVisible();
  await page.keyboard.type('Equality monitoring check for the quarter');
  await page.keyboard.press('Tab');
  await expect(viewWhy.getByRole('button', { name: 'Show the view with them' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(viewWhy).toBeHidden();
  await page.getByRole('button', { name: 'Columns', exact: true }).click();
  await expect(page.getByRole('checkbox', { name: 'Ethnic group' })).toBeChecked();
  await page.keyboard.press('Escape');
});

test('exporting the participants grid runs as a job: progress shown, then the file saved', async ({
  appPage: page,
  app,
}, testInfo) => {
  await startEmpty(page);
  // Enough people that the job is still running while its progress is looked at.
  await app.backend.store.db.transaction().execute(async (tx) => {
    for (let b = 0; b < 60; b++)
      await tx
        .insertInto('participants')
        .values(
          Array.from({ length: 500 }, (_, i) =>
            participantValues({ reference: `SW-J${String(b * 500 + i).padStart(6, '0')}`, last_name: `Jobson${i}` }),
          ),
        )
        .execute();
  });
  await page.evaluate(() => {
    window.location.hash = '#/participants';
  });
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Export to Excel' }).click();
  const progress = page.getByRole('region', { name: 'Work in progress' });
  await expect(progress.getByRole('progressbar', { name: 'Exporting participants progress' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Exporting…' })).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/^participants-\d{4}-\d{2}-\d{2}\.xlsx$/);
  // The whole view: a header and 30,000 people, read back by openpyxl.
  const file = testInfo.outputPath('participants-job.xlsx');
  await saved.saveAs(file);
  const { execFileSync } = await import('node:child_process');
  const rows = execFileSync('/usr/bin/python3', [
    '-c',
    'import openpyxl,sys\nprint(sum(1 for _ in openpyxl.load_workbook(sys.argv[1], read_only=True).active.iter_rows()))',
    file,
  ]).toString();
  expect(Number(rows)).toBe(30_001);
});
