// A viewer's journey through a person with special-category data and notes: the details, the notes
// and the timeline show nothing special and no note text (issue 13).
import { test, expect, axeViolations, startWithDemo } from './fixtures';
import { HEALTH_CONDITION_QUESTION } from '../../shared/domain/reference-lists';

test('a viewer sees no special-category data or note text on a participant', async ({ appPage: page, app }) => {
  test.setTimeout(180_000);
  await startWithDemo(page, 'Jo Admin');
  const db = app.backend.store.db;
  // A person with a note that says something about their health.
  const person = await db
    .selectFrom('participants')
    .select(['id', 'reference'])
    .where('status', 'not in', ['anonymised', 'merged'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  // And a health answer (special category): they have a condition that limits them a lot.
  await db
    .updateTable('participants')
    .set({ health_condition: 'yes', condition_impact: 'yes_a_lot', disability: 'yes' })
    .where('id', '=', person.id)
    .execute();
  const noteText = 'Spoke about her anxiety medication';
  await db
    .insertInto('participant_notes')
    .values({ participant_id: person.id, body: noteText, created_at: '2026-11-20T10:00:00.000Z' })
    .execute();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel(/Sam Carter/).check();
  await page.getByRole('button', { name: /Continue/ }).click();
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();

  const base = page.url().replace(/#.*/, '');
  for (const tab of ['details', 'notes', 'timeline']) {
    await page.goto(`${base}#/participants/${person.id}/${tab}`);
    await expect(page.getByText(person.reference, { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByText(noteText)).toHaveCount(0);
  }
  await page.goto(`${base}#/participants/${person.id}/details`);
  await expect(page.getByText(/Special-category details .* are hidden for your role/)).toBeVisible();
  // The answer never reached the window: the box shows nothing recorded.
  const health = page.getByRole('group', { name: HEALTH_CONDITION_QUESTION });
  await expect(health).toBeVisible();
  await expect(health.getByRole('radio', { checked: true })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});
