// Saving over a colleague's newer change (issue 18, record versions): the officer opens an
// outcome's "Change details", a colleague (another signed-in session on the same backend) saves
// the outcome first; the save is refused "Changed by Sam Colleague at <UK time>", the form offers
// to reload, and after the reload the officer's change saves. Keyboard and axe at 1366x768.
import { test, expect, axeViolations, startEmpty } from './fixtures';
import { aParticipant } from '../support/builders';
import { hashPassword } from '../../db/features/staff/password';

test.use({ viewport: { width: 1366, height: 768 } });

test('a save over a colleague’s change is refused with who and when, and the form offers to reload', async ({
  appPage: page,
  app,
}) => {
  await startEmpty(page);
  const db = app.backend.store.db;
  const participantId = await aParticipant(db, { first_name: 'Ola', last_name: 'Nowak', reference: 'SW-E2E003' });
  const colleague = await db
    .insertInto('staff')
    .values({
      display_name: 'Sam Colleague',
      role: 'officer',
      // Outside a demo store everyone has a password (issue 13): the colleague signs in with theirs.
      password_hash: hashPassword('sam colleague pass phrase'),
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const asColleague = async (channel: 'session.start' | 'outcomes.record' | 'outcomes.update', input: unknown) => {
    const result = await app.backend.call('colleague', channel, input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { id: number };
  };
  await asColleague('session.start', { staffId: colleague.id, password: 'sam colleague pass phrase' });
  const today = new Date().toISOString().slice(0, 10);
  const { id } = await asColleague('outcomes.record', {
    participantId,
    outcomeType: 'job_start',
    outcomeDate: today,
    hoursPerWeek: 12,
  });

  await page.evaluate((outcomeId) => {
    window.location.hash = `#/outcomes/outcomes/${outcomeId}`;
  }, id);
  await page.reload();
  await page.locator('[data-ready="true"]').waitFor();
  await expect(page.getByRole('heading', { name: 'Job start: Ola Nowak' })).toBeVisible();
  await page.getByRole('button', { name: 'Change details' }).click();
  await page.getByLabel('Hours a week').fill('20');

  // The colleague saves first.
  await asColleague('outcomes.update', { id, version: 1, outcomeDate: today, hoursPerWeek: 37.5 });

  await page.getByLabel('Hours a week').press('Enter');
  const notice = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(notice).toContainText(/Changed by Sam Colleague at \d\d\/\d\d\/\d{4} \d\d:\d\d, after you opened it/);
  expect(await axeViolations(page)).toEqual([]);
  await notice.getByRole('button', { name: 'Reload the record' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('dl.facts')).toContainText('Hours a week37.5');
  await expect(notice).toHaveCount(0);

  // Made again on the current version, the change saves.
  await page.getByRole('button', { name: 'Change details' }).click();
  await page.getByLabel('Hours a week').fill('20');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('dl.facts')).toContainText('Hours a week20');
});
