// A course as an officer runs it: plan a CSCS run, enrol twelve people (the twelfth goes on the
// waiting list), take two registers from the keyboard, print a sign-in sheet, record HS&E scores, cards, PPE and
// sign-offs, and see exactly the right people become site ready. axe on every screen.
import { test, expect, axeViolations, createFirstProfile, startWithDemo } from './fixtures';
import { aParticipant } from '../support/builders';
import { addDaysIso, formatUkDate } from '../../shared/domain/dates';
import { sessionDaysBetween } from '../../shared/domain/course-sessions';

test('plan a run, enrol twelve, two registers, results, site ready', async ({ appPage: page, app }) => {
  test.setTimeout(300_000);
  const db = app.backend.store.db;
  for (let i = 1; i <= 12; i++)
    await aParticipant(db, {
      first_name: 'Alex',
      last_name: `Cohort${String(i).padStart(2, '0')}`,
      eligibility_status: 'eligible',
      phone: `0770090${String(i).padStart(4, '0')}`,
    });
  await aParticipant(db, { first_name: 'Pat', last_name: 'Pending', eligibility_status: 'pending' });

  await createFirstProfile(page);
  // The shortcut works once the shell is there (a loaded machine can take a moment to show it).
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Courses', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No course runs yet' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Plan the run: an empty form names what is missing; then a week starting 14 days ago.
  await page.getByRole('button', { name: 'Plan a course run' }).click();
  // A new run's Course box shows its prompt, not an empty box.
  await expect(page.getByLabel('Course')).toHaveValue('0');
  expect(await page.getByLabel('Course').evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text)).toBe(
    'Choose a course',
  );
  await page.getByRole('button', { name: 'Plan the run' }).click();
  await expect(page.getByRole('alert')).toContainText('Choose a course from the catalogue');
  expect(await axeViolations(page)).toEqual([]);
  const today = new Date().toISOString().slice(0, 10);
  const start = addDaysIso(today, -14);
  const [day1, day2] = sessionDaysBetween(start, addDaysIso(start, 6)) as [string, string];
  await page.getByLabel('Course').selectOption({ label: 'CSCS pre-employment construction course' });
  // Over Christmas the sessions leave the bank holidays out, and the form says which.
  await page.getByLabel('Start date').fill('21/12/2026');
  await page.getByLabel('End date').fill('1/1/2027');
  await expect(page.getByText('Create a session on each working day (7 sessions)')).toBeVisible();
  await expect(page.getByText('Bank holidays left out: 25/12/2026, 28/12/2026, 01/01/2027.')).toBeVisible();
  await page.getByLabel('End date').fill('');
  await page.getByLabel('Start date').fill(formatUkDate(start));
  await page.getByLabel('End date').fill(formatUkDate(addDaysIso(start, 6)));
  await page.getByLabel('Places').fill('11');
  await page.getByLabel('Venue').fill('NHC Stevenage Centre');
  await page.getByRole('button', { name: 'Plan the run' }).click();

  // Enrol twelve from the grid: eleven places, the twelfth waits.
  await expect(page.getByRole('heading', { name: /Enrolments: 0 of 11 places taken/ })).toBeVisible();
  await page.getByRole('button', { name: 'Add people' }).click();
  await page.getByLabel('Find by name or reference').fill('Cohort');
  const grid = page.getByRole('region', { name: 'People to enrol' });
  await expect(grid.getByRole('gridcell', { name: 'Cohort12' })).toBeVisible();
  for (let i = 1; i <= 12; i++) {
    await grid
      .getByRole('row', { name: new RegExp(`Cohort${String(i).padStart(2, '0')}`) })
      .getByRole('checkbox')
      .check();
  }
  await page.getByRole('button', { name: 'Enrol 12 people' }).click();
  await expect(page.getByText('11 enrolled, 1 on the waiting list')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByRole('heading', { name: 'Waiting list (1)' })).toBeVisible();
  await expect(page.getByRole('row', { name: /1 Alex Cohort12/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Register 1: everyone present, then Cohort03 absent (with a reason) and Cohort04 late, by keyboard.
  await page.getByRole('link', { name: 'Registers' }).click();
  await expect(page.getByRole('heading', { name: `Register for Day 1, ${formatUkDate(day1)}` })).toBeVisible();
  await page.getByRole('button', { name: 'Mark everyone present' }).click();
  await expect(page.getByRole('status').filter({ hasText: '11 present' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('a');
  await page.getByLabel('Reason Alex Cohort03 was absent').fill('Jobcentre appointment');
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('l');
  await expect(page.getByRole('status').filter({ hasText: '9 present, 1 late, 1 absent' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.keyboard.press('Control+s');
  await expect(page.getByText(`Register for ${formatUkDate(day1)} saved (11 people)`)).toBeVisible();

  // Register 2: everyone present.
  await page.getByRole('button', { name: /^Day 2 / }).click();
  await page.getByRole('button', { name: 'Mark everyone present' }).click();
  await page.getByRole('button', { name: 'Save register' }).click();
  await expect(page.getByText(`Register for ${formatUkDate(day2)} saved (11 people)`)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Day 1 .*✓/ })).toBeVisible();

  // Day 2's sign-in sheet: printed alone (the app's screen left out of the page), with the eleven
  // who hold a place and not the one waiting, gone from the page after the print, and audited.
  await page.evaluate(() => {
    const w = window as unknown as { printed: Array<{ text: string; sheet: string; app: string }> };
    w.printed = [];
    window.print = () => {
      const sheet = document.querySelector<HTMLElement>('.print-sheet')!;
      const app = document.getElementById('root')!;
      w.printed.push({
        text: sheet.innerText,
        sheet: getComputedStyle(sheet).display,
        app: getComputedStyle(app).display,
      });
      window.dispatchEvent(new Event('afterprint'));
    };
  });
  await page.emulateMedia({ media: 'print' });
  await page.getByRole('button', { name: 'Print sign-in sheet' }).click();
  const printed = () => page.evaluate(() => (window as unknown as { printed: Array<Record<string, string>> }).printed);
  await expect.poll(async () => (await printed()).length).toBe(1);
  await page.emulateMedia({ media: 'screen' });
  const [sheet] = await printed();
  expect(sheet).toMatchObject({ sheet: 'block', app: 'none' });
  expect(sheet!.text).toContain('Sign-in sheet');
  expect(sheet!.text).toContain(`Day 2, ${formatUkDate(day2)}`);
  for (let i = 1; i <= 11; i++) expect(sheet!.text).toContain(`Alex Cohort${String(i).padStart(2, '0')}`);
  expect(sheet!.text).not.toContain('Cohort12');
  expect(sheet!.text).toContain('by Jo Officer');
  await expect(page.locator('.print-sheet')).toHaveCount(0);
  const prints = await db
    .selectFrom('audit_log')
    .select('summary')
    .where('action', '=', 'export')
    .where('entity', '=', 'course_session')
    .execute();
  expect(prints.map((p) => p.summary)).toEqual([
    expect.stringMatching(/^Sign-in sheet for Day 2, .* made to print \(run \d+, 11 people\)$/),
  ]);

  // Results: HS&E scores (Cohort10 fails, Cohort11 did not sit), cards for the passes, PPE, sign-off.
  await page.getByRole('link', { name: 'Results' }).click();
  await page.getByRole('button', { name: 'Record results' }).click();
  await page.getByLabel('HS&E test scores').check();
  for (let i = 1; i <= 10; i++)
    await page.getByLabel(`Score out of 50 for Alex Cohort${String(i).padStart(2, '0')}`).fill(i === 10 ? '40' : '47');
  await expect(page.getByText('Fail')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Save HS&E test scores' }).click();
  await expect(page.getByText('10 results recorded', { exact: true })).toBeVisible();

  await page.getByLabel('CSCS cards').check();
  for (let i = 1; i <= 9; i++) await page.getByLabel(`Card number for Alex Cohort0${i}`).fill(`00${i}1234567`);
  await page.getByRole('button', { name: 'Save CSCS cards' }).click();
  await expect(page.getByText('9 results recorded', { exact: true })).toBeVisible();

  await page.getByLabel('PPE issued').check();
  await page.getByLabel('Select everyone').check();
  await page.getByRole('button', { name: 'Save PPE issued' }).click();
  await expect(page.getByText('11 results recorded', { exact: true })).toBeVisible();

  await page.getByLabel('Readiness sign-off').check();
  await page.getByLabel('Select everyone').check();
  // Issue 14: Cohort10 failed HS&E (40/50) and holds no card, so cannot be signed off; the form says so.
  await page.getByRole('button', { name: 'Save readiness sign-offs' }).click();
  await expect(page.getByRole('link', { name: /Alex Cohort10: The HS&E score 40\/50/ })).toBeVisible();
  await page.getByLabel('Record for Alex Cohort10').uncheck();
  await page.getByRole('button', { name: 'Save readiness sign-offs' }).click();
  await expect(page.getByText('10 results recorded; 9 people are now site ready')).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();

  await expect(page.getByRole('heading', { name: 'Results: 9 of 11 site ready' })).toBeVisible();
  const failed = page.getByRole('row', { name: /Alex Cohort10/ });
  await expect(failed).toContainText(/Not yetStill missing: .*HS&E test pass \(last score 40\/50\)/);
  await expect(page.getByRole('row', { name: /Alex Cohort11/ })).toContainText('Not yet');
  await expect(page.getByRole('row', { name: /Alex Cohort01/ })).toContainText('Ready since');
  expect(await axeViolations(page)).toEqual([]);

  // The run's dashboard, the candidates list, the worklist, the course dashboard and the catalogue.
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.getByText('11 places taken of 11')).toBeVisible();
  await expect(page.getByText('9 passes of 10 tests taken')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  await page.goto(`${app.harness.url.split('#')[0]}#/courses/site-ready`);
  await expect(page.getByText('9 people are site ready today')).toBeVisible();
  await expect(page.getByRole('gridcell', { name: '07700900001' })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to Excel' }).click();
  expect((await download).suggestedFilename()).toMatch(/^site-ready-candidates-\d{4}-\d{2}-\d{2}\.xlsx$/);

  for (const [link, heading] of [
    ['Expiry worklist', 'Expiry worklist'],
    ['Dashboard', 'Course dashboard'],
    ['Catalogue', 'Course catalogue'],
    ['Course runs', 'Courses'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Courses sections' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  }
  await expect(page.getByRole('gridcell', { name: 'CSCS pre-employment construction course' })).toBeVisible();
});

test('on a demo programme: open a run from the grid by keyboard, edit its sessions, withdraw someone, catalogue and rule forms', async ({
  appPage: page,
}) => {
  test.setTimeout(300_000);
  await startWithDemo(page);
  await page.keyboard.press('Alt+2');
  const grid = page.getByRole('region', { name: 'Course runs' });
  await expect(grid.getByRole('gridcell', { name: 'Planned' }).first()).toBeVisible();
  await page.getByLabel('Show').selectOption('open');
  await grid.getByRole('gridcell', { name: 'Planned' }).first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Details', level: 2 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Sessions: add a Saturday catch-up session.
  await page.getByRole('button', { name: 'Change sessions' }).click();
  await page.getByRole('button', { name: 'Add a session' }).click();
  await page.getByRole('button', { name: 'Save sessions' }).click();
  await expect(page.getByRole('alert')).toContainText('enter a date');
  expect(await axeViolations(page)).toEqual([]);
  const dates = page.locator('input[placeholder="dd/mm/yyyy"]');
  await dates.last().fill('05/12/2026');
  await page.getByRole('button', { name: 'Save sessions' }).click();
  await expect(page.getByRole('heading', { name: /Sessions \(6\)/ })).toBeVisible();

  // The popular run has a waiting list: withdrawing someone offers their place to the first waiting.
  await page.getByRole('link', { name: 'Enrolments' }).click();
  await expect(page.getByRole('heading', { name: /Waiting list \(3\)/ })).toBeVisible();
  await page
    .getByRole('button', { name: /^Withdraw / })
    .first()
    .click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('Enter a reason');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Reason').fill('Started a job');
  await page.getByRole('dialog').getByRole('button', { name: 'Withdraw' }).click();
  await expect(page.getByText(/moved from the waiting list onto the run/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Waiting list \(2\)/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Withdrawn \(1\)/ })).toBeVisible();

  // Catalogue (administrator): a new course needs a name.
  await page.goto(page.url().replace(/#.*/, '#/courses/catalogue'));
  await expect(page.getByRole('heading', { name: 'Course catalogue', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Add a course' }).click();
  await page.getByRole('button', { name: 'Add the course' }).click();
  await expect(page.getByRole('alert')).toContainText('Enter name');
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('Name', { exact: true }).fill('Confined spaces awareness');
  await page.getByLabel('Typical length (days)').fill('1');
  await page.getByRole('button', { name: 'Add the course' }).click();
  await expect(page.getByRole('rowheader', { name: /Confined spaces awareness/ })).toBeVisible();
  // A course no longer offered says so under its name.
  await page.getByRole('button', { name: 'Change Confined spaces awareness' }).click();
  await page.getByLabel('Offered now (untick to hide from new runs)').uncheck();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('rowheader', { name: 'Confined spaces awareness Not offered now' })).toBeVisible();

  // The site-ready rule form (administrator).
  await page
    .getByRole('navigation', { name: 'Courses sections' })
    .getByRole('link', { name: 'Site-ready candidates' })
    .click();
  await page.getByText(/The site-ready rule/).click();
  await page.getByRole('button', { name: 'Change the rule' }).click();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('A sign-off counts for (months)').fill('0');
  await page.getByRole('button', { name: 'Save the rule' }).click();
  await expect(page.getByRole('alert')).toContainText('Months must be a whole number');
  await page.getByLabel('A sign-off counts for (months)').fill('');
  await page.getByLabel('The Level 1 Award in Health and Safety').check();
  await page.getByRole('button', { name: 'Save the rule' }).click();
  await expect(page.getByText('Site-ready rule saved and applied')).toBeVisible();
  await page.getByLabel('Show').selectOption('not-ready');
  await expect(page.getByRole('columnheader', { name: 'Missing' })).toBeVisible();
  await expect(page.getByRole('gridcell', { name: /Level 1 Award in Health and Safety/ }).first()).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});
