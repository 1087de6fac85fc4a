// Issue 20 (the first half's defaults, end to end at 1366x768): results recorded after a course
// default to the run's end date, not the day they are typed in; once every result is in, the
// Results tab offers to mark the run as completed, and doing so shows it completed.
import { test, expect, axeViolations, startWithDemo } from './fixtures';
import { formatUkDate } from '../../shared/domain/dates';

test.use({ viewport: { width: 1366, height: 768 } });

test('results default to the run’s end date and the run is offered completion when every result is in', async ({
  appPage: page,
  app,
}) => {
  await startWithDemo(page);
  const db = app.backend.store.db;
  const today = new Date().toISOString().slice(0, 10);
  // A demo run that ended a while ago, put back to "running" with its results not yet typed in:
  // the state an officer meets when the paperwork comes back after the course.
  const run = await db
    .selectFrom('course_runs')
    .innerJoin('enrolments', 'enrolments.course_run_id', 'course_runs.id')
    .select(['course_runs.id', 'course_runs.end_date'])
    .where('course_runs.status', '=', 'completed')
    .where('course_runs.end_date', '<', today)
    .where('enrolments.status', 'in', ['completed', 'not_completed'])
    .groupBy(['course_runs.id', 'course_runs.end_date'])
    .orderBy('course_runs.end_date', 'desc')
    .executeTakeFirstOrThrow();
  await db.updateTable('course_runs').set({ status: 'running' }).where('id', '=', run.id).execute();
  await db
    .updateTable('enrolments')
    .set({ status: 'enrolled', completed_on: null })
    .where('course_run_id', '=', run.id)
    .where('status', 'in', ['completed', 'not_completed'])
    .execute();
  const ended = formatUkDate(run.end_date);
  expect(ended).not.toBe(formatUkDate(today));

  await page.goto(`${app.harness.url.split('#')[0]}#/courses/${run.id}/results`);
  await page.getByRole('button', { name: 'Record results' }).click();
  await expect(page.getByLabel('Completion date')).toHaveValue(ended);
  await page.getByLabel('HS&E test scores').check();
  await expect(page.getByLabel('Test date')).toHaveValue(ended);
  // 51 of 50 is not a score: an input error, not a red "Fail".
  const firstScore = page.getByLabel(/^Score out of 50 for /).first();
  await firstScore.fill('51');
  const line = page.getByRole('row', { name: /Enter a whole number from 0 to 50/ });
  await expect(line).toHaveCount(1);
  await expect(line).not.toContainText('Fail');
  await firstScore.fill('');
  await page.getByLabel('CSCS cards').check();
  await expect(page.getByLabel('Issue date')).toHaveValue(ended);
  await page.getByLabel('Course completion').check();
  await expect(page.getByLabel('Completion date')).toHaveValue(ended);
  expect(await axeViolations(page)).toEqual([]);

  const lines = page.getByLabel(/^Course result for /);
  const n = await lines.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) await lines.nth(i).selectOption('completed');
  await page.getByRole('button', { name: 'Save course completions' }).click();
  await expect(page.getByText(`${n} result${n === 1 ? '' : 's'} recorded`).first()).toBeVisible();
  const stored = await db
    .selectFrom('enrolments')
    .select('completed_on')
    .where('course_run_id', '=', run.id)
    .where('status', '=', 'completed')
    .execute();
  expect(stored.map((e) => e.completed_on)).toEqual(Array(n).fill(run.end_date));
  await page.getByRole('button', { name: 'Close' }).click();

  const prompt = page.getByRole('status').filter({ hasText: 'Every result is in' });
  await expect(prompt).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  await prompt.getByRole('button', { name: 'Mark the run as completed' }).click();
  await expect(page.getByText('Course run marked as completed')).toBeVisible();
  await expect(prompt).toHaveCount(0);
  await expect(
    page
      .locator('.tag')
      .filter({ hasText: /^Completed$/ })
      .first(),
  ).toBeVisible();
});
