// An administrator's trust tasks, as a user meets them: staff and roles, passwords becoming
// required, the audit log and its export, backups with a preview, subject access, retention, and
// the automatic lock returning to the same page. axe-core on every section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect, axeViolations, FIRST_PASSWORD, startWithDemo } from './fixtures';
import { createBackend } from '../../db/backend/backend';
import { startHarness } from '../../db/harness/server';
import { openWithFileKeychain } from '../../db/harness/keychain-open';
import { openStore } from '../../db/store/connection';

test('staff, passwords, audit, backups, subject access, retention and auto-lock', async ({ appPage: page, app }) => {
  test.setTimeout(180_000);
  await startWithDemo(page, 'Jo Admin');
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Staff and roles', level: 2 })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Add an officer with a too-short password: the error summary links to the field.
  await page.getByLabel('Name', { exact: true }).fill('Olu Officer');
  await page.getByLabel('First password (optional)').fill('short');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('alert')).toContainText('at least 10 characters');
  await page.getByLabel('First password (optional)').fill('olu pass phrase');
  await page.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByRole('row', { name: /Olu Officer/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Sign-in and data file.
  await page.getByRole('link', { name: 'Sign-in and data file' }).click();
  await expect(page.getByLabel('Lock after this many minutes without activity')).toHaveValue('15');
  await page.getByRole('button', { name: 'Check the data file now' }).click();
  await expect(page.getByText(/Audit log: ok, [\d,]+ entries, none altered/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Audit log: filter by action and export.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByLabel('Action').selectOption('create');
  await page.getByLabel('From').fill('31/02/2026');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('alert')).toContainText('day/month/year');
  await page.getByLabel('From').fill('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page.getByRole('gridcell', { name: /Staff account Olu Officer added/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export to Excel' }).click();
  const file = await (await download).path();
  expect(fs.readFileSync(file!).subarray(0, 2).toString()).toBe('PK');

  // Backups: take one, preview it.
  await page.getByRole('link', { name: 'Backups' }).click();
  await page.getByRole('button', { name: 'Take a backup now' }).click();
  await expect(page.getByText(/Backup taken and checked/)).toBeVisible();
  await page
    .getByRole('button', { name: /Preview and restore/ })
    .first()
    .click();
  await expect(page.getByText('Passed')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Restore this backup' })).toBeDisabled();
  expect(await axeViolations(page)).toEqual([]);

  // Subject access.
  await page.getByRole('link', { name: 'Subject access' }).click();
  await page.getByLabel('Participant reference').fill('SW-999999');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('alert')).toContainText('No participant has this reference');
  await page.getByLabel('Participant reference').fill('sw-000001');
  await page.getByRole('button', { name: 'Find' }).click();
  await expect(page.getByRole('heading', { name: /\(SW-000001\)/ })).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  const sar = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export subject access bundle' }).click();
  expect((await sar).suggestedFilename()).toMatch(/^subject-access-SW-000001-.*\.zip$/);

  // Retention: a stream's date in the past puts its leavers on the worklist.
  await page.getByRole('link', { name: 'Retention' }).click();
  const firstDate = page.getByRole('textbox', { name: /Keep records of .* until/ }).first();
  await firstDate.fill('01/01/2020');
  await page
    .getByRole('button', { name: /Save retention date/ })
    .first()
    .click();
  await expect(page.getByText(/Retention date of .* saved/)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // Erasure on request: someone no submitted return counts, erased with a reason.
  const db = app.backend.store.db;
  const unclaimed = await db
    .selectFrom('participants as p')
    .select('p.reference')
    .where('p.status', 'not in', ['anonymised', 'merged'])
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('return_lines as l').select('l.id').whereRef('l.participant_id', '=', 'p.id'))),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('return_lines as l').select('l.id').whereRef('l.person_id', '=', 'p.id'))),
    )
    .orderBy('p.id')
    .executeTakeFirstOrThrow();
  await page.getByLabel('Participant reference').fill(unclaimed.reference);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`\\(${unclaimed.reference}\\)`) })).toBeVisible();
  await page.getByLabel('Why is this person erased?').fill('Erasure request by email, 3 March');
  await page.getByLabel(/I understand erasing/).check();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: `Erase ${unclaimed.reference}` }).click();
  await expect(page.getByText(new RegExp(`${unclaimed.reference} erased; the record is now ANON-`))).toBeVisible();
  const erased = await db
    .selectFrom('participants')
    .select('status')
    .where('reference', 'like', 'ANON-%')
    .executeTakeFirst();
  expect(erased?.status).toBe('anonymised');

  // Auto-lock: the backend drops the idle session; the window returns to sign-in and, after
  // signing in with the first administrator's password, to the same page.
  await page.getByRole('link', { name: 'Audit log' }).click();
  app.backend.client('harness').lastActivity = 0;
  expect(app.backend.lockIdleSessions()).toBe(1);
  await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible();
  await expect(page.getByText(/locked itself after 15 minutes/)).toBeVisible();
  await page.getByLabel(/Jo Admin/).check();
  await page.getByLabel('Password', { exact: true }).fill(FIRST_PASSWORD);
  // The messages left from the work before the lock are dismissed first, as a person would.
  const dismiss = page.getByRole('button', { name: 'Dismiss message' });
  while ((await dismiss.count()) > 0) await dismiss.first().click();
  expect(await axeViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 2 })).toBeVisible();

  // Wrong passwords: five lock the profile, and the screen says until when.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel(/Olu Officer/).check();
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await expect(page.getByRole('alert')).toContainText(/Locked until/);
});

test('a new encrypted store shows its recovery key once, to print, until it is confirmed kept', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'worksbook-e2e-recovery-'));
  const backend = await createBackend({
    file: path.join(dataDir, 'worksbook.sqlite'),
    key: { kind: 'passphrase', text: 'the office laptop passphrase' },
  });
  const harness = await startHarness({ backend, rendererDir: path.resolve('dist/renderer') });
  let closed = false;
  try {
    const recoveryKey = backend.services.keys.pendingRecoveryKey!;
    await page.goto(harness.url);
    await page.getByLabel('Your name').fill('Ada Admin');
    await page.getByLabel('Choose a password').fill('ada admin pass phrase');
    await page.getByLabel('Type the password again').fill('ada admin pass phrase');
    await page.getByRole('button', { name: 'Create my profile' }).click();

    // Straight after set-up: the key, in six groups, with a print view and the confirmation.
    await expect(page.getByRole('heading', { name: 'Keep the recovery key safe', level: 1 })).toBeVisible();
    await expect(page.getByText(recoveryKey, { exact: true })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByText(/^Worksbook recovery key for /)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Print the recovery key' })).toBeHidden();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByRole('button', { name: 'Done: do not show it again' })).toBeDisabled();
    await page.getByLabel(/I have printed or written down the recovery key/).check();
    await page.getByRole('button', { name: 'Done: do not show it again' }).click();
    await expect(page.getByRole('heading', { name: 'Your programme is empty' })).toBeVisible();

    // Not shown again: not after a reload, nor in Settings, which offers a new one instead.
    await page.goto(`${harness.url.split('#')[0]}#/settings/security`);
    await page.locator('[data-ready="true"]').waitFor();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Recovery key', level: 3 })).toBeVisible();
    await expect(page.getByText(recoveryKey)).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);

    // A new one, with the administrator's password: shown in Settings until confirmed.
    await page
      .getByRole('form', { name: 'Make a new recovery key' })
      .getByLabel('Your password')
      .fill('ada admin pass phrase');
    await page.getByRole('button', { name: 'Show a new recovery key' }).click();
    const next = page.locator('.recovery-key code');
    await expect(next).toHaveText(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
    const shownInSettings = (await next.textContent())!;
    expect(shownInSettings).not.toBe(recoveryKey);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/I have printed or written down the recovery key/).check();
    await page.getByRole('button', { name: 'Done: do not show it again' }).click();
    await expect(page.getByText('The recovery key will not be shown again.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Show a new recovery key' })).toBeVisible();

    // The sheet may have been seen: give the data file a new key. It needs the password and the
    // tick; everyone is signed out; after signing in the new recovery key is shown once.
    const newKey = page.getByRole('form', { name: 'Give the data file a new key' });
    await expect(newKey.getByRole('heading', { name: 'Give the data file a new key', level: 4 })).toBeVisible();
    await newKey.getByLabel('Your password').fill('ada admin pass phrase');
    await newKey.getByRole('button', { name: 'Give the data file a new key' }).click();
    await expect(newKey.getByRole('alert')).toContainText('Tick to confirm that everyone will be signed out');
    expect(await axeViolations(page)).toEqual([]);
    await newKey.getByLabel(/I understand everyone will be signed out/).check();
    await newKey.getByRole('button', { name: 'Give the data file a new key' }).click();
    await expect(page.getByRole('heading', { name: 'Who is working?' })).toBeVisible();
    await page.getByLabel(/Ada Admin/).check();
    await page.getByLabel('Password', { exact: true }).fill('ada admin pass phrase');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('heading', { name: 'Keep the recovery key safe', level: 1 })).toBeVisible();
    const third = (await page.locator('.recovery-key code').textContent())!;
    expect(third).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$/);
    expect(third).not.toBe(shownInSettings);
    await page.getByLabel(/I have printed or written down the recovery key/).check();
    await page.getByRole('button', { name: 'Done: do not show it again' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    closed = true;
    await harness.close();
    await backend.close();
    const file = path.join(dataDir, 'worksbook.sqlite');
    await expect(openStore({ file, key: { kind: 'recovery', key: shownInSettings } })).rejects.toThrow(
      /recovery key does not open this data file/,
    );
    await (await openStore({ file, key: { kind: 'recovery', key: third } })).close();
  } finally {
    if (!closed) {
      await harness.close();
      await backend.close();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a rebuilt laptop: the window asks for the recovery key, by keyboard, and the next start asks nothing', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'worksbook-e2e-keychain-'));
  const file = path.join(dataDir, 'worksbook.sqlite');
  // A file stands in for the OS keychain, as `npm run web -- --keychain <file>` does.
  const keychain = path.join(dataDir, 'keychain.hex');
  const rendererDir = path.resolve('dist/renderer');
  const created = await openWithFileKeychain(keychain, { file });
  const recoveryKey = created.backend!.services.keys.pendingRecoveryKey!;
  await created.backend!.close();
  // The laptop is rebuilt: the data file is back (from the old disk or a backup), the keychain entry is not.
  fs.rmSync(keychain);
  const waiting = await openWithFileKeychain(keychain, { file });
  expect(waiting.backend).toBeNull();
  let harness = await startHarness({ locked: waiting.locked!, rendererDir });
  try {
    await page.goto(harness.url);
    await expect(
      page.getByRole('heading', { name: 'Open the data file with its recovery key', level: 1 }),
    ).toBeVisible();
    await expect(
      page.getByText('This computer has no key for this data file. Type the recovery key from the sheet you printed.'),
    ).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    // Keyboard only: the field has focus; a wrong key is refused with a clear message.
    await expect(page.getByLabel('Recovery key')).toBeFocused();
    await page.keyboard.type('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText(
      'That recovery key does not open this data file. Check it against the printed copy',
    );
    await expect(page.getByRole('alert')).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    // From the error summary to the field by its link, then the right key.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('Recovery key')).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(recoveryKey.toLowerCase());
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Welcome to Worksbook', level: 1 })).toBeVisible();
    expect(fs.existsSync(keychain)).toBe(true);
  } finally {
    await harness.close();
    await harness.backend()?.close();
  }

  // Next start: the keychain entry the recovery gave opens the file; nothing is asked.
  try {
    const next = await openWithFileKeychain(keychain, { file });
    expect(next.locked).toBeNull();
    harness = await startHarness({ backend: next.backend!, rendererDir });
    await page.goto(harness.url);
    await page.locator('[data-ready="true"]').waitFor();
    await expect(page.getByRole('heading', { name: 'Welcome to Worksbook', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Recovery key')).toHaveCount(0);
  } finally {
    await harness.close();
    await harness.backend()?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a second backup folder gets a finished copy of each backup, and says how the last copy went', async ({
  appPage: page,
  app,
}) => {
  test.setTimeout(120_000);
  await page.getByLabel('Your name').fill('Jo Admin');
  await page.getByLabel('Choose a password').fill('jo admin pass phrase');
  await page.getByLabel('Type the password again').fill('jo admin pass phrase');
  await page.getByRole('button', { name: 'Create my profile' }).click();
  await expect(page.getByRole('heading', { name: 'Your programme is empty' })).toBeVisible();
  await page.goto(`${app.harness.url.split('#')[0]}#/settings/backups`);
  await expect(page.getByRole('heading', { name: 'Second backup folder', level: 3 })).toBeVisible();

  // A path that is not a full one is refused with the reason, at the field.
  await page.getByLabel('Folder (full path)').fill('backups-elsewhere');
  await page.getByRole('button', { name: 'Save the second folder' }).click();
  await expect(page.getByRole('alert')).toContainText('Give the full path of the folder');
  expect(await axeViolations(page)).toEqual([]);

  const share = path.join(app.dataDir, 'other-drive', 'worksbook');
  await page.getByLabel('Folder (full path)').fill(share);
  await page.getByRole('button', { name: 'Save the second folder' }).click();
  await expect(page.getByText(`Backups will also be copied to ${share}.`)).toBeVisible();
  await expect(page.getByText('No backup has been copied there yet')).toBeVisible();

  await page.getByRole('button', { name: 'Take a backup now' }).click();
  await expect(page.getByText(/Backup taken and checked/)).toBeVisible();
  await expect(page.getByText(/^Last copy /)).toContainText(`copied to ${share}.`);
  expect(await axeViolations(page)).toEqual([]);

  // The copy is there in full, with its keys companion, and no partial file is left behind.
  const names = fs.readdirSync(share).sort();
  expect(names).toHaveLength(2);
  expect(names[0]).toMatch(/^worksbook-.*-manual\.sqlite$/);
  expect(names[1]).toBe(`${names[0]}.keys`);
  const original = path.join(app.backend.services.backupDir, names[0]!);
  expect(fs.readFileSync(path.join(share, names[0]!)).equals(fs.readFileSync(original))).toBe(true);
});
