// Issue 14 in the window: the college's learner list dropped onto an empty programme and
// imported three ways with saved mappings — its learners, its enrolments (the preview lists the
// course runs it will create, with type, dates and learner count, before anything is written)
// and its results (HS&E tests and cards); then the site-ready list shows its one definition.
import type { Page } from '@playwright/test';
import { test, expect, axeViolations, startEmpty } from './fixtures';
import { collegeProfiles, collegeWorkbook, COLLEGE_SHEET } from '../fixtures/imports/college';

test.use({ viewport: { width: 1366, height: 768 } });

async function dropFile(page: Page, fileName: string, bytes: Uint8Array) {
  const b64 = Buffer.from(bytes).toString('base64');
  const transfer = await page.evaluateHandle(
    ([name, data]) => {
      const raw = atob(data);
      const arr = new Uint8Array(raw.length);
      for (let i = 0; i < raw.length; i++) arr[i] = raw.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(
        new File([arr], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      );
      return dt;
    },
    [fileName, b64] as const,
  );
  await page.getByTestId('drop-zone').dispatchEvent('dragenter', { dataTransfer: transfer });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer: transfer });
}

test('the college file into an empty programme: learners, enrolments with the runs to create, results', async ({
  appPage: page,
  app,
}) => {
  await startEmpty(page);
  // The college's three mappings, saved as an officer would have saved them the first time.
  const staff = await app.backend.store.db.selectFrom('staff').selectAll().executeTakeFirstOrThrow();
  app.backend.client('e2e-setup').session = {
    staff: { id: staff.id, displayName: staff.display_name, role: staff.role, isActive: true, hasPassword: false },
    startedAt: new Date().toISOString(),
  };
  for (const profile of Object.values(collegeProfiles)) {
    const saved = await app.backend.call('e2e-setup', 'imports.saveProfile', { profile });
    expect(saved.ok).toBe(true);
  }
  const file = await collegeWorkbook();

  const importAs = async (kind: 'participants' | 'enrolments' | 'results', mapping: string) => {
    // The empty programme's welcome offers the import; afterwards the navigation (Alt+6) does.
    const welcome = page.getByRole('button', { name: 'Import a partner file' });
    if (await welcome.isVisible()) await welcome.click();
    else await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { name: 'Imports', level: 1 })).toBeVisible();
    await dropFile(page, 'NHC CSCS learners.xlsx', file);
    await page.getByLabel('What does the file list?').selectOption(kind);
    await page.getByLabel('Saved mapping').selectOption(mapping);
    await expect(page.getByRole('radio', { name: COLLEGE_SHEET })).toBeChecked();
    await page.getByRole('button', { name: 'Continue to columns' }).click();
    await page.getByRole('button', { name: 'Check the rows' }).click();
    const confirm = page.getByLabel(/I have checked: the dates are day first/);
    const repeats = page.getByRole('button', { name: /^Repeated rows/ });
    await expect(confirm.or(repeats)).toBeVisible({ timeout: 30_000 });
    if (await confirm.isVisible()) {
      await confirm.check();
      await page.getByRole('button', { name: 'Check the rows' }).click();
    }
    await expect(page.getByRole('button', { name: 'Errors (0)' })).toBeVisible({ timeout: 30_000 });
  };
  const commit = async (rows: number) => {
    await page.getByRole('button', { name: `Import ${rows} rows` }).click();
    await expect(page.getByRole('heading', { name: /Import batch \d+/, level: 1 })).toBeVisible({ timeout: 30_000 });
  };

  await importAs('participants', 'NHC CSCS learners');
  await expect(page.getByRole('button', { name: 'New (12)' })).toBeVisible();
  await commit(12);

  await importAs('enrolments', 'NHC CSCS enrolments');
  await expect(page.getByRole('button', { name: 'Repeated rows (1)' })).toBeVisible();
  const runs = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Their code' }) });
  await expect(page.getByRole('heading', { name: 'Course runs to create (3)' })).toBeVisible();
  await expect(runs.getByRole('row')).toHaveCount(4);
  await expect(runs.getByRole('row').nth(1)).toContainText('CSCS-2504');
  await expect(runs.getByRole('row').nth(1)).toContainText('07/04/2025');
  await expect(runs.getByRole('row').nth(1)).toContainText('11/04/2025');
  await expect(runs.getByRole('row').nth(3)).toContainText('CSCS-2601');
  // Nothing is written before the officer imports.
  expect(
    (await app.backend.store.db.selectFrom('course_runs').select('id').execute()).length,
    'no run before the import',
  ).toBe(0);
  expect(await axeViolations(page)).toEqual([]);
  await commit(14);
  expect((await app.backend.store.db.selectFrom('course_runs').select('id').execute()).length).toBe(3);

  // The results: the runs exist now, so none to create; tests and cards come in.
  await importAs('results', 'NHC CSCS results');
  await expect(page.getByRole('heading', { name: /Course runs to create/ })).toHaveCount(0);
  // Withdrawn learners carry no result and no CSCS facts: their rows change nothing.
  await expect(page.getByRole('button', { name: 'Unchanged (2)' })).toBeVisible();
  await commit(12);
  expect((await app.backend.store.db.selectFrom('cscs_cards').select('id').execute()).length).toBe(8);

  // The site-ready list says what site ready means, and flags people not confirmed eligible.
  await page.getByRole('link', { name: 'Courses' }).first().click();
  await page.getByRole('link', { name: 'Site-ready candidates' }).click();
  await expect(page.getByRole('heading', { name: 'Site-ready candidates', level: 1 })).toBeVisible();
  await expect(page.getByText(/Site ready means meeting every requirement/)).toBeVisible();
  await page.getByLabel('Show').selectOption('all');
  await expect(page.getByRole('gridcell', { name: /Not confirmed/ }).first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
