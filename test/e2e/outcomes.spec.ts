// An officer's day with placements and outcomes: adds an employer and a social-value contract,
// records a work placement that becomes a job, attaches a payslip (a real PDF through the file
// input), verifies the job start, and later records the 13-week check from the worklist; the
// contract's commitments show the right progress. axe-core on every screen; keyboard used for
// the main actions.
import { test, expect, axeViolations, startEmpty } from './fixtures';
import { aParticipant } from '../support/builders';
import type { Page } from '@playwright/test';

const dayMs = 86_400_000;
const ukDaysAgo = (days: number) => {
  const d = new Date(Date.now() - days * dayMs);
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
};
const tinyPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const pdfBytes = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Opens a route in the shell (after a reload, so the app sees the participant the test added). */
async function openRoute(page: Page, route: string) {
  await page.evaluate((r) => {
    window.location.hash = r;
  }, route);
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
}

async function noAxe(page: Page) {
  expect(await axeViolations(page)).toEqual([]);
}

test('a work placement becomes a job, with evidence, verification, the 13-week check and contract progress', async ({
  appPage: page,
  app,
}) => {
  await startEmpty(page);
  // Lives in SG1: local by the programme's postcode districts (no postcode directory loaded).
  const participant = {
    id: await aParticipant(app.backend.store.db, { first_name: 'Kemi', last_name: 'Adebayo', reference: 'SW-E2E001' }),
  };

  // Employer
  await openRoute(page, '#/participants');
  await page.getByRole('link', { name: 'Placements & outcomes' }).click();
  await expect(page.getByRole('heading', { name: 'Placements', level: 1 })).toBeVisible();
  await noAxe(page);
  await page
    .getByRole('navigation', { name: 'Placements and outcomes sections' })
    .getByRole('link', { name: 'Employers & organisations' })
    .click();
  await expect(page.getByRole('heading', { name: 'Employers & organisations' })).toBeVisible();
  await page.getByRole('button', { name: 'Add organisation' }).click();
  await page.getByRole('button', { name: 'Save organisation' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter the organisation’s name');
  await page.getByLabel('Name', { exact: true }).fill('Fairlands Build Ltd');
  await page.getByLabel('Kind').selectOption('contractor');
  await page.getByLabel('Sector').selectOption('construction');
  await page.getByLabel('Postcode (optional)').fill('sg1 2ab');
  await page.getByRole('button', { name: 'Save organisation' }).click();
  await expect(page.getByRole('heading', { name: 'Fairlands Build Ltd', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByLabel('Contact name').fill('Dana Site-Manager');
  await page.getByLabel('Contact phone (optional)').fill('07700 900999');
  await page.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('cell', { name: 'Dana Site-Manager', exact: true })).toBeVisible();
  await noAxe(page);

  // Contract with two commitments: back to the list of organisations, then its Contracts tab
  await page.getByRole('link', { name: 'Back to employers & organisations' }).click();
  await page.getByRole('link', { name: 'Contracts & S106' }).click();
  await page.getByRole('button', { name: 'Add contract' }).click();
  await page.getByLabel('Contract name').fill('Major Repairs Contract');
  await page.getByLabel('Contractor').selectOption({ label: 'Fairlands Build Ltd' });
  await page.getByLabel('Start date (optional)').fill(ukDaysAgo(365));
  await page.getByLabel('Target').first().fill('5');
  await page.getByRole('button', { name: 'Add commitment' }).click();
  await page.getByLabel('Commitment 2', { exact: true }).selectOption('work_placements');
  await page.getByLabel('Target').nth(1).fill('4');
  await noAxe(page);
  await page.getByRole('button', { name: 'Save contract' }).click();
  await expect(page.getByRole('heading', { name: 'Major Repairs Contract', level: 1 })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Local jobs' })).toHaveAttribute('aria-valuetext', '0 of 5');

  // A work placement, started 16 weeks ago; the participant is found by the picker
  await page.keyboard.press('Alt+4');
  await page.getByRole('button', { name: 'Record placement' }).click();
  await page.getByLabel('Participant').fill('Adeb');
  await page.getByRole('button', { name: /Kemi Adebayo · SW-E2E001/ }).click();
  await page.getByLabel('Kind of placement').selectOption('work_experience');
  await page.getByLabel('Employer').selectOption({ label: 'Fairlands Build Ltd' });
  await page.getByLabel('Social-value contract').selectOption({ label: 'Major Repairs Contract' });
  await page.getByLabel('Start date').fill(ukDaysAgo(112));
  await page.getByLabel('Hours a week (optional)').fill('20');
  await noAxe(page);
  await page.getByRole('button', { name: 'Save placement' }).click();
  await expect(page.getByRole('heading', { name: 'Work experience: Kemi Adebayo' })).toBeVisible();
  await noAxe(page);

  // It became a job 14 weeks ago
  await page.getByRole('button', { name: 'Convert to job' }).click();
  await page.getByLabel('Job start date').fill(ukDaysAgo(98));
  await page.getByLabel('Hours a week').fill('37.5');
  await page.getByLabel('Hourly wage in £ (optional)').fill('12.60');
  await noAxe(page);
  await page.getByRole('button', { name: 'Record the job' }).click();
  await expect(page.getByRole('heading', { name: 'Paid job: Kemi Adebayo' })).toBeVisible();
  await page.getByRole('link', { name: 'Job start' }).click();
  await expect(page.getByRole('heading', { name: 'Job start: Kemi Adebayo' })).toBeVisible();
  await expect(page.getByText('Yes', { exact: true }).first()).toBeVisible(); // 16+ hours

  // A file that is not really a PDF is refused with a clear message; then the payslip is attached
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByLabel('Kind of evidence').selectOption('payslip');
  await page
    .getByLabel('File (optional)')
    .setInputFiles({ name: 'payslip.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ not a pdf at all') });
  await page.getByRole('button', { name: 'Add evidence' }).last().click();
  await expect(page.getByRole('alert')).toContainText('"payslip.pdf" is not a PDF, PNG or JPEG file');
  await page
    .getByLabel('File (optional)')
    .setInputFiles({ name: 'payslip-june.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
  await page.getByRole('button', { name: 'Add evidence' }).last().click();
  await expect(page.getByRole('cell', { name: /payslip-june\.pdf/ })).toBeVisible();
  await expect(page.getByText(/SHA-256 [0-9a-f]{12}…/)).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download payslip-june.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('payslip-june.pdf');
  await noAxe(page);

  // Verify it, by keyboard
  await page.getByRole('radio', { name: 'Unverified' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Verified', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Save decision' }).focus();
  await page.keyboard.press('Enter');
  await expect(
    page
      .getByRole('region', { name: 'Verification' })
      .or(page.locator('section[aria-labelledby="verification-title"]')),
  ).toContainText('by Jo Officer');
  await expect(page.getByRole('list').filter({ hasText: 'Verification Unverified → Verified' })).toBeVisible();
  // Has issues needs a reason
  await page.getByRole('radio', { name: 'Has issues' }).check();
  await page.getByRole('button', { name: 'Save decision' }).click();
  await expect(page.getByRole('alert')).toContainText('Say what the issues are');
  await page.getByRole('radio', { name: 'Verified', exact: true }).check();

  // The 13-week check is due on the worklist; record it there
  await page.getByRole('link', { name: 'Back to outcomes' }).click();
  await page.getByRole('link', { name: 'Sustainment worklist' }).click();
  await expect(page.getByRole('heading', { name: 'Sustainment worklist' })).toBeVisible();
  const row = page.getByRole('row', { name: /Kemi Adebayo/ });
  await expect(row).toContainText('13 weeks');
  await expect(row).toContainText('Due');
  await expect(row).toContainText('07700 900123');
  // Numbers read off the list and dialled stay on one line, however narrow their column.
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(row).toContainText('Dana Site-Manager (07700 900999)');
  for (const text of ['07700 900123', 'SW-E2E001', '07700 900999']) {
    const lines = await row
      .locator('.unbroken')
      .filter({ hasText: text })
      .first()
      .evaluate((el) => el.getClientRects().length);
    expect(lines, `${text} on one line`).toBe(1);
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await noAxe(page);
  await row.getByRole('button', { name: 'Record check (13 weeks) for Kemi Adebayo' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('radio', { name: 'Yes, sustained' }).check();
  await page.getByLabel('Evidence seen (optional)').selectOption('payslip');
  await noAxe(page);
  await page.getByRole('button', { name: 'Save check' }).click();
  await expect(page.getByText('13-week sustainment recorded for Kemi Adebayo.')).toBeVisible();
  await expect(page.getByRole('row', { name: /Kemi Adebayo/ })).toHaveCount(0);

  // The outcomes grid shows the job start and the sustained outcome
  await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
  await expect(page.getByRole('gridcell', { name: 'Sustained in work 13 weeks' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: 'Job start' })).toBeVisible();
  await page.getByLabel('Show').selectOption('unverified');
  await expect(page.getByRole('gridcell', { name: 'Job start' })).toHaveCount(0);
  await noAxe(page);

  // Contract progress: one local job, one work placement
  await page.getByRole('link', { name: 'Contracts' }).click();
  await expect(page.getByRole('progressbar', { name: 'Local jobs (Major Repairs Contract)' })).toHaveAttribute(
    'aria-valuetext',
    '1 of 5',
  );
  await expect(page.getByRole('progressbar', { name: 'Work placements (Major Repairs Contract)' })).toHaveAttribute(
    'aria-valuetext',
    '1 of 4',
  );
  await noAxe(page);

  const audit = await app.backend.store.db
    .selectFrom('audit_log')
    .select(['action', 'entity'])
    .where('participant_id', '=', participant.id)
    .execute();
  expect(audit.filter((a) => a.action === 'verify')).toHaveLength(1);
  expect(audit.filter((a) => a.entity === 'sustainment_check')).toHaveLength(1);
});

test('record placement opens with the participant chosen from the route', async ({ appPage: page, app }) => {
  await startEmpty(page);
  const p = {
    id: await aParticipant(app.backend.store.db, { first_name: 'Ola', last_name: 'Nowak', reference: 'SW-E2E002' }),
  };
  await openRoute(page, `#/outcomes/placements/new?participant=${p.id}`);
  await expect(page.getByText('Ola Nowak (SW-E2E002)')).toBeVisible();
  await page.evaluate((id) => {
    window.location.hash = `#/outcomes/outcomes/new/${id}`;
  }, p.id);
  await expect(page.getByRole('heading', { name: 'Record outcome' })).toBeVisible();
  await expect(page.getByText('Ola Nowak (SW-E2E002)')).toBeVisible();
  await page.getByLabel('Outcome', { exact: true }).selectOption('job_start');
  await page.getByLabel('Date').fill(ukDaysAgo(10));
  await page.getByLabel('Hours a week').fill('12');
  await expect(page.getByText('Under 16 hours: does not count as a 16+ hours job')).toBeVisible();
  await page.getByRole('button', { name: 'Record outcome' }).click();
  await expect(page.getByRole('heading', { name: 'Job start: Ola Nowak' })).toBeVisible();
  // An image of a payslip opens inside the app.
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.getByLabel('Kind of evidence').selectOption('payslip');
  await page
    .getByLabel('File (optional)')
    .setInputFiles({ name: 'payslip-photo.png', mimeType: 'image/png', buffer: tinyPng });
  await page.getByRole('button', { name: 'Add evidence' }).last().click();
  await page.getByRole('button', { name: 'View payslip-photo.png' }).click();
  const image = page.getByRole('img', { name: 'Evidence file payslip-photo.png' });
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await noAxe(page);
  await page.keyboard.press('Escape');
  await expect(image).toHaveCount(0);
  // The hours were wrong: 20, so it now counts as a 16+ hours job; the change is in the history.
  await page.getByRole('button', { name: 'Change details' }).click();
  await page.getByLabel('Hours a week').fill('20');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('dl.facts')).toContainText('16+ hoursYes');
  await expect(page.getByRole('list').filter({ hasText: 'Outcome Job start changed' })).toBeVisible();
  // The same again is refused with a friendly message
  await page.evaluate((id) => {
    window.location.hash = `#/outcomes/outcomes/new/${id}`;
  }, p.id);
  await page.getByLabel('Outcome', { exact: true }).selectOption('job_start');
  await page.getByLabel('Date').fill(ukDaysAgo(10));
  await page.getByRole('button', { name: 'Record outcome' }).click();
  await expect(page.getByRole('alert')).toContainText('This person already has a "Job start" outcome on');
  await noAxe(page);
});

test('exporting the outcomes grid runs as a job with progress; Cancel saves no file', async ({
  appPage: page,
  app,
}) => {
  await startEmpty(page);
  // Enough outcomes that the export is still running when Cancel is pressed.
  await app.backend.store.db.transaction().execute(async (tx) => {
    for (let i = 0; i < 60; i++) {
      const id = await aParticipant(tx, { first_name: 'Exa', last_name: `Porter${i}`, reference: `SW-E3${i}` });
      // One outcome a day for 500 days (an outcome is unique by person, type and date).
      await tx
        .insertInto('outcomes')
        .values(
          Array.from({ length: 500 }, (_, d) => ({
            participant_id: id,
            outcome_type: 'job_start',
            outcome_date: new Date(Date.UTC(2024, 0, 1) + d * dayMs).toISOString().slice(0, 10),
            created_at: 'x',
            updated_at: 'x',
          })),
        )
        .execute();
    }
  });
  await openRoute(page, '#/outcomes/outcomes');
  const downloads: string[] = [];
  page.on('download', (d) => downloads.push(d.suggestedFilename()));
  await page.getByRole('button', { name: 'Export this view (xlsx)' }).click();
  const progress = page.getByRole('region', { name: 'Work in progress' });
  await expect(progress.getByRole('progressbar', { name: 'Exporting outcomes progress' })).toBeVisible();
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Export cancelled: no file was saved.')).toBeVisible();
  await noAxe(page);
  expect(downloads).toEqual([]);
  // Exporting again without cancelling saves the whole view.
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Export this view (xlsx)' }).click();
  expect((await download).suggestedFilename()).toMatch(/^outcomes-\d{4}-\d{2}-\d{2}\.xlsx$/);
});
